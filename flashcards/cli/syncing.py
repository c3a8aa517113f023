"""``sync`` and ``stats``: the built decks into Anki, and the hardest cards back out."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from flashcards.building.report import BuildReport
from flashcards.cli.building import run_build
from flashcards.cli.common import (
    FORMATS,
    Selection,
    ankiconnect_key_option,
    ankiconnect_option,
    notes_arguments,
    output_folder,
    output_option,
    way_into_anki,
)
from flashcards.cli.console import Console


@click.command(name="sync")
@notes_arguments
@output_option
@ankiconnect_option
@ankiconnect_key_option
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
    from flashcards.anki.locks import held, lock_paths
    from flashcards.anki.sync import sync
    from flashcards.anki.targets import IntoCollection, ThroughAnkiConnect
    from flashcards.cli.anki_reports import show_sync

    folder = output_folder(out, selection.config())
    console = selection.console
    console.pruning = prune
    try:
        anki = way_into_anki(ankiconnect_url, ankiconnect_key, profile, collection)
        target = IntoCollection(anki) if isinstance(anki, Path) else ThroughAnkiConnect(anki)
        locks = [] if dry_run else lock_paths(folder, target.key, target.collection)
        with held(locks, _notify(console)):  # a dry run writes nothing, not even a lock
            built = None if dry_run else run_build(selection, out)
            report = sync(
                folder,
                target,
                prune=prune,
                confirm=_asker(console, yes),
                dry_run=dry_run,
                untrusted=_untrusted(built),
            )
    except (AnkiConnectError, CollectionError) as error:
        raise click.ClickException(str(error)) from None
    except OSError as exc:
        raise click.ClickException(f"cannot sync: {exc.strerror or exc}") from None
    show_sync(console, report, dry_run=dry_run, prune=prune)
    if built is not None and built.errors:
        raise SystemExit(1)  # the books without errors are synced; the others wait


def _untrusted(built: BuildReport | None) -> str | None:
    """Why this sync's build gives no picture to prune on (None: it does)."""
    if built is None:
        return None  # a dry run: it only says what a sync would prune
    if built.errors:
        return "some notes have errors, and their books were not built"
    if not built.full:
        return "this sync read only part of your notes; sync all of them to prune"
    if not built.trusted_state:
        return "the build state was missing or damaged; sync again to prune"
    return None


def _notify(console: Console) -> Callable[[str], None]:
    return lambda message: console.info(message, err=True)


def _asker(console: Console, yes: bool) -> Callable[[list[Any]], bool]:
    def confirm(gone: list[Any]) -> bool:
        these = "This note" if len(gone) == 1 else f"These {len(gone)} notes"
        console.info(f"{these} left your notes and will be deleted from Anki:")
        for note in gone:
            console.info(f"  {note.search}")
        if yes:
            return True
        if not sys.stdin.isatty():
            console.info("nothing deleted: no terminal to ask on (add --yes to delete)")
            return False
        return click.confirm("Delete them?", default=False)

    return confirm


@click.command(name="stats")
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
@ankiconnect_key_option
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
    ankiconnect_key: str | None,
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
    from flashcards.cli.anki_reports import show_stats

    _, notes, _ = read_cards(selection.notes(), selection.options(selection.config()))
    by_guid = {
        n.guid: Source(n.path, n.line, n.fields[1] if n.note_type.is_cloze else n.fields[0])
        for n in notes
    }
    try:
        anki = way_into_anki(ankiconnect_url, ankiconnect_key, profile, collection)
        if isinstance(anki, Path):
            known, gone = from_collection(anki, by_guid, deck)
        else:
            by_key = {(n.deck, by_guid[n.guid].label): by_guid[n.guid] for n in notes}
            known, gone = from_ankiconnect(anki, by_key, deck)
    except (AnkiConnectError, CollectionError, OSError) as error:
        raise click.ClickException(str(error)) from None
    show_stats(hardest(known, limit), hardest(gone, limit), style)
