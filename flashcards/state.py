"""What the previous build wrote, so that unchanged notes keep their modification time.

Anki updates a note on import only when the package's ``mod`` is strictly newer than
its own, and an update replaces fields and tags. So an unchanged note keeps its old
``mod`` (the user's edits in Anki survive), and a changed one gets a newer ``mod``, even
when two builds fall in the same second.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .atomic import write_atomically

STATE_FILE = ".flashcards-state.json"
_VERSION = 3


@dataclass(frozen=True, slots=True)
class Stamp:
    """A note's identity in Anki (id) and when its content last changed."""

    content_hash: str
    mod: int
    id: int
    book: str = ""
    search: str = ""
    source: str = ""  # the note file it came from, absolute


@dataclass
class State:
    """Stamps by GUID (notes) or ``model:<id>`` (note types)."""

    stamps: dict[str, Stamp] = field(default_factory=dict)


def build_time() -> int:
    """Now, in whole seconds, or ``SOURCE_DATE_EPOCH`` when it is set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(epoch) if epoch.isdigit() else int(time.time())


def load_state(folder: Path) -> tuple[State, str | None]:
    """The state in ``folder``; with an empty state, a note on why it could not be used."""
    path = folder / STATE_FILE
    if not path.exists():
        return State(), f"{path}: no previous build state; every note is stamped as new"
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        if raw.get("version") != _VERSION:
            raise ValueError("unknown version")
        sources = raw["sources"]
        stamps = {
            key: Stamp(text, mod, id_, book, search, sources[source] if source >= 0 else "")
            for key, (text, mod, id_, book, search, source) in raw["stamps"].items()
        }
    except (OSError, ValueError, TypeError, KeyError, AttributeError, IndexError) as exc:
        return State(), f"{path}: unreadable build state ({exc}); every note is stamped as changed"
    return State(stamps), None


def save_state(folder: Path, state: State) -> None:
    """Write ``state`` into ``folder`` atomically (each note file's path is stored once)."""
    sources: dict[str, int] = {}
    stamps: dict[str, Any] = {
        key: [
            s.content_hash, s.mod, s.id, s.book, s.search,
            sources.setdefault(s.source, len(sources)) if s.source else -1,
        ]
        for key, s in sorted(state.stamps.items())
    }  # fmt: skip
    document = {"version": _VERSION, "sources": list(sources), "stamps": stamps}
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    write_atomically(folder / STATE_FILE, text.encode("utf-8"))


def mark_built(folder: Path) -> None:
    """Record the time of a build that changed nothing (``make deck`` compares against it)."""
    (folder / STATE_FILE).touch()


class Stamper:
    """Hands out ``(id, mod)`` for each key, keeping both for unchanged content."""

    def __init__(self, previous: State, now: int) -> None:
        self.previous = previous
        self.now = now
        self.current = State()
        used = [s.id for s in previous.stamps.values()]
        self._next_id = max([now * 1000, *(i + 1 for i in used)])

    def stamp(
        self,
        key: str,
        content_hash: str,
        book: str = "",
        search: str = "",
        source: str = "",
        width: int = 1,
    ) -> Stamp:
        """The stamp for ``key`` now; ``width`` ids are reserved for a new one."""
        before = self.previous.stamps.get(key)
        if before is not None and before.content_hash == content_hash:
            mod, id_ = before.mod, before.id
        elif before is not None:
            mod, id_ = max(self.now, before.mod + 1), before.id
        else:
            mod, id_ = self.now, self._next_id
            self._next_id += max(width, 1)
        stamp = Stamp(content_hash, mod, id_, book, search, source)
        self.current.stamps[key] = stamp
        return stamp

    def carry_over(self, scanned: Callable[[str], bool]) -> list[Stamp]:
        """Keep the previous stamps of notes whose files this build did not look at (it
        read some notes only); return those it looked at and found gone (reported once,
        then dropped)."""
        gone = []
        for key, stamp in self.previous.stamps.items():
            if key in self.current.stamps:
                continue
            if stamp.source and scanned(stamp.source):
                gone.append(stamp)
            else:
                self.current.stamps[key] = stamp
        return gone
