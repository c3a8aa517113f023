"""What the previous builds wrote, so that unchanged notes keep their modification time
and unchanged books are not built again.

Anki updates a note on import only when the package's ``mod`` is strictly newer than
its own, and an update replaces fields and tags. So an unchanged note keeps its old
``mod`` (the user's edits in Anki survive), and a changed one gets a newer ``mod``, even
when two builds fall in the same second.

Two kinds of file, in the output folder:

- the *manifest* (``.flashcards-state.json``, small): every note file read, with its size,
  time, book and warning count (and the images it showed); every book, with its name,
  decks and package; the note types' stamps; the note paths builds have read. A build
  whose notes all match it stops after a scan of sizes and times.
- one *stamps* file per book (``.flashcards-books/<book>.json``): each note's GUID ->
  content hash, ``mod``, id, an Anki search and its note file. Only the books a build
  rebuilds are loaded and written.

Stamps are kept by GUID, whatever file a note comes from: a note moved to another file
or folder keeps its stamp. A stamp is dropped only by a *full* build (one that read
every note path known to the manifest), the only build that can tell a card that left
the notes from one that moved out of sight.

A file that cannot be trusted in full (damaged, hand-edited, from a newer version) is
not used at all: a damaged manifest makes every note new, a damaged stamps file every
note of its book; the build says so.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from flashcards.building.report import Gone

STATE_FILE = ".flashcards-state.json"
BOOKS_FOLDER = ".flashcards-books"
_VERSION = 5
_SINGLE_FILE_VERSIONS = (3, 4)  # one file held everything: read and carried forward
MAX_ID = 2**53 - 2**24  # note ids stay exact everywhere, with room for their cards' ids
MAX_MOD = 2**35  # seconds: the year 3058
Stat = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Stamp:
    """A note's identity in Anki (id) and when its content last changed."""

    content_hash: str
    mod: int
    id: int
    search: str = ""
    source: str = ""  # the note file it came from, absolute; "" once it left that file


class FileEntry(NamedTuple):
    """A note file as the last build that read it found it."""

    stat: Stat
    book: str  # the package name (stem) of its book
    warnings: int = 0
    draft: bool = False  # left out of that build as a draft
    images: tuple[tuple[str, int, int], ...] = ()  # (path, size, time) of images it showed


@dataclass(frozen=True)
class BookEntry:
    """A book (one package) as the last build that wrote it left it."""

    name: str
    options: str  # the fingerprint of the options it was built with
    package: str  # the package's content fingerprint
    stat: Stat  # the package file's size and time, to notice it was replaced or removed
    decks: dict[str, int]  # cards per deck
    unplaced: int = 0  # stamps of cards that left their file (a full build decides them)


@dataclass
class Manifest:
    """The small state file; see the module's documentation."""

    roots: tuple[str, ...] = ()
    next_id: int = 0
    models: dict[str, Stamp] = field(default_factory=dict)
    books: dict[str, BookEntry] = field(default_factory=dict)
    files: dict[str, FileEntry] = field(default_factory=dict)
    carried: dict[str, dict[str, Stamp]] = field(default_factory=dict)  # from version 3/4

    def is_full_build(self, paths: Iterable[str]) -> bool:
        """Whether a build of ``paths`` reads every note path known here that still
        exists (so that it can tell a removed card from a moved one)."""
        given = list(paths)
        return all(within(root, given) or not os.path.exists(root) for root in self.roots)

    def roots_after(self, paths: Iterable[str]) -> tuple[str, ...]:
        """The known note paths once a build of ``paths`` is done."""
        given = list(paths)
        kept = [r for r in self.roots if not within(r, given) and os.path.exists(r)]
        return outermost([*given, *kept])


def within(path: str, roots: Iterable[str]) -> bool:
    """Whether ``path`` is one of ``roots`` or lies inside one (absolute paths)."""
    return any(path == root or path.startswith(root.rstrip(os.sep) + os.sep) for root in roots)


def outermost(paths: Iterable[str]) -> tuple[str, ...]:
    """``paths`` without those that lie inside another."""
    unique = sorted(set(paths))
    return tuple(p for p in unique if not within(p, [r for r in unique if r != p]))


