"""The command line: thin commands over the library (options -> call -> output)."""

from __future__ import annotations

import contextlib
import functools
import os
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, NoReturn

import click

from flashcards import __version__
from flashcards.cli.console import Console, ProgressBar
from flashcards.errors import BuildError, Severity
from flashcards.notes.config import Config, ConfigError, find_config
from flashcards.options import BuildOptions

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
DEFAULT_NOTES = Path("notes")
DEFAULT_OUT = Path("build")
FORMATS = ("table", "json", "csv")  # of list and stats


@dataclass(frozen=True)
class Selection:
    """What the shared options of every command chose: which notes, how, how loudly."""

    paths: tuple[Path, ...]
    skip_drafts: bool | None
    reverse: bool | None
    strict: bool
    console: Console

    def notes(self) -> list[Path]:
        """The note files and folders to read (``notes/`` when none were given)."""
        if not self.paths and not DEFAULT_NOTES.is_dir():
            raise click.UsageError("no notes folder here: give note files or folders as PATHS")
        return list(self.paths) or [DEFAULT_NOTES]

    def config(self) -> Config:
        """The configuration beside the notes (read anew on each call, for watch)."""
        notes = self.notes()
        root = next((p for p in notes if p.is_dir()), notes[0].parent)
        try:
            return find_config(root)
        except ConfigError as error:
            raise click.UsageError(str(error)) from None

    def options(self, config: Config) -> BuildOptions:
        """Build options: the command line wins over the configuration."""
        return BuildOptions(
            reverse=bool(config.reverse if self.reverse is None else self.reverse),
            skip_drafts=bool(config.skip_drafts if self.skip_drafts is None else self.skip_drafts),
            strict=self.strict,
            parse=config.parse_options(),
            max_image_bytes=config.max_image_bytes(),
            sequence=config.sequence or "overlapping",
            notify=functools.partial(self.console.info, err=True),
        )


