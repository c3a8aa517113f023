"""Display math (``$$ ... $$``) over several lines stays one formula. CommonMark reads
the lines inside it as it reads any text, so a blank line ends the paragraph, a line of
``=`` or ``-`` makes the line above a heading (``\\langle u,v\\rangle`` then ``=``) and a
line that opens with ``+`` or ``- `` starts a list. A blank line inside math is given a
no-break space, and a line that CommonMark would take for a block's start has one put
before it: CommonMark takes neither for structure and MathJax reads both as space. Line
for line; code is untouched, and a formula in a block quote or a list keeps its markers."""

from __future__ import annotations

import re
from typing import Final

from flashcards.notes.dialects.lines import code_lines
from flashcards.notes.marks import may_hold

NO_BREAK_SPACE: Final = "\u00a0"

# What a formula's lines are inside: the `$$` line's quote markers and indentation
_CONTAINER: Final = re.compile(r"[ \t]*(?:>[ \t]?)*[ \t]*")
# A line CommonMark reads as a block's start or a heading's underline
_BLOCK_START: Final = re.compile(r"(?:[-+*=_#>]|\d{1,9}[.)](?:[ \t]|$)|<[A-Za-z/!?]|```|~~~)")


def applies(body: str) -> bool:
    """Whether ``body`` may hold display math over several lines (a cheap test)."""
    return may_hold(body, ("$$",))


def rewrite(body: str) -> str:
    """``body`` with the lines inside ``$$`` math kept from CommonMark's structure (the
    same lines)."""
    lines = body.split("\n")
    in_code = code_lines(body)
    opener: int | None = None
    container = ""
    for number, line in enumerate(lines):
        if number in in_code and opener is None:
            continue
        if line.count("$$") % 2 == 0:
            continue
        if opener is None:
            opener = number
            match = _CONTAINER.match(line)
            container = match.group() if match else ""
        else:  # only a formula that closes is one: a lone `$$` changes nothing
            for inner in range(opener + 1, number):
                lines[inner] = _kept_from_structure(lines[inner], container)
            opener = None
    return "\n".join(lines)


def _kept_from_structure(line: str, container: str) -> str:
    """``line`` of a formula, with a no-break space where CommonMark would see a block."""
    quote = container.strip()  # the quote markers each line of a quoted formula repeats
    opened = line.lstrip(" \t")
    quoted = bool(quote) and opened.startswith(quote)
    prefix = line[: len(line) - len(opened) + len(quote)] if quoted else ""
    rest = line[len(prefix) :]
    content = rest.lstrip(" \t")
    if not content:
        return f"{prefix} {NO_BREAK_SPACE}" if prefix else NO_BREAK_SPACE
    if _BLOCK_START.match(content):
        indent = len(rest) - len(content)
        return prefix + rest[:indent] + NO_BREAK_SPACE + content
    return line
