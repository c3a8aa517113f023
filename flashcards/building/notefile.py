"""One note file, start to finish short of writing: read, parse, images, rendered cards.

This is the unit of work that runs in parallel; its result is small and cheap to send
between processes (rendered strings, no Markdown trees).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from flashcards.building.parallel import Progress, fork_map
from flashcards.building.report import NoteSummary
from flashcards.cards.identity import CardDraft, note_drafts
from flashcards.errors import NoteError, Problem
from flashcards.notes.load import read_document
from flashcards.notes.media import Media, collect_media
from flashcards.notes.model import BareTerm, Note, package_name
from flashcards.notes.parse import note_from_document
from flashcards.notes.place import place_of
from flashcards.notes.scan import Stat, stat_of
from flashcards.options import ParseOptions, ReadOptions

PARALLEL_MIN_FILES = 200  # below this, starting worker processes costs more than it saves


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
    signature: Stat | None = None
    bare_terms: tuple[BareTerm, ...] = ()  # terms listed but not defined in this note
    images: tuple[tuple[str, int, int], ...] = ()  # (path, size, time) of its image files


def process_file(file: tuple[Path, Path], *, options: ReadOptions) -> FileResult:
    """Read, parse and render the note at ``file`` = (path, notes root)."""
    path, root = file
    signature = stat_of(str(path))
    try:
        note = parse_file(path, options.parse, root)
    except NoteError as error:
        return FileResult(None, problems=[error.problem], signature=signature)
    summary = NoteSummary(
        note.path, note.title, note.book, note.deck, note.draft, note.book_line,
        note.package or package_name(note.book), note.guessed, note.origin,
    )  # fmt: skip
    if note.draft and options.skip_drafts:
        return FileResult(summary, skipped_draft=True, signature=signature)
    media, media_problems = collect_media(note, path, root, options.max_image_bytes)
    drafts = note_drafts(
        note, reverse=options.reverse, media=media.names, sequence=options.sequence
    )
    return FileResult(
        summary,
        drafts,
        media.files,
        [*note.problems, *media_problems],
        signature=signature,
        bare_terms=note.bare_terms,
        images=media.seen,
    )


def process_files(
    files: Sequence[tuple[Path, Path]],
    options: ReadOptions,
    *,
    progress: Progress | None = None,
) -> list[FileResult]:
    """:func:`process_file` for each file, in order; on all cores for large note sets.

    ``progress(done, total)`` is called as results come in.
    """
    work = partial(process_file, options=options)
    return fork_map(work, files, min_items=PARALLEL_MIN_FILES, progress=progress)


def parse_file(path: Path, parse: ParseOptions, root: Path | None = None) -> Note:
    """The note in the file at ``path`` (under the notes ``root``); raises
    :class:`NoteError`."""
    place = place_of(path, root if root is not None else path.parent)
    return note_from_document(read_document(path, shown_path(path)), parse, place)


def read_notes(
    files: Sequence[tuple[Path, Path]], parse: ParseOptions
) -> tuple[list[Note], list[Problem]]:
    """The parsed notes of ``files`` (serially, models kept), and every problem found."""
    notes: list[Note] = []
    problems: list[Problem] = []
    for path, root in files:
        try:
            note = parse_file(path, parse, root)
        except NoteError as error:
            problems.append(error.problem)
            continue
        notes.append(note)
        problems.extend(note.problems)
    return notes, problems


def shown_path(path: Path) -> str:
    """``path`` as the user would type it: relative to the working folder when inside it
    (bytes of a file name that are not UTF-8 shown as U+FFFD)."""
    try:
        shown = str(Path(os.path.abspath(path)).relative_to(Path.cwd()))
    except (ValueError, OSError):
        try:
            shown = str(path.resolve().relative_to(Path.cwd().resolve()))
        except (ValueError, OSError, RuntimeError):
            shown = str(path)
    return shown.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
