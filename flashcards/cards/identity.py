"""Notes to Anki notes: rendered fields plus identity (GUID, deck, tags).

GUIDs come from stable keys only (book, chapter, kind, term or prompt), never from
definition text, so that an edited card updates in place on re-import.
"""

from __future__ import annotations

import functools
import hashlib
import re
import struct
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Final, NamedTuple

from flashcards.cards.history import history_of, with_history
from flashcards.cards.inline import cloze_fields, cloze_numbers
from flashcards.cards.notetypes import CHECKLIST, NOTE_TYPES, VOCAB, NoteType, anki_search
from flashcards.cards.render import checklist_fields, vocab_fields
from flashcards.notes.model import Note, identity_key


class AnkiNote(NamedTuple):
    """One note to write: what Anki stores, plus where it came from.

    ``content_hash`` decides whether the note changed (note type, deck, fields, tags);
    ``search`` is an Anki search that finds it, e.g.
    ``"deck:Book::Chapter 01" "Term:MLOps"``. Make one with :func:`anki_note`.
    """

    guid: str
    note_type: NoteType
    deck: str
    book: str
    fields: tuple[str, ...]
    tags: tuple[str, ...]
    card_ords: tuple[int, ...]
    path: str
    line: int
    content_hash: str
    search: str
    package: str = ""  # the .apkg stem it is written into
    schedule: tuple[tuple[int, str, int, int], ...] = ()  # (ord, due date, interval, ease)
    anki_id: int = 0  # the note of the user's Anki it takes over (Obsidian_to_Anki's)


def anki_note(
    guid: str,
    note_type: NoteType,
    deck: str,
    book: str,
    fields: tuple[str, ...],
    tags: tuple[str, ...],
    card_ords: tuple[int, ...],
    path: str,
    line: int,
    package: str = "",
) -> AnkiNote:
    """An :class:`AnkiNote` with its content hash and search worked out."""
    # The UTF-8 of the parts joined, encoded part by part: one field that is not Latin-1
    # (a context's "›") would make the whole joined text slow to encode
    data = b"\x1e".join(
        [str(note_type.id).encode(), deck.encode(), *_encoded(fields), *_encoded(tags)]
    )
    content_hash = hashlib.blake2b(data, digest_size=10).hexdigest()
    search = anki_search(note_type, deck, fields)
    return tuple.__new__(  # AnkiNote without its Python-level constructor: one per card
        AnkiNote,
        (guid, note_type, deck, book, fields, tags, card_ords, path, line, content_hash, search,
         package, (), 0),
    )  # fmt: skip


def _encoded(texts: tuple[str, ...]) -> list[bytes]:
    return [text.encode() for text in texts]