def notes_arguments(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add PATHS and the options every command shares; pass them on as ``selection``."""

    @functools.wraps(command)
    def run(**kwargs: Any) -> Any:
        selection = Selection(
            paths=kwargs.pop("paths"),
            skip_drafts=kwargs.pop("skip_drafts"),
            reverse=kwargs.pop("reverse"),
            strict=kwargs.pop("strict"),
            console=Console(kwargs.pop("verbosity")),
        )
        return command(selection, **kwargs)

    decorators = [
        click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path)),
        click.version_option(__version__, "-V", "--version", prog_name="flashcards"),
        click.option("--skip-drafts/--include-drafts", default=None,
                     help="Leave out (or keep) notes with 'draft: true'. Default: keep."),
        click.option("--reverse/--no-reverse", default=None,
                     help="Also make a definition -> term card for every vocab term."),
        click.option("--strict", is_flag=True, help="Treat warnings as errors."),
        click.option("-q", "--quiet", "verbosity", flag_value=-1, help="Print errors only."),
        click.option("-v", "--verbose", "verbosity", flag_value=1, default=0,
                     help="Also print each note read."),
    ]  # fmt: skip
    return functools.reduce(lambda cmd, deco: deco(cmd), reversed(decorators), run)


output_option = click.option(
    "-o",
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder for the .apkg files, one per book. Default: 'output' from the "
    "configuration, else build/.",
)


def _output(out: Path | None, config: Config) -> Path:
    return out or (Path(config.output) if config.output else DEFAULT_OUT)


def _build(selection: Selection, out: Path | None) -> bool:
    """One build with its report printed; False when it failed. When nothing changed,
    the Markdown pipeline is not even imported: a scan of sizes and times says so."""
    from flashcards.building.plan import make_plan, unchanged_report

    config = selection.config()
    options = replace(selection.options(config), progress=ProgressBar(selection.console))
    folder = _output(out, config)
    try:
        plan = make_plan(selection.notes(), folder, options)
        if plan.nothing_to_do:
            from flashcards.building.outfolder import tidy

            tidy(folder)
            report = unchanged_report(plan)
        else:
            from flashcards.building.builder import build

            report = build(selection.notes(), folder, options, plan)
    except BuildError as error:
        raise click.ClickException(str(error)) from None
    return selection.console.report(report, wrote=True)


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
def build_command(selection: Selection, out: Path | None) -> None:
    """Build one .apkg per book from the notes in PATHS (default: notes/).

    Every note is read and checked first; if any has an error, nothing is written.

    \b
    Example:
      flashcards build notes/ -o build/
    """
    if not _build(selection, out):
        raise SystemExit(1)


@cli.command(name="check")
@notes_arguments
def check_command(selection: Selection) -> None:
    """Check the notes in PATHS (default: notes/) and report every problem; write nothing.

    \b
    Example:
      flashcards check notes/ --strict
    """
    from flashcards.building.builder import check

    report = check(selection.notes(), selection.options(selection.config()))
    if not selection.console.report(report, wrote=False):
        raise SystemExit(1)


@cli.command(name="list")
@notes_arguments
@click.option("--format", "style", type=click.Choice(FORMATS), default="table",
              show_default=True, help="table for reading; json or csv for scripts.")  # fmt: skip
def list_command(selection: Selection, style: str) -> None:
    """List every card the notes in PATHS would make, without writing anything.

    \b
    Example:
      flashcards list notes/ --format json
    """
    from flashcards.building.builder import list_cards
    from flashcards.cards.rows import format_rows

    rows, problems = list_cards(selection.notes(), selection.options(selection.config()))
    for problem in problems:
        selection.console.problem(problem)
    click.echo(format_rows(rows, style))
    if any(p.severity.value == "error" for p in problems):
        raise SystemExit(1)


mathjax_option = click.option(
    "--mathjax",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="A MathJax 3 file (tex-svg.js, from the 'mathjax' npm package) to typeset math "
    "with; without it, math shows as its TeX source.",
)


def _preview(
    selection: Selection, out: Path | None, mathjax: Path | None, live: bool
) -> tuple[Path, bool]:
    """Write the preview page; its path, and whether a note has an error (the page lists
    it with the warnings, and shows every card of the other notes)."""
    from flashcards.preview.page import write_preview

    config = selection.config()
    folder = _output(out, config)
    try:
        made = write_preview(
            selection.notes(), folder, selection.options(config), mathjax, live=live
        )
    except OSError as exc:
        raise click.ClickException(f"cannot write to {folder}: {exc.strerror or exc}") from None
    for problem in made.problems:
        selection.console.problem(problem)
    selection.console.info(f"{len(made.cards)} cards: {made.path}")
    return made.path, any(p.severity is Severity.ERROR for p in made.problems)


@cli.command(name="preview")
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


@cli.command(name="watch")
@notes_arguments
@output_option
@click.option("--debounce", type=click.IntRange(50, 10_000), default=300, show_default=True,
              help="Milliseconds to wait for more changes before rebuilding.")  # fmt: skip
@click.option(
    "--preview",
    "with_preview",
    is_flag=True,
    help="Also serve the preview page on 127.0.0.1 and reload it after each rebuild.",
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

    def rebuild() -> None:
        try:
            _build(selection, out)
            if with_preview:
                _preview(selection, out, mathjax, live=True)
        except click.ClickException as error:  # a bad configuration or output folder
            selection.console.fail(error.format_message())

    if not with_preview:
        watch(selection.notes(), rebuild, debounce_ms=debounce, console=selection.console)
        return
    from flashcards.preview.page import serve

    folder = _output(out, selection.config())
    folder.mkdir(parents=True, exist_ok=True)
    server, address = serve(folder)
    selection.console.info(f"preview at {address}", err=True)
    try:
        watch(selection.notes(), rebuild, debounce_ms=debounce, console=selection.console)
    finally:
        server.shutdown()


ankiconnect_option = click.option(
    "--ankiconnect",
    "ankiconnect_url",
    default=None,
    metavar="URL",
    help="AnkiConnect's address. Default: ANKICONNECT_URL, else http://127.0.0.1:8765.",
)


def _anki(url: str | None, key: str | None, profile: str | None, collection: Path | None) -> Any:
    """The way into Anki: AnkiConnect when Anki answers there (and no collection file was
    asked for), else the collection file (an :class:`AnkiConnect` or a :class:`Path`)."""
    from flashcards.anki.ankiconnect import AnkiConnect
    from flashcards.anki.collection import profile_collection

    client = AnkiConnect(url, key)
    if collection is None and profile is None and client.available():
        return client
    return collection or profile_collection(profile)


@cli.command(name="sync")
@notes_arguments
@output_option
@ankiconnect_option
@click.option(
    "--ankiconnect-key",
    default=None,
    metavar="KEY",
    help="AnkiConnect's API key, if it has one. Default: ANKICONNECT_KEY.",
)
@click.option(
    "--profile",
    default=None,
    help="With Anki closed: the profile whose collection to write "
    "(default: the only one, or 'User 1').",
)
@click.option(
    "--collection",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="With Anki closed: the collection file to write.",
)
@click.option(
    "--prune",
    is_flag=True,
    help="Also delete from Anki the notes of cards that left the notes (asks first).",
)
@click.option("--yes", is_flag=True, help="Prune without asking.")
@click.option("--dry-run", is_flag=True, help="Say what would happen; build and touch nothing.")
def sync_command(
    selection: Selection,
    out: Path | None,
    ankiconnect_url: str | None,
    ankiconnect_key: str | None,
    profile: str | None,
    collection: Path | None,
    prune: bool,
    yes: bool,
    dry_run: bool,
) -> None:  # fmt: skip
    """Build, then bring every changed package into Anki: through AnkiConnect while Anki
    runs, else into the collection file (Anki closed; a backup first).

    \b
    Example:
      flashcards sync notes/ --prune
    """
    from flashcards.anki.ankiconnect import AnkiConnectError
    from flashcards.anki.collection import CollectionError
    from flashcards.anki.sync import IntoCollection, ThroughAnkiConnect, sync

    if not dry_run and not _build(selection, out):
        raise SystemExit(1)
    folder = _output(out, selection.config())
    console = selection.console
    try:
        anki = _anki(ankiconnect_url, ankiconnect_key, profile, collection)
        target = IntoCollection(anki) if isinstance(anki, Path) else ThroughAnkiConnect(anki)
        report = sync(folder, target, prune=prune, confirm=_asker(console, yes), dry_run=dry_run)
    except (AnkiConnectError, CollectionError) as error:
        raise click.ClickException(str(error)) from None
    except OSError as exc:
        raise click.ClickException(f"cannot sync: {exc.strerror or exc}") from None
    console.sync(report, dry_run=dry_run, prune=prune)


def _asker(console: Console, yes: bool) -> Callable[[list[Any]], bool]:
    def confirm(gone: list[Any]) -> bool:
        console.info(f"These {len(gone)} notes left your notes and will be deleted from Anki:")
        for note in gone:
            console.info(f"  {note.search}")
        if yes:
            return True
        if not sys.stdin.isatty():
            console.info("nothing deleted: no terminal to ask on (add --yes to delete)")
            return False
        return click.confirm("Delete them?", default=False)

    return confirm


@cli.command(name="stats")
@notes_arguments
@click.option(
    "--limit",
    type=click.IntRange(1),
    default=20,
    show_default=True,
    help="How many of the hardest cards to list.",
)
@click.option(
    "--format",
    "style",
    type=click.Choice(FORMATS),
    default="table",
    show_default=True,
    help="table for reading; json or csv for scripts.",
)
@click.option("--deck", default=None, help="Only cards in this deck (and its subdecks).")
@ankiconnect_option
@click.option("--profile", default=None, help="With Anki closed: the profile to read.")
@click.option(
    "--collection",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="With Anki closed: the collection file to read (a copy is read).",
)
def stats_command(
    selection: Selection,
    limit: int,
    style: str,
    deck: str | None,
    ankiconnect_url: str | None,
    profile: str | None,
    collection: Path | None,
) -> None:  # fmt: skip
    """List the cards you find hardest, each with the note line it comes from.

    \b
    Example:
      flashcards stats notes/ --limit 10
    """
    from flashcards.anki.ankiconnect import AnkiConnectError
    from flashcards.anki.collection import CollectionError
    from flashcards.anki.stats import Source, from_ankiconnect, from_collection, hardest
    from flashcards.building.builder import read_cards

    _, notes, _ = read_cards(selection.notes(), selection.options(selection.config()))
    by_guid = {
        n.guid: Source(n.path, n.line, n.fields[1] if n.note_type.is_cloze else n.fields[0])
        for n in notes
    }
    try:
        anki = _anki(ankiconnect_url, None, profile, collection)
        if isinstance(anki, Path):
            known, gone = from_collection(anki, by_guid, deck)
        else:
            by_key = {(n.deck, by_guid[n.guid].label): by_guid[n.guid] for n in notes}
            known, gone = from_ankiconnect(anki, by_key, deck)
    except (AnkiConnectError, CollectionError, OSError) as error:
        raise click.ClickException(str(error)) from None
    selection.console.stats(hardest(known, limit), hardest(gone, limit), style)


def main() -> None:
    """Console entry point: Ctrl-C ends any command with one line and status 130."""
    try:
        code = cli.main(standalone_mode=False)
    except (KeyboardInterrupt, click.exceptions.Abort):
        _interrupted()
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    sys.exit(code if isinstance(code, int) else 0)


def _interrupted() -> NoReturn:
    """Stop at once after Ctrl-C. Temporary files are already removed by then (every
    write cleans up on the way out), so nothing is left half-written; ``os._exit`` skips
    the shutdown hooks that would wait for worker processes and print their tracebacks."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with contextlib.suppress(Exception):
        sys.stdout.flush()
        click.echo("interrupted", err=True)
        sys.stderr.flush()
    os._exit(130)
