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
from dataclasses import dataclass, replace
from operator import attrgetter
from pathlib import Path

from flashcards.building import outfolder
from flashcards.building.apkg import (
    Package,
    StampedNote,
    note_type_hash,
    package_fingerprint,
    write_temporary_packages,
)
from flashcards.building.atomic import discard, replace_all, write_temporary
from flashcards.building.manifest import manifest_bytes
from flashcards.building.notefile import FileResult, process_files, read_notes
from flashcards.building.plan import Plan, count_unchanged, make_plan, unchanged_report
from flashcards.building.report import BuildReport, NoteSummary
from flashcards.building.stamps import Stamper, book_bytes, load_book
from flashcards.building.state import (
    BOOKS_FOLDER,
    STATE_FILE,
    BookEntry,
    FileEntry,
    Manifest,
    Stamp,
    book_path,
    build_time,
    within,
)
from flashcards.cards.identity import AnkiNote, settle_guids
from flashcards.cards.notetypes import NOTE_TYPES, NoteType
from flashcards.cards.rows import CardRow, card_rows
from flashcards.errors import BuildError, Problem, Severity
from flashcards.notes.extract.vocab import undefined_term
from flashcards.notes.load import find_notes
from flashcards.notes.media import Media
from flashcards.notes.model import BareTerm, identity_key, nfc, slugify
from flashcards.notes.scan import stat_of
from flashcards.options import BuildOptions

DEFAULTS = BuildOptions()


@dataclass
class _Read:
    report: BuildReport
    anki: list[AnkiNote]
    media: dict[str, dict[str, Media]]  # by book file name
    files: list[tuple[Path, FileResult]]  # every note file read, with what it gave


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
        files = list(find_notes(Path(os.path.abspath(path)) for path in paths))
        return _summed_up(_read_files(files, options), options).report


def read_cards(
    paths: Iterable[Path], options: BuildOptions = DEFAULTS
) -> tuple[BuildReport, list[AnkiNote], dict[str, Media]]:
    """Every note a build would write (fields rendered, identities settled), its media
    by packaged name, and the report of reading them; writes nothing."""
    with _collector_paused():
        files = list(find_notes(Path(os.path.abspath(path)) for path in paths))
        read = _summed_up(_read_files(files, options), options)
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
    problems = [p for p in problems if p not in dropped]
    rows = card_rows(notes, reverse=options.reverse, sequence=options.sequence)
    return list(rows), _as_errors(problems, options.strict)


