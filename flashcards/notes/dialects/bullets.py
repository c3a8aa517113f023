"""Bullets typed or pasted as characters (``● Arrays are …``, ``• Deletion is bad``,
``▪``, ``◦``, ``➢``): notes copied from a course's slides or a word processor hold them at
the start of a line, where CommonMark sees no list, only paragraphs that open with a dot
(set AA's readers: a week's notes of such bullets made no card at all). Each becomes the
list mark ``-``, its indentation kept (a tab before it nests it); line for line, never
inside code."""

from __future__ import annotations

import re
from typing import Final

from flashcards.notes.dialects.lines import sub_outside_code

_BULLET: Final = re.compile(r"(?m)^([ \t]*)[●•▪◦‣○■□➢➤►▸]\s+(?=\S)")


def applies(body: str) -> bool:
    """Whether ``body`` may hold a line that opens with a bullet character."""
    return _BULLET.search(body) is not None


def rewrite(body: str) -> str:
    """``body`` with each such bullet as ``- ``, line for line."""
    return sub_outside_code(_BULLET, body, lambda match: f"{match.group(1)}- ")
