"""Books as files: the package name of a book, and the books that Anki would not keep
apart (one package file and tag, or one deck spelled in two cases)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from flashcards.errors import Problem, Severity
from flashcards.notes.model import nfc, package_name


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
    @property
    def guessed(self) -> bool: ...


def book_clashes(notes: Sequence[Named]) -> list[Problem]:
    """Errors for different books that would share a package file and tag, or a deck
    (Anki compares deck names without regard to case). Between names the tool guessed
    (from folders) they are warnings, said once: those books are simply built together."""
    problems: list[Problem] = []
    by_slug: dict[str, Named] = {}
    by_deck: dict[str, tuple[str, Named]] = {}
    told: set[tuple[str, str]] = set()
    for note in notes:
        first = by_slug.setdefault(package_name(note.book), note)
        if first.book != note.book and (note.guessed or first.guessed):
            if (first.book, note.book) not in told:
                told.add((first.book, note.book))
                problems.append(_guessed_clash(note, first))
            continue
        if first.book != note.book:
            problems.append(
                Problem(
                    note.path,
                    note.book_line,
                    Severity.ERROR,
                    f"book '{note.book}' and book '{first.book}' ({first.path}:{first.book_line}) "
                    f"would share the package {package_name(note.book)}.apkg and the tag "
                    f"'{package_name(note.book)}'; give one of them another name with 'book:' "
                    "in its front matter",
                )
            )
            continue
        parts = note.deck.split("::")
        for level in range(1, len(parts) + 1):
            deck = "::".join(parts[:level])
            spelled, other = by_deck.setdefault(nfc(deck).casefold(), (deck, note))
            if spelled != deck and (note.guessed or other.guessed):
                break  # Anki files both under one deck; the folders' names said so
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


def _guessed_clash(note: Named, first: Named) -> Problem:
    slug = package_name(note.book)
    return Problem(
        note.path,
        note.book_line,
        Severity.WARNING,
        f"book '{note.book}' (named from its folder) and book '{first.book}' ({first.path}) "
        f"share the tag '{slug}' and are built together; a 'book:' in the front matter "
        "keeps them apart",
    )
