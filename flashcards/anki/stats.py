"""``flashcards stats``: the cards the user finds hardest, each traced back to its note.

Review history comes from a *copy* of the collection file (the user's file is never
opened for writing) or, while Anki runs, from AnkiConnect (``findNotes``, ``notesInfo``,
``cardsInfo``). Cards are ranked by lapses, then by how often they were answered
*again*; collections that schedule with FSRS show its difficulty instead of ease.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from flashcards.anki.ankiconnect import AnkiConnect
from flashcards.anki.collection import CollectionError
from flashcards.cards.notetypes import BY_ID, NOTE_TYPES


@dataclass(frozen=True)
class Source:
    """Where a note comes from, and what names it."""

    path: str
    line: int
    label: str


@dataclass(frozen=True)
class CardStats:
    """One card's review history."""

    label: str
    deck: str
    path: str
    line: int
    lapses: int
    again: int
    reviews: int
    ease: float | None  # percent; None under FSRS
    difficulty: float | None  # FSRS difficulty (1-10), when the collection uses FSRS

    def describe(self) -> str:
        rate = f"{round(100 * self.again / self.reviews)}%" if self.reviews else "0%"
        if self.difficulty is not None:
            grade = f"difficulty {self.difficulty:.1f}"
        else:
            grade = f"ease {self.ease:.0f}%" if self.ease else "new"
        where = f"{self.path}:{self.line}: " if self.path else ""
        return (
            f"{where}'{self.label}' lapses {self.lapses}, again {rate} of "
            f"{self.reviews} reviews, {grade}"
        )


def hardest(cards: list[CardStats], limit: int) -> list[CardStats]:
    """The ``limit`` hardest of ``cards``: most lapses, then most often answered again."""
    ranked = sorted(
        (c for c in cards if c.reviews),
        key=lambda c: (-c.lapses, -(c.again / c.reviews), -c.reviews, c.label),
    )
    return ranked[:limit]


def from_collection(
    path: Path, sources: dict[str, Source], deck: str | None = None
) -> tuple[list[CardStats], list[CardStats]]:
    """The cards of our note types in the collection at ``path`` (read from a copy), and
    apart those whose note is no longer in ``sources`` (by GUID)."""
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "collection.anki2"
        shutil.copyfile(path, copy)
        for suffix in ("-wal",):
            if Path(f"{path}{suffix}").exists():
                shutil.copyfile(f"{path}{suffix}", f"{copy}{suffix}")
        db = sqlite3.connect(copy)
        try:
            return _read(db, sources, deck)
        except sqlite3.DatabaseError as exc:
            raise CollectionError(f"{path} is not an Anki collection ({exc})") from None
        finally:
            db.close()


def _read(
    db: sqlite3.Connection, sources: dict[str, Source], deck: str | None
) -> tuple[list[CardStats], list[CardStats]]:
    fsrs = _fsrs(db)
    try:
        decks = dict(db.execute("select id, name from decks").fetchall())
    except sqlite3.OperationalError:  # an older schema keeps decks as JSON in col
        stored = json.loads(db.execute("select decks from col").fetchone()[0])
        decks = {int(key): value["name"] for key, value in stored.items()}
    answers = {
        cid: (count, again)
        for cid, count, again in db.execute(
            "select cid, count(*), sum(ease = 1) from revlog where ease > 0 group by cid"
        )
    }
    marks = ",".join("?" * len(BY_ID))
    rows = db.execute(
        "select c.id, c.ord, c.lapses, c.factor, c.data, c.did, n.guid, n.mid, n.flds "
        f"from cards c join notes n on n.id = c.nid where n.mid in ({marks})",
        list(BY_ID),
    ).fetchall()
    known: list[CardStats] = []
    unknown: list[CardStats] = []
    for cid, ord_, lapses, factor, data, did, guid, mid, fields in rows:
        name = decks.get(did, "").replace("\x1f", "::")
        if deck and not _in_deck(name, deck):
            continue
        source = sources.get(guid)
        label = source.label if source else _label(mid, fields.split("\x1f"), ord_)
        count, again = answers.get(cid, (0, 0))
        stats = CardStats(
            label,
            name,
            source.path if source else "",
            source.line if source else 0,
            lapses,
            again or 0,
            count,
            None if fsrs else factor / 10,
            _difficulty(data) if fsrs else None,
        )
        (known if source else unknown).append(stats)
    return known, unknown


def _fsrs(db: sqlite3.Connection) -> bool:
    try:
        row = db.execute("select val from config where KEY = 'fsrs'").fetchone()
    except sqlite3.OperationalError:
        return False
    return bool(row and json.loads(row[0]))


def _difficulty(data: str) -> float | None:
    try:
        value = json.loads(data or "{}").get("d")
    except (ValueError, AttributeError):
        return None
    return float(value) if isinstance(value, int | float) else None


def _label(mid: int, fields: list[str], ord_: int) -> str:
    note_type = BY_ID[mid]
    if note_type.is_cloze:
        return f"{fields[1]} (item {ord_ + 1})"
    return fields[0]


def from_ankiconnect(
    client: AnkiConnect, sources: dict[tuple[str, str], Source], deck: str | None = None
) -> tuple[list[CardStats], list[CardStats]]:
    """The same through AnkiConnect; notes are matched to ``sources`` by deck and term (or
    prompt), since AnkiConnect does not tell GUIDs."""
    names = " or ".join(f'"note:{t.name}"' for t in NOTE_TYPES)
    query = f"({names})" + (f' "deck:{deck}"' if deck else "")
    note_ids = client.call("findNotes", query=query)
    notes = client.call("notesInfo", notes=note_ids) if note_ids else []
    card_ids = [card for note in notes for card in note.get("cards", [])]
    cards = client.call("cardsInfo", cards=card_ids) if card_ids else []
    known: list[CardStats] = []
    unknown: list[CardStats] = []
    for card in cards:
        fields = {name: value["value"] for name, value in card["fields"].items()}
        is_cloze = card["modelName"] == NOTE_TYPES[1].name
        key = fields.get("Prompt" if is_cloze else "Term", "")
        source = sources.get((card["deckName"], key))
        label = f"{key} (item {card['ord'] + 1})" if is_cloze else key
        stats = CardStats(
            source.label if source and not is_cloze else label,
            card["deckName"],
            source.path if source else "",
            source.line if source else 0,
            int(card.get("lapses", 0)),
            int(card.get("lapses", 0)),
            int(card.get("reps", 0)),
            card.get("factor", 0) / 10,
            None,
        )
        (known if source else unknown).append(stats)
    return known, unknown


def as_rows(cards: list[CardStats]) -> list[dict[str, Any]]:
    """``cards`` as plain rows for JSON or CSV."""
    return [asdict(card) for card in cards]


def _in_deck(name: str, deck: str) -> bool:
    """Whether deck ``name`` is ``deck`` or under it, as Anki compares: ignoring case."""
    name, deck = name.casefold(), deck.casefold()
    return name == deck or name.startswith(deck + "::")
