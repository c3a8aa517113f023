"""The output folder: made ready, held by one build at a time, cleared of what a killed
build left behind, and asked for the file system's own clock."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from flashcards.building.atomic import TEMPORARY_SUFFIX, discard
from flashcards.building.state import BOOKS_FOLDER
from flashcards.errors import BuildError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no lock, builds must not overlap
    fcntl = None  # type: ignore[assignment]


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
    handle = os.open(out, os.O_RDONLY)
    try:
        if fcntl is not None:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if notify is not None:
                    notify(f"waiting for another build into {out} to finish...")
                fcntl.flock(handle, fcntl.LOCK_EX)
        remove_leftovers(out)
        yield
    finally:
        os.close(handle)  # releases the lock


def tidy(out: Path) -> None:
    """Remove what killed builds left in ``out``, if no build holds it now (a build with
    nothing to do does this instead of waiting for the folder)."""
    if fcntl is None or not out.is_dir():
        return
    handle = os.open(out, os.O_RDONLY)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return  # a build is writing: its temporary files are its own
        remove_leftovers(out)
    finally:
        os.close(handle)  # releases the lock


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
    handle, name = tempfile.mkstemp(dir=out, prefix=".clock.", suffix=TEMPORARY_SUFFIX)
    try:
        return os.fstat(handle).st_mtime_ns
    finally:
        os.close(handle)
        discard([Path(name)])
