"""Writing ``.apkg`` files: note types, decks, notes and media, reproducibly and atomically.

genanki supplies the collection schema and the note type JSON; the rows are written
here in bulk so that each note keeps its own modification time and equal inputs give
byte-identical files.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import html
import json
import re
import sqlite3
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Final, NamedTuple

from flashcards.building.archive import zip_bytes
from flashcards.cards.identity import AnkiNote
from flashcards.cards.notetypes import NoteType, card_css
from flashcards.notes.media import Media

_TAG: Final = re.compile(r"<[^>]*>")


class StampedNote(NamedTuple):
    """An Anki note with the id and modification time it is written with."""

    note: AnkiNote
    id: int
    mod: int


@functools.lru_cache(maxsize=4096)
def deck_id(name: str) -> int:
    """A deck id derived from the deck name (Anki matches decks by name)."""
    digest = hashlib.sha256(name.casefold().encode("utf-8")).digest()
    return (1 << 30) + int.from_bytes(digest[:4], "big") % (1 << 30)


def model_json(note_type: NoteType, mod: int, default_deck: int) -> dict[str, Any]:
    """Anki's JSON for ``note_type``, as genanki builds it."""
    return {**_genanki_model_json(note_type), "mod": mod, "did": default_deck}


@functools.cache
def _genanki_model_json(note_type: NoteType) -> dict[str, Any]:
    """genanki's JSON for a note type (computed once: its ``req`` renders every template)."""
    import genanki  # here, not at the top: parsing workers never need it

    model = genanki.Model(
        note_type.id,
        note_type.name,
        fields=[{"name": name} for name in note_type.fields],
        templates=[{"name": t.name, "qfmt": t.front, "afmt": t.back} for t in note_type.templates],
        css=card_css(),
        model_type=genanki.Model.CLOZE if note_type.is_cloze else genanki.Model.FRONT_BACK,
    )
    return dict(model.to_json(0, None))


def note_type_hash(note_type: NoteType) -> str:
    """Changes whenever the templates or the CSS change, so Anki takes the new ones."""
    data = json.dumps([asdict(note_type), card_css()], sort_keys=True)
    return hashlib.sha1(data.encode("utf-8")).hexdigest()


def apkg_bytes(
    notes: Sequence[StampedNote],
    note_types: Sequence[tuple[NoteType, int]],
    media: Sequence[Media] = (),
) -> bytes:
    """The ``.apkg`` for ``notes``; ``note_types`` pairs each type with its ``mod``."""
    names = {n.note.deck for n in notes}
    decks = sorted(names | _parents(names))
    db = sqlite3.connect(":memory:")
    try:
        db.deserialize(_empty_collection())
        all_decks = json.loads(_default_decks())
        for name in decks:
            all_decks[str(deck_id(name))] = _deck_json(name)
        first_deck = deck_id(decks[0]) if decks else 1
        db.execute(
            "UPDATE col SET decks = ?, models = ?",
            (json.dumps(all_decks), _models_json(tuple(note_types), first_deck)),
        )
        # The columns every row shares are constants of the statement, not parameters
        db.executemany("INSERT INTO notes VALUES (?,?,?,?,-1,?,?,?,?,0,'')", map(_note_row, notes))
        taken = [(str(n.note.anki_id), n.id) for n in notes if n.note.anki_id]
        if taken:  # the note of the user's Anki each takes over, for sync (Anki ignores it)
            db.executemany("UPDATE notes SET data = ? WHERE id = ?", taken)
        rows, reviews = _card_rows(notes)
        db.executemany("INSERT INTO cards VALUES (?,?,?,?,?,-1,0,0,?,0,0,0,0,0,0,0,0,'')", rows)
        if reviews:  # review cards (type and queue 2): due day, interval, ease in permille
            db.executemany(
                "INSERT INTO cards VALUES (?,?,?,?,?,-1,2,2,?,?,?,0,0,0,0,0,0,'')", reviews
            )
        db.executescript(_indexes())  # after the rows: one sort instead of many inserts
        db.commit()
        collection = db.serialize()
    finally:
        db.close()
    return _zip(collection, media)


def prepare(note_types: Sequence[tuple[NoteType, int]]) -> None:
    """Work out once what every package shares (the empty collection, the note types'
    JSON), so that workers forked after this inherit it instead of each redoing it."""
    _default_decks()
    for note_type, _ in note_types:
        _genanki_model_json(note_type)


@functools.cache
def _empty_collection() -> bytes:
    """An empty collection (tables and the ``col`` row, no indexes yet), made once."""
    from genanki.apkg_col import APKG_COL
    from genanki.apkg_schema import APKG_SCHEMA

    db = sqlite3.connect(":memory:")
    try:
        db.executescript(APKG_SCHEMA.replace(_indexes(), ""))
        db.executescript(APKG_COL)
        db.commit()
        return db.serialize()
    finally:
        db.close()


@functools.cache
def _indexes() -> str:
    """The collection schema's ``CREATE INDEX`` statements."""
    from genanki.apkg_schema import APKG_SCHEMA

    return str(APKG_SCHEMA[APKG_SCHEMA.index("CREATE INDEX") :])


@functools.cache
def _default_decks() -> str:
    """The ``decks`` JSON of an empty collection (Anki's default deck)."""
    db = sqlite3.connect(":memory:")
    try:
        db.deserialize(_empty_collection())
        (decks,) = db.execute("SELECT decks FROM col").fetchone()
        return str(decks)
    finally:
        db.close()


