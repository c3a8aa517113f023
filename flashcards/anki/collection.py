"""A user's Anki collection file, opened with the official ``anki`` package only when
that is safe: Anki closed, a schema the package would not change, a backup first."""

from __future__ import annotations

import contextlib
import functools
import os
import sqlite3
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

COLLECTION_FILE = "collection.anki2"
NOT_PROFILES = {"addons21", "logs", "backups"}
INSTALL = "install it with: pip install 'flashcards[anki]' (make sync does)"


class CollectionError(Exception):
    """The collection cannot be used as it is; the message says why and what to do."""


def anki_base() -> Path:
    """Where Anki keeps its profiles on this system (``ANKI_BASE`` wins, as in Anki)."""
    if os.environ.get("ANKI_BASE"):
        return Path(os.environ["ANKI_BASE"])
    home = Path.home()
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA", home / "AppData" / "Roaming")) / "Anki2"
    if sys.platform == "darwin":
        return home / "Library" / "Application Support" / "Anki2"
    return Path(os.environ.get("XDG_DATA_HOME", home / ".local" / "share")) / "Anki2"


def profile_collection(profile: str | None) -> Path:
    """The collection file of ``profile``, or of the only (or the default) profile."""
    base = anki_base()
    if profile is not None:
        path = base / profile / COLLECTION_FILE
        if not path.is_file():
            raise CollectionError(f"no Anki profile '{profile}' in {base} (no {path})")
        return path
    profiles = sorted(
        entry.name
        for entry in (base.iterdir() if base.is_dir() else [])
        if entry.name not in NOT_PROFILES and (entry / COLLECTION_FILE).is_file()
    )
    if len(profiles) == 1:
        return base / profiles[0] / COLLECTION_FILE
    if "User 1" in profiles:
        return base / "User 1" / COLLECTION_FILE
    if not profiles:
        raise CollectionError(
            f"no Anki collection found in {base}: give it with --collection FILE, or start "
            "Anki with the AnkiConnect add-on"
        )
    raise CollectionError(
        f"several Anki profiles ({', '.join(profiles)}): choose one with --profile"
    )


def schema_version(path: Path) -> int:
    """The schema version of the collection at ``path``, read without writing to it."""
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=0.5)
        try:
            (version,) = db.execute("select ver from col").fetchone()
        finally:
            db.close()
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc):
            raise CollectionError(_open_in_anki(path)) from None
        raise CollectionError(f"{path} is not an Anki collection ({exc})") from None
    except (sqlite3.DatabaseError, TypeError) as exc:
        raise CollectionError(f"{path} is not an Anki collection ({exc})") from None
    return int(version)


@functools.cache
def supported_schema() -> int:
    """The schema version the installed ``anki`` package writes."""
    Collection = _collection_class()
    with tempfile.TemporaryDirectory() as folder:
        col = Collection(str(Path(folder) / COLLECTION_FILE))
        try:
            return int(col.db.scalar("select ver from col"))
        finally:
            col.close()


def _collection_class() -> Any:
    try:
        from anki.collection import Collection
    except ImportError:
        raise CollectionError(f"the official 'anki' package is not installed: {INSTALL}") from None
    return Collection


def _read_only(path: Path) -> str:
    return (
        f"{path} cannot be written (the file or its folder is read-only): give yourself "
        "write permission, or sync through AnkiConnect while Anki runs"
    )


def _open_in_anki(path: Path) -> str:
    return (
        f"{path} is open in Anki: close Anki and sync again, or keep Anki running with the "
        "AnkiConnect add-on (sync uses it when it answers)"
    )


@contextlib.contextmanager
def opened(path: Path) -> Iterator[Any]:
    """The collection at ``path``, opened only if the ``anki`` package leaves its schema
    as it is and Anki does not have it open; closed afterwards."""
    if not path.is_file():
        raise CollectionError(f"no Anki collection at {path}")
    if not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
        raise CollectionError(_read_only(path))
    found, supported = schema_version(path), supported_schema()
    if found != supported:
        newer = "newer than" if found > supported else "older than"
        raise CollectionError(
            f"{path} has schema version {found}, {newer} the {supported} of the installed "
            "anki package, which would change it: sync through AnkiConnect instead (start "
            "Anki with the AnkiConnect add-on)"
        )
    Collection = _collection_class()
    try:
        col = Collection(str(path))
    except Exception as exc:
        if "already open" in str(exc).lower():
            raise CollectionError(_open_in_anki(path)) from None
        if "disk i/o error" in str(exc).lower() or "readonly" in str(exc).lower():
            raise CollectionError(_read_only(path)) from None
        raise CollectionError(f"{path} cannot be opened: {exc}") from None
    try:
        yield col
    finally:
        col.close()


def backup(col: Any, path: Path) -> Path | None:
    """A backup of the open collection in Anki's own backup folder for its profile (the
    collection's folder), which Anki's *Switch Profile → Restore from backup* lists. Anki
    names backups by the second; one made in the same second as another gets a suffix
    instead of replacing it."""
    folder = path.parent / "backups"
    try:
        folder.mkdir(exist_ok=True)
        with tempfile.TemporaryDirectory(dir=folder, prefix=".flashcards-") as making:
            col.create_backup(backup_folder=making, force=True, wait_for_completion=True)
            made = sorted(Path(making).glob("*.colpkg"))
            if not made:
                return None
            return _unique_move(made[-1], folder)
    except Exception as exc:  # OSError, or the anki package's own: nothing written yet
        raise CollectionError(
            f"cannot back up {path} into {folder} ({exc}); nothing changed"
        ) from None


def _unique_move(file: Path, folder: Path) -> Path:
    target, number = folder / file.name, 1
    while True:
        try:
            os.link(file, target)  # never replaces an existing backup
            return target
        except FileExistsError:
            number += 1
            target = folder / f"{file.stem}-{number}{file.suffix}"
