"""The one orchestrator: read and check the notes, then (only if all is well) write.

A build reads only what changed since the last one: the notes whose size or time
changed, and every note of their books (a book is one package, and is written whole).
Books with no change are neither read nor written; when nothing changed at all, a
build is a scan of sizes and times (:mod:`flashcards.building.plan`).
"""

from __future__ import annotations

import gc
import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from flashcards.building import outfolder
from flashcards.building.apkg import (
    StampedNote,
    note_type_hash,
)
from flashcards.building.books import book_clashes
from flashcards.building.held import books_in_error, without_books
from flashcards.building.notefile import FileResult, read_notes, shown_path
from flashcards.building.plan import Plan, count_unchanged, make_plan, unchanged_report
from flashcards.building.reading import (
    as_errors,
    defined_elsewhere,
    read_files,
    read_planned,
    summed_up,
)
from flashcards.building.report import BuildReport
from flashcards.building.stamps import GRAVEYARD, Stamper, book_bytes, load_book, load_graveyard
from flashcards.building.state import (
    STATE_FILE,
    Stamp,
    build_time,
    within,
)
from flashcards.building.writing import Writing
from flashcards.cards.identity import AnkiNote
from flashcards.cards.notetypes import NOTE_TYPES
from flashcards.cards.rows import CardRow, card_rows
from flashcards.errors import BuildError, Problem
from flashcards.notes.load import find_notes
from flashcards.notes.media import Media
from flashcards.notes.scan import stat_of
from flashcards.options import BuildOptions

DEFAULTS = BuildOptions()


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


def check(paths: Iterable[Path], options: BuildOptions = DEFAULTS) -> BuildReport:
    """Read and validate every note under ``paths``; write nothing."""
    with _collector_paused():
        skipped: list[str] = []
        files = list(find_notes((Path(os.path.abspath(path)) for path in paths), skipped))
        report = summed_up(read_files(files, options), options).report
        report.details += _skips(skipped)
        return report


def read_cards(
    paths: Iterable[Path], options: BuildOptions = DEFAULTS
) -> tuple[BuildReport, list[AnkiNote], dict[str, Media]]:
    """Every note a build would write (fields rendered, identities settled), its media
    by packaged name, and the report of reading them; writes nothing."""
    with _collector_paused():
        files = list(find_notes(Path(os.path.abspath(path)) for path in paths))
        read = summed_up(read_files(files, options), options)
    media = {name: item for book in read.media.values() for name, item in book.items()}
    return read.report, read.anki, media


def list_cards(
    paths: Iterable[Path], options: BuildOptions = DEFAULTS
) -> tuple[list[CardRow], list[Problem]]:
    """Every card a build would make, as plain text; and the problems found. Writes nothing."""
    notes, problems = read_notes(list(find_notes(paths)), options.parse)
    if options.skip_drafts:
        notes = [note for note in notes if not note.draft]
    defined = {
        (note.book, vocab.term): (note.path, vocab.line)
        for note in reversed(notes)
        for vocab in reversed(note.vocab)
    }
    bare = [(note.book, note.path, term) for note in notes for term in note.bare_terms]
    dropped, _ = defined_elsewhere(bare, defined)
    problems = [p for p in problems if p not in dropped] + book_clashes(notes)
    rows = card_rows(notes, reverse=options.reverse, sequence=options.sequence)
    return list(rows), as_errors(problems, options.strict)


def build(
    paths: Iterable[Path], out: Path, options: BuildOptions = DEFAULTS, plan: Plan | None = None
) -> BuildReport:
    """Build one ``.apkg`` per book into ``out``; a book with a note in error is left as
    the last build wrote it (package and stamps), every other book is written.

    One build at a time holds ``out``; a second one waits (``options.notify`` says so).
    A ``plan`` made just before (by :func:`flashcards.building.plan.make_plan`) is used when no
    other build wrote into ``out`` since.
    """
    created = not out.exists()
    with _collector_paused(), outfolder.hold(out, options.notify):
        report = _build(list(paths), out, options, plan)
    if report.errors and created:
        with suppress(OSError):
            out.rmdir()  # a failed first build leaves no trace (another build's files stay)
    return report


