"""One stamps file per book (``.flashcards-books/<book>.json``), and the stamper that
keeps an unchanged note's id and time and gives a changed one a newer time."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from json.encoder import encode_basestring, encode_basestring_ascii
from pathlib import Path
from typing import Final

from flashcards.building.apkg import StampedNote
from flashcards.building.report import Gone
from flashcards.building.state import VERSION, Manifest, Stamp, book_path, former_paths
from flashcards.building.statecheck import (
    member_object,
    read_json,
    stamp_of,
    texts,
    unreadable,
)
from flashcards.cards.identity import AnkiNote


def load_book(folder: Path, book: str, manifest: Manifest) -> tuple[dict[str, Stamp], str | None]:
    """The stamps of ``book``; with none, a note on why they could not be used."""
    if book in manifest.carried:
        return dict(manifest.carried[book]), None
    if book not in manifest.books:
        return {}, None
    path = book_path(folder, book)
    if former_paths(folder, book) and not path.exists():
        path = former_paths(folder, book)[1]  # named by a version before, where it could be
    try:
        return parse_book(path.read_bytes()), None
    except (FileNotFoundError, NotADirectoryError):
        return {}, f"{path}: missing; the notes of this book are stamped as changed"
    except (OSError, ValueError, RecursionError, MemoryError) as exc:
        return {}, f"{path}: {unreadable(exc)}; the notes of this book are stamped as changed"


def parse_book(data: bytes) -> dict[str, Stamp]:
    """The stamps that a book's file holds; ``ValueError`` unless all is sound."""
    raw = read_json(data)
    if raw.get("version") != VERSION:
        raise ValueError(f"unknown version {raw.get('version')!r}")
    sources = texts(raw.get("sources"), "sources")
    stamps: dict[str, Stamp] = {}
    ids: set[int] = set()
    for key, value in member_object(raw, "stamps").items():
        stamp = stamp_of(key, value, sources)
        if stamp.id in ids:
            raise ValueError(f"two notes share the id {stamp.id}")
        ids.add(stamp.id)
        stamps[key] = stamp
    return stamps


def book_bytes(stamps: dict[str, Stamp]) -> bytes:
    """A book's stamps as its file holds them (each note file's path is stored once), in
    the order of ``stamps``: the notes' order (not sorted: 0.2 s for a book of 100,000).

    The JSON is written here, a row at a time, byte for byte as :func:`statecheck.dumps`
    writes it (``json.dumps``'s own string escapers, for half the time: a book has
    thousands of rows): UTF-8, or ASCII escapes when a file name is not UTF-8."""
    try:
        return _stamps_json(stamps, encode_basestring).encode("utf-8")
    except UnicodeEncodeError:  # a file name that is not UTF-8: kept exactly, as \udcXX
        return _stamps_json(stamps, encode_basestring_ascii).encode("ascii")


def _stamps_json(stamps: dict[str, Stamp], quoted: Callable[[str], str]) -> str:
    """The stamps file's JSON text, each string written by ``quoted``."""
    sources: dict[str, int] = {"": -1}
    rows: list[str] = []
    for key, (content_hash, mod, id_, search, source) in stamps.items():
        number = sources.get(source)
        if number is None:
            number = sources[source] = len(sources) - 1
        rows.append(f"{quoted(key)}:[{quoted(content_hash)},{mod},{id_},{quoted(search)},{number}]")
    names = ",".join([quoted(name) for name in list(sources)[1:]])
    return f'{{"version":{VERSION},"sources":[{names}],"stamps":{{{",".join(rows)}}}}}'


GRAVEYARD: Final = ".gone"  # the stamps of cards gone from the notes: never a book's name (a slug)
MAX_BURIED: Final = 100_000


NEXT_ID: Final = ".next-id"  # the first note id no build has given yet (beside the manifest's)


def load_next_id(folder: Path) -> int:
    """The next free note id as the last build wrote it first of all its files (so that
    a build killed before its manifest was renamed still leaves it); 0 when unknown."""
    try:
        text = book_path(folder, NEXT_ID).read_text(encoding="ascii").strip()
    except (OSError, ValueError):
        return 0
    return int(text) if text.isdigit() and len(text) < 20 else 0


def load_graveyard(folder: Path) -> dict[str, Stamp]:
    """The stamps of cards that full builds found gone (empty when none are kept, or the
    file cannot be trusted: then a card that comes back is stamped as new)."""
    try:
        return parse_book(book_path(folder, GRAVEYARD).read_bytes())
    except (OSError, ValueError, RecursionError, MemoryError):
        return {}


