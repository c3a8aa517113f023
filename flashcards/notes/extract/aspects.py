"""A label that asks something of the heading above it (``**Definition:** …``,
``**Trade-off:** …``, ``### Gotchas``) is asked as that heading's side: the label alone
names nothing (issue 32's readers met fronts that said only ``Trade-off``)."""

from __future__ import annotations

import re
from typing import Final

from flashcards.notes.extract.words import ASPECTS, DEFINITION_LABELS, asks_of_its_heading, names
from flashcards.notes.extract.worth import junk_section
from flashcards.notes.model import Content, Node, identity_key, nfc
from flashcards.notes.text import plain_text


def asked_of_heading(
    term_content: Content, context: tuple[str, ...], key: str
) -> tuple[Content, tuple[str, ...], str]:
    """A label that asks something of the heading above it, as the term it asks:
    ``**Definition:** SFT is …`` under ``## SFT`` defines SFT (the nearest heading that
    names something: not ``## 📝 Core`` under the title); ``**Formula:** …`` under
    ``### Mean Squared Error`` is that heading's formula (not ``## Notes``' mechanism).
    The key, what its GUID is made of, stays the heading earlier rounds took."""
    label = _GLOSSED.sub("", identity_key(plain_text(term_content).rstrip(": ")))
    if context and label in DEFINITION_LABELS:
        named = next((i for i in range(len(context) - 1, -1, -1) if names(context[i])), -1)
        heading = _SECTION_NUMBER.sub("", context[named]) or context[named]
        renamed = named != len(context) - 1 or heading != context[named]  # its GUID's name kept
        kept = key or (nfc(context[-1]) if renamed else "")
        return (Node("text", heading),), context[:named] + context[named + 1 :], kept
    aspect = context and asks_of_its_heading(label)
    if aspect and names(context[-1]) and not junk_section(context):
        heading = (_SECTION_NUMBER.sub("", context[-1]) or context[-1]).rstrip(" :")
        if label in ASPECTS:
            kept = key or (nfc(f"{context[-1]}: {label}") if heading != context[-1] else "")
        else:  # asked as written until set AF: its GUID stays that
            kept = key or nfc(plain_text(term_content))
        return (Node("text", f"{heading}: {label}"),), context[:-1], kept
    return term_content, context, key


_GLOSSED: Final = re.compile(r"\s*\([^()]{1,20}\)$")  # ``Definition (定义)``: the label translated
_SECTION_NUMBER: Final = re.compile(r"^\s*\d+(?:\.\d+)*\.?\s+(?=\S)")  # ``3.2 `single()```
