"""The command line: thin commands over the library (options -> call -> output)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from . import __version__
from .build import BuildOptions, build, check, list_cards
from .config import Config, ConfigError, find_config
from .errors import BuildError
from .listing import FORMATS, format_rows
from .output import Console, ProgressBar

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
DEFAULT_NOTES = Path("notes")
DEFAULT_OUT = Path("build")


def _decorate(*decorators: Callable[..., Any]) -> Callable[..., Any]:
    def apply(command: Callable[..., Any]) -> Callable[..., Any]:
        return functools.reduce(lambda cmd, deco: deco(cmd), reversed(decorators), command)

    return apply


notes_arguments = _decorate(
    click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path)),
    click.version_option(__version__, "-V", "--version", prog_name="flashcards"),
    click.option(
        "--skip-drafts/--include-drafts",
        default=None,
        help="Leave out (or keep) notes with 'draft: true'. Default: keep.",
    ),
    click.option(
        "--reverse/--no-reverse",
        default=None,
        help="Also make a definition -> term card for every vocab term.",
    ),
    click.option("--strict", is_flag=True, help="Treat warnings as errors."),
    click.option("-q", "--quiet", "verbosity", flag_value=-1, help="Print errors only."),
    click.option(
        "-v",
        "--verbose",
        "verbosity",
        flag_value=1,
        default=0,
        help="Also print each note read and the build state used.",
    ),
)
output_option = click.option(
    "-o",
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder for the .apkg files, one per book. Default: 'output' from the "
    "configuration, else build/.",
)


def _setup(
    paths: tuple[Path, ...], skip_drafts: bool | None, reverse: bool | None, strict: bool
) -> tuple[list[Path], BuildOptions, Config]:
    """The notes to read, the build options (command line over configuration), the config."""
    if not paths and not DEFAULT_NOTES.is_dir():
        raise click.UsageError("no notes folder here: give note files or folders as PATHS")
    chosen = list(paths) or [DEFAULT_NOTES]
    root = next((p for p in chosen if p.is_dir()), chosen[0].parent)
    try:
        config = find_config(root)
    except ConfigError as error:
        raise click.UsageError(str(error)) from None
    options = BuildOptions(
        reverse=bool(config.reverse if reverse is None else reverse),
        skip_drafts=bool(config.skip_drafts if skip_drafts is None else skip_drafts),
        strict=strict,
        parse=config.parse_options(),
    )
    return chosen, options, config


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="flashcards")
def cli() -> None:
    """Turn Markdown study notes into Anki decks that update in place.

    \b
    Example:
      flashcards build notes/ -o build/
    """


@cli.command(name="build")
@notes_arguments
@output_option
def build_command(
    paths: tuple[Path, ...],
    out: Path | None,
    skip_drafts: bool | None,
    reverse: bool | None,
    strict: bool,
    verbosity: int,
) -> None:
    """Build one .apkg per book from the notes in PATHS (default: notes/).

    Every note is read and checked first; if any has an error, nothing is written.

    \b
    Example:
      flashcards build notes/ -o build/
    """
    console = Console(verbosity)
    notes, options, config = _setup(paths, skip_drafts, reverse, strict)
    target = out or (Path(config.output) if config.output else DEFAULT_OUT)
    options = BuildOptions(**{**vars(options), "progress": ProgressBar(console)})
    try:
        report = build(notes, target, options)
    except BuildError as error:
        raise click.ClickException(str(error)) from None
    if not console.report(report, wrote=True):
        raise SystemExit(1)


@cli.command(name="check")
@notes_arguments
def check_command(
    paths: tuple[Path, ...],
    skip_drafts: bool | None,
    reverse: bool | None,
    strict: bool,
    verbosity: int,
) -> None:
    """Check the notes in PATHS (default: notes/) and report every problem; write nothing.

    \b
    Example:
      flashcards check notes/ --strict
    """
    console = Console(verbosity)
    notes, options, _ = _setup(paths, skip_drafts, reverse, strict)
    if not console.report(check(notes, options), wrote=False):
        raise SystemExit(1)


@cli.command(name="list")
@notes_arguments
@click.option(
    "--format",
    "style",
    type=click.Choice(FORMATS),
    default="table",
    show_default=True,
    help="table for reading; json or csv for scripts.",
)
def list_command(
    paths: tuple[Path, ...],
    skip_drafts: bool | None,
    reverse: bool | None,
    strict: bool,
    verbosity: int,
    style: str,
) -> None:
    """List every card the notes in PATHS would make, without writing anything.

    \b
    Example:
      flashcards list notes/ --format json
    """
    console = Console(verbosity)
    notes, options, _ = _setup(paths, skip_drafts, reverse, strict)
    rows, problems = list_cards(notes, options)
    for problem in problems:
        console.problem(problem)
    click.echo(format_rows(rows, style))
    if any(p.severity.value == "error" for p in problems):
        raise SystemExit(1)


@cli.command(name="watch")
@notes_arguments
@output_option
@click.option(
    "--debounce",
    type=click.IntRange(50, 10_000),
    default=300,
    show_default=True,
    help="Milliseconds to wait for more changes before rebuilding.",
)
def watch_command(
    paths: tuple[Path, ...],
    out: Path | None,
    skip_drafts: bool | None,
    reverse: bool | None,
    strict: bool,
    verbosity: int,
    debounce: int,
) -> None:
    """Rebuild whenever a note or the configuration changes; stop with Ctrl-C.

    \b
    Example:
      flashcards watch notes/ -o build/
    """
    from .watch import watch

    console = Console(verbosity)
    notes, _, config = _setup(paths, skip_drafts, reverse, strict)
    target = out or (Path(config.output) if config.output else DEFAULT_OUT)

    def rebuild() -> None:
        try:
            _, options, _ = _setup(paths, skip_drafts, reverse, strict)
            console.report(build(notes, target, options), wrote=True)
        except (BuildError, click.UsageError) as error:
            console.fail(str(error))

    watch(notes, rebuild, debounce_ms=debounce, console=console)


def main() -> None:
    """Console entry point."""
    cli()
