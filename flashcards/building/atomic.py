"""Writing output files whole or not at all."""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

TEMPORARY_SUFFIX = ".tmp"


def write_temporary(path: Path, data: bytes, *, synced: bool = True) -> Path:
    """Write ``data`` to a new temporary file beside ``path`` and return it; ``synced``:
    on disk before it returns (else :func:`make_durable` must see to it before the file
    is renamed into place)."""
    import tempfile  # here: a build with nothing to write need not import it (4 ms)

    handle, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=TEMPORARY_SUFFIX
    )
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            if synced:
                os.fsync(out.fileno())
            else:
                _start_writeback(out.fileno())
        os.chmod(temporary, 0o644)
    except BaseException:
        discard([Path(temporary)])
        raise
    return Path(temporary)


def _start_writeback(descriptor: int) -> None:
    """Have the kernel start writing a file to disk now, without waiting for it (on
    Linux, advising that its pages are not needed starts writing the dirty ones), so
    that :func:`make_durable` finds little left to wait for (at 10,000 notes, with the
    spill folder removed first, its 0.16 s became 0.01 s)."""
    advise = getattr(os, "posix_fadvise", None)
    if advise is not None:
        with contextlib.suppress(OSError):
            advise(descriptor, 0, 0, os.POSIX_FADV_DONTNEED)


def make_durable(paths: Sequence[Path]) -> None:
    """Put the files at ``paths`` on disk before they are renamed into place: with
    Linux's ``syncfs``, one call for each file system they are on; else an ``fsync``
    each. Book workers write without syncing: a worker that waited for the disk after
    every package idled its core (a second of a 13-second build), while the disk, given
    them all at once, writes them in a fraction of that."""
    sync_file_system = _syncfs()
    if sync_file_system is not None:  # one path on each file system
        paths = list({os.stat(path).st_dev: path for path in paths}.values())
    for path in paths:
        descriptor = os.open(path, _FOR_SYNC)
        try:
            if sync_file_system is None:
                os.fsync(descriptor)
            elif sync_file_system(descriptor) != 0:
                import ctypes

                error = ctypes.get_errno()
                raise OSError(error, os.strerror(error), str(path))
        finally:
            os.close(descriptor)


# Windows flushes only a file open for writing (its fsync is _commit)
_FOR_SYNC = os.O_RDWR if os.name == "nt" else os.O_RDONLY


@functools.cache
def _syncfs() -> Callable[[int], int] | None:
    """Linux's ``syncfs(fd)`` (it reports write errors since Linux 5.8), else None."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes  # here: a build with nothing to write need not import it (2 ms)

    try:
        function: Callable[[int], int] = ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):
        return None
    return function


def discard(temporaries: Iterable[Path]) -> None:
    """Remove temporary files that will not be used."""
    for temporary in temporaries:
        with contextlib.suppress(OSError):
            temporary.unlink()


def replace_all(renames: Sequence[tuple[Path, Path]]) -> None:
    """Rename each ``(temporary, target)`` into place, in order.

    Call it only once every temporary file is written: a failure before this point
    leaves every target as it was. Renames are atomic one by one; callers put the file
    that records what the others hold last, so that a kill between two renames leaves
    a record that is at worst older than the files it describes.
    """
    try:
        for temporary, target in renames:
            os.replace(temporary, target)
    finally:
        discard(temporary for temporary, _ in renames if temporary.exists())


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place.

    A failure or a kill at any point leaves the previous ``path`` as it was.
    """
    replace_all([(write_temporary(path, data), path)])
