"""The manifest (``.flashcards-state.json``): every note file a build read, every book it
wrote, the note types' stamps; read back whole or not at all, and written."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Final

from flashcards.building.state import (
    MAX_ID,
    STATE_FILE,
    VERSION,
    BookEntry,
    FileEntry,
    Manifest,
    Stamp,
    outermost,
)
from flashcards.building.statecheck import (
    dumps,
    member_object,
    number,
    read_json,
    size_and_time,
    stamp_of,
    texts,
    unreadable,
)
from flashcards.notes.scan import MISSING_AT, MISSING_IN

_SINGLE_FILE_VERSIONS: Final = (3, 4)  # one file held everything: read and carried forward


def load_manifest(folder: Path) -> tuple[Manifest, str | None]:
    """The manifest in ``folder``; with an empty one, a note on why it could not be used
    (for a missing one, a calm line: the first build into a folder has none)."""
    path = folder / STATE_FILE
    if not path.exists():
        return Manifest(), f"{path}: none yet (a first build here); every card is new"
    try:
        manifest = parse_manifest(path.read_bytes())
    except (OSError, ValueError, RecursionError, MemoryError) as exc:
        return Manifest(), f"{path}: {unreadable(exc)}; every note is stamped as changed"
    return manifest, None


def parse_manifest(data: bytes) -> Manifest:
    """The manifest that ``data`` holds; ``ValueError`` (saying why) unless all is sound."""
    raw = read_json(data)
    version = raw.get("version")
    if version in _SINGLE_FILE_VERSIONS:
        return _carried_forward(raw)
    if version != VERSION:
        raise ValueError(f"unknown version {version!r}")
    models = {
        key: stamp_of(key, value, [], models=True)
        for key, value in member_object(raw, "models").items()
    }
    books = {key: _book_entry(key, value) for key, value in member_object(raw, "books").items()}
    files = _file_entries(member_object(raw, "files"), books)
    return Manifest(
        roots=outermost(texts(raw.get("roots"), "roots")),
        next_id=number(raw.get("next_id"), 0, MAX_ID, "next_id"),
        models=models,
        books=books,
        files=files,
    )


def _carried_forward(raw: dict[str, Any]) -> Manifest:
    """A version 3 or 4 state (one file): its stamps, by book, with no file records (so
    the next build reads every note, and keeps every unchanged note's time)."""
    sources = texts(raw.get("sources"), "sources")
    books: dict[str, dict[str, Stamp]] = {}
    models: dict[str, Stamp] = {}
    ids: set[int] = set()
    for key, value in member_object(raw, "stamps").items():
        if not isinstance(value, list) or len(value) != 6:
            raise ValueError(f"stamp {key!r} is not a list of 6 values")
        content_hash, mod, id_, book, search, source = value
        stamp = stamp_of(key, [content_hash, mod, id_, search, source], sources)
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


def _book_entry(key: str, value: Any) -> BookEntry:
    if not isinstance(value, list) or len(value) != 6:
        raise ValueError(f"book {key!r} is not a list of 6 values")
    name, options, package, stat, decks, unplaced = value
    if not all(isinstance(v, str) for v in (name, options, package)) or not isinstance(decks, dict):
        raise ValueError(f"book {key!r} has a value of the wrong type")
    what = f"book {key!r}"  # once, not once a deck: a book has dozens
    counts = {str(deck): number(count, 0, 2**31, what) for deck, count in decks.items()}
    unplaced = number(unplaced, 0, 2**31, what)
    return BookEntry(name, options, package, size_and_time(stat, what), counts, unplaced)


_FILE_COLUMNS: Final = ("paths", "sizes", "times", "books", "warnings", "drafts", "images")


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
    read_with: dict[int, tuple[tuple[str, int, int], ...]] = {}  # the column "images"
    for index, value in images.items():
        if not index.isdigit() or int(index) >= len(paths) or not isinstance(value, list):
            raise ValueError("'files' has images of no file")
        read_with[int(index)] = tuple(_image(image) for image in value)
    return {
        # without the NamedTuple's Python-level constructor: one per note file
        path: tuple.__new__(
            FileEntry, ((size, time_), names[book], warned, draft, read_with.get(index, ()))
        )
        for index, (path, size, time_, book, warned, draft) in enumerate(
            zip(paths, sizes, times, book_of, warnings, drafts, strict=True)
        )
    }


def _image(value: Any) -> tuple[str, int, int]:
    if not isinstance(value, list) or len(value) != 3 or not isinstance(value[0], str):
        raise ValueError("'files' has an image of the wrong shape")
    if type(value[1]) is int and value[1] in (MISSING_AT, MISSING_IN) and value[2] == 0:
        return value[0], value[1], 0  # looked for, not found
    size, time_ = size_and_time(value[1:], "an image")
    return value[0], size, time_


def manifest_bytes(manifest: Manifest) -> bytes:
    """``manifest`` as its file holds it."""
    return dumps(
        {
            "version": VERSION,
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
            str(index): [list(image) for image in entry.read_with]
            for index, (_, entry) in enumerate(files)
            if entry.read_with
        },
    }
