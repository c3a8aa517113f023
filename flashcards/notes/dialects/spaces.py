"""No-break spaces where Markdown wants a space: ``##\u00a0Commands`` and ``-\u00a0item``,
as notes pasted from a web page or a word processor (or typed with Option-Space on a Mac)
hold them. CommonMark makes such a line a paragraph that starts ``## Commands``, so the
heading's marks showed on every card of the list below it (set R's readers found eight).
Rewritten line for line, never inside code."""

from __future__ import annotations

import re
from typing import Final

from flashcards.notes.dialects.lines import sub_outside_code

_MARKED: Final = re.compile(r"(?m)^([ \t]{0,3}(?:#{1,6}|[-*+]|\d{1,9}[.)]))\u00a0+")


def applies(body: str) -> bool:
    """Whether ``body`` may hold a heading or list mark followed by a no-break space."""
    return "\u00a0" in body and _MARKED.search(body) is not None


def rewrite(body: str) -> str:
    """``body`` with each such no-break space run as one space, line for line."""
    return sub_outside_code(_MARKED, body, lambda match: f"{match.group(1)} ")
