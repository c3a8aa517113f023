"""What the previous build wrote, so that unchanged notes keep their modification time.

Anki updates a note on import only when the package's ``mod`` is strictly newer than
its own, and an update replaces fields and tags. So an unchanged note keeps its old
``mod`` (the user's edits in Anki survive), and a changed one gets a newer ``mod``, even
when two builds fall in the same second.

Stamps are kept by GUID, whatever file a note comes from: a note moved to another file
or folder keeps its stamp. A stamp is dropped only by a *full* build (one that read
every note path builds into this folder have read), which is the only build that can
know that a card left the notes rather than moved out of sight.

A state that cannot be trusted in full (damaged, hand-edited, from a newer version) is
not used at all: the build says so and stamps every note as new.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

STATE_FILE = ".flashcards-state.json"
_VERSION = 4
_OLDER_VERSIONS = (3,)  # read and carried forward
MAX_ID = 2**53 - 2**24  # note ids stay exact everywhere, with room for their cards' ids
MAX_MOD = 2**35  # seconds: the year 3058


@dataclass(frozen=True, slots=True)
class Stamp:
    """A note's identity in Anki (id) and when its content last changed."""

    content_hash: str
    mod: int
    id: int
    book: str = ""
    search: str = ""
    source: str = ""  # the note file it came from, absolute; "" once it left that file


@dataclass
class State:
    """Stamps by GUID (notes), ``model:<id>`` (note types) or ``package:<file>``; and the
    note paths (absolute) that builds into this folder have read."""

    stamps: dict[str, Stamp] = field(default_factory=dict)
    roots: tuple[str, ...] = ()

    def is_full_build(self, paths: Iterable[str]) -> bool:
        """Whether a build of ``paths`` reads every note path known to this state that
        still exists (so that it can tell a removed card from a moved one)."""
        given = list(paths)
        return all(_within(root, given) or not os.path.exists(root) for root in self.roots)

    def roots_after(self, paths: Iterable[str]) -> tuple[str, ...]:
        """The known note paths once a build of ``paths`` is done."""
        given = list(paths)
        kept = [r for r in self.roots if not _within(r, given) and os.path.exists(r)]
        return _outermost([*given, *kept])


def _within(path: str, roots: Iterable[str]) -> bool:
    return any(path == root or path.startswith(root.rstrip(os.sep) + os.sep) for root in roots)


def _outermost(paths: Iterable[str]) -> tuple[str, ...]:
    unique = sorted(set(paths))
    return tuple(p for p in unique if not _within(p, [r for r in unique if r != p]))


def build_time() -> int:
    """Now, in whole seconds, or ``SOURCE_DATE_EPOCH`` when it is set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(epoch) if epoch.isascii() and epoch.isdigit() else int(time.time())


def load_state(folder: Path) -> tuple[State, str | None]:
    """The state in ``folder``; with an empty state, a note on why it could not be used."""
    path = folder / STATE_FILE
    if not path.exists():
        return State(), f"{path}: no previous build state; every note is stamped as new"
    try:
        state = parse_state(path.read_bytes())
    except (OSError, ValueError, RecursionError, MemoryError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else str(exc) or type(exc).__name__
        return (
            State(),
            f"{path}: unreadable build state ({reason}); every note is stamped as changed",
        )
    return state, None


def parse_state(data: bytes) -> State:
    """The state that ``data`` holds; ``ValueError`` (saying why) unless all of it is sound."""
    try:
        raw = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise ValueError("not UTF-8") from None
    if not isinstance(raw, dict):
        raise ValueError("not a JSON object")
    version = raw.get("version")
    if version != _VERSION and version not in _OLDER_VERSIONS:
        raise ValueError(f"unknown version {version!r}")
    sources = _texts(raw.get("sources"), "sources")
    stamps_raw = raw.get("stamps")
    if not isinstance(stamps_raw, dict):
        raise ValueError("'stamps' is not an object")
    stamps: dict[str, Stamp] = {}
    ids: set[int] = set()
    for key, value in stamps_raw.items():
        stamp = _stamp(key, value, sources)
        if stamp.id in ids:
            raise ValueError(f"two notes share the id {stamp.id}")
        ids.add(stamp.id)
        stamps[key] = stamp
    if version == _VERSION:
        roots = _texts(raw.get("roots"), "roots")
    else:  # version 3 did not record them: the folders its notes were in
        roots = [os.path.dirname(s.source) for s in stamps.values() if s.source]
    return State(stamps, _outermost(roots))


def _texts(value: Any, name: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"'{name}' is not a list of text")
    return value


def _stamp(key: str, value: Any, sources: list[str]) -> Stamp:
    if not isinstance(value, list) or len(value) != 6:
        raise ValueError(f"stamp {key!r} is not a list of 6 values")
    content_hash, mod, id_, book, search, source = value
    if not all(isinstance(v, str) for v in (content_hash, book, search)):
        raise ValueError(f"stamp {key!r} has a value of the wrong type")
    for number, low, high in ((mod, 0, MAX_MOD), (id_, 1, MAX_ID), (source, -1, len(sources) - 1)):
        if type(number) is not int or not low <= number <= high:
            raise ValueError(f"stamp {key!r} has {number!r} where a number in range is due")
    return Stamp(content_hash, mod, id_, book, search, sources[source] if source >= 0 else "")


def state_bytes(state: State) -> bytes:
    """``state`` as the state file holds it (each note file's path is stored once)."""
    sources: dict[str, int] = {}
    stamps: dict[str, Any] = {
        key: [
            s.content_hash, s.mod, s.id, s.book, s.search,
            sources.setdefault(s.source, len(sources)) if s.source else -1,
        ]
        for key, s in sorted(state.stamps.items())
    }  # fmt: skip
    document = {
        "version": _VERSION,
        "roots": list(state.roots),
        "sources": list(sources),
        "stamps": stamps,
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class Stamper:
    """Hands out ``(id, mod)`` for each key, keeping both for unchanged content."""

    def __init__(self, previous: State, now: int) -> None:
        self.previous = previous
        self.now = now
        self.current = State(roots=previous.roots)
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

    def carry_over(
        self, scanned: Callable[[str], bool], full: bool, kept: Callable[[str], bool]
    ) -> tuple[list[Stamp], list[Stamp]]:
        """Carry the previous stamps this build did not hand out; return the cards that
        are gone from the notes and those that left the files this build read.

        A full build decides: what it did not find is gone (reported once, then dropped).
        A partial build keeps every stamp, since a card that left the files it read may
        have moved to a file it did not read; it reports each such card once. The stamps
        of files that ``kept`` names (drafts left out of this build) stay as they are.
        """
        gone, left = [], []
        for key, stamp in self.previous.stamps.items():
            if key in self.current.stamps:
                continue
            if stamp.source and kept(stamp.source):
                self.current.stamps[key] = stamp
                continue
            if full and not key.startswith(("model:", "package:")):
                gone.append(stamp)
                continue
            if stamp.source and scanned(stamp.source):
                left.append(stamp)
                stamp = Stamp(stamp.content_hash, stamp.mod, stamp.id, stamp.book, stamp.search)
            self.current.stamps[key] = stamp
        by_place = lambda stamp: (stamp.book, stamp.search)  # noqa: E731
        return sorted(gone, key=by_place), sorted(left, key=by_place)
