"""``flashcards list``: every card a build would make, as plain text rows.

The JSON form is stable (``"version": 1``) and documented in the README:
``{"version": 1, "cards": [{"deck", "kind", "front", "back", "tags", "path", "line"}]}``
where ``kind`` is ``vocab``, ``vocab-reverse`` or ``checklist``.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field

from flashcards.cards.render import asked_text, render
from flashcards.notes.extract.mirrored import Split, item_clozes
from flashcards.notes.model import Content, Note
from flashcards.notes.rawhtml import visible_text
from flashcards.notes.text import plain_text

BLANK = "[...]"


@dataclass(frozen=True)
class CardRow:
    """One card as plain text, with where it comes from."""

    deck: str
    kind: str
    front: str
    back: str
    tags: tuple[str, ...]
    path: str
    line: int
    prompt: str = field(default="", compare=False)  # a checklist's; not in JSON or CSV


def card_rows(
    notes: Iterable[Note], *, reverse: bool, sequence: str = "overlapping"
) -> Iterator[CardRow]:
    """The cards of ``notes``, in note order. A sequence card (an ordered checklist) shows
    the items before the one it hides, and none after it, as the card does."""
    for note in notes:
        tags = note.all_tags
        for vocab in note.vocab:
            definition = visible_text(render(vocab.definition))
            yield CardRow(note.deck, "vocab", vocab.term, definition, tags, note.path, vocab.line)
            if reverse or vocab.both:
                yield CardRow(
                    note.deck, "vocab-reverse", definition, vocab.term, tags, note.path, vocab.line
                )
        for checklist in note.checklists:
            items = [visible_text(render(item.content)) for item in checklist.items]
            overlapping = checklist.ordered and sequence == "overlapping"
            contents = [item.content for item in checklist.items]
            splits = item_clozes(contents, asked_text(checklist), checklist.facets)
            for index, item in enumerate(checklist.items):
                hidden = _hidden(splits[index], items[index])
                if hidden is None:
                    continue  # the front says it: in view on the others, no card
                front_item, answer = hidden
                shown = [front_item if i == index else text for i, text in enumerate(items)]
                if overlapping:
                    shown = shown[: index + 1]
                front = f"{checklist.prompt} " + "; ".join(shown)
                yield CardRow(
                    note.deck,
                    "checklist",
                    front,
                    answer,
                    tags,
                    note.path,
                    item.line,
                    checklist.prompt,
                )
        for cloze in note.clozes:
            for number in sorted({n.text for n in cloze.content if n.kind == "cloze"}, key=int):
                front = " ".join(_cloze_side(cloze.content, number, hidden=True).split())
                back = " ".join(_cloze_side(cloze.content, number, hidden=False).split())
                yield CardRow(note.deck, "cloze", front, back, tags, note.path, cloze.line)


def format_rows(rows: Iterable[CardRow], style: str) -> str:
    """``rows`` as a ``table`` for people, or ``json`` / ``csv`` for scripts."""
    rows = list(rows)
    if style == "json":
        cards = [
            {**{k: v for k, v in asdict(row).items() if k != "prompt"}, "tags": list(row.tags)}
            for row in rows
        ]
        return json.dumps({"version": 1, "cards": cards}, ensure_ascii=False, indent=2)
    if style == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["deck", "kind", "front", "back", "tags", "path", "line"])
        for row in rows:
            writer.writerow(
                [row.deck, row.kind, row.front, row.back, " ".join(row.tags), row.path, row.line]
            )
        return buffer.getvalue().rstrip("\n")
    return _table(rows)


def _table(rows: list[CardRow], width: int | None = None) -> str:
    """Rows for people: a line per deck, then its cards in columns that fit ``width``
    (the terminal's, or ``COLUMNS``). A checklist's prompt stands on its first card's
    row only; each of its rows shows the item that card hides."""
    if width is None:
        width = shutil.get_terminal_size((100, 24)).columns
    cells = []
    previous: tuple[str, str] | None = None
    number = 0
    for row in rows:
        kind, front = row.kind, row.front
        if row.kind == "checklist":
            prompt = row.prompt
            number = number + 1 if previous == (row.deck, prompt) else 1
            kind, front = f"checklist {number}", prompt if number == 1 else ""
            previous = (row.deck, prompt)
        else:
            previous = None
        cells.append((row.deck, kind, front, row.back, f"{row.path}:{row.line}"))
    kind_width = max([4, *(len(c[1]) for c in cells)])
    source_width = min(max([6, *(len(c[4]) for c in cells)]), max(12, width // 4))
    text_width = max(8, (width - 2 - kind_width - source_width - 6) // 2)
    lines = [_line(("KIND", "FRONT", "BACK", "SOURCE"), kind_width, text_width, source_width)]
    deck = None
    for cell in cells:
        if cell[0] != deck:
            deck = cell[0]
            lines.append(clip(deck, width))
        lines.append(_line(cell[1:], kind_width, text_width, source_width))
    return "\n".join(lines)


def _line(cells: tuple[str, ...], kind: int, text: int, source: int) -> str:
    kind_cell, front, back, where = cells
    parts = (
        kind_cell.ljust(kind),
        clip(front, text).ljust(text),
        clip(back, text).ljust(text),
        _clip_left(where, source),
    )
    return ("  " + "  ".join(parts)).rstrip()


def clip(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters, an ellipsis marking the cut."""
    return text if len(text) <= width else text[: width - 1] + "…"


def _clip_left(text: str, width: int) -> str:
    """The end of ``text`` (a path's file name and line matter most)."""
    return text if len(text) <= width else "…" + text[len(text) - width + 1 :]


def _cloze_side(content: Content, number: str, *, hidden: bool) -> str:
    """A cloze card's text: cloze ``number`` shown as ``[...]`` (its hint, if any) on the
    front; on the back, only what it hides."""
    if not hidden:
        return " ".join(
            plain_text(n.children) for n in content if n.kind == "cloze" and n.text == number
        )
    parts = []
    for node in content:
        if node.kind == "cloze" and node.text == number:
            parts.append(f"[{node.attr('hint') or '...'}]")
        elif node.kind == "cloze":
            parts.append(plain_text(node.children))
        elif node.kind in ("softbreak", "hardbreak"):
            parts.append(" ")
        else:
            parts.append(plain_text((node,)) if node.kind != "text" else node.text)
    return "".join(parts)


def _hidden(split: Split | None, whole: str) -> tuple[str, str] | None:
    """A checklist item as its card's front shows it, and what the card hides (None: it
    makes no card)."""
    if split is None:
        return None
    lead, separator, rest, lead_hidden = split
    if not rest:
        return BLANK, whole
    lead_text, rest_text = visible_text(render(lead)), visible_text(render(rest))
    if lead_hidden:
        return f"{BLANK}{separator} {rest_text}", lead_text
    return f"{lead_text}{separator} {BLANK}", rest_text