def _build(paths: list[Path], out: Path, options: BuildOptions, plan: Plan | None) -> BuildReport:
    try:
        started = outfolder.file_system_now(out) - 1
    except OSError as exc:
        raise BuildError(f"cannot write to {out}: {exc.strerror or exc}") from None
    if plan is None or plan.manifest_stat != stat_of(str(out / STATE_FILE)):
        plan = make_plan(paths, out, options)
    if plan.nothing_to_do:
        with suppress(OSError):
            os.utime(out / STATE_FILE, ns=(started, started))
        return unchanged_report(plan)
    read = read_planned(plan, options)
    held = books_in_error(read, plan)
    if held:
        read = without_books(read, held)
        plan.touched -= held
    report = read.report
    report.details += _skips(plan.skipped)
    if report.errors and not read.anki and not plan.touched:
        return report  # nothing but errors: nothing is written, not even the state
    report.full = plan.full
    if plan.message:
        report.messages.append(plan.message)
        report.trusted_state = False
    manifest = plan.manifest
    previous: dict[str, Stamp] = {}
    book_of: dict[str, str] = {}
    for book in sorted(plan.touched):
        stamps, message = load_book(out, book, manifest)
        if message:
            report.messages.append(message)
            report.trusted_state = False
        previous.update(stamps)
        book_of.update(dict.fromkeys(stamps, book))
    now = build_time()
    models = Stamper(manifest.models, now)
    type_mods = [(t, models.stamp(f"model:{t.id}", note_type_hash(t)).mod) for t in NOTE_TYPES]
    stamper = Stamper(previous, now, manifest.next_id, load_graveyard(out))
    by_book: dict[str, list[StampedNote]] = defaultdict(list)
    sources = {note.path: os.path.abspath(note.path) for note in report.notes}
    for anki_note in read.anki:
        book = anki_note.package
        book_of[anki_note.guid] = book
        stamp = stamper.stamp(
            anki_note.guid,
            anki_note.content_hash,
            anki_note.search,
            sources[anki_note.path],
            width=len(anki_note.card_ords),
        )
        by_book[book].append(StampedNote(anki_note, stamp.id, stamp.mod))
    given = plan.given
    read_paths = given + [os.path.abspath(path) for path, _ in read.files]
    drafts = {os.path.abspath(path) for path, result in read.files if result.skipped_draft}
    report.removed, report.left = stamper.carry_over(
        _scanned_by(read_paths), plan.full, drafts.__contains__, book_of.__getitem__
    )
    writing = Writing(out, plan)
    if stamper.buried_changed:
        writing.stamp_files[GRAVEYARD] = book_bytes(stamper.buried)
    current, before = _by_book(stamper.current, book_of), _by_book(previous, book_of)
    for book in sorted(plan.touched | set(by_book)):
        writing.book(
            book,
            by_book.get(book, []),
            list(read.media[book].values()),
            type_mods,
            current.get(book, {}),
            before.get(book, {}),
        )
    writing.manifest.next_id = stamper.next_id
    writing.manifest.models = models.current
    writing.manifest.roots = manifest.roots_after(given)
    writing.record_files(read.files, report)
    try:
        writing.write(type_mods)
        changed = _changed_while_read(read.files)
        report.messages.extend(
            f"{path} changed while the build read it; the next build reads it again"
            for path in changed
        )
        # Tools that compare file times with the state's (find -newer) must not miss an
        # edit saved during the build: date the state to when reading began.
        when = 0 if changed else started
        os.utime(out / STATE_FILE, ns=(when, when))
    except OSError as exc:
        raise BuildError(f"cannot write to {out}: {exc.strerror or exc}") from None
    report.files = [package.path for package in writing.packages]
    report.deleted = writing.deleted
    report.unchanged = writing.unchanged
    rebuilt = plan.touched | {note.package for note in report.notes}
    count_unchanged(plan, report, writing.manifest.books, rebuilt)
    return report


def _by_book(stamps: dict[str, Stamp], book_of: dict[str, str]) -> dict[str, dict[str, Stamp]]:
    grouped: dict[str, dict[str, Stamp]] = defaultdict(dict)
    for key, stamp in stamps.items():
        grouped[book_of[key]][key] = stamp
    return grouped


def _changed_while_read(files: list[tuple[Path, FileResult]]) -> list[str]:
    """The note files whose size or time is not what it was when the build read them."""
    return [
        str(path)
        for path, result in files
        if result.signature is not None and stat_of(str(path)) != result.signature
    ]


def _scanned_by(paths: Iterable[str]) -> Callable[[str], bool]:
    """Whether a note file (absolute path) lies within what this build read."""
    roots = list(paths)
    return lambda source: within(source, roots)


def _skips(folders: list[str]) -> list[str]:
    """What ``-v`` says of the folders a scan left out."""
    return [f"skipped {shown_path(Path(folder))}: {_why(folder)}" for folder in folders]


def _why(folder: str) -> str:
    name = os.path.basename(folder)
    if name == "logseq":
        return "Logseq's own folder (settings and backups)"
    if name in ("node_modules", "site-packages", "__pycache__", "venv", "_site"):
        return "a folder of tools or packages, not notes"
    return "templates (Obsidian's settings name the folder)"
