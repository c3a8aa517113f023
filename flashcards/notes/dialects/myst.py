"""MyST and Quarto, as Jupyter Book and Quarto sites write them, rewritten line for line
before the admonitions are read:

- a directive ``:::{note} Title`` is the admonition ``:::note Title`` (its fence and
  title kept), and the option lines under its opening (``:label: fig-alu``,
  ``:width: 100%``) are left out;
- a target's label (``(sec-intro)=``) is left out;
- a cross-reference ``@fig-alu`` (``@tab-``, ``@sec-``, ``@eq-``, …) reads ``the figure``,
  and one in brackets (``(see @fig-alu)``) is left out: the figure is not on the card.

Issue 32's readers found ``:::{figure} … :label: …`` as a definition and ``@fig-alu`` in
prompts. Lines inside code blocks are never touched."""

from __future__ import annotations

import re
from typing import Final

from flashcards.notes.dialects.lines import code_lines
from flashcards.notes.marks import may_hold

_DIRECTIVE: Final = re.compile(r"^(?P<fence>[ \t]*:{3,})\{(?P<name>[A-Za-z][\w-]*)\}")
_TARGET: Final = re.compile(r"^[ \t]*\([\w.:-]+\)=[ \t]*$")  # ``(sec-j-type)=`` names what follows
_OPTION: Final = re.compile(r"^[ \t]*:[\w-]+:(?:[ \t].*)?$")
_KINDS: Final = {"fig": "the figure", "tab": "the table", "sec": "the section",
                 "eq": "the equation", "lst": "the listing", "thm": "the theorem",
                 "lem": "the lemma", "def": "the definition", "exm": "the example",
                 "code": "the code"}  # fmt: skip
_REFERENCE: Final = re.compile(
    r"[ \t]*\((?:see|cf\.|in)?[ \t]*@(?:" + "|".join(_KINDS) + r")-[\w-]+[^()\n]{0,40}\)"
    r"|@(?P<kind>" + "|".join(_KINDS) + r")-[\w-]*\w"
)


def applies(body: str) -> bool:
    """Whether ``body`` may hold a MyST directive or a cross-reference."""
    return may_hold(body, (":{", "@", ")=")) and bool(_ANY.search(body))


_ANY: Final = re.compile(r":{3,}\{|@(?:" + "|".join(_KINDS) + r")-|^\([\w.:-]+\)=", re.MULTILINE)


def rewrite(body: str) -> str:
    """``body`` with MyST's directives as admonitions and its cross-references as words
    (the same lines)."""
    lines = body.split("\n")
    in_code = code_lines(body)
    options = False  # just under a directive's opening, where its options stand
    for number, line in enumerate(lines):
        if number in in_code:
            options = False
            continue
        if (options and _OPTION.match(line)) or _TARGET.match(line):
            lines[number] = ""
            continue
        directive = _DIRECTIVE.match(line)
        options = directive is not None
        if directive:
            title = line[directive.end() :].strip()
            shown = "" if directive.group("name") in _UNTITLED else f" {title}"
            line = f"{directive.group('fence')}{directive.group('name')}{shown}".rstrip()
        if "@" in line:
            line = _REFERENCE.sub(_referred, line)
        lines[number] = line
    return "\n".join(lines)


_UNTITLED: Final = frozenset({"figure", "image", "table", "code-block", "code-cell", "math"})
"""Directives whose argument is a path or code, not a title."""


def _referred(match: re.Match[str]) -> str:
    kind = match.group("kind")
    return _KINDS[kind] if kind else ""