_HALVES: Final = struct.Struct(">II")  # a digest's first 8 bytes, as two 32-bit numbers
_BASE91: Final = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_`{|}~"
)
_PAIRS: Final = "".join(high + low for high in _BASE91 for low in _BASE91)  # 00 to 90 90


def guid_for(book: str, chapter: str | None, kind: str, key: str) -> str:
    """The note GUID for a stable key; this formula is part of the identity contract.

    It is genanki's ``guid_for("flashcards", book, chapter, kind, key)`` (the first 8
    bytes of a SHA-256, in Anki's base 91) on normalised keys, written out here so that
    workers need not import genanki; ``tests/test_identity.py`` checks that they agree.
    """
    return guid_after(_key_prefix(book, chapter or "", kind), key)


def guid_after(prefix: Any, key: str) -> str:
    """:func:`guid_for` from the hash of its key's start (``_key_prefix``), which every
    card of one kind in one chapter shares."""
    digest = prefix.copy()
    digest.update(identity_key(key).encode("utf-8"))
    high, low = _HALVES.unpack_from(digest.digest())
    return base91(high, low)


def base91(high: int, low: int) -> str:
    """``high * 2**32 + low`` in Anki's base 91, most significant digit first and without
    leading zero digits, as genanki writes it. Long division by 32-bit halves keeps every
    step on machine-sized integers (a 64-bit number is a Python object at each step), two
    digits at a time (a slice of one string of every pair: no table of 8,281 objects)."""
    pairs: list[str] = []
    while high or low:
        rest = high % 8281
        high //= 8281
        value = (rest << 32) | low
        low = value // 8281
        pair = value - low * 8281
        if pair < 91 and not high and not low:  # the first digit: no leading zero
            pairs.append(_BASE91[pair])
        else:
            pairs.append(_PAIRS[2 * pair : 2 * pair + 2])
    pairs.reverse()
    return "".join(pairs)


@functools.lru_cache(maxsize=1024)
def _key_prefix(book: str, chapter: str, kind: str) -> Any:
    """The SHA-256 of the key up to the term or prompt, copied for each note of a chapter."""
    return hashlib.sha256("__".join(("flashcards", identity_key(book), chapter, kind, "")).encode())


class CardDraft(NamedTuple):
    """A rendered note whose GUID is not settled yet.

    The note's GUID comes from the term or prompt. A repeated vocab term is dropped; a
    checklist prompt may repeat in a chapter, so its ``located_key`` (heading path and
    prompt) gives a second GUID, and a number after it a third.
    """

    note: AnkiNote
    located_key: str
    chapter: str | None
    label: str


Row = tuple[Any, ...]  # a draft as plain values: its note type by id
_TYPES: Final = {note_type.id: note_type for note_type in NOTE_TYPES}


def draft_rows(drafts: Iterable[CardDraft]) -> list[Row]:
    """``drafts`` as tuples of plain values (for ``marshal``), read back by :func:`drafts_of`."""
    return [
        (d.note[0], d.note[1].id, *d.note[2:], d.located_key, d.chapter, d.label) for d in drafts
    ]


def drafts_of(rows: Iterable[Row]) -> list[CardDraft]:
    """The drafts that :func:`draft_rows` made ``rows`` of."""
    new = tuple.__new__  # without the NamedTuples' Python-level constructors: rows are many
    drafts: list[CardDraft] = []
    for guid, type_id, *rest, located_key, chapter, label in rows:
        note = new(AnkiNote, (guid, _TYPES[type_id], *rest))
        drafts.append(new(CardDraft, (note, located_key, chapter, label)))
    return drafts


def note_drafts(
    note: Note,
    *,
    reverse: bool,
    media: Mapping[str, str] | None = None,
    sequence: str = "overlapping",
) -> list[CardDraft]:
    """The rendered Anki notes of one note (pure, per file: this is the parallel part)."""
    tags = note.all_tags
    history = history_of(note) if note.schedules or note.anki_ids else None
    new = tuple.__new__  # a CardDraft without its Python-level constructor: one per card
    drafts: list[CardDraft] = []
    vocab_key = _key_prefix(note.book, note.chapter or "", "vocab")
    for vocab in note.vocab:
        fields = vocab_fields(note, vocab, reverse=reverse, media=media)
        ords: tuple[int, ...] = (0, 1) if reverse or vocab.both else (0,)
        guid = guid_after(vocab_key, vocab.key or vocab.term)
        anki = _anki_note(note, guid, VOCAB, fields, tags, ords, vocab.line)
        anki = anki if history is None else with_history(anki, history)
        drafts.append(new(CardDraft, (anki, "", note.chapter, vocab.term)))
    checklist_key = _key_prefix(note.book, note.chapter or "", "checklist")
    for checklist in note.checklists:
        fields = checklist_fields(note, checklist, media=media, sequence=sequence)
        ords = _cloze_ords(fields[0])  # an item the front says stays in view: no card
        guid = guid_after(checklist_key, checklist.prompt)
        anki = _anki_note(note, guid, CHECKLIST, fields, tags, ords, checklist.line)
        located = " › ".join((*checklist.context, checklist.prompt))
        drafts.append(new(CardDraft, (anki, located, note.chapter, checklist.prompt)))
    cloze_key = _key_prefix(note.book, note.chapter or "", "cloze")
    for cloze in note.clozes:
        fields = cloze_fields(note, cloze, media=media)
        guid = guid_after(cloze_key, cloze.text)
        anki = _anki_note(note, guid, CHECKLIST, fields, tags, cloze_numbers(cloze), cloze.line)
        anki = anki if history is None else with_history(anki, history)
        located = " › ".join((*cloze.context, cloze.text))
        drafts.append(new(CardDraft, (anki, located, note.chapter, cloze.text)))
    return drafts


def _cloze_ords(text: str) -> tuple[int, ...]:
    """The card of each cloze number in a checklist's text (``{{c3::`` is card 2): the
    note's own text never holds one (``cloze_safe`` breaks them)."""
    return tuple(sorted({int(number) - 1 for number in _CLOZE_NUMBER.findall(text)}))


_CLOZE_NUMBER: Final = re.compile(r"\{\{c(\d+)::")


def _anki_note(
    note: Note,
    guid: str,
    note_type: NoteType,
    fields: tuple[str, ...],
    tags: tuple[str, ...],
    ords: tuple[int, ...],
    line: int,
) -> AnkiNote:
    """The Anki note of one card of ``note``, at ``line``."""
    return anki_note(
        guid, note_type, note.deck, note.book, fields, tags, ords, note.path, line, note.package
    )


_ENTRY: Final = struct.Struct(">8sI")


def term_digest(book: str, term: str) -> bytes:
    """A short digest of a (book, term) pair, for :func:`defined_terms`."""
    key = f"{identity_key(book)}\x1f{identity_key(term)}".encode()
    return hashlib.blake2b(key, digest_size=8).digest()


def defined_terms(drafts: Sequence[CardDraft]) -> bytes:
    """The vocab terms ``drafts`` define, packed as (digest of book and term, line)."""
    return b"".join(
        _ENTRY.pack(term_digest(d.note.book, d.label), d.note.line)
        for d in drafts
        if not d.located_key
    )


def unpack_terms(packed: bytes) -> Iterator[tuple[bytes, int]]:
    """The (digest, line) pairs of :func:`defined_terms`."""
    return _ENTRY.iter_unpack(packed)
