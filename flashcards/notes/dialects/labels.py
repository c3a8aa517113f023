"""A bold label written on the line right after a list, with no blank line between
(``- Data: the samples`` then ``**WAVE File Format**:`` then ``- Is a subset of RIFF``).
CommonMark reads such a line as the last item's text going on, so the label that heads
the next list was glued to the item before it and lost as a prompt (set W's readers).
The label is rewritten as the small heading it stands for, line for line, never inside
code: ``###### WAVE File Format``."""

from __future__ import annotations

import re
from typing import Final

from flashcards.notes.dialects.lines import code_lines

_LABEL: Final = re.compile(r"\*\*([^*\n]{1,80}?)(?::\*\*|\*\*\s*:?)\s*")
_ITEM: Final = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+\S")


def applies(body: str) -> bool:
    """Whether ``body`` may hold a bold label line right after a list line."""
    return "\n**" in body


def rewrite(body: str) -> str:
    """``body`` with each bold label that follows a list line and heads a list below it
    written as a level-six heading (the same lines)."""
    lines = body.split("\n")
    code = code_lines(body)
    for index in range(1, len(lines) - 1):
        label = _LABEL.fullmatch(lines[index])
        if label is None or index in code:
            continue
        before, after = lines[index - 1], lines[index + 1]
        listed = _ITEM.match(before) or (before[:1] in (" ", "\t") and before.strip())
        if listed and _ITEM.match(after):
            lines[index] = f"###### {label.group(1).strip()}"
    return "\n".join(lines)
