"""One sync at a time into a collection and from an output folder: an exclusive lock
held for the whole sync, build included; a second sync waits and says so."""

from __future__ import annotations

import contextlib
import getpass
import hashlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from flashcards.building.filelock import FOLDERS_LOCKABLE, lock, try_lock

SYNC_LOCK = ".flashcards-sync.lock"


def lock_paths(out: Path, target_key: str, collection: Path | None) -> list[Path]:
    """The files to lock: the output folder's sync lock, and the collection file itself
    (``flock`` is apart from the SQLite locks Anki takes) or, through AnkiConnect (or for
    a collection file not there yet), a lock named after the target in the temporary
    folder."""
    paths = [out / SYNC_LOCK]
    # (Windows' locks keep others from the bytes they hold, SQLite too: never the file)
    if collection is not None and collection.is_file() and FOLDERS_LOCKABLE:
        paths.append(collection)
    else:
        digest = hashlib.sha256(target_key.encode("utf-8")).hexdigest()[:16]
        user = os.getuid() if hasattr(os, "getuid") else _user()  # Windows: no uid
        paths.append(Path(tempfile.gettempdir()) / f"flashcards-sync-{user}-{digest}.lock")
    return sorted(paths, key=str)  # one order for every sync: no deadlock


@contextlib.contextmanager
def held(paths: list[Path], notify: Callable[[str], None]) -> Iterator[None]:
    """Hold an exclusive lock on each of ``paths`` (made when missing), in order."""
    with contextlib.ExitStack() as stack:
        for path in paths:
            path.parent.mkdir(parents=True, exist_ok=True)
            flags = os.O_RDONLY if path.exists() else os.O_RDWR | os.O_CREAT
            if not FOLDERS_LOCKABLE:  # Windows locks bytes of a file it may write
                flags = os.O_RDWR | os.O_CREAT
            handle = stack.enter_context(open(os.open(path, flags, 0o644), "rb"))
            if try_lock(handle.fileno()) is False:
                notify(f"waiting for another sync ({path}) to finish...")
                lock(handle.fileno())
        yield


def _user() -> str:
    """The user's name, as a file name may hold it."""
    try:
        name = getpass.getuser()
    except (OSError, KeyError, ImportError, AttributeError):
        return "user"
    return hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]
