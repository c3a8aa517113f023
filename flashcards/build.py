"""The one orchestrator: read and check every note, then (only if all is well) write."""

from __future__ import annotations

import gc
import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path

from . import outfolder
from .atomic import discard, replace_all, write_temporary
from .cards import AnkiNote, settle_guids
from .errors import BuildError, Problem, Severity
from .listing import CardRow, card_rows
from .load import find_notes
from .media import DEFAULT_MAX_IMAGE_BYTES
from .model import BareTerm, identity_key, nfc, slugify
from .notefile import (
    FileCache,
    FileResult,
    NoteSummary,
    ReadOptions,
    file_signature,
    process_files,
    read_notes,
)
from .notetypes import NOTE_TYPES, NoteType
from .package import (
    Media,
    Package,
    StampedNote,
    note_type_hash,
    package_fingerprint,
    write_temporary_packages,
)
from .parallel import Progress
from .parse import DEFAULT_OPTIONS, ParseOptions, undefined_term
from .state import STATE_FILE, Stamp, Stamper, State, build_time, load_state, state_bytes


@dataclass(frozen=True)
class BuildOptions:
    """Choices of a build; the defaults are what ``make deck`` does."""

    reverse: bool = False
    skip_drafts: bool = False
    strict: bool = False
    parse: ParseOptions = DEFAULT_OPTIONS
    max_image_bytes: int = DEFAULT_MAX_IMAGE_BYTES
    progress: Progress | None = field(default=None, compare=False)
    notify: Callable[[str], None] | None = field(default=None, compare=False)

    def read_options(self) -> ReadOptions:
        """How each note file is read."""
        return ReadOptions(self.parse, self.reverse, self.skip_drafts, self.max_image_bytes)


@dataclass
class BuildReport:
    """What a check or build found and did.

    ``removed`` are cards gone from the notes (a full build found them nowhere);
    ``left`` are cards that left the files a partial build read, which may have moved
    to files it did not read: they keep their stamps until a full build decides.
    """

    notes: list[NoteSummary] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    cards_by_deck: dict[str, int] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    removed: list[Stamp] = field(default_factory=list)
    left: list[Stamp] = field(default_factory=list)
    deleted: list[Path] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    details: list[str] = field(default_factory=list)  # shown with -v
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


def check(paths: Iterable[Path], options: BuildOptions = BuildOptions()) -> BuildReport:
    """Read and validate every note under ``paths``; write nothing."""
    with _collector_paused():
        return _read_all(list(paths), options).report


