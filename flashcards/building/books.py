"""Books as files: the package name of a book, and the books that Anki would not keep
apart (one package file and tag, or one deck spelled in two cases)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from flashcards.errors import Problem, Severity
from flashcards.notes.model import nfc, slugify


class Named(Protocol):
    """A note as far as its names go (a :class:`NoteSummary` or a parsed note)."""

    @property
    def path(self) -> str: ...
    @property
    def book(self) -> str: ...
    @property
    def deck(self) -> str: ...
    @property
    def book_line(self) -> int: ...


def book_clashes(notes: Sequence[Named]) -> list[Problem]:
    """Errors for different books that would share a package file and tag, or a deck
    (Anki compares deck names without regard to case)."""
    problems: list[Problem] = []
    by_slug: dict[str, Named] = {}
    by_deck: dict[str, tuple[str, Named]] = {}
    for note in notes:
        first = by_slug.setdefault(book_file(note.book), note)
        if first.book != note.book:
            problems.append(
                Problem(
                    note.path,
                    note.book_line,
                    Severity.ERROR,
                    f"book '{note.book}' and book '{first.book}' ({first.path}:{first.book_line}) "
                    f"would share the package {book_file(note.book)}.apkg and the tag "
                    f"'{book_file(note.book)}'; give one of them another name with 'book:' "
                    "in its front matter",
                )
            )
            continue
        parts = note.deck.split("::")
        for level in range(1, len(parts) + 1):
            deck = "::".join(parts[:level])
            spelled, other = by_deck.setdefault(nfc(deck).casefold(), (deck, note))
            if spelled != deck:
                problems.append(
                    Problem(
                        note.path,
                        note.book_line,
                        Severity.ERROR,
                        f"deck '{deck}' and deck '{spelled}' ({other.path}:{other.book_line}) "
                        "are one deck in Anki, which ignores case; spell them the same way "
                        "in both notes ('book:' and 'chapter:' in the front matter set them)",
                    )
                )
                break
    return problems


def book_file(book: str) -> str:
    """The file name stem of a book's package."""
    return slugify(book) or "notes"
