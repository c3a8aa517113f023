"""Display math (``$$ ... $$``) that spans a blank line stays one formula: the blank
line inside it is given a no-break space, which CommonMark does not take for the end of a
paragraph and MathJax reads as space. Line for line; code is untouched."""

from __future__ import annotations

from typing import Final

from flashcards.notes.dialects.lines import code_lines
from flashcards.notes.marks import may_hold

NO_BREAK_SPACE: Final = "\u00a0"


def applies(body: str) -> bool:
    """Whether ``body`` may hold display math with a blank line in it (a cheap test)."""
    return may_hold(body, ("$$",)) and "\n\n" in body


def rewrite(body: str) -> str:
    """``body`` with the blank lines inside ``$$`` math filled (the same lines)."""
    lines = body.split("\n")
    in_code = code_lines(body)
    inside = False
    blanks: list[int] = []
    for number, line in enumerate(lines):
        if number in in_code and not inside:
            continue
        if line.count("$$") % 2:
            if inside:
                for blank in blanks:
                    lines[blank] = NO_BREAK_SPACE
            inside, blanks = not inside, []
        elif inside and not line.strip():
            blanks.append(number)
    return "\n".join(lines)
