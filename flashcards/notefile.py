"""One note file, start to finish short of writing: read, parse, images, rendered cards.

This is the unit of work that runs in parallel; its result is small and cheap to send
between processes (rendered strings, no Markdown trees).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from .cards import CardDraft, note_drafts
from .errors import NoteError, Problem
from .load import read_document
from .media import DEFAULT_MAX_IMAGE_BYTES, collect_media
from .model import BareTerm, Note
from .package import Media
from .parallel import Progress, fork_map
from .parse import DEFAULT_OPTIONS, ParseOptions, note_from_document

PARALLEL_MIN_FILES = 200  # below this, starting worker processes costs more than it saves


@dataclass(frozen=True)
class NoteSummary:
    """What a report keeps of a note."""

    path: str
    title: str
    book: str
    deck: str
    draft: bool
    book_line: int = 1


@dataclass(frozen=True)
class ReadOptions:
    """How note files are read into cards."""

    parse: ParseOptions = DEFAULT_OPTIONS
    reverse: bool = False
    skip_drafts: bool = False
    max_image_bytes: int = DEFAULT_MAX_IMAGE_BYTES


@dataclass(frozen=True)
class FileResult:
    """Everything one note file gives the build.

    ``signature`` is the file's (size, modification time) as it was when it was read, so
    that a change made while the build runs can be told afterwards.
    """

    note: NoteSummary | None
    drafts: list[CardDraft] = field(default_factory=list)
    media: tuple[Media, ...] = ()
    problems: list[Problem] = field(default_factory=list)
    skipped_draft: bool = False
    signature: Signature | None = None
    bare_terms: tuple[BareTerm, ...] = ()  # terms listed but not defined in this note


def process_file(file: tuple[Path, Path], *, options: ReadOptions) -> FileResult:
    """Read, parse and render the note at ``file`` = (path, notes root)."""
    path, root = file
    signature = file_signature(path)
    try:
        note = parse_file(path, options.parse)
    except NoteError as error:
        return FileResult(None, problems=[error.problem], signature=signature)
    summary = NoteSummary(note.path, note.title, note.book, note.deck, note.draft, note.book_line)
    if note.draft and options.skip_drafts:
        return FileResult(summary, skipped_draft=True, signature=signature)
    media, media_problems = collect_media(note, path, root, options.max_image_bytes)
    drafts = note_drafts(note, reverse=options.reverse, media=media.names)
    return FileResult(
        summary,
        drafts,
        media.files,
        [*note.problems, *media_problems],
        signature=signature,
        bare_terms=note.bare_terms,
    )


@dataclass
class FileCache:
    """Results of files read before, for a long-running watcher: a note file whose size
    and modification time are unchanged, read with the same options, is not read again.
    Notes with images are always read again (an image may change on its own)."""

    options: ReadOptions | None = None
    entries: dict[Path, tuple[Signature, FileResult]] = field(default_factory=dict)


def process_files(
    files: Sequence[tuple[Path, Path]],
    options: ReadOptions,
    *,
    progress: Progress | None = None,
    cache: FileCache | None = None,
) -> list[FileResult]:
    """:func:`process_file` for each file, in order; on all cores for large note sets.

    ``progress(done, total)`` is called as results come in; ``cache`` spares the files
    that did not change since it was last used.
    """
    work = partial(process_file, options=options)
    if cache is None:
        return fork_map(work, files, min_items=PARALLEL_MIN_FILES, progress=progress)
    if cache.options != options:
        cache.options, cache.entries = options, {}
    signatures = [file_signature(path) for path, _ in files]
    results: list[FileResult | None] = [
        _cached(cache, path, signature)
        for (path, _), signature in zip(files, signatures, strict=True)
    ]
    missing = [index for index, result in enumerate(results) if result is None]
    fresh = fork_map(
        work, [files[i] for i in missing], min_items=PARALLEL_MIN_FILES, progress=progress
    )
    for index, result in zip(missing, fresh, strict=True):
        results[index] = result
    cache.entries = {
        path: (result.signature, result)
        for (path, _), result in zip(files, results, strict=True)
        if result is not None
        and result.signature is not None
        and result.note is not None
        and not result.media
    }
    return [result for result in results if result is not None]


Signature = tuple[int, int]


def file_signature(path: Path) -> Signature | None:
    """``(size, modification time in ns)`` of ``path``; None when it cannot be seen."""
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_size, status.st_mtime_ns


def _cached(cache: FileCache, path: Path, signature: Signature | None) -> FileResult | None:
    entry = cache.entries.get(path)
    return entry[1] if entry is not None and entry[0] == signature else None


def parse_file(path: Path, parse: ParseOptions) -> Note:
    """The note in the file at ``path``; raises :class:`NoteError`."""
    return note_from_document(read_document(path, shown_path(path)), parse)


def read_notes(
    files: Sequence[tuple[Path, Path]], parse: ParseOptions
) -> tuple[list[Note], list[Problem]]:
    """The parsed notes of ``files`` (serially, models kept), and every problem found."""
    notes: list[Note] = []
    problems: list[Problem] = []
    for path, _ in files:
        try:
            note = parse_file(path, parse)
        except NoteError as error:
            problems.append(error.problem)
            continue
        notes.append(note)
        problems.extend(note.problems)
    return notes, problems


def shown_path(path: Path) -> str:
    """``path`` as the user would type it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
