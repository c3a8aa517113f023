"""The output folder: made ready, held by one build at a time, cleared of what a killed
build left behind, and asked for the file system's own clock."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Final

from flashcards.building.atomic import TEMPORARY_SUFFIX, discard
from flashcards.building.filelock import FOLDERS_LOCKABLE, can_lock, lock, try_lock
from flashcards.building.state import BOOKS_FOLDER
from flashcards.errors import BuildError

BUILD_LOCK: Final = ".flashcards-build.lock"  # where a folder cannot be locked itself


def _open_for_lock(out: Path) -> int | None:
    """A descriptor to lock ``out`` by: the folder's own, or its lock file's (None where
    nothing can be locked)."""
    if FOLDERS_LOCKABLE:
        return os.open(out, os.O_RDONLY)
    return os.open(out / BUILD_LOCK, os.O_RDWR | os.O_CREAT, 0o644) if can_lock() else None


def _release(out: Path, handle: int | None) -> None:
    """Let go of ``out``'s lock; a lock file goes too, unless another build has it open
    to wait on (Windows then refuses to remove it)."""
    if handle is None:
        return
    os.close(handle)
    if not FOLDERS_LOCKABLE:
        with contextlib.suppress(OSError):
            (out / BUILD_LOCK).unlink()


def prepare(out: Path) -> None:
    """Create ``out`` if needed; a :class:`BuildError` when it cannot be written."""
    if out.exists() and not out.is_dir():
        raise BuildError(f"output folder {out} is a file; choose a folder with -o")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BuildError(f"cannot create output folder {out}: {exc.strerror or exc}") from None
    if not os.access(out, os.W_OK | os.X_OK):
        raise BuildError(f"output folder {out} is not writable")
    state = out / ".flashcards-state.json"
    if state.is_dir():
        raise BuildError(f"{state} is a folder, not the build state: move it away")


@contextlib.contextmanager
def hold(out: Path, notify: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold ``out`` for one build: a second build into it waits (saying so) until the
    first is done, so their writes never interleave. The lock is the kernel's, on the
    folder itself: it goes away with the process, however that ends. Temporary files
    that a killed build left are removed once the folder is held."""
    prepare(out)
    handle = _open_for_lock(out)
    try:
        if handle is not None and try_lock(handle) is False:
            if notify is not None:
                notify(f"waiting for another build into {out} to finish...")
            lock(handle)
        remove_leftovers(out)
        yield
    finally:
        _release(out, handle)


def tidy(out: Path) -> None:
    """Remove what killed builds left in ``out``, if no build holds it now (a build with
    nothing to do does this instead of waiting for the folder)."""
    if not out.is_dir():
        return
    handle = _open_for_lock(out)
    try:
        if handle is None or not try_lock(handle):
            return  # a build is writing (or none can tell): its temporary files are its own
        remove_leftovers(out)
    finally:
        _release(out, handle)


def remove_leftovers(out: Path) -> None:
    """Remove the temporary files of builds that were killed before they could (the
    stamps' among them)."""
    for folder in (out, out / BOOKS_FOLDER):
        discard(path for path in folder.glob(f".*{TEMPORARY_SUFFIX}") if path.is_file())


def file_system_now(out: Path) -> int:
    """The time (ns) that the file system of ``out`` stamps on a file written now.

    File systems take their time from a coarse clock (or round it to seconds), so
    ``time.time_ns()`` may lie ahead of the stamp of a file saved just after it.
    """
    import tempfile  # here: a build with nothing to write need not import it

    handle, name = tempfile.mkstemp(dir=out, prefix=".clock.", suffix=TEMPORARY_SUFFIX)
    try:
        return os.fstat(handle).st_mtime_ns
    finally:
        os.close(handle)
        discard([Path(name)])
