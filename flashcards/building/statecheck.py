"""Checking what a state file holds: JSON read back whole and in range, or a
``ValueError`` that says what is wrong (a file is used in full or not at all)."""

from __future__ import annotations

import json
from typing import Any

from flashcards.building.state import MAX_ID, MAX_MOD, Stamp, Stat


def unreadable(exc: BaseException) -> str:
    """Why a state file could not be used, in a few words."""
    reason = exc.strerror if isinstance(exc, OSError) else str(exc) or type(exc).__name__
    return f"unreadable build state ({reason})"


def read_json(data: bytes) -> dict[str, Any]:
    """``data`` as a JSON object."""
    try:
        raw = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise ValueError("not UTF-8") from None
    if not isinstance(raw, dict):
        raise ValueError("not a JSON object")
    return raw


def member_object(raw: dict[str, Any], name: str) -> dict[str, Any]:
    """The object ``raw[name]``."""
    value = raw.get(name)
    if not isinstance(value, dict):
        raise ValueError(f"'{name}' is not an object")
    return value


def texts(value: Any, name: str) -> list[str]:
    """``value`` as a list of text."""
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"'{name}' is not a list of text")
    return value


def number(value: Any, low: int, high: int, what: str) -> int:
    """``value`` as a whole number from ``low`` to ``high``."""
    if type(value) is not int or not low <= value <= high:
        raise ValueError(f"{what} has {value!r} where a number in range is due")
    return value


def stamp_of(key: str, value: Any, sources: list[str], *, models: bool = False) -> Stamp:
    """The stamp that a row of a stamps file (or of the manifest's models) holds."""
    size = 3 if models else 5
    if not isinstance(value, list) or len(value) != size:
        raise ValueError(f"stamp {key!r} is not a list of {size} values")
    content_hash, mod, id_ = value[:3]
    search, source = ("", -1) if models else value[3:]
    if not isinstance(content_hash, str) or not isinstance(search, str):
        raise ValueError(f"stamp {key!r} has a value of the wrong type")
    number(mod, 0, MAX_MOD, f"stamp {key!r}")
    number(id_, 1, MAX_ID, f"stamp {key!r}")
    number(source, -1, len(sources) - 1, f"stamp {key!r}")
    return Stamp(content_hash, mod, id_, search, sources[source] if source >= 0 else "")


def size_and_time(value: Any, what: str) -> Stat:
    """A ``[size, time]`` pair."""
    if not isinstance(value, list) or len(value) != 2:
        raise ValueError(f"{what} has no size and time")
    return number(value[0], 0, 2**62, what), number(value[1], -(2**62), 2**62, what)


def dumps(document: dict[str, Any], *, sort_keys: bool = False) -> bytes:
    """``document`` as compact UTF-8 JSON."""
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"), sort_keys=sort_keys)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:  # a file name that is not UTF-8: kept exactly, as \udcXX
        return json.dumps(document, separators=(",", ":"), sort_keys=sort_keys).encode("ascii")