def build_time() -> int:
    """Now, in whole seconds, or ``SOURCE_DATE_EPOCH`` when it is set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(epoch) if epoch.isascii() and epoch.isdigit() else int(time.time())


# -- reading ------------------------------------------------------------------------


def load_manifest(folder: Path) -> tuple[Manifest, str | None]:
    """The manifest in ``folder``; with an empty one, a note on why it could not be used."""
    path = folder / STATE_FILE
    if not path.exists():
        return Manifest(), f"{path}: no previous build state; every note is stamped as new"
    try:
        manifest = parse_manifest(path.read_bytes())
    except (OSError, ValueError, RecursionError, MemoryError) as exc:
        return Manifest(), f"{path}: {_unreadable(exc)}; every note is stamped as changed"
    return manifest, None


def load_book(folder: Path, book: str, manifest: Manifest) -> tuple[dict[str, Stamp], str | None]:
    """The stamps of ``book``; with none, a note on why they could not be used."""
    if book in manifest.carried:
        return dict(manifest.carried[book]), None
    if book not in manifest.books:
        return {}, None
    path = book_path(folder, book)
    try:
        return parse_book(path.read_bytes()), None
    except (FileNotFoundError, NotADirectoryError):
        return {}, f"{path}: missing; the notes of this book are stamped as changed"
    except (OSError, ValueError, RecursionError, MemoryError) as exc:
        return {}, f"{path}: {_unreadable(exc)}; the notes of this book are stamped as changed"


def book_path(folder: Path, book: str) -> Path:
    """Where the stamps of ``book`` are kept."""
    return folder / BOOKS_FOLDER / f"{book}.json"


def _unreadable(exc: BaseException) -> str:
    reason = exc.strerror if isinstance(exc, OSError) else str(exc) or type(exc).__name__
    return f"unreadable build state ({reason})"


def _json(data: bytes) -> dict[str, Any]:
    try:
        raw = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise ValueError("not UTF-8") from None
    if not isinstance(raw, dict):
        raise ValueError("not a JSON object")
    return raw


def parse_manifest(data: bytes) -> Manifest:
    """The manifest that ``data`` holds; ``ValueError`` (saying why) unless all is sound."""
    raw = _json(data)
    version = raw.get("version")
    if version in _SINGLE_FILE_VERSIONS:
        return _carried_forward(raw)
    if version != _VERSION:
        raise ValueError(f"unknown version {version!r}")
    models = {
        key: _stamp(key, value, [], models=True) for key, value in _object(raw, "models").items()
    }
    books = {key: _book_entry(key, value) for key, value in _object(raw, "books").items()}
    files = _file_entries(_object(raw, "files"), books)
    return Manifest(
        roots=outermost(_texts(raw.get("roots"), "roots")),
        next_id=_number(raw.get("next_id"), 0, MAX_ID, "next_id"),
        models=models,
        books=books,
        files=files,
    )


def parse_book(data: bytes) -> dict[str, Stamp]:
    """The stamps that a book's file holds; ``ValueError`` unless all is sound."""
    raw = _json(data)
    if raw.get("version") != _VERSION:
        raise ValueError(f"unknown version {raw.get('version')!r}")
    sources = _texts(raw.get("sources"), "sources")
    stamps: dict[str, Stamp] = {}
    ids: set[int] = set()
    for key, value in _object(raw, "stamps").items():
        stamp = _stamp(key, value, sources)
        if stamp.id in ids:
            raise ValueError(f"two notes share the id {stamp.id}")
        ids.add(stamp.id)
        stamps[key] = stamp
    return stamps


def _carried_forward(raw: dict[str, Any]) -> Manifest:
    """A version 3 or 4 state (one file): its stamps, by book, with no file records (so
    the next build reads every note, and keeps every unchanged note's time)."""
    sources = _texts(raw.get("sources"), "sources")
    books: dict[str, dict[str, Stamp]] = {}
    models: dict[str, Stamp] = {}
    ids: set[int] = set()
    for key, value in _object(raw, "stamps").items():
        if not isinstance(value, list) or len(value) != 6:
            raise ValueError(f"stamp {key!r} is not a list of 6 values")
        content_hash, mod, id_, book, search, source = value
        stamp = _stamp(key, [content_hash, mod, id_, search, source], sources)
        if not isinstance(book, str):
            raise ValueError(f"stamp {key!r} has a value of the wrong type")
        if key.startswith("model:"):
            models[key] = stamp
        elif not key.startswith("package:"):
            if stamp.id in ids:
                raise ValueError(f"two notes share the id {stamp.id}")
            ids.add(stamp.id)
            books.setdefault(book, {})[key] = stamp
    roots = [os.path.dirname(s.source) for b in books.values() for s in b.values() if s.source]
    next_id = max(ids, default=0) + 1
    return Manifest(outermost(roots), next_id, models, {}, {}, books)


