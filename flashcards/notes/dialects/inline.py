"""Card syntax that other tools read inside notes, found before the Markdown is read.

- A note opts in as those tools ask: a flashcard tag (``#flashcards``, or those the
  spaced-repetition plugin's settings name; ``#flashcards/deck/sub`` also names the deck)
  in its text or its front matter's tags, or ``inline_cards: true`` in the
  configuration. Its ``Q::A`` lines, ``?`` blocks and clozes are then cards
  (:mod:`flashcards.notes.extract.inline`).
- Obsidian_to_Anki blocks (``START`` / a note type / ``Front:`` ``Back:`` or ``Text:`` /
  ``END``) and the matches of its custom regular expressions
  (:mod:`flashcards.notes.regexcards`) are cards in any note; they are taken out of the
  text here, and so are its ``TARGET DECK`` (which names the note's deck), ``FILE TAGS``
  (the note's tags) and ``DELETE`` lines.
- The markers those tools leave never reach a card: ``<!--ID: 123-->``,
  ``<!--SR:!2024-01-05,3,250-->``, ``#card`` and flashcard tags.

Line for line (a block's lines become blank); code is untouched.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final

from flashcards.notes import regexcards
from flashcards.notes.dialects import apy
from flashcards.notes.dialects.lines import code_lines, code_ranges
from flashcards.notes.marks import may_hold
from flashcards.options import CardSyntax

# A review marker's text holds no ``<`` and ends on a non-space: each opening is read up
# to the next one at most, and a run of spaces once
_MARKER: Final = re.compile(r"<!--\s*(?:ID:\s*\d+|SR:(?:[^<>]*?[^\s<>])??)\s*-->")
_SCHEDULE: Final = re.compile(r"<!--\s*SR:((?:[^<>]*?[^\s<>])??)\s*-->")
_GROUP: Final = re.compile(r"^(\d{4}-\d{2}-\d{2}),(\d{1,6}),(\d{1,5})$")
_NEW_CARD: Final = "2000-01-01"  # the plugin's date for a card of a note not yet reviewed
Schedule = tuple[str, int, int]  # due date (YYYY-MM-DD), interval in days, ease x100
_ID: Final = re.compile(r"^(?:<!--)?ID: (\d+)")
_FIELD: Final = re.compile(r"^(?P<name>[A-Za-z][\w ]{0,30}):[ \t]?(?P<value>.*)$")
_TYPES: Final = {"basic": "basic", "basic (and reversed card)": "both", "cloze": "cloze"}


@dataclass(frozen=True)
class BlockCard:
    """A card written as an Obsidian_to_Anki block or found by its custom regular
    expression: its kind (``basic``, ``both`` or ``cloze``), its fields' Markdown, the
    line (from 0) where it starts, and the Anki note id its ``ID:`` comment names."""

    kind: str
    front: str
    back: str
    line: int
    note_id: int = 0


@dataclass
class Rewritten:
    """A body without markers and Obsidian_to_Anki's cards (the same number of lines),
    those cards, what its ``TARGET DECK`` and ``FILE TAGS`` lines say, and warnings
    (line from 0, message)."""

    text: str
    cards: list[BlockCard] = field(default_factory=list)
    deck: str = ""
    tags: tuple[str, ...] = ()
    warnings: list[tuple[int, str]] = field(default_factory=list)
    # the spaced-repetition plugin's schedule comments: (line, one group per card; a
    # card not yet reviewed has ("", 0, 0))
    schedules: list[tuple[int, tuple[Schedule, ...]]] = field(default_factory=list)


_patterns: dict[tuple[str, ...], tuple[re.Pattern[str], re.Pattern[str], tuple[str, ...]]] = {}


def _tag_patterns(
    tags: tuple[str, ...],
) -> tuple[re.Pattern[str], re.Pattern[str], tuple[str, ...]]:
    """The flashcard tags in a text, those and ``#card`` (to take out), and their marks."""
    found = _patterns.get(tags)
    if found is None:
        names = "|".join(re.escape(tag) for tag in tags)
        tag = rf"(?<![\w/&#])#(?P<tag>(?:{names})(?:/[\w/-]+)?)(?![\w/-])"
        marker = rf"(?<![\w/&#])#(?:(?:{names})(?:/[\w/-]+)?|cards?)(?![\w/-])"
        marks = tuple(f"#{name}" for name in tags)
        found = _patterns[tags] = (re.compile(tag), re.compile(marker), marks)
    return found


def applies(body: str, syntax: CardSyntax) -> bool:
    """Whether ``body`` may hold card syntax or markers (a cheap test before the work)."""
    if syntax.regexps or apy.applies(body):
        return True
    marks = (*_tag_patterns(syntax.tags)[2], "#card", "<!--", syntax.begin_note)
    return may_hold(body, (*marks, syntax.target_deck_line, syntax.file_tags_line))


def opted_in(body: str, tags: Iterable[str], syntax: CardSyntax) -> tuple[bool, str]:
    """Whether a note asks for its inline cards to be read, and the deck a flashcard
    tag's own path names (``#flashcards/deck/sub``: ``deck::sub``, or ``""``)."""
    named = [str(tag).lstrip("#") for tag in tags]
    pattern, _, marks = _tag_patterns(syntax.tags)
    if may_hold(body, marks):
        named += [match.group("tag") for match in pattern.finditer(body)]
    if any(_below(tag, ignored) for tag in named for ignored in syntax.ignored_tags):
        return False, ""
    for tag in named:
        for root in syntax.tags:
            if _below(tag, root):
                deck = "::".join(part for part in tag[len(root) :].split("/") if part)
                return True, deck.replace("-", " ")
    return False, ""


