"""The command line: thin commands over the library (options -> call -> output)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from . import __version__
from .build import BuildOptions, BuildReport, build, check
from .errors import BuildError

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _paths_argument(command: Callable[..., Any]) -> Callable[..., Any]:
    """The PATHS argument shared by every command: note files or folders (default notes/)."""
    return click.argument(
        "paths",
        nargs=-1,
        type=click.Path(exists=True, path_type=Path),
    )(command)


def _note_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Options that decide which notes and cards a command sees."""
    decorators = [
        click.option(
            "--skip-drafts",
            is_flag=True,
            help="Leave out notes whose front matter says 'draft: true'.",
        ),
        click.option(
            "--reverse",
            is_flag=True,
            help="Also make a definition -> term card for every vocab term.",
        ),
        click.option("--strict", is_flag=True, help="Treat warnings as errors."),
        click.option("-q", "--quiet", is_flag=True, help="Print errors only."),
    ]
    return functools.reduce(lambda cmd, deco: deco(cmd), reversed(decorators), command)


def _options(skip_drafts: bool, reverse: bool, strict: bool) -> BuildOptions:
    return BuildOptions(reverse=reverse, skip_drafts=skip_drafts, strict=strict)


def _default_paths(paths: tuple[Path, ...]) -> list[Path]:
    if paths:
        return list(paths)
    default = Path("notes")
    if not default.is_dir():
        raise click.UsageError("no notes folder here: give note files or folders as PATHS")
    return [default]


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "--version", prog_name="flashcards")
def cli() -> None:
    """Turn Markdown study notes into Anki decks that update in place.

    \b
    Example:
      flashcards build notes/ -o build/
    """


@cli.command(name="build")
@_paths_argument
@click.option(
    "-o",
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("build"),
    show_default=True,
    help="Folder for the .apkg files (one per book).",
)
@_note_options
def build_command(
    paths: tuple[Path, ...],
    out: Path,
    skip_drafts: bool,
    reverse: bool,
    strict: bool,
    quiet: bool,
) -> None:
    """Build one .apkg per book from the notes in PATHS (default: notes/).

    Every note is read and checked first; if any has an error, nothing is written.

    \b
    Example:
      flashcards build notes/ -o build/
    """
    try:
        report = build(_default_paths(paths), out, _options(skip_drafts, reverse, strict))
    except BuildError as error:
        raise click.ClickException(str(error)) from None
    _finish(report, quiet, wrote=True)


@cli.command(name="check")
@_paths_argument
@_note_options
def check_command(
    paths: tuple[Path, ...], skip_drafts: bool, reverse: bool, strict: bool, quiet: bool
) -> None:
    """Check the notes in PATHS (default: notes/) and report every problem; write nothing.

    \b
    Example:
      flashcards check notes/ --strict
    """
    report = check(_default_paths(paths), _options(skip_drafts, reverse, strict))
    _finish(report, quiet, wrote=False)


def _finish(report: BuildReport, quiet: bool, *, wrote: bool) -> None:
    """Print the problems and summary; exit 1 when there were errors."""
    for problem in report.problems:
        if problem.severity.value == "error" or not quiet:
            click.echo(str(problem), err=True)
    if report.errors:
        count = len(report.errors)
        suffix = "; nothing written" if wrote else ""
        click.echo(f"Error: {count} error{'s' if count != 1 else ''} in notes{suffix}", err=True)
        raise SystemExit(1)
    if quiet:
        return
    for message in report.messages:
        click.echo(message, err=True)
    cards = sum(report.cards_by_deck.values())
    notes = len(report.notes)
    click.echo(
        f"{notes} note{'s' if notes != 1 else ''}, {cards} card{'s' if cards != 1 else ''} "
        f"in {len(report.cards_by_deck)} deck{'s' if len(report.cards_by_deck) != 1 else ''}"
        + (f" ({report.skipped_drafts} draft(s) skipped)" if report.skipped_drafts else "")
    )
    for deck, count in sorted(report.cards_by_deck.items()):
        click.echo(f"  {deck}: {count}")
    for path in report.files:
        click.echo(f"wrote {path}")
    if report.removed:
        click.echo(
            "Gone from the notes since the last build (Anki keeps them; search and delete "
            "them there if you want):"
        )
        for stamp in report.removed:
            click.echo(f"  {stamp.search}")


def main() -> None:
    """Console entry point."""
    cli()
