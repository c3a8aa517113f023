"""Books held back by errors: one broken note stops its own book, not the build. A held
book keeps its previous package, stamps and file records untouched (so nothing of it is
called gone, and the next build reads it again); every other book is written."""

from __future__ import annotations

import os

from flashcards.building.plan import Plan
from flashcards.building.reading import Read, cards_by_deck
from flashcards.building.report import NoteSummary
from flashcards.building.state import within


def books_in_error(read: Read, plan: Plan) -> set[str]:
    """The books (package names) that a note in error belongs to: by the note when it
    could be read, else by what the last build recorded of its file (or of the files
    under a folder that could not be read)."""
    errors = {problem.path for problem in read.report.errors}
    if not errors:
        return set()
    book_of = {r.note.path: r.note.package for _, r in read.files if r.note is not None}
    held: set[str] = set()
    for shown in errors:
        if shown in book_of:
            held.add(book_of[shown])
            continue
        absolute = os.path.abspath(shown)
        held |= {
            entry.book
            for file, entry in plan.manifest.files.items()
            if entry.book and within(file, [absolute])
        }
    return held


def without_books(read: Read, held: set[str]) -> Read:
    """``read`` less everything of the ``held`` books (its problems stay reported)."""
    report = read.report
    anki = [note for note in read.anki if note.package not in held]
    report.cards_by_deck = cards_by_deck(anki)
    report.held = sorted(held)
    files = [(path, result) for path, result in read.files if _kept(result.note, held)]
    media = {book: items for book, items in read.media.items() if book not in held}
    return Read(report, anki, media, files)


def _kept(note: NoteSummary | None, held: set[str]) -> bool:
    return note is not None and note.package not in held
