"""What ``sync`` and ``stats`` print: what Anki got, and the hardest cards."""

from __future__ import annotations

import csv
import io
import json

import click

from flashcards.anki.stats import CardStats, as_rows
from flashcards.anki.sync import SyncReport
from flashcards.cli.console import Console, plural


def show_sync(console: Console, report: SyncReport, *, dry_run: bool, prune: bool) -> None:
    """What a sync did (or would do)."""
    would = "would sync" if dry_run else "synced"
    console.info(f"{would} into {report.target}")
    for message in report.messages:
        console.info(f"  {message}")
    for book in report.books:
        if book.held:
            console.info(f"  {book.book}: not imported")
        elif book.skipped:
            console.info(f"  {book.book}: unchanged since the last sync")
        else:
            scheduled = f" ({plural(book.scheduled, 'card')} with a review schedule)"
            console.info(
                f"  {book.book}: {book.added} added{scheduled if book.scheduled else ''}, "
                f"{book.updated} updated, {book.unchanged} unchanged"
                + (f", {book.adopted} taken over from Obsidian_to_Anki" if book.adopted else "")
                + (f", {book.moved} moved to their new deck" if book.moved else "")
            )
    if report.backup is not None:
        console.info(f"backup: {report.backup}")
    if report.deleted:
        console.info(f"deleted {plural(len(report.deleted), 'note')} that left your notes")
    elif report.gone and not prune:
        console.info(
            f"{plural(len(report.gone), 'note')} left your notes and stay in Anki "
            "(sync --prune deletes them):"
        )
        for note in report.gone:
            console.info(f"  {note.search}")


def show_stats(hardest: list[CardStats], gone: list[CardStats], style: str) -> None:
    """The hardest cards, and apart those whose note no longer exists."""
    if style == "json":
        rows = {"version": 1, "cards": as_rows(hardest), "without_note": as_rows(gone)}
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if style == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        columns = ["path", "line", "label", "deck", "lapses", "again", "reviews", "ease"]
        writer.writerow([*columns, "difficulty", "note"])
        for card, note in [(c, "yes") for c in hardest] + [(c, "gone") for c in gone]:
            row = [getattr(card, name) for name in columns]
            writer.writerow([*row, card.difficulty, note])
        click.echo(buffer.getvalue().rstrip("\n"))
        return
    if not hardest and not gone:
        click.echo("no reviews yet")
    for card in hardest:
        click.echo(card.describe())
    if gone:
        click.echo("Cards whose note is no longer in your notes:")
        for card in gone:
            click.echo(f"  {card.describe()}")
