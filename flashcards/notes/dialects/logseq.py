"""Logseq's outlines (in a graph: a folder with ``logseq/config.edn``) and the same
``key:: value`` fields in Obsidian vaults (Dataview), and block ids that Obsidian and
Logseq leave at the end of lines. Line for line; code is untouched.

- ``key:: value`` properties never reach a card; the page's own (before its first
  block) give its title and tags;
- macros (``{{query ...}}``, ``{{embed ...}}``, ``{{video ...}}``) and block references
  (``((uuid))``) leave nothing;
- a block id at the end of a line (``text ^3ELnA6he``, ``id:: ...``) is dropped;
- a top-level block that is a heading (``- ## Key Vocab``) is a heading, and its
  children the blocks under it, as in a page written without bullets.
"""

from __future__ import annotations

import re
from typing import Any, Final

from flashcards.notes.dialects.lines import code_lines
from flashcards.notes.marks import may_hold

_PROPERTY: Final = re.compile(
    r"^(?P<lead>[ \t]*(?:[-*+][ \t]+)?)(?P<key>[A-Za-z][\w-]*)::(?:[ \t]+(?P<value>.*))?$"
)
_MACRO: Final = re.compile(r"\{\{(?!c\d+::)(?![<%])[ \t]*[a-z][\w-]*\b[^{}]*\}\}")
_BLOCK_REF: Final = re.compile(r"\(\([0-9a-f]{8}-[0-9a-f-]{27,}\)\)")
_BLOCK_ID: Final = re.compile(r"[ \t]+\^[A-Za-z0-9][\w-]*[ \t]*$")
_PAGE_KEYS: Final = {"title": "title", "tags": "tags", "alias": "aliases"}
_HEADING_BLOCK: Final = re.compile(r"^[-*+][ \t]+(#{1,6}[ \t].*)$")


_MARKERS: Final = ("^",)
_GRAPH_MARKERS: Final = ("::", "{{", "((", "^")


def applies(body: str, graph: bool) -> bool:
    """Whether ``body`` may hold what this dialect rewrites (a cheap test)."""
    return may_hold(body, _GRAPH_MARKERS if graph else _MARKERS)


def rewrite(body: str, graph: bool) -> tuple[str, dict[str, Any]]:
    """``body`` without properties, macros, block references and block ids (the same
    number of lines), and the page's properties (``title``, ``tags``) in a graph."""
    lines = body.split("\n")
    in_code = code_lines(body)
    page: dict[str, Any] = {}
    before_blocks = True
    under_heading = False
    for number, line in enumerate(lines):
        if graph and line[:1] not in ("\t", " ", ""):
            under_heading = False
        if under_heading and line[:1] in ("\t", " "):
            line = line[1:] if line[0] == "\t" else line[2:] if line.startswith("  ") else line
            lines[number] = line
        if number in in_code:
            before_blocks = False
            continue
        if graph and not under_heading and _HEADING_BLOCK.match(line):
            lines[number] = _HEADING_BLOCK.sub(r"\1", line)
            under_heading, before_blocks = True, False
            continue
        if graph:
            prop = _PROPERTY.match(line)
            if prop:
                key = prop.group("key").lower()
                if before_blocks and key in _PAGE_KEYS:
                    page[_PAGE_KEYS[key]] = _page_value(key, prop.group("value") or "")
                lead = prop.group("lead")
                lines[number] = lead.rstrip() if lead.strip() else ""
                continue
            if line.strip():
                before_blocks = False
            line = _BLOCK_REF.sub("", _MACRO.sub("", line))
        lines[number] = _BLOCK_ID.sub("", line)
    return "\n".join(lines), page


def _page_value(key: str, value: str) -> Any:
    if key == "title":
        return value.strip()
    names = [name.strip().strip("#").strip("[]").strip() for name in value.split(",")]
    return [name for name in names if name]