def list_cards(
    paths: Iterable[Path], options: BuildOptions = BuildOptions()
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
    return list(card_rows(notes, reverse=options.reverse)), _as_errors(problems, options.strict)


def build(
    paths: Iterable[Path],
    out: Path,
    options: BuildOptions = BuildOptions(),
    cache: FileCache | None = None,
) -> BuildReport:
    """Build one ``.apkg`` per book into ``out``; nothing is written if a note has an error.

    One build at a time holds ``out``; a second one waits (``options.notify`` says so).
    A ``cache`` kept between builds (as ``watch`` does) spares re-reading unchanged notes.
    """
    created = not out.exists()
    with _collector_paused(), outfolder.hold(out, options.notify):
        report = _build(list(paths), out, options, cache)
    if report.errors and created:
        with suppress(OSError):
            out.rmdir()  # a failed first build leaves no trace (another build's files stay)
    return report


def _build(
    paths: list[Path], out: Path, options: BuildOptions, cache: FileCache | None
) -> BuildReport:
    try:
        started = outfolder.file_system_now(out) - 1
    except OSError as exc:
        raise BuildError(f"cannot write to {out}: {exc.strerror or exc}") from None
    state, message = load_state(out)
    read = _read_all(paths, options, cache, state)
    report = read.report
    if report.errors:
        return report
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
    given = [os.path.abspath(path) for path in paths]
    read_paths = given + [os.path.abspath(path) for path, _ in read.files]
    full = state.is_full_build(given)
    drafts = {os.path.abspath(path) for path, result in read.files if result.skipped_draft}
    report.removed, report.left = stamper.carry_over(
        _scanned_by(read_paths), full, kept=drafts.__contains__
    )
    stamper.current.roots = state.roots_after(given)
    stale = _packages_without_notes(stamper, out) if full else []
    try:
        current = stamper.current if stamper.current != state else None
        _write(out, packages, type_mods, current, stale)
        report.files = [package.path for package in packages]
        report.deleted = [path for path in stale if not path.exists()]
        changed = _changed_while_read(read.files)
        report.messages.extend(
            f"{path} changed while the build read it; the next build reads it again"
            for path in changed
        )
        # `make deck` rebuilds when a note is newer than the state file: date the state
        # to when reading began, so that an edit saved during the build is never missed.
        when = 0 if changed else started
        os.utime(out / STATE_FILE, ns=(when, when))
    except OSError as exc:
        raise BuildError(f"cannot write to {out}: {exc.strerror or exc}") from None
    return report


def _packages_without_notes(stamper: Stamper, out: Path) -> list[Path]:
    """The packages that earlier builds wrote for books that no longer have a note (a
    full build found none): their cards are reported gone, and the files go too, so
    that importing what is in the folder never brings them back."""
    stamps = stamper.current.stamps
    books = {s.book for key, s in stamps.items() if not key.startswith(("model:", "package:"))}
    stale = []
    for key in list(stamps):
        name = key.removeprefix("package:")
        if name != key and name.removesuffix(".apkg") not in books:
            del stamps[key]
            stale.append(out / name)
    return stale


def _write(
    out: Path,
    packages: list[Package],
    note_types: list[tuple[NoteType, int]],
    state: State | None,
    stale: list[Path],
) -> None:
    """Write the packages and (when it changed) the state, all or none: every temporary
    file first, then the renames and removals, the state last (it records what the
    packages hold, so a kill in between leaves a record older than them, never newer)."""
    temporaries = write_temporary_packages(packages, note_types)
    renames = [(t, p.path) for t, p in zip(temporaries, packages, strict=True)]
    state_path = out / STATE_FILE
    state_temporary = None
    if state is not None or not state_path.exists():
        try:
            data = state_bytes(state if state is not None else State())
            state_temporary = write_temporary(state_path, data)
        except BaseException:
            discard(temporaries)
            raise
    try:
        replace_all(renames)
        for path in stale:
            path.unlink(missing_ok=True)
    except BaseException:
        discard([state_temporary] if state_temporary else [])
        raise
    if state_temporary is not None:
        replace_all([(state_temporary, state_path)])


def _changed_while_read(files: list[tuple[Path, FileResult]]) -> list[str]:
    """The note files whose size or time is not what it was when the build read them."""
    return [
        str(path)
        for path, result in files
        if result.signature is not None and file_signature(path) != result.signature
    ]


def _changed(stamper: Stamper, package: Package, note_types: list[tuple[NoteType, int]]) -> bool:
    """Whether ``package`` must be written: new, missing, or not what the last build wrote."""
    key = f"package:{package.path.name}"
    before = stamper.previous.stamps.get(key)
    fingerprint = package_fingerprint(package, note_types)
    stamper.stamp(key, fingerprint)
    return before is None or before.content_hash != fingerprint or not package.path.exists()


def _scanned_by(paths: Iterable[str]) -> Callable[[str], bool]:
    """Whether a note file (absolute path) lies within what this build read."""
    roots = [Path(path) for path in paths]

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


def _read_all(
    paths: list[Path],
    options: BuildOptions,
    cache: FileCache | None = None,
    state: State | None = None,
) -> _Read:
    """Read every note under ``paths``. With the previous build's ``state``, the other
    known note files of every book found are read too, wherever they are, so that a
    build of some notes still writes whole packages and sees clashes with other books."""
    report = BuildReport()
    files = list(find_notes(paths))
    results = process_files(files, options.read_options(), progress=options.progress, cache=cache)
    read = list(zip((path for path, _ in files), results, strict=True))
    if state is not None:
        others = _other_files_of_books(read, paths, state, options)
        if others:
            report.messages.append(
                f"also read {_plural(len(others), 'note file')} of the same books outside "
                f"{', '.join(map(str, paths))}, so that their packages stay whole"
            )
            read += others
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
    report.problems = sorted(
        _as_errors(report.problems, options.strict), key=attrgetter("path", "line")
    )
    for anki_note in anki:
        deck = anki_note.deck
        report.cards_by_deck[deck] = report.cards_by_deck.get(deck, 0) + len(anki_note.card_ords)
    return _Read(report, anki, media, read)


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


def _other_files_of_books(
    read: list[tuple[Path, FileResult]],
    paths: list[Path],
    state: State,
    options: BuildOptions,
) -> list[tuple[Path, FileResult]]:
    """The results of the note files, outside ``paths``, that the state knows to belong
    to the books (packages) of the notes in ``read``, and so on for the books they name."""
    known: dict[str, set[str]] = defaultdict(set)
    for stamp in state.stamps.values():
        if stamp.book and stamp.source:
            known[stamp.book].add(stamp.source)
    seen = {os.path.abspath(path) for path, _ in read}
    inside = _scanned_by([os.path.abspath(path) for path in paths])
    touched: set[str] = set()
    found: list[tuple[Path, FileResult]] = []
    batch = read
    while batch:
        books = {_book_file(r.note.book) for _, r in batch if r.note is not None} - touched
        touched |= books
        extra = sorted(
            source
            for book in books
            for source in known.get(book, ())
            if source not in seen and not inside(source) and os.path.isfile(source)
        )
        if not extra:
            break
        seen.update(extra)
        files = [(Path(source), _root_of(source, state.roots)) for source in extra]
        results = process_files(files, options.read_options())
        batch = list(zip((path for path, _ in files), results, strict=True))
        found += batch
    return found


def _root_of(source: str, roots: Iterable[str]) -> Path:
    """The notes folder that ``source`` was read under (images must lie inside it)."""
    holding = [root for root in roots if source.startswith(root.rstrip(os.sep) + os.sep)]
    return Path(max(holding, key=len)) if holding else Path(source).parent


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
