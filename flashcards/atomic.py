"""Writing output files whole or not at all."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path


def write_temporary(path: Path, data: bytes) -> Path:
    """Write ``data`` to a new temporary file beside ``path`` (synced) and return it."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
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


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place.

    A failure or a kill at any point leaves the previous ``path`` as it was.
    """
    temporary = write_temporary(path, data)
    try:
        os.replace(temporary, path)
    except BaseException:
        discard([temporary])
        raise
