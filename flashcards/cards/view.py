"""A card's two sides as Anki shows them: the note type's template filled with the
note's fields, clozes hidden or revealed as Anki marks them.

Only what our own note types use is understood: ``{{Field}}``, ``{{#Field}}...{{/Field}}``
and ``{{^Field}}...{{/Field}}`` sections, ``{{FrontSide}}``, ``{{cloze:Field}}`` and
``{{hint:Field}}``. The preview page and its tests compare the result with what the
official ``anki`` package renders for the same card.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Mapping

from flashcards.cards.notetypes import NoteType
from flashcards.notes.model import anki_clozes, replace_clozes

_SECTION = re.compile(r"\{\{([#^])([^}]+)\}\}(.*?)\{\{/\2\}\}", re.DOTALL)
_FIELD = re.compile(r"\{\{([^#^/}][^}]*)\}\}")


def card_ords(note_type: NoteType, fields: Mapping[str, str]) -> list[int]:
    """The cards a note makes: one per cloze number, or one per template whose front
    is not empty."""
    if note_type.is_cloze:
        numbers = {int(found[1]) for found in anki_clozes(fields[note_type.fields[0]])}
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
    out: list[str] = []
    _fill_parts(_compiled(template), fields, cloze, question, front, out)
    return "".join(out)


# A compiled template: text, a field ``(kind, name)``, or a section ``(shown_if_filled,
# name, parts)``; made once per template, filled once per card.
_Part = str | tuple[str, str] | tuple[bool, str, "list[_Part]"]


@functools.cache
def _compiled(template: str) -> list[_Part]:
    parts: list[_Part] = []
    position = 0
    for match in _SECTION.finditer(template):
        parts += _field_parts(template[position : match.start()])
        parts.append((match.group(1) == "#", match.group(2).strip(), _compiled(match.group(3))))
        position = match.end()
    parts += _field_parts(template[position:])
    return parts


def _field_parts(text: str) -> list[_Part]:
    parts: list[_Part] = []
    position = 0
    for match in _FIELD.finditer(text):
        parts.append(text[position : match.start()])
        name = match.group(1).strip()
        kind, _, name = name.rpartition(":")
        parts.append((kind, name))
        position = match.end()
    parts.append(text[position:])
    return [part for part in parts if part]


def _fill_parts(
    parts: list[_Part],
    fields: Mapping[str, str],
    cloze: int | None,
    question: bool,
    front: str,
    out: list[str],
) -> None:
    for part in parts:
        if isinstance(part, str):
            out.append(part)
        elif len(part) == 3:
            shown_if_filled, name, inner = part
            if bool(fields.get(name, "").strip()) == shown_if_filled:
                _fill_parts(inner, fields, cloze, question, front, out)
        else:
            kind, name = part
            if not kind and name == "FrontSide":
                out.append(front)
                continue
            value = fields.get(name, "")
            if kind == "cloze":
                out.append(_clozes(value, cloze or 0, question=question))
            elif kind == "hint":
                out.append(_hint(value) if value else "")
            else:
                out.append(value)


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

    return replace_clozes(text, one)


def _hint(value: str) -> str:
    return (
        '<a class="hint" href="#" onclick="this.style.display=\'none\';'
        "this.nextElementSibling.style.display='block';return false;\">Show Hint</a>"
        f'<div class="hint" style="display: none">{value}</div>'
    )
