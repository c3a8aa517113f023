"""HTML's folded answer, as GitHub notes write a quiz: ``<details>`` with a
``<summary>`` and the answer in Markdown, up to ``</details>``. Rewritten line for line
into the Obsidian callouts the extraction already asks:

- a summary that reveals (``Answer``, ``Show solution``, ``Model answer``) is a folded
  answer callout, ``> [!answer]-``: with the question just above it, one card;
- any other summary (``What is a pod?``) is a question callout holding that answer,
  ``> [!question] What is a pod?`` over ``> > [!answer]-``: one card.

Issue 32's readers found twenty such questions and answers in one folder, which made no
card. Lines in code blocks outside a ``<details>`` are never touched."""

from __future__ import annotations

import re
from typing import Final

from flashcards.notes.dialects.lines import code_lines
from flashcards.notes.marks import may_hold

_OPEN: Final = re.compile(r"^[ \t]{0,3}<details(?:\s[^>]*)?>\s*(?P<rest>.*)$", re.IGNORECASE)
_SUMMARY: Final = re.compile(r"^\s*<summary(?:\s[^>]*)?>(?P<title>.*?)</summary>\s*$", re.I)
_CLOSE: Final = re.compile(r"^\s*</details>\s*$", re.IGNORECASE)
_TAGS: Final = re.compile(r"<[^<>]{1,200}>")
_REVEALING: Final = re.compile(
    r"^(?:show |reveal |see |click (?:here )?(?:to|for) (?:see |show |reveal |view )?(?:the )?)?"
    r"(?:(?:model|sample|suggested|example|possible|full|short|my) )?"
    r"(?:answers?|solutions?|explanation|hint|spoiler|expand)\W*$",
    re.IGNORECASE,
)


def applies(body: str) -> bool:
    """Whether ``body`` may hold a ``<details>`` block."""
    return may_hold(body, ("<details",))


def rewrite(body: str) -> str:
    """``body`` with its ``<details>`` blocks as callouts (the same lines)."""
    lines = body.split("\n")
    in_code = code_lines(body)
    number = 0
    while number < len(lines):
        opening = None if number in in_code else _OPEN.match(lines[number])
        end = _closing(lines, number + 1) if opening else None
        if opening is None or end is None:
            number += 1
            continue
        title_at, title = _summary(lines, number, opening.group("rest"), end)
        if title is None:
            number += 1
            continue
        reveals = bool(_REVEALING.match(title)) or not title
        if title_at == number:  # <details><summary>…: the answer's own line must be free
            free = number + 1 < end and not lines[number + 1].strip()
            title_at = number + 1 if free else -1
        if not reveals and title_at < 0:
            number += 1
            continue
        quote = "> " if reveals else "> > "
        # a revealing summary labels the answer (``Model answer``): the callout needs no title
        lines[number] = "> [!answer]-" if reveals else f"> [!question] {title}"
        for inner in range(number + 1, end):
            if inner == title_at:
                lines[inner] = ">" if reveals else "> > [!answer]-"
            else:
                lines[inner] = quote + lines[inner] if lines[inner].strip() else quote.rstrip()
        lines[end] = ""
        number = end + 1
    return "\n".join(lines)


def _closing(lines: list[str], start: int) -> int | None:
    """The line of the ``</details>`` that closes a block opened above ``start`` (None
    when another opens first or none closes it: nested or broken, left as it is)."""
    for number in range(start, min(len(lines), start + _MOST_LINES)):
        if _CLOSE.match(lines[number]):
            return number
        if _OPEN.match(lines[number]):
            return None
    return None


_MOST_LINES: Final = 400


def _summary(lines: list[str], opened: int, rest: str, end: int) -> tuple[int, str | None]:
    """Where a block's ``<summary>`` stands and what it says (its tags left out): on the
    ``<details>`` line itself, or on the first line with text after it."""
    if rest.strip():
        found = _SUMMARY.match(rest)
        return opened, _plain(found.group("title")) if found else None
    for number in range(opened + 1, end):
        if lines[number].strip():
            found = _SUMMARY.match(lines[number])
            return number, _plain(found.group("title")) if found else None
    return opened, None


def _plain(title: str) -> str:
    return " ".join(_TAGS.sub("", title).split())
