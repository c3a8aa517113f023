"""Writing output files whole or not at all."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

TEMPORARY_SUFFIX = ".tmp"


def write_temporary(path: Path, data: bytes) -> Path:
    """Write ``data`` to a new temporary file beside ``path`` (synced) and return it."""
    handle, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=TEMPORARY_SUFFIX
    )
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o644)
    except BaseException:
        discard([Path(temporary)])
        raise
    return Path(temporary)


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
