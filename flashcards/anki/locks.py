"""One sync at a time into a collection and from an output folder: an exclusive lock
held for the whole sync, build included; a second sync waits and says so."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

SYNC_LOCK = ".flashcards-sync.lock"


def lock_paths(out: Path, target_key: str, collection: Path | None) -> list[Path]:
    """The files to lock: the output folder's sync lock, and the collection file itself
    (``flock`` is apart from the SQLite locks Anki takes) or, through AnkiConnect (or for
    a collection file not there yet), a lock named after the target in the temporary
    folder."""
    paths = [out / SYNC_LOCK]
    if collection is not None and collection.is_file():  # never made where there is none
        paths.append(collection)
    else:
        digest = hashlib.sha256(target_key.encode("utf-8")).hexdigest()[:16]
        paths.append(Path(tempfile.gettempdir()) / f"flashcards-sync-{os.getuid()}-{digest}.lock")
    return sorted(paths, key=str)  # one order for every sync: no deadlock


@contextlib.contextmanager
def held(paths: list[Path], notify: Callable[[str], None]) -> Iterator[None]:
    """Hold an exclusive lock on each of ``paths`` (made when missing), in order."""
    with contextlib.ExitStack() as stack:
        for path in paths:
            path.parent.mkdir(parents=True, exist_ok=True)
            flags = os.O_RDONLY if path.exists() else os.O_RDWR | os.O_CREAT
            handle = stack.enter_context(open(os.open(path, flags, 0o644), "rb"))
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                notify(f"waiting for another sync ({path}) to finish...")
                fcntl.flock(handle, fcntl.LOCK_EX)
        yield
