"""One note file, start to finish short of writing: read, parse, images, rendered cards.

This is the first unit of work that runs in parallel. A build keeps the rendered cards
in a spill folder (:mod:`flashcards.building.spill`) and gets back only what it needs to
decide (the note's names, its problems, where its cards wait); ``check``, ``list`` and
the preview get the rendered cards themselves.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from flashcards.building.parallel import Progress, fork_map
from flashcards.building.report import NoteSummary
from flashcards.building.spill import SpillRef, spill
from flashcards.cards.identity import CardDraft, defined_terms, note_drafts
from flashcards.errors import NoteError, Problem
from flashcards.notes.folders import forget_folders
from flashcards.notes.load import read_document
from flashcards.notes.mathsites import math_config
from flashcards.notes.media import Media, Seen, collect_media
from flashcards.notes.model import BareTerm, Note, package_name
from flashcards.notes.parse import note_from_document
from flashcards.notes.place import SITE_CONFIG, place_of
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
    read_with: tuple[Seen, ...] = ()  # the files besides it that it was read with (FileEntry)
    spilled: SpillRef | None = None  # where its drafts and media wait, when spilled
    ids: int = 0  # how many note ids its cards may need (one per card)
    defined: bytes = b""  # its vocab terms, packed (:func:`defined_terms`), when spilled


def process_file(
    file: tuple[str, str], *, options: ReadOptions, spill_folder: str | None = None
) -> FileResult:
    """Read, parse and render the note at ``file`` = (path, notes root); with a
    ``spill_folder``, its drafts and media are kept there instead of returned."""
    path, root = Path(file[0]), Path(file[1])  # made here, in the worker
    signature = stat_of(file[0])
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
    problems = [*note.problems, *media_problems]
    if spill_folder is None:
        return FileResult(
            summary, drafts, media.files, problems, signature=signature,
            bare_terms=note.bare_terms, read_with=_read_with(path, root, media.seen),
        )  # fmt: skip
    return FileResult(
        summary,
        problems=problems,
        signature=signature,
        bare_terms=note.bare_terms,
        read_with=_read_with(path, root, media.seen),
        spilled=spill(spill_folder, drafts, media.files),
        ids=sum(len(draft.note.card_ords) for draft in drafts),
        defined=defined_terms(drafts),
    )


def _read_with(path: Path, root: Path, images: tuple[Seen, ...]) -> tuple[Seen, ...]:
    """The files besides the note that its cards depend on: its images (and those it
    looked for), its Jekyll site's configuration (``{{ site.title }}``), and its MkDocs
    or Hugo site's (whether ``\\(..\\)`` is math)."""
    site = place_of(path, root).site
    math = math_config(os.path.abspath(path.parent))[0]
    configs = (os.path.join(site, SITE_CONFIG) if site else "", math)
    seen = [(config, *status) for config in configs if config and (status := stat_of(config))]
    return (*images, *seen) if seen else images


def process_files(
    files: Sequence[tuple[str, str]],
    options: ReadOptions,
    *,
    progress: Progress | None = None,
    spill_folder: str | None = None,
) -> list[FileResult]:
    """:func:`process_file` for each file, in order; on all cores for large note sets.

    ``progress(done, total)`` is called as results come in.
    """
    _start_reading()
    work = partial(process_file, options=options, spill_folder=spill_folder)
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
    _start_reading()
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


def _start_reading() -> None:
    """Read afresh: folders, links and files may have changed since an earlier read in
    this process (``watch`` reads again and again)."""
    forget_folders()
    _real.cache_clear()


def shown_path(path: Path) -> str:
    """``path`` as the user would type it: relative to the working folder when inside it,
    symbolic links considered (bytes of a file name that are not UTF-8 shown as U+FFFD)."""
    try:
        absolute, here = os.path.abspath(path), os.getcwd()
        shown = _inside(absolute, here)
        if shown is None:  # outside, or inside through a link: compare the real paths
            folder, name = os.path.split(absolute)
            linked = os.path.islink(absolute)
            real = _real(absolute) if linked else os.path.join(_real(folder), name)
            shown = _inside(real, _real(here))
    except OSError:  # the working folder is gone
        shown = None
    return (shown or str(path)).encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _inside(path: str, folder: str) -> str | None:
    """``path`` relative to ``folder`` (both absolute and normal), or None when outside."""
    if path == folder:
        return "."
    prefix = folder if folder.endswith(os.sep) else folder + os.sep
    return path[len(prefix) :] if path.startswith(prefix) else None


@functools.lru_cache(maxsize=1024)
def _real(path: str) -> str:
    """``path`` with its links resolved (cached: a folder holds many notes)."""
    return os.path.realpath(path)
