"""Settling a book's GUIDs: every card a GUID of its own, and a card that another note of
the book already makes (a copied note, a term defined alike in two chapters) made once.

Anki itself flags a note whose first field repeats another's of its note type; readers of
issue 32 found the same card twice in a deck, from a note saved under two names. The
first card, in the order the notes are read, is kept: its GUID and its reviews."""

from __future__ import annotations

from collections.abc import Iterable

from flashcards.cards.identity import AnkiNote, CardDraft, guid_for
from flashcards.errors import Problem, warning
from flashcards.notes.model import identity_key


def settle_guids(drafts: Iterable[CardDraft]) -> tuple[list[AnkiNote], list[Problem]]:
    """Give every draft a unique GUID, in order; report vocab defined twice for a deck,
    and leave out a card another note of the book already makes."""
    result: list[AnkiNote] = []
    problems: list[Problem] = []
    seen: dict[str, AnkiNote] = {}
    terms: dict[tuple[str, str], AnkiNote] = {}  # (book, term) -> first definition
    made: dict[tuple[str, int, str, str], AnkiNote] = {}  # the same card, by its sides
    book_keys: dict[str, str] = {}  # a book's identity key, worked out once
    for draft in drafts:
        note, guid = draft.note, draft.note.guid
        book_key = book_keys.get(note.book)
        if book_key is None:
            book_key = book_keys[note.book] = identity_key(note.book)
        if not draft.located_key and guid not in seen:
            first = terms.setdefault((book_key, identity_key(draft.label)), note)
            if first is not note and first.fields[1] != note.fields[1]:
                problems.append(_other_chapter_definition(first, draft))
        if guid in seen and not draft.located_key:
            first = seen[guid]
            problems.append(
                warning(
                    note.path,
                    note.line,
                    f"'{draft.label}' is also defined in {first.path}:{first.line} "
                    "for the same deck; that one is kept",
                )
            )
            continue
        sides = (book_key, note.note_type.id, note.fields[0], note.fields[1])
        first = made.setdefault(sides, note)
        if first is not note and first.path != note.path:
            problems.append(
                warning(
                    note.path,
                    note.line,
                    f"'{draft.label}' makes the same card as {first.path}:{first.line}; "
                    "that one is kept",
                )
            )
            continue
        number = 1
        while guid in seen:
            key = draft.located_key if number == 1 else f"{draft.located_key} #{number}"
            guid = guid_for(note.book, draft.chapter, "checklist", key)
            number += 1
        if guid != note.guid:
            note = note._replace(guid=guid)
        seen[guid] = note
        result.append(note)
    return result, problems


def _other_chapter_definition(first: AnkiNote, draft: CardDraft) -> Problem:
    """The warning for a term that another chapter of the book (``first``) defines
    differently."""
    return warning(
        draft.note.path,
        draft.note.line,
        f"'{draft.label}' is defined differently in {first.path}:{first.line} "
        f"({first.deck}); each chapter keeps its own card",
    )
