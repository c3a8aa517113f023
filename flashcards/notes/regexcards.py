"""Obsidian_to_Anki's custom regular expressions, run as that plugin runs them, safely.

Its settings give a JavaScript regular expression per note type; each capture group is a
field, in order. The plugin looks for it with an ``ID: 123`` line after it and a
``Tags: ...`` line, with one of them, and bare, in that order, each match taking its text
out of later searches (multi-line mode: ``^`` and ``$`` at every line).

JavaScript and Python differ: named groups ``(?<name>`` and ``\\k<name>`` are written
anew, ``[^]`` (any character) and ``[]`` (none) too, and ``\\d``, ``\\w`` and ``\\b`` are
ASCII as in JavaScript; what Python cannot run (``\\p{...}``, ``\\cX``, a lookbehind of
varying width) is refused with the reason. A pattern can take exponential time on some
text: each note's searches stop after :data:`BUDGET_SECONDS` (a timer signal, which
Python's matcher heeds), and that note's cards of that note type are not made.
"""

from __future__ import annotations

import re
import signal
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Final

BUDGET_SECONDS = 2.0
_ID: Final = r"\n?(?:<!--)?(?:ID: (\d+).*)"
_TAGS: Final = r"(Tags: .*)"
_FLAGS: Final = re.MULTILINE | re.ASCII

# (note type, kind, front, back, first offset, end offset, note id)
RegexCard = tuple[str, str, str, str, int, int, int]


class _OutOfTime(Exception):
    """The budget of a note's searches ran out."""


def translate(pattern: str) -> tuple[str, str]:
    """``pattern`` (JavaScript) in Python's syntax, and ``""``; or ``""`` and why it
    cannot be run."""
    out: list[str] = []
    index, in_class = 0, False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            escaped = pattern[index + 1 : index + 3]
            if escaped[:1] == "c" or escaped in ("p{", "P{", "u{"):
                return "", f"'\\{escaped[:1]}' has no equivalent in Python's regular expressions"
            if escaped == "k<" and not in_class:
                end = pattern.find(">", index)
                if end < 0:
                    return "", "'\\k<' without its closing '>'"
                out.append(f"(?P={pattern[index + 3 : end]})")
                index = end + 1
                continue
            out.append(pattern[index : index + 2])
            index += 2
            continue
        if in_class:
            in_class = char != "]"
            out.append("\\[" if char == "[" else char)
        elif pattern.startswith("[^]", index):
            out.append(r"[\s\S]")
            index += 2
        elif pattern.startswith("[]", index):
            out.append("(?!)")
            index += 1
        elif pattern.startswith("(?<", index) and pattern[index + 3 : index + 4] not in "=!":
            out.append("(?P<")
            index += 2
        else:
            in_class = char == "["
            out.append(char)
        index += 1
    translated = "".join(out)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            re.compile(translated + _TAGS + _ID, _FLAGS)
    except (re.error, RecursionError, OverflowError) as error:
        return "", f"cannot be run in Python ({error})"
    return translated, ""


def regex_cards(
    text: str, regexps: tuple[tuple[str, str, str], ...], taken: list[tuple[int, int]]
) -> tuple[list[RegexCard], list[str]]:
    """The cards that the custom regular expressions find in ``text`` outside the
    ``taken`` spans (which grow by what they match), and a message per note type whose
    searches ran out of time."""
    cards: list[RegexCard] = []
    slow: list[str] = []
    try:
        with _bounded(BUDGET_SECONDS):
            for note_type, kind, pattern in regexps:
                current = note_type
                cards += _search(text, note_type, kind, pattern, taken)
    except _OutOfTime:
        slow.append(
            f"Obsidian_to_Anki's regular expression for '{current}' took over "
            f"{BUDGET_SECONDS:g} s on this note and was stopped; its cards here are not made"
        )
        cards = [card for card in cards if card[0] != current]
    return cards, slow


def _search(
    text: str, note_type: str, kind: str, pattern: str, taken: list[tuple[int, int]]
) -> Iterator[RegexCard]:
    for with_id in (True, False):
        for with_tags in (True, False):
            whole = pattern + (_TAGS if with_tags else "") + (_ID if with_id else "")
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                compiled = re.compile(whole, _FLAGS)
            for match in compiled.finditer(text):
                span = match.span()
                if span[0] == span[1] or any(
                    span[0] >= start - 1 and span[1] <= end + 1 for start, end in taken
                ):
                    continue
                groups = list(match.groups())
                note_id = int(groups.pop()) if with_id else 0
                if with_tags:
                    groups.pop()
                fields = [(value or "").strip() for value in groups] + ["", ""]
                if not fields[0] or (kind != "cloze" and not fields[1]):
                    continue
                taken.append(span)
                yield note_type, kind, fields[0], fields[1], span[0], span[1], note_id


@contextmanager
def _bounded(seconds: float) -> Iterator[None]:
    """Raise :class:`_OutOfTime` in the block after ``seconds`` (only the main thread
    can take a timer signal; elsewhere the block runs unbounded)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(
        signal, "setitimer"
    ):
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise _OutOfTime

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
