"""``flashcards --version``: what this is, and what a bug report needs to know."""

from __future__ import annotations

import click

from flashcards import __version__

SUMMARY = "Markdown study notes to Anki decks that update in place"


def version_text() -> str:
    """The version, what the tool is, and what it runs on."""
    import importlib.util  # here, not at the top: every command imports this module, and
    import platform  # importlib.metadata alone took 20-30 ms of a 0.2 s build
    from importlib import metadata

    parse = importlib.util.find_spec("flashcards.notes.parse")
    compiled = parse is not None and not (parse.origin or "").endswith(".py")
    try:
        anki = f"anki {metadata.version('anki')}"
    except metadata.PackageNotFoundError:
        anki = "no anki package (sync goes through AnkiConnect; flashcards[anki] adds it)"
    return (
        f"flashcards {__version__}: {SUMMARY}\n"
        f"Python {platform.python_version()}, "
        f"{'compiled' if compiled else 'plain Python'}, {anki}"
    )


def show_version(context: click.Context, _: click.Parameter, value: bool) -> None:
    """The ``--version`` option's callback: print :func:`version_text` and stop."""
    if value and not context.resilient_parsing:
        click.echo(version_text())
        context.exit()


version_option = click.option(
    "-V", "--version", is_flag=True, expose_value=False, is_eager=True, callback=show_version,
    help="Say what this is, its version and what it runs on.",
)  # fmt: skip