def build(
    paths: Iterable[Path], out: Path, options: BuildOptions = DEFAULTS, plan: Plan | None = None
) -> BuildReport:
    """Build one ``.apkg`` per book into ``out``; nothing is written if a note has an error.

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
    read = _read_planned(plan, options)
    report = read.report
    if report.errors:
        return report
    if plan.message:
        report.messages.append(plan.message)
    manifest = plan.manifest
    previous: dict[str, Stamp] = {}
    book_of: dict[str, str] = {}
    for book in sorted(plan.touched):
        stamps, message = load_book(out, book, manifest)
        if message:
            report.messages.append(message)
        previous.update(stamps)
        book_of.update(dict.fromkeys(stamps, book))
    now = build_time()
    models = Stamper(manifest.models, now)
    type_mods = [(t, models.stamp(f"model:{t.id}", note_type_hash(t)).mod) for t in NOTE_TYPES]
    stamper = Stamper(previous, now, manifest.next_id)
    by_book: dict[str, list[StampedNote]] = defaultdict(list)
    sources = {note.path: os.path.abspath(note.path) for note in report.notes}
    for anki_note in read.anki:
        book = _book_file(anki_note.book)
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
    writing = _Writing(out, plan)
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
    rebuilt = plan.touched | {_book_file(note.book) for note in report.notes}
    count_unchanged(plan, report, writing.manifest.books, rebuilt)
    return report


def _by_book(stamps: dict[str, Stamp], book_of: dict[str, str]) -> dict[str, dict[str, Stamp]]:
    grouped: dict[str, dict[str, Stamp]] = defaultdict(dict)
    for key, stamp in stamps.items():
        grouped[book_of[key]][key] = stamp
    return grouped


class _Writing:
    """The files a build writes: packages, the stamps of the books it rebuilt, and the
    manifest; all or none (temporary files first, renamed in order, the manifest last)."""

    def __init__(self, out: Path, plan: Plan) -> None:
        self.out = out
        self.plan = plan
        old = plan.manifest
        self.manifest = Manifest(
            old.roots, old.next_id, dict(old.models), dict(old.books), dict(old.files)
        )
        self.fingerprint = plan.fingerprint
        self.packages: list[Package] = []
        self.unchanged: list[Path] = []
        self.deleted: list[Path] = []
        self.stamp_files: dict[str, bytes] = {}
        self.removals: list[Path] = []

    def book(
        self,
        book: str,
        notes: list[StampedNote],
        media: list[Media],
        type_mods: list[tuple[NoteType, int]],
        stamps: dict[str, Stamp],
        before: dict[str, Stamp],
    ) -> None:
        """Plan the files of one rebuilt ``book``."""
        path = self.out / f"{book}.apkg"
        if not notes and not stamps and self.plan.full:
            # A full build found no note of this book: it is gone, and its files too.
            if book in self.manifest.books:
                del self.manifest.books[book]
                self.removals += [path, book_path(self.out, book)]
                self.deleted.append(path)
            return
        if stamps != before or book not in self.manifest.books:
            self.stamp_files[book] = book_bytes(stamps)
        old = self.manifest.books.get(book)
        if not notes:  # a partial build: its notes left the files it read; keep the rest
            if old is not None:
                self.manifest.books[book] = replace(old, unplaced=_unplaced(stamps))
            return
        package = Package(path, notes, media)
        fingerprint = package_fingerprint(package, type_mods)
        decks: dict[str, int] = {}
        for stamped in notes:
            deck = stamped.note.deck
            decks[deck] = decks.get(deck, 0) + len(stamped.note.card_ords)
        same = old is not None and old.package == fingerprint and stat_of(str(path)) == old.stat
        if same and old is not None:
            self.unchanged.append(path)
            stat = old.stat
        else:
            self.packages.append(package)
            stat = (0, 0)  # known once written
        self.manifest.books[book] = BookEntry(
            notes[0].note.book, self.fingerprint, fingerprint, stat, decks, _unplaced(stamps)
        )

    def record_files(self, files: list[tuple[Path, FileResult]], report: BuildReport) -> None:
        """Remember every note file read (and forget those gone from the paths read)."""
        kept = self.manifest.files
        for file in [f for f in kept if within(f, self.plan.given) and f not in self.plan.scanned]:
            del kept[file]
        warnings: dict[str, int] = defaultdict(int)
        for problem in report.warnings:
            warnings[problem.path] += 1
        for path, result in files:
            if result.note is None or result.signature is None:
                continue
            kept[os.path.abspath(path)] = FileEntry(
                result.signature,
                _book_file(result.note.book),
                warnings[result.note.path],
                result.skipped_draft,
                result.images,
            )
        books = self.manifest.books
        for file, entry in list(kept.items()):
            if entry.book not in books:  # a draft's book that no build wrote
                kept[file] = FileEntry(entry.stat, "", entry.warnings, entry.draft, entry.images)

    def write(self, type_mods: list[tuple[NoteType, int]]) -> None:
        temporaries = write_temporary_packages(self.packages, type_mods)
        renames = [(t, p.path) for t, p in zip(temporaries, self.packages, strict=True)]
        try:
            for temporary, package in zip(temporaries, self.packages, strict=True):
                stat = stat_of(str(temporary))
                assert stat is not None
                books = self.manifest.books
                books[package.path.stem] = replace(books[package.path.stem], stat=stat)
            if self.stamp_files:
                _folder_for_stamps(self.out / BOOKS_FOLDER)
            for book, data in sorted(self.stamp_files.items()):
                target = book_path(self.out, book)
                renames.append((write_temporary(target, data), target))
            state = self.out / STATE_FILE
            renames.append((write_temporary(state, manifest_bytes(self.manifest)), state))
        except BaseException:
            discard(temporary for temporary, _ in renames)
            raise
        replace_all(renames[:-1])
        for path in self.removals:
            path.unlink(missing_ok=True)
        replace_all(renames[-1:])


def _folder_for_stamps(folder: Path) -> None:
    """The books' stamps folder, made anew if something else stands in its place (a
    damaged state is replaced, never left to fail every later build)."""
    if folder.exists() and not folder.is_dir():
        folder.unlink()
    folder.mkdir(exist_ok=True)


def _unplaced(stamps: dict[str, Stamp]) -> int:
    """How many of a book's stamps belong to cards that left their file."""
    return sum(1 for stamp in stamps.values() if not stamp.source)


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


def _as_errors(problems: list[Problem], strict: bool) -> list[Problem]:
    """With ``strict``, every warning becomes an error."""
    if not strict:
        return problems
    return [Problem(p.path, p.line, Severity.ERROR, p.message) for p in problems]


def _book_file(book: str) -> str:
    """The file name stem of a book's package."""
    return slugify(book) or "notes"


def _read_planned(plan: Plan, options: BuildOptions) -> _Read:
    """Read the notes the plan names, then the other known files of every book they
    belong to (wherever they are), so that each book is read whole."""
    files = [(Path(file), Path(root)) for file, root in sorted(plan.read.items())]
    results = process_files(files, options.read_options(), progress=options.progress)
    read = list(zip((path for path, _ in files), results, strict=True))
    batch = read
    while batch:
        books = {_book_file(r.note.book) for _, r in batch if r.note is not None}
        plan.touched |= books
        extra = plan.files_of(books)
        for file in extra:
            plan.read[file] = plan.root_of(file)
        files = [(Path(file), Path(plan.root_of(file))) for file in extra]
        results = process_files(files, options.read_options()) if files else []
        batch = list(zip((path for path, _ in files), results, strict=True))
        read += batch
    outside = sum(1 for path, _ in read if not within(str(path), plan.given))
    result = _summed_up(_collect(read), options)
    if outside:
        result.report.messages.append(
            f"also read {_plural(outside, 'note file')} of the same books outside "
            f"{', '.join(_shown(p) for p in plan.given)}, so that their packages stay whole"
        )
    return result


