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
from .media import collect_media
from .model import Note
from .package import Media
from .parallel import Progress, fork_map
from .parse import ParseOptions, note_from_document

PARALLEL_MIN_FILES = 200  # below this, starting worker processes costs more than it saves


@dataclass(frozen=True)
class NoteSummary:
    """What a report keeps of a note."""

    path: str
    title: str
    book: str
    deck: str
    draft: bool


@dataclass(frozen=True)
class FileResult:
    """Everything one note file gives the build."""

    note: NoteSummary | None
    drafts: list[CardDraft] = field(default_factory=list)
    media: tuple[Media, ...] = ()
    problems: list[Problem] = field(default_factory=list)
    skipped_draft: bool = False


def process_file(
    file: tuple[Path, Path], *, parse: ParseOptions, reverse: bool, skip_drafts: bool
) -> FileResult:
    """Read, parse and render the note at ``file`` = (path, notes root)."""
    path, root = file
    try:
        note = parse_file(path, parse)
    except NoteError as error:
        return FileResult(None, problems=[error.problem])
    summary = NoteSummary(note.path, note.title, note.book, note.deck, note.draft)
    if note.draft and skip_drafts:
        return FileResult(summary, skipped_draft=True)
    media, media_problems = collect_media(note, path, root)
    drafts = note_drafts(note, reverse=reverse, media=media.names)
    return FileResult(summary, drafts, media.files, [*note.problems, *media_problems])


@dataclass
class FileCache:
    """Results of files read before, for a long-running watcher: a note file whose size
    and modification time are unchanged, read with the same options, is not read again.
    Notes with images are always read again (an image may change on its own)."""

    options: tuple[object, ...] = ()
    entries: dict[Path, tuple[tuple[int, int], FileResult]] = field(default_factory=dict)


def process_files(
    files: Sequence[tuple[Path, Path]],
    *,
    parse: ParseOptions,
    reverse: bool,
    skip_drafts: bool,
    progress: Progress | None = None,
    cache: FileCache | None = None,
) -> list[FileResult]:
    """:func:`process_file` for each file, in order; on all cores for large note sets.

    ``progress(done, total)`` is called as results come in; ``cache`` spares the files
    that did not change since it was last used.
    """
    work = partial(process_file, parse=parse, reverse=reverse, skip_drafts=skip_drafts)
    if cache is None:
        return fork_map(work, files, min_items=PARALLEL_MIN_FILES, progress=progress)
    if cache.options != (parse, reverse, skip_drafts):
        cache.options, cache.entries = (parse, reverse, skip_drafts), {}
    signatures = [_signature(path) for path, _ in files]
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
        path: (signature, result)
        for (path, _), signature, result in zip(files, signatures, results, strict=True)
        if signature is not None
        and result is not None
        and result.note is not None
        and not result.media
    }
    return [result for result in results if result is not None]


def _signature(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_size, status.st_mtime_ns


def _cached(cache: FileCache, path: Path, signature: tuple[int, int] | None) -> FileResult | None:
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
