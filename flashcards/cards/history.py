"""What other tools already know of a note's cards, carried onto its Anki notes: the
spaced-repetition plugin's review schedules, and the id of the note Obsidian_to_Anki
put into the user's Anki for that card."""

from __future__ import annotations

from typing import TYPE_CHECKING

from flashcards.notes.model import Note

if TYPE_CHECKING:
    from flashcards.cards.identity import AnkiNote

Groups = tuple[tuple[str, int, int], ...]  # (due date, interval, ease) a card, in order
History = dict[int, tuple[Groups, int]]  # by the line of a card: schedules, Anki note id


def history_of(note: Note) -> History:
    """The schedules and Anki note ids of ``note``'s cards, by the line of each card."""
    history: History = {line: (groups, 0) for line, groups in note.schedules}
    for line, anki_id in note.anki_ids:
        history[line] = (history.get(line, ((), 0))[0], anki_id)
    return history


def with_history(note: AnkiNote, history: History) -> AnkiNote:
    """``note`` with its cards' review schedules (a group a card, in the order of its
    ords; a card not yet reviewed stays new) and the Anki note it takes over."""
    groups, anki_id = history.get(note.line, ((), 0))
    ords = zip(note.card_ords, groups, strict=False)
    schedule = tuple((o, due, interval, ease) for o, (due, interval, ease) in ords if due)
    if not schedule and not anki_id:
        return note
    return note._replace(schedule=schedule, anki_id=anki_id)
