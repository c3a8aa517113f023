"""A card's two sides as Anki shows them: the note type's template filled with the
note's fields, clozes hidden or revealed as Anki marks them.

Only what our own note types use is understood: ``{{Field}}``, ``{{#Field}}...{{/Field}}``
and ``{{^Field}}...{{/Field}}`` sections, ``{{FrontSide}}``, ``{{cloze:Field}}`` and
``{{hint:Field}}``. The preview page and its tests compare the result with what the
official ``anki`` package renders for the same card.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

from flashcards.cards.notetypes import NoteType

_SECTION = re.compile(r"\{\{([#^])([^}]+)\}\}(.*?)\{\{/\2\}\}", re.DOTALL)
_FIELD = re.compile(r"\{\{([^#^/}][^}]*)\}\}")
_CLOZE = re.compile(r"\{\{c(\d+)::(.*?)(?:::(.*?))?\}\}", re.DOTALL)


def card_ords(note_type: NoteType, fields: Mapping[str, str]) -> list[int]:
    """The cards a note makes: one per cloze number, or one per template whose front
    is not empty."""
    if note_type.is_cloze:
        numbers = {int(found[0]) for found in _CLOZE.findall(fields[note_type.fields[0]])}
        return sorted(n - 1 for n in numbers)
    return [
        index
        for index, template in enumerate(note_type.templates)
        if _fill(template.front, fields, None, question=True, front="").strip()
    ]


def sides(note_type: NoteType, fields: Mapping[str, str], ord_: int) -> tuple[str, str]:
    """The question and the answer of card ``ord_`` (HTML, without the stylesheet)."""
    template = note_type.templates[0 if note_type.is_cloze else ord_]
    cloze = ord_ + 1 if note_type.is_cloze else None
    question = _fill(template.front, fields, cloze, question=True, front="")
    answer = _fill(template.back, fields, cloze, question=False, front=question)
    return question, answer


def _fill(
    template: str, fields: Mapping[str, str], cloze: int | None, *, question: bool, front: str
) -> str:
    def section(match: re.Match[str]) -> str:
        filled = bool(fields.get(match.group(2).strip(), "").strip())
        shown = filled if match.group(1) == "#" else not filled
        return _fill(match.group(3), fields, cloze, question=question, front=front) if shown else ""

    def field(match: re.Match[str]) -> str:
        name = match.group(1).strip()
        if name == "FrontSide":
            return front
        kind, _, name = name.rpartition(":")
        value = fields.get(name, "")
        if kind == "cloze":
            return _clozes(value, cloze or 0, question=question)
        if kind == "hint":
            return _hint(value) if value else ""
        return value

    return _FIELD.sub(field, _SECTION.sub(section, template))


def _clozes(text: str, active: int, *, question: bool) -> str:
    def one(match: re.Match[str]) -> str:
        number, content = int(match.group(1)), match.group(2)
        if number != active:
            return f'<span class="cloze-inactive" data-ordinal="{number}">{content}</span>'
        if question:
            hidden = html.escape(content, quote=True)
            shown = f"[{match.group(3)}]" if match.group(3) else "[...]"
            return (
                f'<span class="cloze" data-cloze="{hidden}" data-ordinal="{number}">{shown}</span>'
            )
        return f'<span class="cloze" data-ordinal="{number}">{content}</span>'

    return _CLOZE.sub(one, text)


def _hint(value: str) -> str:
    return (
        '<a class="hint" href="#" onclick="this.style.display=\'none\';'
        "this.nextElementSibling.style.display='block';return false;\">Show Hint</a>"
        f'<div class="hint" style="display: none">{value}</div>'
    )
