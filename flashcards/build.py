"""The one orchestrator: read and check every note, then (only if all is well) write."""

from __future__ import annotations

import gc
import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path

from .cards import AnkiNote, settle_guids
from .errors import BuildError, Problem, Severity
from .listing import CardRow, card_rows
from .load import find_notes
from .model import slugify
from .notefile import FileCache, NoteSummary, process_files, read_notes
from .notetypes import NOTE_TYPES, NoteType
from .package import (
    Media,
    Package,
    StampedNote,
    note_type_hash,
    package_fingerprint,
    write_packages,
)
from .parallel import Progress
from .parse import DEFAULT_OPTIONS, ParseOptions
from .state import Stamp, Stamper, build_time, load_state, mark_built, save_state


@dataclass(frozen=True)
class BuildOptions:
    """Choices of a build; the defaults are what ``make deck`` does."""

    reverse: bool = False
    skip_drafts: bool = False
    strict: bool = False
    parse: ParseOptions = DEFAULT_OPTIONS
    progress: Progress | None = field(default=None, compare=False)


@dataclass
class BuildReport:
    """What a check or build found and did."""

    notes: list[NoteSummary] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    cards_by_deck: dict[str, int] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    removed: list[Stamp] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    skipped_drafts: int = 0

    @property
    def errors(self) -> list[Problem]:
        """The problems that stop a build."""
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        """The problems that are only reported."""
        return [p for p in self.problems if p.severity is Severity.WARNING]


@dataclass
class _Read:
    report: BuildReport
    anki: list[AnkiNote]
    media: dict[str, dict[str, Media]]  # by book file name


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector: a build makes hundreds of thousands of acyclic
    objects, and collecting over them repeatedly cost a third of the time at 10,000 notes
    (reference counting still frees everything as usual)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def check(paths: Iterable[Path], options: BuildOptions = BuildOptions()) -> BuildReport:
    """Read and validate every note under ``paths``; write nothing."""
    with _collector_paused():
        return _read_all(paths, options).report


def list_cards(
    paths: Iterable[Path], options: BuildOptions = BuildOptions()
) -> tuple[list[CardRow], list[Problem]]:
    """Every card a build would make, as plain text; and the problems found. Writes nothing."""
    notes, problems = read_notes(list(find_notes(paths)), options.parse)
    if options.skip_drafts:
        notes = [note for note in notes if not note.draft]
    return list(card_rows(notes, reverse=options.reverse)), _as_errors(problems, options.strict)


def build(
    paths: Iterable[Path],
    out: Path,
    options: BuildOptions = BuildOptions(),
    cache: FileCache | None = None,
) -> BuildReport:
    """Build one ``.apkg`` per book into ``out``; nothing is written if a note has an error.

    A ``cache`` kept between builds (as ``watch`` does) spares re-reading unchanged notes.
    """
    with _collector_paused():
        return _build(list(paths), out, options, cache)


def _build(
    paths: list[Path], out: Path, options: BuildOptions, cache: FileCache | None
) -> BuildReport:
    read = _read_all(paths, options, cache)
    report = read.report
    if report.errors:
        return report
    _prepare_output(out)
    state, message = load_state(out)
    if message:
        report.messages.append(message)
    stamper = Stamper(state, build_time())
    type_mods = [(t, stamper.stamp(f"model:{t.id}", note_type_hash(t)).mod) for t in NOTE_TYPES]
    by_book: dict[str, list[StampedNote]] = defaultdict(list)
    sources = {note.path: os.path.abspath(note.path) for note in report.notes}
    for anki_note in read.anki:
        book = _book_file(anki_note.book)
        stamp = stamper.stamp(
            anki_note.guid,
            anki_note.content_hash,
            book,
            anki_note.search,
            sources[anki_note.path],
            width=len(anki_note.card_ords),
        )
        by_book[book].append(StampedNote(anki_note, stamp.id, stamp.mod))
    packages = []
    for book, notes in sorted(by_book.items()):
        package = Package(out / f"{book}.apkg", notes, list(read.media[book].values()))
        if _changed(stamper, package, type_mods):
            packages.append(package)
        else:
            report.unchanged.append(package.path)
    try:
        write_packages(packages, type_mods)
        report.files = [package.path for package in packages]
        report.removed = stamper.carry_over(_scanned_by(paths))
        if stamper.current.stamps != state.stamps:
            save_state(out, stamper.current)
        else:
            mark_built(out)
    except OSError as exc:
        raise BuildError(f"cannot write to {out}: {exc.strerror or exc}") from None
    return report


def _changed(stamper: Stamper, package: Package, note_types: list[tuple[NoteType, int]]) -> bool:
    """Whether ``package`` must be written: new, missing, or not what the last build wrote."""
    key = f"package:{package.path.name}"
    before = stamper.previous.stamps.get(key)
    fingerprint = package_fingerprint(package, note_types)
    stamper.stamp(key, fingerprint)
    return before is None or before.content_hash != fingerprint or not package.path.exists()


def _scanned_by(paths: Iterable[Path]) -> Callable[[str], bool]:
    """Whether a note file (absolute path) lies within what this build read."""
    roots = [Path(os.path.abspath(path)) for path in paths]

    def scanned(source: str) -> bool:
        file = Path(source)
        return any(file == root or file.is_relative_to(root) for root in roots)

    return scanned


def _as_errors(problems: list[Problem], strict: bool) -> list[Problem]:
    """With ``strict``, every warning becomes an error."""
    if not strict:
        return problems
    return [Problem(p.path, p.line, Severity.ERROR, p.message) for p in problems]


def _book_file(book: str) -> str:
    """The file name stem of a book's package."""
    return slugify(book) or "notes"


def _prepare_output(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise BuildError(f"output folder {out} is a file; choose a folder with -o")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BuildError(f"cannot create output folder {out}: {exc.strerror or exc}") from None
    if not os.access(out, os.W_OK | os.X_OK):
        raise BuildError(f"output folder {out} is not writable")


def _read_all(
    paths: Iterable[Path], options: BuildOptions, cache: FileCache | None = None
) -> _Read:
    report = BuildReport()
    results = process_files(
        list(find_notes(paths)),
        parse=options.parse,
        reverse=options.reverse,
        skip_drafts=options.skip_drafts,
        progress=options.progress,
        cache=cache,
    )
    media: dict[str, dict[str, Media]] = defaultdict(dict)
    for result in results:
        report.problems.extend(result.problems)
        if result.skipped_draft:
            report.skipped_drafts += 1
        elif result.note is not None:
            report.notes.append(result.note)
            media[_book_file(result.note.book)].update((m.name, m) for m in result.media)
    anki, clashes = settle_guids(draft for result in results for draft in result.drafts)
    report.problems.extend(clashes)
    report.problems = sorted(
        _as_errors(report.problems, options.strict), key=attrgetter("path", "line")
    )
    for anki_note in anki:
        deck = anki_note.deck
        report.cards_by_deck[deck] = report.cards_by_deck.get(deck, 0) + len(anki_note.card_ords)
    return _Read(report, anki, media)
