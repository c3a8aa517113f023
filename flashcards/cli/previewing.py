"""``preview`` and ``watch``: the cards on a page, and rebuilding on every change."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from flashcards.cli.building import run_build
from flashcards.cli.common import (
    Selection,
    notes_arguments,
    output_folder,
    output_option,
)
from flashcards.cli.console import show_problems
from flashcards.errors import Severity

mathjax_option = click.option(
    "--mathjax",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="A MathJax 3 file (tex-svg.js, from the 'mathjax' npm package) to typeset math "
    "with; without it, math shows as its TeX source.",
)


def _preview(
    selection: Selection, out: Path | None, mathjax: Path | None, live: bool, *, said: bool = False
) -> tuple[Path, bool]:
    """Write the preview page; its path, and whether a note has an error (the page lists
    it with the warnings, and shows every card of the other notes). ``said``: the build
    just before has printed the same problems, so they are not printed again."""
    from flashcards.preview.page import write_preview

    config = selection.config()
    folder = output_folder(out, config)
    try:
        made = write_preview(
            selection.notes(), folder, selection.options(config), mathjax, live=live
        )
    except OSError as exc:
        raise click.ClickException(f"cannot write to {folder}: {exc.strerror or exc}") from None
    if not said:
        show_problems(selection.console, made.problems)
    selection.console.info(f"{made.cards} cards: {made.path}")
    return made.path, any(p.severity is Severity.ERROR for p in made.problems)


@click.command(name="preview")
@notes_arguments
@output_option
@mathjax_option
@click.option("--open", "open_page", is_flag=True, help="Open the page in the default browser.")
def preview_command(
    selection: Selection, out: Path | None, mathjax: Path | None, open_page: bool
) -> None:
    """Write build/preview.html: every card of the notes in PATHS, as Anki will show it.

    \b
    Example:
      flashcards preview notes/ --open
    """
    page, failed = _preview(selection, out, mathjax, live=False)
    if open_page:
        import webbrowser

        webbrowser.open(page.resolve().as_uri())
    if failed:
        raise SystemExit(1)


@click.command(name="watch")
@notes_arguments
@output_option
@click.option("--debounce", type=click.IntRange(50, 10_000), default=300, show_default=True,
              help="Milliseconds to wait for more changes before rebuilding.")  # fmt: skip
@click.option(
    "--preview",
    "with_preview",
    is_flag=True,
    help="Also serve the preview page on 127.0.0.1; an open page shows each rebuild as "
    "soon as it is written.",
)
@mathjax_option  # fmt: skip
def watch_command(
    selection: Selection,
    out: Path | None,
    debounce: int,
    with_preview: bool,
    mathjax: Path | None,
) -> None:
    """Rebuild whenever a note or the configuration changes; stop with Ctrl-C.

    \b
    Example:
      flashcards watch notes/ -o build/ --preview
    """
    from flashcards.cli.watch import watch

    told: list[Callable[[], None]] = []  # what tells the open pages (the server's announce)

    def rebuild() -> None:
        try:
            run_build(selection, out)
            if with_preview:
                _preview(selection, out, mathjax, live=True, said=True)
                for tell in told:
                    tell()
        except click.ClickException as error:  # a bad configuration or output folder
            selection.console.fail(error.format_message())

    folder = output_folder(out, selection.config())
    if not with_preview:
        watch(
            selection.notes(), rebuild, debounce_ms=debounce, console=selection.console,
            output=folder,
        )  # fmt: skip
        return
    from flashcards.preview.server import serve

    folder.mkdir(parents=True, exist_ok=True)
    server, address = serve(folder)
    told.append(server.announce)
    selection.console.info(f"preview at {address}", err=True)
    try:
        watch(
            selection.notes(), rebuild, debounce_ms=debounce, console=selection.console,
            output=folder,
        )  # fmt: skip
    finally:
        server.shutdown()