def _shown(path: str) -> str:
    from flashcards.building.notefile import shown_path

    return shown_path(Path(path))


def _read_files(files: list[tuple[Path, Path]], options: BuildOptions) -> _Read:
    results = process_files(files, options.read_options(), progress=options.progress)
    return _collect(list(zip((path for path, _ in files), results, strict=True)))


def _collect(read: list[tuple[Path, FileResult]]) -> _Read:
    report = BuildReport()
    media: dict[str, dict[str, Media]] = defaultdict(dict)
    for _, result in read:
        report.problems.extend(result.problems)
        if result.skipped_draft:
            report.skipped_drafts += 1
        elif result.note is not None:
            report.notes.append(result.note)
            media[_book_file(result.note.book)].update((m.name, m) for m in result.media)
    report.problems.extend(_book_clashes(report.notes))
    _terms_defined_elsewhere(read, report)
    anki, clashes = settle_guids(draft for _, result in read for draft in result.drafts)
    report.problems.extend(clashes)
    for anki_note in anki:
        deck = anki_note.deck
        report.cards_by_deck[deck] = report.cards_by_deck.get(deck, 0) + len(anki_note.card_ords)
    return _Read(report, anki, media, read)


def _summed_up(read: _Read, options: BuildOptions) -> _Read:
    read.report.problems = sorted(
        _as_errors(read.report.problems, options.strict), key=attrgetter("path", "line")
    )
    return read


def _terms_defined_elsewhere(read: list[tuple[Path, FileResult]], report: BuildReport) -> None:
    """A bare term that another note of the same book defines has a card: its warning
    goes, and a detail (``-v``) says where the definition is."""
    defined = {
        (draft.note.book, draft.label): (draft.note.path, draft.note.line)
        for _, result in reversed(read)
        for draft in reversed(result.drafts)
        if not draft.located_key  # a vocab term
    }
    bare = [
        (result.note.book, result.note.path, term)
        for _, result in read
        if result.note is not None
        for term in result.bare_terms
    ]
    dropped, report.details = defined_elsewhere(bare, defined)
    report.problems = [p for p in report.problems if p not in dropped]


def defined_elsewhere(
    bare: Iterable[tuple[str, str, BareTerm]], defined: dict[tuple[str, str], tuple[str, int]]
) -> tuple[set[Problem], list[str]]:
    """Of the ``(book, note path, term)`` listed bare, those that ``defined`` (by book and
    term: where) has: their warnings, to drop, and a line saying where each is defined."""
    index = {(identity_key(book), identity_key(term)): at for (book, term), at in defined.items()}
    dropped: set[Problem] = set()
    details: list[str] = []
    for book, path, term in bare:
        where = index.get((identity_key(book), identity_key(term.term)))
        if where is not None:
            dropped.add(undefined_term(path, term))
            details.append(f"{path}:{term.line}: '{term.term}' is defined in {where[0]}:{where[1]}")
    return dropped, details


def _book_clashes(notes: list[NoteSummary]) -> list[Problem]:
    """Errors for different books that would share a package file and tag, or a deck
    (Anki compares deck names without regard to case)."""
    problems: list[Problem] = []
    by_slug: dict[str, NoteSummary] = {}
    by_deck: dict[str, tuple[str, NoteSummary]] = {}
    for note in notes:
        first = by_slug.setdefault(_book_file(note.book), note)
        if first.book != note.book:
            problems.append(
                Problem(
                    note.path,
                    note.book_line,
                    Severity.ERROR,
                    f"book '{note.book}' and book '{first.book}' ({first.path}:{first.book_line}) "
                    f"would share the package {_book_file(note.book)}.apkg and the tag "
                    f"'{_book_file(note.book)}'; give one of them another name with 'book:' "
                    "in its front matter",
                )
            )
            continue
        parts = note.deck.split("::")
        for level in range(1, len(parts) + 1):
            deck = "::".join(parts[:level])
            spelled, other = by_deck.setdefault(nfc(deck).casefold(), (deck, note))
            if spelled != deck:
                problems.append(
                    Problem(
                        note.path,
                        note.book_line,
                        Severity.ERROR,
                        f"deck '{deck}' and deck '{spelled}' ({other.path}:{other.book_line}) "
                        "are one deck in Anki, which ignores case; spell them the same way "
                        "in both notes ('book:' and 'chapter:' in the front matter set them)",
                    )
                )
                break
    return problems


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"
