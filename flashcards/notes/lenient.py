"""YAML front matter that YAML refuses, read key by key as its writer meant it.

``title: Chapter 3: Replication`` is not YAML (a ``": "`` inside a plain value), nor is a
value that starts with a backtick (``title: `git commit` in two sessions``), a quoted
part followed by more (``title: "250 queued" is not delivery``) or an Obsidian link not
in quotes (``related: [[Note]] [[Other]]``). People write all of these, and Obsidian
shows such notes as they are. So when the whole front matter does not parse, each
top-level key is read on its own: the keys YAML reads keep their values, and a one-line
``key: value`` that it refuses is the text after the colon. Anything else (an unclosed
``[`` list, a ``{`` mapping, a block, an anchor, more than one line under the key) stays
the error it was.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

import yaml

_KEY = re.compile(r"([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]+(.*?))?[ \t]*")
# YAML's own syntax: a value that starts so is not prose (an unclosed list, a block, an
# anchor), but a quote (``"250 queued" is not delivery``) or an Obsidian link may well be
_STRUCTURED = tuple("[{|>&*!%@")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class ByKey(NamedTuple):
    """Front matter read key by key."""

    metadata: dict[str, Any]
    as_text: list[tuple[int, str]]  # (line from 0, key) of each key read as text
    refused: int | None = None  # the line (from 0) of the first key read neither way


def read_by_key(raw: str) -> ByKey:
    """The keys and values of front matter ``raw``, read one top-level key at a time."""
    metadata: dict[str, Any] = {}
    as_text: list[tuple[int, str]] = []
    for start, lines in _entries(raw.split("\n")):
        value = _yaml("\n".join(lines))
        if isinstance(value, dict):
            metadata.update(value)
            continue
        match = _KEY.fullmatch(lines[0]) if len(lines) == 1 else None
        text = (match.group(2) or "") if match else ""
        if match is None or not text or (text.startswith(_STRUCTURED) and text[:2] != "[["):
            return ByKey(metadata, as_text, start)
        metadata[match.group(1)] = text
        as_text.append((start, match.group(1)))
    return ByKey(metadata, as_text)


def entry_error(raw: str, start: int) -> yaml.YAMLError | None:
    """YAML's own error for the entry of ``raw`` that starts on line ``start`` (from 0),
    its lines counted in ``raw``; None when the entry alone raises none."""
    for first, lines in _entries(raw.split("\n")):
        if first != start:
            continue
        try:  # on the lines it stands on, so that YAML's marks count lines in ``raw``
            yaml.load("\n" * start + "\n".join(lines), Loader=_LOADER)  # a safe loader
        except yaml.YAMLError as error:
            return error
        except (ValueError, OverflowError, RecursionError):
            return None
    return None


def _yaml(text: str) -> Any:
    try:
        return yaml.load(text, Loader=_LOADER)  # a safe loader
    except (yaml.YAMLError, ValueError, OverflowError, RecursionError):
        return None


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
