"""Where code stands in a note's text, by line: dialects that rewrite text line by line
never touch code blocks (found by the CommonMark parser itself)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from typing import Final

import pyromark

_CODE_EVENTS: Final = ("Code", "InlineMath", "DisplayMath")


def code_ranges(body: str) -> list[tuple[int, int]]:
    """Where code spans, code blocks and math stand in ``body`` (as ``str`` indices, in
    order; they never overlap)."""
    spans = []
    for event, span in pyromark.events_with_range(body):
        if isinstance(event, dict):
            ((key, value),) = event.items()
            is_block = key == "Start" and isinstance(value, dict) and "CodeBlock" in value
            if is_block or key in _CODE_EVENTS:
                spans.append((span["start"], span["end"]))
    if body.isascii():
        return spans
    index = _char_indices(body.encode("utf-8"), [o for span in spans for o in span])
    return [(index[start], index[end]) for start, end in spans]


# Without one of these, a text holds no code span, code block or math: no parse needed.
_CODE_MARKS: Final = ("`", "~~~", "    ", "\t", "$")


def code_lines(body: str) -> set[int]:
    """The lines (from 0) of ``body`` that lie in a code block, code span or math."""
    if not any(mark in body for mark in _CODE_MARKS):
        return set()
    lines: set[int] = set()
    counted = first = 0  # the lines before offset ``counted``, counted once for all ranges
    for start, end in code_ranges(body):
        first += body.count("\n", counted, start)
        counted = start
        lines.update(range(first, first + body.count("\n", start, max(start, end - 1)) + 1))
    return lines


def _char_indices(source: bytes, offsets: list[int]) -> dict[int, int]:
    """``str`` indices of UTF-8 byte ``offsets`` into ``source``, in one pass."""
    index: dict[int, int] = {}
    at_byte = at_char = 0
    for offset in sorted(set(offsets)):
        at_char += len(source[at_byte:offset].decode("utf-8", "ignore"))
        at_byte = offset
        index[offset] = at_char
    return index


def sub_outside_code(
    pattern: re.Pattern[str], body: str, replace: Callable[[re.Match[str]], str]
) -> str:
    """``pattern.sub(replace, body)``, each match on a line of code left as it is."""
    code = code_lines(body)
    starts = [0, *(m.end() for m in re.finditer("\n", body))]

    def one(match: re.Match[str]) -> str:
        line = bisect.bisect_right(starts, match.start()) - 1
        return match.group(0) if line in code else replace(match)

    return pattern.sub(one, body)
