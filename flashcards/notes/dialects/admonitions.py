"""Admonitions of documentation sites, rewritten line for line into Obsidian callouts
(``> [!type] Title``), which the Obsidian dialect turns into callout boxes whose lists
still make cards:

- Docusaurus and VitePress: ``:::tip Title`` (or ``:::tip[Title]``) ... ``:::``, nested
  with more colons;
- MkDocs Material: ``!!! note "Title"``, ``??? note`` and ``???+ note`` (collapsible)
  and content tabs (``=== "Python"``), with a body indented by four spaces.

Lines inside code blocks are never touched; every line keeps its line number.
"""

from __future__ import annotations

import re
from typing import Final

from flashcards.notes.dialects.lines import code_lines
from flashcards.notes.markdown import MAX_DEPTH
from flashcards.notes.marks import may_hold

# Deeper than the Markdown may go, the note is an error at that line (MAX_DEPTH): the
# quote marks stop there, so that n admonitions never closed write n, not n² of them
_DEEPEST: Final = MAX_DEPTH + 1

_OPEN_COLONS: Final = re.compile(
    r"^(?P<indent>[ \t]*)(?P<fence>:{3,})[ \t]*(?P<kind>[A-Za-z][\w-]*)"
    r"(?:\[(?P<bracket>[^\]]*)\]|[ \t]+(?P<title>.*?))?[ \t]*(?:\{[^}]*\})?[ \t]*$"
)
_CLOSE_COLONS: Final = re.compile(r"^[ \t]*(?P<fence>:{3,})[ \t]*$")
_OPEN_MKDOCS: Final = re.compile(
    r"^(?P<indent>[ \t]*)(?:!!!|\?\?\?\+?)[ \t]+(?P<kind>[A-Za-z][\w-]*)"
    r'(?:[ \t]+"(?P<title>[^"]*)")?[ \t]*$'
    r'|^(?P<tab>[ \t]*)===\+?[ \t]+"(?P<tab_title>[^"]*)"[ \t]*$'  # a content tab
)


_MARKERS: Final = (":::", "!!! ", "??? ", "???+ ", '=== "')


def applies(body: str) -> bool:
    """Whether ``body`` may hold an admonition (a cheap test before the work)."""
    return may_hold(body, _MARKERS)


def rewrite(body: str) -> str:
    """``body`` with its admonitions as callouts (the same number of lines)."""
    lines = body.split("\n")
    in_code = code_lines(body)
    out: list[str] = []
    fences: list[int] = []  # the colon count of each open ::: admonition
    mkdocs: list[int] = []  # the indentation of each open MkDocs admonition's body
    for number, line in enumerate(lines):
        if number in in_code and not fences and not mkdocs:
            out.append(line)
            continue
        while mkdocs and line.strip() and _indent(line) < mkdocs[-1]:
            mkdocs.pop()
        depth = min(len(fences) + len(mkdocs), _DEEPEST)
        text = _dedent(line, mkdocs[-1]) if mkdocs else line
        if number not in in_code:
            closing = _CLOSE_COLONS.match(text)
            if closing and fences and len(closing.group("fence")) >= fences[-1]:
                fences.pop()
                out.append("> " * min(len(fences), _DEEPEST) + ">" if fences or mkdocs else "")
                continue
            opening = _OPEN_COLONS.match(text) or _OPEN_MKDOCS.match(text)
            if opening:
                found = opening.groupdict()
                title = (found.get("bracket") or found.get("title") or "").strip()
                kind = (found.get("kind") or "tab").lower()
                if found.get("tab_title") is not None:
                    title = found["tab_title"].strip()
                out.append("> " * depth + f"> [!{kind}] {title}".rstrip())
                if found.get("fence"):
                    fences.append(len(found["fence"]))
                else:
                    mkdocs.append(_indent(line) + 4)  # its body is indented four more
                continue
        out.append(("> " * depth + text).rstrip() if depth else text)
    return "\n".join(out)


def _indent(line: str) -> int:
    return len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip(" "))


def _dedent(line: str, columns: int) -> str:
    expanded = line.expandtabs(4)
    return expanded[min(columns, _indent(expanded)) :]
