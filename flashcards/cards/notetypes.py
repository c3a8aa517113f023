"""The note types: a frozen contract with every collection that imported our decks.

Anki matches note types by id and then by schema (field and template names, number
and order). Changing any of those strands every existing note: re-imports stop
updating. Template text and CSS may change freely. ``tests/test_identity.py`` pins
all of this.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Final

VOCAB_MODEL_ID: Final = 1797163214
CHECKLIST_MODEL_ID: Final = 1797163215

VOCAB_FIELDS: Final = (
    "Term",
    "Definition",
    "Example",
    "Hint",
    "Context",
    "Source",
    "Reverse",
    "Extra",
)
CHECKLIST_FIELDS: Final = ("Text", "Prompt", "Extra", "Hint", "Context", "Source")

# The back of a term card: where in the note it stands. Its source is already above the
# term (the front, shown again on the back), so it is not said twice.
_META: Final = (
    '{{#Context}}<div class="meta"><span class="context">{{Context}}</span></div>{{/Context}}'
)
# Where the answer starts, spelled as Anki's own templates spell it: the reviewer scrolls
# to it, and whatever reads a card's answer as text cuts there.
_ANSWER: Final = "<hr id=answer>"

_VOCAB_BACK_EXTRAS: Final = (
    '{{#Example}}<div class="example">{{Example}}</div>{{/Example}}'
    '{{#Extra}}<div class="extra">{{Extra}}</div>{{/Extra}}'
)
# The book (and chapter) above a term: "Latency" alone is ambiguous across books.
_SUBJECT: Final = '{{#Source}}<div class="subject">{{Source}}</div>{{/Source}}'
_HINT: Final = '{{#Hint}}<div class="hint">{{hint:Hint}}</div>{{/Hint}}'


@dataclass(frozen=True)
class Template:
    """One card template: its name is part of the contract, its text is not."""

    name: str
    front: str
    back: str

    def __reduce__(self) -> tuple[type[Template], tuple[str, str, str]]:
        # compiled, a frozen dataclass does not unpickle field by field: by its values
        return (Template, (self.name, self.front, self.back))


@dataclass(frozen=True)
class NoteType:
    """A note type as Anki sees it."""

    id: int
    name: str
    fields: tuple[str, ...]
    templates: tuple[Template, ...]
    is_cloze: bool

    def __reduce__(self) -> tuple[type[NoteType], tuple[object, ...]]:
        # as Template: a check's cards come back from its workers with their note type
        return (NoteType, (self.id, self.name, self.fields, self.templates, self.is_cloze))


VOCAB: Final = NoteType(
    id=VOCAB_MODEL_ID,
    name="flashcards Vocab",
    fields=VOCAB_FIELDS,
    templates=(
        Template(
            "Term → Definition",
            _SUBJECT + f'<div class="term">{{{{Term}}}}</div>{_HINT}',
            f'{{{{FrontSide}}}}{_ANSWER}<div class="definition">{{{{Definition}}}}</div>'
            f"{_VOCAB_BACK_EXTRAS}{_META}",
        ),
        Template(
            "Definition → Term",
            "{{#Reverse}}" + _SUBJECT + '<div class="card-kind">which term?</div>'
            '<div class="definition">{{Definition}}</div>{{/Reverse}}',
            f'{{{{FrontSide}}}}{_ANSWER}<div class="term">{{{{Term}}}}</div>'
            f"{_VOCAB_BACK_EXTRAS}{_META}",
        ),
    ),
    is_cloze=False,
)

CHECKLIST: Final = NoteType(
    id=CHECKLIST_MODEL_ID,
    name="flashcards Checklist",
    fields=CHECKLIST_FIELDS,
    templates=(
        Template(
            "Checklist item",
            '{{#Context}}<div class="context top">{{Context}}</div>{{/Context}}'
            f'<div class="cloze-card">{{{{cloze:Text}}}}</div>{_HINT}',
            '{{#Context}}<div class="context top">{{Context}}</div>{{/Context}}'
            # the answer side shows every step of a sequence (card.css): the list once
            '<div class="cloze-card answer-side">{{cloze:Text}}</div>'
            '{{#Extra}}<div class="extra">{{Extra}}</div>{{/Extra}}'
            '{{#Source}}<div class="meta"><span class="source">{{Source}}</span></div>{{/Source}}',
        ),
    ),
    is_cloze=True,
)

NOTE_TYPES: Final = (VOCAB, CHECKLIST)
BY_ID: Final = {note_type.id: note_type for note_type in NOTE_TYPES}


def anki_search(note_type: NoteType, deck: str, fields: tuple[str, ...] | list[str]) -> str:
    """An Anki search that finds a note: its deck and its term (or checklist prompt), e.g.
    ``"deck:Book::Chapter 01" "Term:MLOps"``."""
    key = 1 if note_type.is_cloze else 0
    return f'{_deck_search(deck)} "{note_type.fields[key]}:{_search_escape(fields[key])}"'


@functools.lru_cache(maxsize=4096)
def _deck_search(deck: str) -> str:
    return f'"deck:{_search_escape(deck)}"'


def _search_escape(text: str) -> str:
    # each replace only where its character is: most text holds none of them
    if "\\" in text:
        text = text.replace("\\", "\\\\")
    if '"' in text:
        text = text.replace('"', '\\"')
    if "*" in text:
        text = text.replace("*", "\\*")
    if "_" in text:
        text = text.replace("_", "\\_")
    return text


def card_css() -> str:
    """The shared stylesheet of both note types (light and night mode, no external assets)."""
    # package data beside the package's __init__ (a compiled module's own __file__ is not
    # where its source is; importlib.resources would find it too, for 5 ms a start)
    from flashcards import cards

    return Path(cards.__file__).with_name("card.css").read_text(encoding="utf-8")


def note_types_hash() -> str:
    """Changes whenever a template or the CSS changes."""
    data = json.dumps([[asdict(t) for t in NOTE_TYPES], card_css()], sort_keys=True)
    return hashlib.sha1(data.encode("utf-8")).hexdigest()
