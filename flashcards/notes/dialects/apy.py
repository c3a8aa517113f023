"""Notes written for apy, the Anki command line (``apy add-from-file``): each ``# Note``
heading holds one card, its settings on lines of their own (``model: Cloze``, ``tags:``,
``deck:``) and its fields as headings one level down (``## Front`` / ``## Back``, ``##
Text`` / ``## Back Extra``). A file may name the model for all its notes above the first
(``model: Basic``). Set Z's readers found such files carded as prose: the card the
author wrote was missed, and ``Back Extra`` taken for a term. Each note becomes the card
it was written as, and its lines are left blank (line for line)."""

from __future__ import annotations

import re
from typing import Final

from flashcards.notes.dialects.lines import code_lines

_NOTE: Final = re.compile(r"#\s+Note\s*", re.IGNORECASE)
_FIELD: Final = re.compile(r"##\s+(?P<name>[A-Za-z][\w ]{0,30}?)\s*")
_SETTING: Final = re.compile(r"(?P<key>model|tags|deck|markdown|nid|cid):\s*(?P<value>.*)")


def applies(body: str) -> bool:
    """Whether ``body`` may hold apy notes (a ``# Note`` heading and its ``## Field``)."""
    return "# Note" in body and "\n## " in body


def cards(body: str) -> tuple[str, list[tuple[str, str, str, int]]]:
    """``body`` with its apy notes blanked, and their cards as ``(kind, front, back,
    line)``: ``cloze`` (Text, Back Extra), ``both`` (a reversed model) or ``basic``
    (the first field, the second). A file without a ``# Note`` that holds fields is
    returned as it was."""
    lines = body.split("\n")
    code = code_lines(body)
    starts = [n for n, line in enumerate(lines) if n not in code and _NOTE.fullmatch(line)]
    if not starts or not any(_FIELD.fullmatch(line) for line in lines):
        return body, []
    model = _file_model(lines[: starts[0]])
    found: list[tuple[str, str, str, int]] = []
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else _next_top(lines, start)
        card = _card(lines[start + 1 : end], model, start)
        if card is not None:
            found.append(card)
            lines[start:end] = [""] * (end - start)
    if found and model:
        lines[: starts[0]] = [
            "" if _SETTING.fullmatch(line) else line for line in lines[: starts[0]]
        ]
    return "\n".join(lines), found


def _file_model(lines: list[str]) -> str:
    settings = [_SETTING.fullmatch(line.strip()) for line in lines]
    return next((m.group("value") for m in settings if m and m.group("key") == "model"), "")


def _next_top(lines: list[str], start: int) -> int:
    """Where the note at ``start`` ends: the next level-one heading, or the end."""
    for number in range(start + 1, len(lines)):
        if lines[number].startswith("# "):
            return number
    return len(lines)


def _card(lines: list[str], model: str, start: int) -> tuple[str, str, str, int] | None:
    fields: dict[str, list[str]] = {}
    current = ""
    for line in lines:
        setting = _SETTING.fullmatch(line.strip()) if not current else None
        field = _FIELD.fullmatch(line)
        if setting:
            model = setting.group("value") if setting.group("key") == "model" else model
        elif field:
            current = field.group("name").casefold()
            fields[current] = []
        elif current:
            fields[current].append(line)
    said = {name: "\n".join(text).strip() for name, text in fields.items()}
    kind = model.casefold()
    if "cloze" in kind and said.get("text"):
        return "cloze", said["text"], said.get("back extra", ""), start
    values = list(said.values())
    if len(values) < 2 or not values[0] or not values[1]:
        return None
    return ("both" if "reverse" in kind else "basic"), values[0], values[1], start
