"""The one orchestrator: read and check the notes, then (only if all is well) write.

A build reads only what changed since the last one: the notes whose size or time
changed, and every note of their books (a book is one package, and is written whole).
Books with no change are neither read nor written; when nothing changed at all, a
build is a scan of sizes and times (:mod:`flashcards.building.plan`).
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from operator import attrgetter
from pathlib import Path

from flashcards.building import outfolder, spill
from flashcards.building.apkg import note_type_hash
from flashcards.building.books import book_clashes
from flashcards.building.bookwork import BookJob, BookResult, Setting, discard_results, write_books
from flashcards.building.held import books_in_error, without_books
from flashcards.building.notefile import FileResult, read_notes, shown_path
from flashcards.building.plan import Plan, count_unchanged, make_plan, unchanged_report
from flashcards.building.reading import (
    Read,
    as_errors,
    defined_elsewhere,
    read_files,
    read_planned,
    spilled_by_book,
    summed_up,
)
from flashcards.building.report import BuildReport
from flashcards.building.stamps import (
    Stamper,
    book_bytes,
    graveyard_after,
    load_graveyard,
    load_next_id,
)
from flashcards.building.state import BOOKS_FOLDER, STATE_FILE, Stamp, build_time
from flashcards.building.writing import Writing, folder_for_stamps
from flashcards.cards.identity import AnkiNote
from flashcards.cards.notetypes import NOTE_TYPES
from flashcards.cards.rows import CardRow, card_rows
from flashcards.errors import BuildError, Problem
from flashcards.notes.load import find_notes
from flashcards.notes.media import Media
from flashcards.notes.model import identity_key
from flashcards.notes.scan import Skipped, stat_of
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
        skipped: Skipped = []
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
        (identity_key(note.book), identity_key(vocab.term)): (note.path, vocab.line)
        for note in reversed(notes)
        for vocab in reversed(note.vocab)
    }
    bare = [(note.book, note.path, term) for note in notes for term in note.bare_terms]
    dropped, _ = defined_elsewhere(
        bare, lambda book, term: defined.get((identity_key(book), identity_key(term)))
    )
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
    try:
        spill_folder = spill.open_folder(out)
    except OSError as exc:
        raise BuildError(f"cannot write to {out}: {exc.strerror or exc}") from None
    try:
        return _read_and_write(plan, out, options, spill_folder, started)
    finally:
        spill.close_folder(spill_folder)


def _read_and_write(
    plan: Plan, out: Path, options: BuildOptions, spill_folder: str, started: int
) -> BuildReport:
    try:
        read = read_planned(plan, options, spill_folder)
    except OSError as exc:  # the spill folder could not be written (a full disk)
        raise BuildError(f"cannot write to {out}: {exc.strerror or exc}") from None
    held = books_in_error(read, plan)
    if held:
        read = without_books(read, held)
        plan.touched -= held
    report = read.report
    report.details += _skips(plan.skipped)
    if report.errors and not plan.touched and not any(r.ids for _, r in read.files):
        return report  # nothing but errors: nothing is written, not even the state
    report.full = plan.full
    if plan.message:  # said only with -v when there was no state (a first build)
        (report.details if plan.manifest_stat is None else report.messages).append(plan.message)
        report.trusted_state = False
    writing = Writing(out, plan)
    results: list[BookResult] = []
    try:
        results, graveyard = _write_books(plan, read, options, spill_folder, writing)
        # Gone before the packages are put on disk: the spill's pages, never written
        # yet, then need never be (syncing the file system would write them too)
        spill.close_folder(spill_folder)
        late = {result.book for result in results if result.held}
        if late:  # strict: a clash found while writing made an error
            read = without_books(read, late)
            report.held = sorted({*report.held, *late})
            plan.touched -= late
        for result in results:
            report.problems.extend(result.problems)
            if result.message:
                report.messages.append(result.message)
                report.trusted_state = False
            if not result.held:
                writing.book(result)
                report.removed += result.removed
                report.left += result.left
                for deck, count in result.cards_by_deck.items():
                    report.cards_by_deck[deck] = report.cards_by_deck.get(deck, 0) + count
        report.problems.sort(key=attrgetter("path", "line"))
        report.removed.sort(key=attrgetter("book", "search"))
        report.left.sort(key=attrgetter("book", "search"))
        kept = [result for result in results if not result.held]
        writing.graveyard = _graveyard(graveyard, kept)
        writing.manifest.next_id = max([plan.manifest.next_id, *(r.next_id for r in kept)])
        writing.manifest.roots = plan.manifest.roots_after(plan.given)
        writing.record_files(read.files, report)
        writing.write()
    except OSError as exc:
        raise BuildError(f"cannot write to {out}: {exc.strerror or exc}") from None
    finally:
        discard_results(results)  # the temporaries not renamed into place
    changed = _changed_while_read(read.files)
    report.messages.extend(
        f"{path} changed while the build read it; the next build reads it again" for path in changed
    )
    # Tools that compare file times with the state's (find -newer) must not miss an
    # edit saved during the build: date the state to when reading began.
    when = 0 if changed else started
    with suppress(OSError):
        os.utime(out / STATE_FILE, ns=(when, when))
    report.files = writing.packages
    report.deleted = writing.deleted
    report.unchanged = writing.unchanged
    rebuilt = plan.touched | {note.package for note in report.notes}
    count_unchanged(plan, report, writing.manifest.books, rebuilt)
    return report


def _write_books(
    plan: Plan, read: Read, options: BuildOptions, spill_folder: str, writing: Writing
) -> tuple[list[BookResult], dict[str, Stamp]]:
    """Hand every book to write to a book worker (:mod:`flashcards.building.bookwork`);
    their results, and the graveyard they were given."""
    refs, ids = spilled_by_book(read.files)
    now = build_time()
    models = Stamper(plan.manifest.models, now)
    type_mods = [(t, models.stamp(f"model:{t.id}", note_type_hash(t)).mod) for t in NOTE_TYPES]
    graveyard = load_graveyard(plan.out)
    next_id = max(
        [now * 1000, plan.manifest.next_id, load_next_id(plan.out)]
        + [stamp.id + 1 for stamp in graveyard.values()]
    )
    jobs = []
    for book in sorted(plan.touched | set(refs)):
        jobs.append(BookJob(book, tuple(refs[book]), next_id, ids[book]))
        next_id += ids[book]  # each book's new notes take ids of their own
    folder_for_stamps(plan.out / BOOKS_FOLDER)
    drafts = {os.path.abspath(path) for path, result in read.files if result.skipped_draft}
    setting = Setting(
        plan.out, spill_folder, plan.manifest, plan.fingerprint, type_mods, now, graveyard,
        plan.full, plan.given, frozenset(os.path.abspath(path) for path, _ in read.files),
        frozenset(drafts), options.strict,
    )  # fmt: skip
    writing.manifest.models = models.current
    return write_books(jobs, setting), graveyard


def _graveyard(before: dict[str, Stamp], results: list[BookResult]) -> bytes | None:
    """The graveyard file's new bytes (None: unchanged)."""
    raised = set().union(*(result.raised for result in results))
    buried = {key: stamp for result in results for key, stamp in result.buried.items()}
    if not raised and not buried:
        return None
    return book_bytes(graveyard_after(before, raised, buried))


def _changed_while_read(files: list[tuple[str, FileResult]]) -> list[str]:
    """The note files whose size or time is not what it was when the build read them."""
    return [
        path
        for path, result in files
        if result.signature is not None and stat_of(path) != result.signature
    ]


def _skips(skipped: Skipped) -> list[str]:
    """What ``-v`` says of the folders (and files) a scan left out."""
    return [f"skipped {shown_path(Path(path))}: {why}" for path, why in skipped]
