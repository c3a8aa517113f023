"""Front matter in its common flat shape, read without the YAML machinery.

Nearly every note's front matter is a few ``key: value`` lines: plain, quoted, or a list
of those (``tags: [a, "b"]``, or ``- item`` lines under ``tags:``). Loading such a text
with PyYAML (its C loader) took a twentieth of a build's reading. :func:`load_flat` reads
exactly that shape, and only that: each value's type is settled by PyYAML's own resolver
and constructors, so the result is the one :func:`yaml.safe_load` gives. Anything else
(mappings inside, multi-line values, escapes, anchors, a character a rule here is not
sure of) gives None, and the caller loads the text with PyYAML.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any, Final

import yaml
from yaml.nodes import ScalarNode

_LINE: Final = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?: +(.*))?")  # no tab, no space before ':'
_ITEM: Final = re.compile(r"( *)-(?: +(.*))?")  # an item of a block list: "  - item"
_PLAIN: Final = re.compile(r"[A-Za-z0-9_./(][^#\t]*")  # a plain scalar's text (further checked)
_FLOW_PLAIN: Final = re.compile(r"[A-Za-z0-9_./][A-Za-z0-9_. /+()-]*")  # an item of a flow list
_STR: Final = "tag:yaml.org,2002:str"
_RESOLVE: Final[Callable[[type, str, tuple[bool, bool]], str]] = yaml.resolver.Resolver().resolve
_CONSTRUCTOR: Final = yaml.constructor.SafeConstructor()
_NOT_FOUND: Final = object()


def load_flat(raw: str) -> dict[str, Any] | None:
    """What ``yaml.safe_load(raw)`` gives, when ``raw`` is flat front matter and not
    empty; None when it is not (load it with PyYAML then)."""
    try:
        return _load_flat(raw)
    except (ValueError, OverflowError):
        return None  # a value no calendar or number holds: PyYAML says so, or finds worse


def _load_flat(raw: str) -> dict[str, Any] | None:
    metadata: dict[str, Any] = {}
    listed = ""  # a key with nothing after its colon, whose items may follow as "- item"
    indent = -1  # how far its items are indented (-1: none read yet)
    for line in raw.split("\n"):
        if not line.isprintable():  # YAML refuses a control character, even in a comment
            return None
        if not line or line[0] == "#":
            continue  # a blank line, a comment
        item = _ITEM.fullmatch(line)
        if item is not None:
            value = _value((item.group(2) or "").rstrip(" "))
            if not listed or value is _NOT_FOUND or indent not in (-1, len(item.group(1))):
                return None
            if indent < 0:
                metadata[listed], indent = [], len(item.group(1))
            metadata[listed].append(value)
            continue
        match = _LINE.fullmatch(line)
        if match is None:
            return None
        key, text = _scalar(match.group(1)), (match.group(2) or "").rstrip(" ")
        value = _value(text)
        if value is _NOT_FOUND or not isinstance(key, str):
            return None
        metadata[key] = value
        listed, indent = ("" if text else key), -1
    return metadata or None


def _value(text: str) -> Any:
    """A value as written after ``key:`` (``_NOT_FOUND``: not in the flat shape)."""
    if text[:1] == "[":
        if text[-1:] != "]":
            return _NOT_FOUND
        inner = text[1:-1].strip(" ")
        if not inner:
            return []
        items = [_item(part.strip(" ")) for part in inner.split(",")]
        return _NOT_FOUND if any(item is _NOT_FOUND for item in items) else items
    quoted = _quoted(text)
    if quoted is not None:
        return quoted
    if text and (_PLAIN.fullmatch(text) is None or ": " in text or text[-1] == ":" or "  " in text):
        return _NOT_FOUND
    return _scalar(text)


def _item(text: str) -> Any:
    """One item of a flow list."""
    quoted = _quoted(text)
    if quoted is not None:
        return quoted
    if _FLOW_PLAIN.fullmatch(text) is None or "  " in text:
        return _NOT_FOUND
    return _scalar(text)


def _quoted(text: str) -> Any:
    """The text of a quoted scalar with nothing to unescape; None: not quoted;
    ``_NOT_FOUND``: quoted, but not so simply."""
    if text[:1] not in ("'", '"'):
        return None
    inner = text[1:-1]
    if len(text) < 2 or text[-1] != text[0] or text[0] in inner or "\\" in inner:
        return _NOT_FOUND
    return inner


@functools.lru_cache(maxsize=1024)  # keys, and values such as true or a tag, repeat
def _scalar(text: str) -> Any:
    """A plain scalar as PyYAML reads it: its type by PyYAML's resolver (a string, a
    number, a boolean, a date, null), its value by PyYAML's constructor (every one of
    them immutable, so one value may serve every note that writes it)."""
    tag = _RESOLVE(ScalarNode, text, (True, False))
    if tag == _STR:
        return text
    return _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, ScalarNode(tag, text))
