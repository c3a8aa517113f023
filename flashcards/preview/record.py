"""What the last preview showed of each book, so that the next one reads only the books
whose note files changed (``watch --preview`` after a save reads one book, not all).

A book is kept as it was shown when the build's manifest in the same folder lists its
note files, each of them is among the files asked for, its page is still there, and their
sizes and times (and those of the files they were read with: images, a site's
configuration), the options, the MathJax file and the live mode are what they were: its
*signature* is unchanged. Everything else is read again.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flashcards.building.atomic import write_atomically
from flashcards.building.manifest import load_manifest
from flashcards.building.plan import fingerprint
from flashcards.building.state import FileEntry, file_stem
from flashcards.building.statecheck import dumps
from flashcards.errors import Problem, Severity
from flashcards.notes.scan import read_with_now, stat_of
from flashcards.options import BuildOptions

RECORD = ".record.json"  # in the book pages' folder
VERSION = 1


@dataclass
class BookShown:
    """What a book page shows, for the index page (and the next preview)."""

    book: str
    title: str = ""
    key: str = ""  # of the page's content: the page is written again when it changes
    cards: int = 0
    decks: dict[str, int] = field(default_factory=dict)
    media: set[str] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)  # of its notes
    written: bool = False
    signature: str = ""  # of its note files as they were read (see the module)


@dataclass
class Kept:
    """The books a preview need not read again; the note files of each book, as the
    manifest has them; and every book the last preview recorded."""

    books: dict[str, BookShown]
    files: dict[str, list[str]]  # every book the manifest knows -> its note files
    entries: dict[str, FileEntry]  # the manifest's note files
    recorded: dict[str, BookShown]


def kept_books(
    out: Path, folder: Path, options: BuildOptions, extra: str, scanned: Iterable[str]
) -> Kept:
    """The books recorded in ``folder`` whose signature is unchanged (none without a
    sound manifest in ``out``); ``extra`` is what else a page depends on."""
    manifest, message = load_manifest(out)
    files: dict[str, list[str]] = defaultdict(list)
    for file, entry in manifest.files.items():
        if entry.book:
            files[entry.book].append(file)
    recorded = load_record(folder)
    if message is not None or not files:
        return Kept({}, dict(files), manifest.files, recorded)
    in_scope = set(scanned)
    books = {}
    for book, shown in recorded.items():
        if (
            all(file in in_scope for file in files.get(book, []))
            and (folder / f"{file_stem(book)}.html").is_file()  # its page is still there
            and shown.signature == signature(files.get(book, []), manifest.files, options, extra)
        ):
            books[book] = shown
    return Kept(books, dict(files), manifest.files, recorded)


def signature(
    files: list[str], entries: dict[str, FileEntry], options: BuildOptions, extra: str
) -> str:
    """A book's signature: its note files' (and their images') sizes and times now, the
    options and ``extra``; empty when it has no file."""
    if not files:
        return ""
    digest = hashlib.blake2b(f"{fingerprint(options)}\x1e{extra}".encode(), digest_size=16)
    now = read_with_now()
    for file in sorted(files):
        images = [(path, now(path, size)) for path, size, _ in entries[file].read_with]
        digest.update(f"{file}\x1f{stat_of(file)}\x1f{images}\x1e".encode("utf-8", "replace"))
    return digest.hexdigest()


def load_record(folder: Path) -> dict[str, BookShown]:
    """The books the last preview showed (none when the record is missing or unsound)."""
    try:
        raw = json.loads((folder / RECORD).read_bytes())
        if raw.get("version") != VERSION:
            return {}
        return {book: _shown(book, value) for book, value in raw["books"].items()}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}


def _shown(book: str, value: dict[str, Any]) -> BookShown:
    problems = [
        Problem(str(path), int(line), Severity(severity), str(message))
        for path, line, severity, message in value["problems"]
    ]
    decks = {str(deck): int(count) for deck, count in value["decks"].items()}
    return BookShown(
        book, str(value["title"]), str(value["key"]), int(value["cards"]), decks,
        problems=problems, signature=str(value["signature"]),
    )  # fmt: skip


def write_record(folder: Path, books: Iterable[BookShown]) -> None:
    """Record what this preview showed of each book."""
    document = {
        "version": VERSION,
        "books": {
            shown.book: {
                "title": shown.title,
                "key": shown.key,
                "cards": shown.cards,
                "decks": shown.decks,
                "problems": [[p.path, p.line, p.severity.value, p.message] for p in shown.problems],
                "signature": shown.signature,
            }
            for shown in books
        },
    }
    write_atomically(folder / RECORD, dumps(document, sort_keys=True))
