"""What a card's front says it asks about: the subject a hidden part answers. ``This
layer: … [...]`` must say which layer, and a term from a lecture's ``Types of Mistakes``
(``rule-based``) must say it is a type of mistake; the back's heading path is too late
(issue 32). Headings that name nothing are left out: generic ones (``Notes``,
``Key Vocab``), and those that only date or number a part (``Day 19 - Oct 23, 2019``,
``Lecture 5``)."""

from __future__ import annotations

import re
from typing import Final

from flashcards.notes.model import identity_key
from flashcards.notes.shown import GENERIC_TITLES
from flashcards.notes.titles import numbers_only_a_chapter

_VOCAB_SECTIONS: Final = frozenset(
    {"key vocab", "key vocabulary", "vocab", "vocabulary", "glossary", "key terms", "terms",
     "definitions", "key concepts", "terminology", "words"}
)  # fmt: skip
_ONLY_WHEN: Final = re.compile(
    r"(?:\b(?:day|week|wk|lecture|lec|lesson|class|session|part|chapter|ch|module|unit|"
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*\b"
    r"|\d+|[\s.,:;/()#–—-])*",
    re.IGNORECASE,
)


def names_a_subject(heading: str) -> bool:
    """Whether a heading says what the cards under it are about."""
    words = identity_key(heading).strip(" ?:.!#").replace("'", "")
    return bool(words) and not (
        words in GENERIC_TITLES or words in _VOCAB_SECTIONS or _ONLY_WHEN.fullmatch(heading)
    )


def checklist_context(title: str, context: tuple[str, ...]) -> tuple[str, ...]:
    """The headings a checklist's front shows, after the note's title (``Lists ›
    LRANGE`` must say that it is Redis), unless the first heading is the title already
    or the title only numbers a chapter of the book (the deck says that)."""
    said = tuple(heading for heading in context if names_a_subject(heading))
    if not title or (said and said[0] == title) or numbers_only_a_chapter(title):
        return said
    return (title, *said)


def headings_unsaid(title: str, context: tuple[str, ...], term: str) -> tuple[str, ...]:
    """The headings above a term that its front does not show already (the back names
    them once, not twice)."""
    shown = _nearest(title, context, term)
    return tuple(heading for heading in context if heading not in shown)


def term_subject(title: str, context: tuple[str, ...], term: str) -> str:
    """What a term's front shows above it: the note's title and the two nearest headings
    that name a subject (``4HC3 › Human Error › Types of Mistakes``; a table's rows add
    the header of its first column when it names a kind of thing); the title alone when
    no heading does.
    A heading that is the title or the term itself is left out."""
    return " › ".join(part for part in (title, *_nearest(title, context, term)) if part)


def _nearest(title: str, context: tuple[str, ...], term: str) -> list[str]:
    own = (identity_key(title), identity_key(term))
    return [h for h in context if names_a_subject(h) and identity_key(h) not in own][-2:]