def _object(raw: dict[str, Any], name: str) -> dict[str, Any]:
    value = raw.get(name)
    if not isinstance(value, dict):
        raise ValueError(f"'{name}' is not an object")
    return value


def _texts(value: Any, name: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"'{name}' is not a list of text")
    return value


def _number(value: Any, low: int, high: int, what: str) -> int:
    if type(value) is not int or not low <= value <= high:
        raise ValueError(f"{what} has {value!r} where a number in range is due")
    return value


def _stamp(key: str, value: Any, sources: list[str], *, models: bool = False) -> Stamp:
    size = 3 if models else 5
    if not isinstance(value, list) or len(value) != size:
        raise ValueError(f"stamp {key!r} is not a list of {size} values")
    content_hash, mod, id_ = value[:3]
    search, source = ("", -1) if models else value[3:]
    if not isinstance(content_hash, str) or not isinstance(search, str):
        raise ValueError(f"stamp {key!r} has a value of the wrong type")
    _number(mod, 0, MAX_MOD, f"stamp {key!r}")
    _number(id_, 1, MAX_ID, f"stamp {key!r}")
    _number(source, -1, len(sources) - 1, f"stamp {key!r}")
    return Stamp(content_hash, mod, id_, search, sources[source] if source >= 0 else "")


def _stat(value: Any, what: str) -> Stat:
    if not isinstance(value, list) or len(value) != 2:
        raise ValueError(f"{what} has no size and time")
    return _number(value[0], 0, 2**62, what), _number(value[1], -(2**62), 2**62, what)


def _book_entry(key: str, value: Any) -> BookEntry:
    if not isinstance(value, list) or len(value) != 6:
        raise ValueError(f"book {key!r} is not a list of 6 values")
    name, options, package, stat, decks, unplaced = value
    if not all(isinstance(v, str) for v in (name, options, package)) or not isinstance(decks, dict):
        raise ValueError(f"book {key!r} has a value of the wrong type")
    counts = {str(deck): _number(count, 0, 2**31, f"book {key!r}") for deck, count in decks.items()}
    unplaced = _number(unplaced, 0, 2**31, f"book {key!r}")
    return BookEntry(name, options, package, _stat(stat, f"book {key!r}"), counts, unplaced)


_FILE_COLUMNS = ("paths", "sizes", "times", "books", "warnings", "drafts", "images")


def _file_entries(raw: dict[str, Any], books: dict[str, BookEntry]) -> dict[str, FileEntry]:
    """The note files, stored column by column (checked a column at a time: 10,000 files
    load in a few milliseconds)."""
    lists: list[list[Any]] = []
    for name in _FILE_COLUMNS[:-1]:
        column = raw.get(name)
        if not isinstance(column, list):
            raise ValueError(f"'files' has no column '{name}'")
        lists.append(column)
    images = raw.get("images")
    if not isinstance(images, dict):
        raise ValueError("'files' has no column 'images'")
    paths, sizes, times, book_of, warnings, drafts = lists
    if len({len(column) for column in lists}) != 1:
        raise ValueError("'files' has columns of different lengths")
    names = ["", *sorted(books)]
    checks = (
        all(type(p) is str for p in paths),
        all(type(n) is int and 0 <= n < 2**62 for n in sizes),
        all(type(n) is int and -(2**62) < n < 2**62 for n in times),
        all(type(n) is int and 0 <= n < len(names) for n in book_of),
        all(type(n) is int and 0 <= n < 2**31 for n in warnings),
        all(type(d) is bool for d in drafts),
    )
    if not all(checks):
        raise ValueError("'files' has a value of the wrong type or range")
    shown: dict[int, tuple[tuple[str, int, int], ...]] = {}
    for index, value in images.items():
        if not index.isdigit() or int(index) >= len(paths) or not isinstance(value, list):
            raise ValueError("'files' has images of no file")
        shown[int(index)] = tuple(_image(image) for image in value)
    return {
        path: FileEntry((size, time_), names[book], warned, draft, shown.get(index, ()))
        for index, (path, size, time_, book, warned, draft) in enumerate(
            zip(paths, sizes, times, book_of, warnings, drafts, strict=True)
        )
    }


