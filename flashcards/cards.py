"""Notes to Anki notes: rendered fields plus identity (GUID, deck, tags).

GUIDs come from stable keys only (book, chapter, kind, term or prompt), never from
definition text, so that an edited card updates in place on re-import.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import genanki

from .errors import Problem, warning
from .model import Note, identity_key
from .notetypes import CHECKLIST, VOCAB, NoteType
from .render import checklist_fields, vocab_fields


@dataclass(frozen=True)
class AnkiNote:
    """One note to write: what Anki stores, plus where it came from."""

    guid: str
    note_type: NoteType
    deck: str
    book: str
    fields: tuple[str, ...]
    tags: tuple[str, ...]
    card_ords: tuple[int, ...]
    path: str
    line: int

    @property
    def content_hash(self) -> str:
        """What decides whether the note changed: note type, deck, fields and tags."""
        text = "\x1e".join((str(self.note_type.id), self.deck, *self.fields, *self.tags))
        return hashlib.sha1(text.encode("utf-8")).hexdigest()

    @property
    def search(self) -> str:
        """An Anki search that finds this note, e.g. ``"deck:Book::Chapter 01" "Term:MLOps"``."""
        field = self.note_type.fields[1 if self.note_type.is_cloze else 0]
        value = self.fields[1 if self.note_type.is_cloze else 0]
        return f'"deck:{_search_escape(self.deck)}" "{field}:{_search_escape(value)}"'


def guid_for(book: str, chapter: str | None, kind: str, key: str) -> str:
    """The note GUID for a stable key; this formula is part of the identity contract."""
    return str(
        genanki.guid_for("flashcards", identity_key(book), chapter or "", kind, identity_key(key))
    )


def anki_notes(
    notes: Iterable[Note], *, reverse: bool, media: Mapping[str, Mapping[str, str]] | None = None
) -> tuple[list[AnkiNote], list[Problem]]:
    """Every Anki note of ``notes``, with GUIDs made unique; and the clashes found.

    ``media`` maps a note's path to its image map (as written -> packaged name).
    """
    result: list[AnkiNote] = []
    problems: list[Problem] = []
    seen: dict[str, AnkiNote] = {}
    for note in notes:
        images = (media or {}).get(note.path, {})
        tags = note.all_tags
        for vocab in note.vocab:
            guid = guid_for(note.book, note.chapter, "vocab", vocab.term)
            if guid in seen:
                first = seen[guid]
                problems.append(
                    warning(
                        note.path,
                        vocab.line,
                        f"'{vocab.term}' is also defined in "
                        f"{first.path}:{first.line} for the same deck; that one is kept",
                    )
                )
                continue
            fields = vocab_fields(note, vocab, reverse=reverse, media=images)
            seen[guid] = AnkiNote(
                guid,
                VOCAB,
                note.deck,
                note.book,
                fields,
                tags,
                (0, 1) if reverse else (0,),
                note.path,
                vocab.line,
            )
            result.append(seen[guid])
        for checklist in note.checklists:
            keys = (checklist.prompt, " › ".join((*checklist.context, checklist.prompt)))
            guid = next(
                (
                    g
                    for k in keys
                    if (g := guid_for(note.book, note.chapter, "checklist", k)) not in seen
                ),
                "",
            )
            number = 2
            while not guid or guid in seen:
                guid = guid_for(note.book, note.chapter, "checklist", f"{keys[1]} #{number}")
                number += 1
            fields = checklist_fields(note, checklist, media=images)
            seen[guid] = AnkiNote(
                guid,
                CHECKLIST,
                note.deck,
                note.book,
                fields,
                tags,
                tuple(range(len(checklist.items))),
                note.path,
                checklist.line,
            )
            result.append(seen[guid])
    return result, problems


def _search_escape(text: str) -> str:
    out = text
    for char in ("\\", '"', "*", "_"):
        out = out.replace(char, "\\" + char)
    return out
