"""What the previous builds wrote, so that unchanged notes keep their modification time
and unchanged books are not built again.

Anki updates a note on import only when the package's ``mod`` is strictly newer than
its own, and an update replaces fields and tags. So an unchanged note keeps its old
``mod`` (the user's edits in Anki survive), and a changed one gets a newer ``mod``, even
when two builds fall in the same second.

Two kinds of file, in the output folder:

- the *manifest* (``.flashcards-state.json``, small): every note file read, with its size,
  time, book and warning count (and the files it was read with: images, a site's
  configuration); every book, with its name, decks and package; the note types' stamps;
  the note paths builds have read. A build whose notes all match it stops after a scan
  of sizes and times.
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

import os
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

STATE_FILE = ".flashcards-state.json"
BOOKS_FOLDER = ".flashcards-books"
VERSION = 5
MAX_ID = 2**53 - 2**24  # note ids stay exact everywhere, with room for their cards' ids
MAX_MOD = 2**35  # seconds: the year 3058
Stat = tuple[int, int]


class Stamp(NamedTuple):
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
    # (path, size, time) of the files it was read with besides itself: the images it
    # showed, those it looked for and did not find (a size of scan.MISSING_AT or
    # MISSING_IN), its Jekyll site's configuration
    read_with: tuple[tuple[str, int, int], ...] = ()


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


# The names Windows keeps for its devices, as a file's name with or without an extension
# (CON, con.apkg, COM1.json): no file so named can be written there.
WINDOWS_DEVICES = frozenset(
    {"con", "prn", "aux", "nul"}
    | {f"{port}{digit}" for port in ("com", "lpt") for digit in "0123456789¹²³"}
)


def file_stem(book: str) -> str:
    """The stem of the files of ``book`` (its package, stamps and preview page): its
    package name, with ``_`` after one that Windows keeps for a device (``con_.apkg``).
    A package name never holds ``_``, so the stem is no other book's; every name that
    every system could hold stays as it was."""
    return f"{book}_" if book.casefold() in WINDOWS_DEVICES else book


def book_of(stem: str) -> str:
    """The book whose files have ``stem`` (what :func:`file_stem` made, undone)."""
    return stem[:-1] if stem[-1:] == "_" and stem[:-1].casefold() in WINDOWS_DEVICES else stem


def package_path(folder: Path, book: str) -> Path:
    """Where the package of ``book`` is written."""
    return folder / f"{file_stem(book)}.apkg"


def book_path(folder: Path, book: str) -> Path:
    """Where the stamps of ``book`` are kept."""
    return folder / BOOKS_FOLDER / f"{file_stem(book)}.json"


def former_paths(folder: Path, book: str) -> tuple[Path, ...]:
    """The files of ``book`` as a version before :func:`file_stem` named them, where that
    differs (``con.apkg``, written on a system that could)."""
    if file_stem(book) == book:
        return ()
    return folder / f"{book}.apkg", folder / BOOKS_FOLDER / f"{book}.json"
