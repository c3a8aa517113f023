"""One note file, start to finish short of writing: read, parse, images, rendered cards.

This is the unit of work that runs in parallel; its result is small and cheap to send
between processes (rendered strings, no Markdown trees).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from multiprocessing import get_context
from pathlib import Path

from .cards import CardDraft, note_drafts
from .errors import NoteError, Problem
from .load import read_document
from .media import collect_media
from .package import Media
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
    shown = shown_path(path)
    try:
        note = note_from_document(read_document(path, shown), parse)
    except NoteError as error:
        return FileResult(None, problems=[error.problem])
    summary = NoteSummary(note.path, note.title, note.book, note.deck, note.draft)
    if note.draft and skip_drafts:
        return FileResult(summary, skipped_draft=True)
    media, media_problems = collect_media(note, path, root)
    drafts = note_drafts(note, reverse=reverse, media=media.names)
    return FileResult(summary, drafts, media.files, [*note.problems, *media_problems])


def process_files(
    files: Sequence[tuple[Path, Path]], *, parse: ParseOptions, reverse: bool, skip_drafts: bool
) -> list[FileResult]:
    """:func:`process_file` for each file, in order; on all cores for large note sets."""
    work = partial(process_file, parse=parse, reverse=reverse, skip_drafts=skip_drafts)
    workers = min(os.cpu_count() or 1, 8)
    if len(files) < PARALLEL_MIN_FILES or workers < 2 or os.name != "posix":
        return [work(file) for file in files]
    chunk = max(1, len(files) // (workers * 8))
    with ProcessPoolExecutor(workers, mp_context=get_context("fork")) as pool:
        return list(pool.map(work, files, chunksize=chunk))


def shown_path(path: Path) -> str:
    """``path`` as the user would type it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