@functools.lru_cache(maxsize=4096)
def _deck_json(name: str) -> dict[str, Any]:
    import genanki  # here, not at the top: parsing workers never need it

    return dict(genanki.Deck(deck_id(name), name).to_json())


@functools.lru_cache(maxsize=64)
def _models_json(note_types: tuple[tuple[NoteType, int], ...], first_deck: int) -> str:
    return json.dumps({str(t.id): model_json(t, mod, first_deck) for t, mod in note_types})


@dataclass(frozen=True, slots=True)
class Package:
    """One ``.apkg`` to write: where, which notes, which media."""

    path: Path
    notes: Sequence[StampedNote]
    media: Sequence[Media]


PACKAGE_FORMAT: Final = "flashcards-apkg-2"  # change when apkg_bytes writes anything differently


def package_fingerprint(package: Package, note_types: Sequence[tuple[NoteType, int]]) -> str:
    """Equal exactly when :func:`apkg_bytes` would write the same bytes for ``package``."""
    digest = hashlib.blake2b(PACKAGE_FORMAT.encode(), digest_size=16)
    for note_type, mod in note_types:
        digest.update(f"{note_type.id}:{mod}\x1e".encode())
    ords: dict[tuple[int, ...], str] = {}  # each card_ords tuple's text, worked out once
    rows: list[str] = []
    for note, id_, mod in package.notes:
        shown = ords.get(note.card_ords)
        if shown is None:
            shown = ords[note.card_ords] = str(note.card_ords)
        rows.append(f"{note.guid}\x1f{note.content_hash}\x1f{id_}\x1f{mod}\x1f{shown}\x1e")
        if note.schedule or note.anki_id:
            rows.append(f"{note.schedule}\x1f{note.anki_id}\x1e")
    digest.update("".join(rows).encode())
    for media in sorted(package.media, key=lambda m: m.name):
        digest.update(f"{media.name}\x1e".encode())  # the name holds a hash of the bytes
    return digest.hexdigest()


def _parents(decks: set[str]) -> set[str]:
    return {"::".join(d.split("::")[:i]) for d in decks for i in range(1, d.count("::") + 1)}


def _note_row(stamped: StampedNote) -> tuple[Any, ...]:
    """A ``notes`` row without the columns every row shares (usn, flags, data)."""
    note = stamped.note
    sort_field = note.fields[0]
    if "<" in sort_field:
        sort_field = _TAG.sub("", sort_field)
    if "&" in sort_field:
        sort_field = html.unescape(sort_field)
    checksum = int.from_bytes(hashlib.sha1(sort_field.encode("utf-8")).digest()[:4])
    tags = f" {' '.join(note.tags)} " if note.tags else ""
    return (
        stamped.id,
        note.guid,
        note.note_type.id,
        stamped.mod,
        tags,
        "\x1f".join(note.fields),
        sort_field,
        checksum,
    )


def _card_rows(notes: Sequence[StampedNote]) -> tuple[list[tuple[int, ...]], list[tuple[int, ...]]]:
    """The ``cards`` rows of ``notes`` without the columns every new card shares: id,
    note, deck, template, time and position (new cards are shown in note order); and
    apart those of cards with a review schedule: id, note, deck, template, time, due
    day, interval and ease."""
    rows: list[tuple[int, ...]] = []
    reviews: list[tuple[int, ...]] = []
    used: set[int] = set()
    next_free = max((n.id for n in notes), default=0) + 1_000_000
    deck, did = "", 0
    for position, stamped in enumerate(notes):
        if stamped.note.deck != deck:  # a chapter's notes come together: one lookup each
            deck = stamped.note.deck
            did = deck_id(deck)
        for ord_ in stamped.note.card_ords:
            card_id = stamped.id + ord_
            if card_id in used:
                card_id, next_free = next_free, next_free + 1
            used.add(card_id)
            schedule = _schedule_of(stamped.note, ord_) if stamped.note.schedule else None
            if schedule is None:
                rows.append((card_id, stamped.id, did, ord_, stamped.mod, position))
            else:
                reviews.append((card_id, stamped.id, did, ord_, stamped.mod, *schedule))
    return rows, reviews


def _schedule_of(note: AnkiNote, ord_: int) -> tuple[int, int, int] | None:
    """A card's review schedule as Anki keeps it: the day it is due (counted from the
    package collection's creation, as Anki counts days: in local time, from 4 a.m.),
    its interval in days and its ease in permille."""
    for scheduled, due, interval, ease in note.schedule:
        if scheduled == ord_:
            day = (datetime.date.fromisoformat(due) - _creation_day()).days
            return day, max(1, interval), ease * 10
    return None


@functools.cache
def _creation_day() -> datetime.date:
    """The day the package's collection was made, as Anki counts it (``crt``)."""
    db = sqlite3.connect(":memory:")
    try:
        db.deserialize(_empty_collection())
        (created,) = db.execute("SELECT crt FROM col").fetchone()
    finally:
        db.close()
    return (datetime.datetime.fromtimestamp(created) - datetime.timedelta(hours=4)).date()


def _zip(collection: bytes, media: Sequence[Media]) -> bytes:
    ordered = sorted(media, key=lambda m: m.name)
    index = {str(i): m.name for i, m in enumerate(ordered)}
    entries = [("collection.anki2", collection), ("media", json.dumps(index).encode())]
    entries += [(str(i), m.data) for i, m in enumerate(ordered)]
    return zip_bytes(entries)