def _image(value: Any) -> tuple[str, int, int]:
    if not isinstance(value, list) or len(value) != 3 or not isinstance(value[0], str):
        raise ValueError("'files' has an image of the wrong shape")
    size, time_ = _stat(value[1:], "an image")
    return value[0], size, time_


# -- writing ------------------------------------------------------------------------


def _dumps(document: dict[str, Any]) -> bytes:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def manifest_bytes(manifest: Manifest) -> bytes:
    """``manifest`` as its file holds it."""
    return _dumps(
        {
            "version": _VERSION,
            "roots": list(manifest.roots),
            "next_id": manifest.next_id,
            "models": {
                k: [s.content_hash, s.mod, s.id] for k, s in sorted(manifest.models.items())
            },
            "books": {
                key: [b.name, b.options, b.package, list(b.stat), b.decks, b.unplaced]
                for key, b in sorted(manifest.books.items())
            },
            "files": _file_columns(manifest),
        }
    )


def _file_columns(manifest: Manifest) -> dict[str, Any]:
    files = sorted(manifest.files.items())
    names = {name: index for index, name in enumerate(["", *sorted(manifest.books)])}
    return {
        "paths": [path for path, _ in files],
        "sizes": [entry.stat[0] for _, entry in files],
        "times": [entry.stat[1] for _, entry in files],
        "books": [names[entry.book] for _, entry in files],
        "warnings": [entry.warnings for _, entry in files],
        "drafts": [entry.draft for _, entry in files],
        "images": {
            str(index): [list(image) for image in entry.images]
            for index, (_, entry) in enumerate(files)
            if entry.images
        },
    }


def book_bytes(stamps: dict[str, Stamp]) -> bytes:
    """A book's stamps as its file holds them (each note file's path is stored once)."""
    sources: dict[str, int] = {}
    rows = {
        key: [
            s.content_hash, s.mod, s.id, s.search,
            sources.setdefault(s.source, len(sources)) if s.source else -1,
        ]
        for key, s in sorted(stamps.items())
    }  # fmt: skip
    return _dumps({"version": _VERSION, "sources": list(sources), "stamps": rows})


# -- stamping -----------------------------------------------------------------------


class Stamper:
    """Hands out ``(id, mod)`` for each key, keeping both for unchanged content."""

    def __init__(self, previous: dict[str, Stamp], now: int, next_id: int = 0) -> None:
        self.previous = previous
        self.now = now
        self.current: dict[str, Stamp] = {}
        used = [s.id for s in previous.values()]
        self.next_id = max([now * 1000, next_id, *(i + 1 for i in used)])

    def stamp(
        self, key: str, content_hash: str, search: str = "", source: str = "", width: int = 1
    ) -> Stamp:
        """The stamp for ``key`` now; ``width`` ids are reserved for a new one."""
        before = self.previous.get(key)
        if before is not None and before.content_hash == content_hash:
            mod, id_ = before.mod, before.id
        elif before is not None:
            mod, id_ = max(self.now, before.mod + 1), before.id
        else:
            mod, id_ = self.now, self.next_id
            self.next_id += max(width, 1)
        stamp = Stamp(content_hash, mod, id_, search, source)
        self.current[key] = stamp
        return stamp

    def carry_over(
        self,
        scanned: Callable[[str], bool],
        full: bool,
        kept: Callable[[str], bool],
        book_of: Callable[[str], str],
    ) -> tuple[list[Gone], list[Gone]]:
        """Carry the previous stamps this build did not hand out; return the cards that
        are gone from the notes and those that left the files this build read.

        A full build decides: what it did not find is gone (reported once, then dropped).
        A partial build keeps every stamp, since a card that left the files it read may
        have moved to a file it did not read; it reports each such card once. The stamps
        of files that ``kept`` names (drafts left out of this build) stay as they are.
        """
        gone, left = [], []
        for key, stamp in self.previous.items():
            if key in self.current:
                continue
            if stamp.source and kept(stamp.source):
                self.current[key] = stamp
                continue
            if full:
                gone.append(Gone(book_of(key), stamp.search))
                continue
            if stamp.source and scanned(stamp.source):
                left.append(Gone(book_of(key), stamp.search))
                stamp = Stamp(stamp.content_hash, stamp.mod, stamp.id, stamp.search)
            self.current[key] = stamp
        by_place = lambda gone: (gone.book, gone.search)  # noqa: E731
        return sorted(gone, key=by_place), sorted(left, key=by_place)
