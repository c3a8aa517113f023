"""YAML front matter that YAML refuses, mended line for line as its writer meant it.

``title: Chapter 3: Replication`` is not YAML (a ``": "`` inside a plain value), nor is a
value that starts with a backtick (``title: `git commit` in two sessions``), a quoted
part followed by more (``title: "250 queued" is not delivery``) or an Obsidian link not
in quotes (``related: [[Note]] [[Other]]``). People write all of these, and Obsidian
shows such notes as they are. So when the front matter does not parse, each top-level
``key: value`` line that YAML refuses on its own, and whose value reads as prose, is
quoted (its value is then the text after the colon), and the whole front matter is read
again: anchors and aliases between keys still work, and every line keeps its number.
Anything else (an unclosed ``[`` list, a ``{`` mapping, a block, an alias, more than one
line under the key) is left as written, and stays the error it was.
"""

from __future__ import annotations

import json
import re
from typing import Final

import yaml

_KEY: Final = re.compile(r"([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]+(.*?))?[ \t]*")
# YAML's own syntax: a value that starts so is not prose (an unclosed list, a block, a
# tag), but a quote (``"250 queued" is not delivery``) or an Obsidian link may well be;
# nor is an anchor or an alias (``*name``), though Markdown emphasis (``*Note* that``) is
_STRUCTURED: Final = tuple("[{|>!%@")
_ANCHOR_OR_ALIAS: Final = re.compile(r"[&*][\w-]+(?:\s|$)")
_LOADER: Final = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def mend(raw: str) -> tuple[str, list[tuple[int, str]]]:
    """Front matter ``raw`` with each prose value that YAML refuses quoted, and ``(line
    from 0, key)`` of each value quoted (none: ``raw`` as it was)."""
    lines = raw.split("\n")
    quoted: list[tuple[int, str]] = []
    for start, entry in _entries(lines):
        match = _KEY.fullmatch(entry[0]) if len(entry) == 1 else None
        text = (match.group(2) or "") if match else ""
        if match is None or not text or _structured(text):
            continue
        if _readable(entry[0]):
            continue
        lines[start] = f"{match.group(1)}: {json.dumps(text, ensure_ascii=False)}"
        quoted.append((start, match.group(1)))
    return "\n".join(lines), quoted


def _structured(text: str) -> bool:
    if text.startswith(_STRUCTURED):
        return text[:2] != "[["
    return _ANCHOR_OR_ALIAS.match(text) is not None


def _readable(line: str) -> bool:
    try:
        yaml.load(line, Loader=_LOADER)  # a safe loader
    except (yaml.YAMLError, ValueError, OverflowError, RecursionError):
        return False
    return True


def _entries(lines: list[str]) -> list[tuple[int, list[str]]]:
    """Each top-level entry of the front matter: its first line (from 0) and its lines,
    the indented lines and list items under a key included (comments and blank lines
    left out)."""
    entries: list[tuple[int, list[str]]] = []
    for number, line in enumerate(lines):
        if not line.strip() or line.startswith("#"):
            continue
        if line[0] in " \t-" and entries:
            entries[-1][1].append(line)
        else:
            entries.append((number, [line]))
    return entries
