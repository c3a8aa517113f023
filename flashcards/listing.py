"""``flashcards list``: every card a build would make, as plain text rows.

The JSON form is stable (``"version": 1``) and documented in the README:
``{"version": 1, "cards": [{"deck", "kind", "front", "back", "tags", "path", "line"}]}``
where ``kind`` is ``vocab``, ``vocab-reverse`` or ``checklist``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass

from .model import Note
from .render import render, visible_text

FORMATS = ("table", "json", "csv")
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


def card_rows(notes: Iterable[Note], *, reverse: bool) -> Iterator[CardRow]:
    """The cards of ``notes``, in note order."""
    for note in notes:
        tags = note.all_tags
        for vocab in note.vocab:
            definition = visible_text(render(vocab.definition))
            yield CardRow(note.deck, "vocab", vocab.term, definition, tags, note.path, vocab.line)
            if reverse:
                yield CardRow(
                    note.deck, "vocab-reverse", definition, vocab.term, tags, note.path, vocab.line
                )
        for checklist in note.checklists:
            items = [visible_text(render(item.content)) for item in checklist.items]
            for index, item in enumerate(checklist.items):
                shown = [BLANK if i == index else text for i, text in enumerate(items)]
                front = f"{checklist.prompt} " + "; ".join(shown)
                yield CardRow(
                    note.deck, "checklist", front, items[index], tags, note.path, item.line
                )


def format_rows(rows: Iterable[CardRow], style: str) -> str:
    """``rows`` as a ``table`` for people, or ``json`` / ``csv`` for scripts."""
    rows = list(rows)
    if style == "json":
        cards = [{**asdict(row), "tags": list(row.tags)} for row in rows]
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


def _table(rows: list[CardRow]) -> str:
    header = ("DECK", "KIND", "FRONT", "BACK", "SOURCE")
    cells = [header] + [
        (r.deck, r.kind, _clip(r.front), _clip(r.back), f"{r.path}:{r.line}") for r in rows
    ]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in cells
    )


def _clip(text: str, width: int = 48) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
