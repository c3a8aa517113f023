"""The rendered cards of each note file, kept on disk between the two stages of a build.

Reading workers render notes file by file; book workers write packages book by book. In
between, the rendered cards (and images) of each file wait in a *spill* folder inside the
output folder: each process appends to a file of its own, and hands back only a
:class:`SpillRef` (where its bytes are). So rendered cards never travel through the
parent process, and no process holds more than the book it is writing.
"""

from __future__ import annotations

import marshal
import os
import shutil
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

from flashcards.building.filelock import lock, try_lock
from flashcards.cards.identity import AnkiNote, CardDraft, draft_rows, drafts_of
from flashcards.cards.settle import settle_guids
from flashcards.errors import Problem
from flashcards.notes.media import Media

SPILL_PREFIX = ".flashcards-spill-"


class SpillRef(NamedTuple):
    """Where one note file's cards are: a spill file, an offset and a length."""

    file: str
    offset: int
    length: int


class _Writer:
    """This process's spill file in one spill folder (appended to, never rewritten)."""

    def __init__(self, folder: str) -> None:
        self.folder = folder
        self.pid = os.getpid()
        self.name = f"{self.pid}"
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
        self.descriptor = os.open(os.path.join(folder, self.name), flags, 0o600)
        self.offset = 0

    def append(self, data: bytes) -> SpillRef:
        view = memoryview(data)
        while view:
            view = view[os.write(self.descriptor, view) :]
        ref = SpillRef(self.name, self.offset, len(data))
        self.offset += len(data)
        return ref


_writer: _Writer | None = None


def spill(folder: str, drafts: Sequence[CardDraft], media: Iterable[Media]) -> SpillRef:
    """Keep one file's ``drafts`` and ``media`` in the spill ``folder``; where they are."""
    global _writer
    if _writer is None or _writer.folder != folder or _writer.pid != os.getpid():
        _writer = _Writer(folder)
    rows = draft_rows(drafts)
    return _writer.append(marshal.dumps((rows, [(m.name, m.data) for m in media])))


def load(folder: str, refs: Sequence[SpillRef]) -> tuple[list[CardDraft], list[Media]]:
    """The drafts and media that ``refs`` point at, in the order of ``refs``."""
    by_file: dict[str, list[int]] = defaultdict(list)
    for index, ref in enumerate(refs):
        by_file[ref.file].append(index)
    chunks: list[bytes] = [b""] * len(refs)
    for name, indexes in by_file.items():
        descriptor = os.open(os.path.join(folder, name), os.O_RDONLY)
        try:
            for index in indexes:
                chunks[index] = os.pread(descriptor, refs[index].length, refs[index].offset)
        finally:
            os.close(descriptor)
    drafts: list[CardDraft] = []
    media: dict[str, Media] = {}
    for chunk in chunks:
        rows, images = marshal.loads(chunk)
        drafts += drafts_of(rows)
        media.update((name, Media(name, data)) for name, data in images)
    return drafts, list(media.values())


def load_settled(
    folder: str, refs: Sequence[SpillRef]
) -> tuple[list[AnkiNote], list[Problem], list[Media]]:
    """The Anki notes that ``refs`` point at (a whole book), each with a GUID of its own
    (:func:`~flashcards.cards.settle.settle_guids`), the warnings that gave, and
    their media."""
    drafts, media = load(folder, refs)
    notes, problems = settle_guids(drafts)
    return notes, problems, media


def open_folder(out: Path) -> str:
    """A new spill folder in ``out``, held by this process (a lock the kernel lets go
    of when the process ends, however it ends), after removing the folders that no
    running process holds (left by killed builds or previews)."""
    for name in os.listdir(out):
        if name.startswith(SPILL_PREFIX) and not _held(out / name):
            shutil.rmtree(out / name, ignore_errors=True)
    folder = tempfile.mkdtemp(prefix=SPILL_PREFIX, dir=out)
    descriptor = os.open(os.path.join(folder, _LOCK), os.O_RDWR | os.O_CREAT, 0o600)
    lock(descriptor)
    _locks[folder] = descriptor
    return folder


_LOCK = ".held"
_locks: dict[str, int] = {}


def _held(folder: Path) -> bool:
    """Whether a running process holds the spill ``folder``."""
    try:
        descriptor = os.open(folder / _LOCK, os.O_RDWR)
    except OSError:
        return False  # never held, or half removed
    try:
        return try_lock(descriptor) is not True  # None: no way to tell here, leave it
    finally:
        os.close(descriptor)


def close_folder(folder: str) -> None:
    """Remove a spill folder and what it holds."""
    global _writer
    if _writer is not None and _writer.folder == folder:
        os.close(_writer.descriptor)
        _writer = None
    shutil.rmtree(folder, ignore_errors=True)
    if folder in _locks:
        os.close(_locks.pop(folder))