def _below(tag: str, root: str) -> bool:
    return tag == root or tag.startswith(root + "/")


def rewrite(body: str, syntax: CardSyntax) -> Rewritten:
    """``body`` without markers and Obsidian_to_Anki's cards (the same number of
    lines), with those cards and what its settings lines say."""
    done = Rewritten("")
    if apy.applies(body):  # apy's ``# Note`` files: their cards, their lines blanked
        body, written = apy.cards(body)
        done.cards += [BlockCard(kind, front, back, line) for kind, front, back, line in written]
    lines = body.split("\n")
    in_code = code_lines(body)
    start: int | None = None
    for number, line in enumerate(lines):
        if number in in_code:
            continue
        stripped = line.strip()
        if start is None and _setting(lines, number, syntax, done):
            continue
        if start is None and stripped == syntax.begin_note:
            start = number
        elif start is not None and stripped == syntax.end_note:
            card = _block_card(lines[start + 1 : number], start, syntax, done)
            if card is not None:
                done.cards.append(card)
            for blank in range(start, number + 1):
                lines[blank] = ""
            start = None
    if syntax.regexps:
        _regex_cards(lines, syntax, done)
    _, marker, _ = _tag_patterns(syntax.tags)
    for number, line in enumerate(lines):
        if number not in in_code and ("#" in line or "<!--" in line):
            if "SR:" in line:
                done.schedules += [(number, _groups(m.group(1))) for m in _SCHEDULE.finditer(line)]
            lines[number] = marker.sub("", _MARKER.sub("", line))
    done.text = "\n".join(lines)
    done.cards.sort(key=lambda card: card.line)
    return done


def _groups(comment: str) -> tuple[Schedule, ...]:
    """``!2024-05-01,12,250!2024-05-03,4,230``: one (due, interval, ease) a card, in
    order; ("", 0, 0) for a card not yet reviewed, or one written otherwise (FSRS)."""
    groups: list[Schedule] = []
    for part in comment.split("!"):
        if not part.strip():
            continue
        match = _GROUP.match(part.strip())
        if match is None or match.group(1) == _NEW_CARD:
            groups.append(("", 0, 0))
        else:
            groups.append((match.group(1), int(match.group(2)), int(match.group(3))))
    return tuple(groups)


def _setting(lines: list[str], number: int, syntax: CardSyntax, done: Rewritten) -> bool:
    """Whether line ``number`` is Obsidian_to_Anki's ``TARGET DECK`` or ``FILE TAGS``
    line (its value on the next line, or after ``: ``); blanks it and keeps the value."""
    stripped = lines[number].strip()
    for name in (syntax.target_deck_line, syntax.file_tags_line):
        if stripped.startswith(f"{name}: "):
            value, lines[number] = stripped[len(name) + 2 :].strip(), ""
        elif stripped == name and number + 1 < len(lines):
            value = lines[number + 1].strip()
            lines[number] = lines[number + 1] = ""
        else:
            continue
        if name == syntax.target_deck_line:
            done.deck = value
        else:
            done.tags = tuple(value.split())
        return True
    return False


def _regex_cards(lines: list[str], syntax: CardSyntax, done: Rewritten) -> None:
    """The cards of the custom regular expressions; their lines become blank."""
    text = "\n".join(lines)
    found, slow = regexcards.regex_cards(text, syntax.regexps, code_ranges(text))
    done.warnings += [(0, message) for message in slow]
    for _, kind, front, back, begin, end, note_id in found:
        first, last = text.count("\n", 0, begin), text.count("\n", 0, end)
        done.cards.append(BlockCard(kind, front, back, first, note_id))
        for blank in range(first, last + 1):
            lines[blank] = ""


def _block_card(
    lines: list[str], start: int, syntax: CardSyntax, done: Rewritten
) -> BlockCard | None:
    """The card of one block's lines (note type first, then ``Field: value`` lines)."""
    ids = [int(m.group(1)) for m in map(_ID.match, (line.strip() for line in lines)) if m]
    note_id = ids[-1] if ids else 0
    if any(line.strip() == syntax.delete_line for line in lines):
        done.warnings.append((start, f"{syntax.delete_line}: Obsidian_to_Anki would delete note "
                              f"{note_id} from Anki; flashcards makes no card of it and "
                              "deletes nothing in Anki (delete it there)"))  # fmt: skip
        return None
    body = [_MARKER.sub("", line) for line in lines if not _ID.match(line.strip())]
    while body and not body[0].strip():
        body.pop(0)
    if not body or body[0].strip().casefold() not in _TYPES:
        return None
    kind = _TYPES[body[0].strip().casefold()]
    fields: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in body[1:]:
        labelled = _FIELD.match(line)
        name = labelled.group("name").strip().casefold() if labelled else ""
        if labelled and name in ("front", "back", "text", "extra"):
            current = fields.setdefault(name, [])
            current.append(labelled.group("value"))
        elif name == "tags":
            current = None
        elif current is not None:
            current.append(line)
    if kind == "cloze":
        text = "\n".join(fields.get("text", fields.get("front", []))).strip()
        back = "\n".join(fields.get("extra", fields.get("back", []))).strip()
        return BlockCard(kind, text, back, start, note_id) if text else None
    front = "\n".join(fields.get("front", [])).strip()
    back = "\n".join(fields.get("back", [])).strip()
    return BlockCard(kind, front, back, start, note_id) if front and back else None