def graveyard_after(
    buried: Mapping[str, Stamp], raised: set[str], newly_buried: dict[str, Stamp]
) -> dict[str, Stamp]:
    """The graveyard once the ``raised`` cards came back and the ``newly_buried`` went
    (the oldest stamps forgotten beyond :data:`MAX_BURIED`)."""
    kept = {key: stamp for key, stamp in buried.items() if key not in raised}
    kept.update(newly_buried)
    if len(kept) <= MAX_BURIED:
        return kept
    return dict(sorted(kept.items(), key=lambda item: item[1].mod)[-MAX_BURIED:])


class Stamper:
    """Hands out ``(id, mod)`` for each key, keeping both for unchanged content.

    ``buried`` are the stamps of cards gone from the notes: a card that comes back (a
    note moved out of sight, then back) gets its old id and time again, so that an
    unchanged card never overwrites what the user did to it in Anki."""

    def __init__(
        self,
        previous: dict[str, Stamp],
        now: int,
        next_id: int = 0,
        buried: Mapping[str, Stamp] | None = None,
    ) -> None:
        self.previous = previous
        self.now = now
        self.current: dict[str, Stamp] = {}
        self.buried: Mapping[str, Stamp] = buried or {}  # read, never changed
        self.raised: set[str] = set()  # the buried keys whose cards came back
        self.newly_buried: dict[str, Stamp] = {}  # the cards this build found gone
        # ``next_id`` is the caller's to set beyond every buried id (they are many)
        self.next_id = max([now * 1000, next_id, *(s.id + 1 for s in previous.values())])
        self.first_id = self.next_id  # ids from here on were handed out by this build

    @property
    def handed_out(self) -> int:
        """The next free id when this build gave new cards ids, else 0: a build that
        gave none has no id to keep (and rewrites no file for one)."""
        return self.next_id if self.next_id > self.first_id else 0

    def stamp(
        self, key: str, content_hash: str, search: str = "", source: str = "", width: int = 1
    ) -> Stamp:
        """The stamp for ``key`` now; ``width`` ids are reserved for a new one."""
        before = self.previous.get(key)
        if before is None and key in self.buried and key not in self.raised:
            before = self.buried[key]  # a card back in the notes
            self.raised.add(key)
        if before is not None and before.content_hash == content_hash:
            mod, id_ = before.mod, before.id
        elif before is not None:
            mod, id_ = max(self.now, before.mod + 1), before.id
        else:
            mod, id_ = self.now, self.next_id
            self.next_id += max(width, 1)
        # without the NamedTuple's Python-level constructor: one per card
        stamp: Stamp = tuple.__new__(Stamp, (content_hash, mod, id_, search, source))
        self.current[key] = stamp
        return stamp

    def stamp_notes(self, anki: Iterable[AnkiNote]) -> tuple[list[StampedNote], dict[str, int]]:
        """Each of ``anki`` with the id and time of its stamp (keyed by GUID, its source
        the note's absolute path), and how many cards each deck holds."""
        sources: dict[str, str] = {}
        notes: list[StampedNote] = []
        cards_by_deck: dict[str, int] = {}
        for note in anki:
            source = sources.get(note.path)
            if source is None:
                source = sources[note.path] = os.path.abspath(note.path)
            width = len(note.card_ords)
            stamp = self.stamp(note.guid, note.content_hash, note.search, source, width)
            notes.append(tuple.__new__(StampedNote, (note, stamp.id, stamp.mod)))
            cards_by_deck[note.deck] = cards_by_deck.get(note.deck, 0) + width
        return notes, cards_by_deck

    def carry_over(
        self,
        scanned: Callable[[str], bool],
        full: bool,
        kept: Callable[[str], bool],
        book_of: Callable[[str], str],
    ) -> tuple[list[Gone], list[Gone]]:
        """Carry the previous stamps this build did not hand out; return the cards that
        are gone from the notes and those that left the files this build read.

        A full build decides: what it did not find is gone (reported once, then buried).
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
                self.newly_buried[key] = Stamp(
                    stamp.content_hash, stamp.mod, stamp.id, stamp.search
                )
                continue
            if stamp.source and scanned(stamp.source):
                left.append(Gone(book_of(key), stamp.search))
                stamp = Stamp(stamp.content_hash, stamp.mod, stamp.id, stamp.search)
            self.current[key] = stamp
        by_place = lambda gone: (gone.book, gone.search)  # noqa: E731
        return sorted(gone, key=by_place), sorted(left, key=by_place)
