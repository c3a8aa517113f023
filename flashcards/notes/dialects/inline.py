"""Card syntax that other tools read inside notes, found before the Markdown is read.

- A note opts in as those tools ask: a ``#flashcards`` tag (``#flashcards/deck/sub``
  also names the deck) in its text or its front matter's tags, or ``inline_cards: true``
  in the configuration. Its ``Q::A`` lines, ``?`` blocks and clozes are then cards
  (:mod:`flashcards.notes.extract.inline`).
- Obsidian_to_Anki blocks (``START`` / a note type / ``Front:`` ``Back:`` or ``Text:`` /
  ``END``) are cards in any note; they are taken out of the text here, and so are its
  ``TARGET DECK`` (which names the note's deck) and ``FILE TAGS`` lines.
- The markers those tools leave never reach a card: ``<!--ID: 123-->``,
  ``<!--SR:!2024-01-05,3,250-->``, ``#card`` and ``#flashcards...`` tags.

Line for line (a block's lines become blank); code is untouched.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from flashcards.notes.dialects.lines import code_lines
from flashcards.notes.marks import may_hold

_TAG: Final = re.compile(r"(?<![\w/&#])#(?:flashcards(?P<deck>/[\w/-]+)?|cards?)(?![\w/-])")
_OPT_IN: Final = re.compile(r"(?<![\w/&#])#flashcards(?P<deck>/[\w/-]+)?(?![\w/-])")
# A review marker's text holds no ``<`` and ends on a non-space: each opening is read up
# to the next one at most, and a run of spaces once
_MARKER: Final = re.compile(r"<!--\s*(?:ID:\s*\d+|SR:(?:[^<>]*?[^\s<>])??)\s*-->")
_FIELD: Final = re.compile(r"^(?P<name>[A-Za-z][\w ]{0,30}):[ \t]?(?P<value>.*)$")
_TYPES: Final = {"basic": "basic", "basic (and reversed card)": "both", "cloze": "cloze"}
_SETTINGS: Final = ("TARGET DECK", "FILE TAGS")


@dataclass(frozen=True)
class BlockCard:
    """A card written as an Obsidian_to_Anki block: its kind (``basic``, ``both`` or
    ``cloze``), its fields' Markdown and the line (from 0) where it starts."""

    kind: str
    front: str
    back: str
    line: int


_MARKERS: Final = ("#flashcards", "#card", "<!--", "START", "TARGET DECK")
_OPT_IN_TAG: Final = ("#flashcards",)


def applies(body: str) -> bool:
    """Whether ``body`` may hold card syntax or markers (a cheap test before the work)."""
    return may_hold(body, _MARKERS)


def opted_in(body: str, tags: Iterable[str]) -> tuple[bool, str]:
    """Whether a note asks for its inline cards to be read, and the deck a
    ``#flashcards/deck/sub`` tag names (``deck::sub``, or ``""``)."""
    named = [str(tag).lstrip("#") for tag in tags]
    if may_hold(body, _OPT_IN_TAG):
        named += [f"flashcards{m.group('deck') or ''}" for m in _OPT_IN.finditer(body)]
    for tag in named:
        if tag == "flashcards" or tag.startswith("flashcards/"):
            deck = "::".join(part for part in tag.split("/")[1:] if part)
            return True, deck.replace("-", " ")
    return False, ""


def rewrite(body: str) -> tuple[str, list[BlockCard], str]:
    """``body`` without markers and Obsidian_to_Anki blocks (the same number of lines),
    the cards of those blocks, and the deck its ``TARGET DECK`` line names (or ``""``)."""
    lines = body.split("\n")
    in_code = code_lines(body)
    cards: list[BlockCard] = []
    start: int | None = None
    deck = ""
    for number, line in enumerate(lines):
        if number in in_code:
            continue
        if start is None and line.strip() in _SETTINGS and number + 1 < len(lines):
            if line.strip() == "TARGET DECK":
                deck = lines[number + 1].strip()
            lines[number] = lines[number + 1] = ""  # Obsidian_to_Anki's own settings
            continue
        if start is None and line.strip() == "START":
            start = number
            continue
        if start is not None:
            if line.strip() == "END":
                card = _block_card(lines[start + 1 : number], start)
                if card is not None:
                    cards.append(card)
                for blank in range(start, number + 1):
                    lines[blank] = ""
                start = None
            continue
        lines[number] = (
            _TAG.sub("", _MARKER.sub("", line)) if ("#" in line or "<!--" in line) else line
        )
    return "\n".join(lines), cards, deck


def _block_card(lines: list[str], start: int) -> BlockCard | None:
    """The card of one block's lines (note type first, then ``Field: value`` lines)."""
    body = [_MARKER.sub("", line) for line in lines]
    while body and not body[0].strip():
        body.pop(0)
    if not body or body[0].strip().casefold() not in _TYPES:
        return None
    kind = _TYPES[body[0].strip().casefold()]
    fields: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in body[1:]:
        field = _FIELD.match(line)
        if field and field.group("name").strip().casefold() in ("front", "back", "text", "extra"):
            current = fields.setdefault(field.group("name").strip().casefold(), [])
            current.append(field.group("value"))
        elif field and field.group("name").strip().casefold() == "tags":
            current = None
        elif current is not None:
            current.append(line)
    if kind == "cloze":
        text = "\n".join(fields.get("text", fields.get("front", []))).strip()
        back = "\n".join(fields.get("extra", fields.get("back", []))).strip()
        return BlockCard(kind, text, back, start) if text else None
    front = "\n".join(fields.get("front", [])).strip()
    back = "\n".join(fields.get("back", [])).strip()
    return BlockCard(kind, front, back, start) if front and back else None
