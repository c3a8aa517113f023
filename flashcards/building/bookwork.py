"""Stage two of a build: one book (one package) end to end, in a worker.

A book worker loads the rendered cards of the book's files from the spill folder,
settles their GUIDs, stamps them against the book's last stamps, and writes the package
and the stamps to temporary files beside their targets. Only a :class:`BookResult`
(paths, counts, problems, the stamps of cards gone) goes back to the parent, which
renames everything into place at once, or nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from flashcards.building import spill
from flashcards.building.apkg import (
    Package,
    StampedNote,
    apkg_bytes,
    package_fingerprint,
    prepare,
)
from flashcards.building.atomic import discard, write_temporary
from flashcards.building.parallel import fork_map, shared
from flashcards.building.report import Gone
from flashcards.building.stamps import Stamper, book_bytes, load_book
from flashcards.building.state import (
    BookEntry,
    Manifest,
    Stamp,
    book_path,
    file_stem,
    package_path,
    within,
)
from flashcards.cards.notetypes import NoteType
from flashcards.errors import Problem, Severity
from flashcards.notes.media import Media
from flashcards.notes.scan import stat_of

PARALLEL_MIN_BOOKS = 4  # below this, a worker costs more to start than it saves


@dataclass(frozen=True)
class BookJob:
    """A book to write: its package name, where its files' cards wait (in reading
    order), and the first note id its new notes may take."""

    book: str
    refs: tuple[spill.SpillRef, ...]
    first_id: int
    size: int = 0  # how many cards, to schedule the largest books first


@dataclass(frozen=True)
class Setting:
    """What every book worker of one build shares (handed over by ``fork``)."""

    out: Path
    spill_folder: str
    manifest: Manifest
    fingerprint: str  # of the options
    type_mods: list[tuple[NoteType, int]]
    now: int
    graveyard: dict[str, Stamp]
    full: bool
    given: list[str]  # the note paths this build was given (absolute)
    read: frozenset[str]  # every note file it read (absolute), in them or not
    drafts: frozenset[str]  # note files left out as drafts (absolute)
    strict: bool


@dataclass
class BookResult:
    """What writing one book gave: temporary files to rename, and what to report."""

    book: str
    entry: BookEntry | None = None  # the manifest's entry for it (None: none, or gone)
    package: Path | None = None  # its new package, written to a temporary file
    stamps: Path | None = None  # its new stamps, written to a temporary file
    gone: bool = False  # a full build found none of its notes: its files go
    unchanged: bool = False  # its package is already as it would be written
    held: bool = False  # a problem became an error here: the book is left as it was
    removed: list[Gone] = field(default_factory=list)
    left: list[Gone] = field(default_factory=list)
    raised: set[str] = field(default_factory=set)  # buried cards that came back
    buried: dict[str, Stamp] = field(default_factory=dict)  # cards found gone
    next_id: int = 0
    cards_by_deck: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    message: str | None = None


def write_books(jobs: Sequence[BookJob], setting: Setting) -> list[BookResult]:
    """Write every book of ``jobs`` (largest first, on all cores when there are several);
    their results in the order of ``jobs``. On failure, no temporary file is left."""
    order = sorted(range(len(jobs)), key=lambda i: (-jobs[i].size, i))
    results: list[BookResult] = []
    if any(job.refs for job in jobs):
        prepare(setting.type_mods)
    try:
        results = fork_map(
            write_book,
            [jobs[i] for i in order],
            min_items=PARALLEL_MIN_BOOKS,
            shared=setting,
            chunk=1,
        )
    except BaseException:
        discard_results(results)  # and what workers that failed or were still writing left
        discard(t for job in jobs for t in _temporaries(setting.out, job.book))
        raise
    by_index = dict(zip(order, results, strict=True))
    return [by_index[i] for i in range(len(jobs))]


def discard_results(results: Iterable[BookResult]) -> None:
    """Remove the temporary files of ``results``."""
    discard(path for result in results for path in (result.package, result.stamps) if path)


def _temporaries(out: Path, book: str) -> Iterable[Path]:
    stem = file_stem(book)
    yield from out.glob(f".{stem}.apkg.*.tmp")
    yield from book_path(out, book).parent.glob(f".{stem}.json.*.tmp")


def write_book(job: BookJob) -> BookResult:
    """Write one book's package and stamps to temporary files (run in a worker)."""
    setting: Setting = shared()
    result = BookResult(job.book)
    previous, result.message = load_book(setting.out, job.book, setting.manifest)
    anki, clashes, media = spill.load_settled(setting.spill_folder, job.refs)
    result.problems = clashes
    if setting.strict and clashes:
        result.problems = [Problem(p.path, p.line, Severity.ERROR, p.message) for p in clashes]
        result.held = True
        return result
    stamper = Stamper(previous, setting.now, job.first_id, setting.graveyard)
    notes, result.cards_by_deck = stamper.stamp_notes(anki)
    del anki
    given, read = setting.given, setting.read
    result.removed, result.left = stamper.carry_over(
        lambda source: source in read or within(source, given),
        setting.full,
        setting.drafts.__contains__,
        lambda _: job.book,
    )
    result.raised, result.buried, result.next_id = (
        stamper.raised,
        stamper.newly_buried,
        stamper.handed_out,
    )
    try:
        _write(result, setting, notes, media, stamper.current, previous)
    except BaseException:
        discard_results([result])
        raise
    return result


def _write(
    result: BookResult,
    setting: Setting,
    notes: list[StampedNote],
    media: list[Media],
    stamps: dict[str, Stamp],
    before: dict[str, Stamp],
) -> None:
    """Write the book's files (temporary), as :class:`BookResult` says."""
    book, out, old = result.book, setting.out, setting.manifest.books.get(result.book)
    if not notes and not stamps and setting.full:
        result.gone = old is not None  # a full build found no note of it: its files go
        return
    if stamps != before or old is None:
        result.stamps = write_temporary(book_path(out, book), book_bytes(stamps), synced=False)
    unplaced = sum(1 for stamp in stamps.values() if not stamp.source)
    if not notes:  # a partial build: its notes left the files it read; keep the rest
        result.entry = replace(old, unplaced=unplaced) if old is not None else None
        return
    path = package_path(out, book)
    package = Package(path, notes, media)
    fingerprint = package_fingerprint(package, setting.type_mods)
    decks = result.cards_by_deck
    if old is not None and old.package == fingerprint and stat_of(str(path)) == old.stat:
        result.unchanged, stat = True, old.stat
    else:
        result.package = write_temporary(
            path, apkg_bytes(notes, setting.type_mods, media), synced=False
        )
        stat = stat_of(str(result.package)) or (0, 0)
    name = notes[0].note.book
    result.entry = BookEntry(name, setting.fingerprint, fingerprint, stat, decks, unplaced)
