"""Cards moved to the deck their note now names. Anki's import never moves a card
(ANKI_FACTS.md): after a deck's name changes (a numbered folder's name kept, a generic
heading passed over, a title edited), File -> Import updates the notes in place and
leaves their cards where they were. ``sync`` moves them: each card of a note that is
still in the deck the last sync put it in goes to the note's deck now. A card the user
moved into a deck of their own stays there."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Final

from flashcards.anki.ankiconnect import AnkiConnect

_DECK_SEARCH: Final = re.compile(r'^"deck:((?:[^"\\]|\\.)*)"')


@dataclass(frozen=True)
class Move:
    """A note whose cards leave ``old`` (the deck the last sync left them in) for ``new``."""

    note_id: int
    old: str
    new: str


def moves(recorded: dict[str, list[Any]], decks: dict[str, str]) -> list[Move]:
    """The moves due for the notes whose GUIDs map to the deck they name now
    (``decks``), from what the last sync ``recorded`` of each."""
    found = []
    for guid, deck in decks.items():
        entry = recorded.get(guid)
        if not entry or not deck:
            continue
        old = entry[5] if len(entry) > 5 else recorded_deck(str(entry[3]))
        if old and old.casefold() != deck.casefold():
            found.append(Move(int(entry[0]), old, deck))
    return found


def recorded_deck(search: str) -> str:
    """The deck an Anki search of ours names (``"deck:Book::Chapter 01" ...``), from a
    record written before the deck was kept beside it."""
    match = _DECK_SEARCH.match(search)
    return re.sub(r"\\(.)", r"\1", match.group(1)) if match else ""


def move_in_collection(col: Any, wanted: list[Move]) -> int:
    """Move the cards in a collection opened with the ``anki`` package; how many notes
    had cards moved."""
    moved = 0
    for move in wanted:
        old = col.decks.id_for_name(move.old)
        if old is None:
            continue
        cards = col.db.list("select id from cards where nid = ? and did = ?", move.note_id, old)
        if cards:
            col.set_deck(cards, col.decks.id(move.new))
            moved += 1
    return moved


def move_through_ankiconnect(client: AnkiConnect, wanted: list[Move]) -> int:
    """Move the cards through AnkiConnect (``notesInfo``, ``cardsInfo``, ``changeDeck``:
    the add-on's ``changeDeck`` makes the deck when it is missing); how many notes had
    cards moved."""
    if not wanted:
        return 0
    by_id = {move.note_id: move for move in wanted}
    infos = client.list("notesInfo", notes=sorted(by_id))
    cards = [c for info in infos if isinstance(info, dict) for c in info.get("cards") or ()]
    details = client.list("cardsInfo", cards=cards) if cards else []
    leaving: dict[str, list[int]] = {}
    notes: set[int] = set()
    for card in details:
        move = by_id.get(int(card.get("note") or 0)) if isinstance(card, dict) else None
        if move and str(card.get("deckName", "")).casefold() == move.old.casefold():
            leaving.setdefault(move.new, []).append(card["cardId"])
            notes.add(move.note_id)
    for deck, ids in leaving.items():
        client.call("changeDeck", cards=ids, deck=deck)
    return len(notes)
