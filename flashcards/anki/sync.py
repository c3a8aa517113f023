"""``flashcards sync``: bring the packages that ``build`` wrote into the user's Anki.

Two ways in: a running Anki with the AnkiConnect add-on (``importPackage``), or, with
Anki closed, the collection file itself through the official ``anki`` package (a backup
first). Either way Anki applies its own import rules: notes update in place, review
history is kept, an unchanged note is left alone. Only packages that changed since the
last sync into the same collection are imported (``.flashcards-sync.json`` remembers).

Pruning deletes the notes of cards that left the notes (a build of all notes found them
nowhere), only notes of our two note types that this tool put there (by GUID; through
AnkiConnect, which cannot see GUIDs, by the note id our package gave them), after asking.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from flashcards.anki.ankiconnect import AnkiConnect, AnkiConnectError
from flashcards.anki.collection import CollectionError, backup, opened
from flashcards.building.atomic import write_atomically
from flashcards.building.manifest import load_manifest
from flashcards.building.stamps import load_book
from flashcards.cards.notetypes import BY_ID, anki_search

SYNC_FILE = ".flashcards-sync.json"


@dataclass(frozen=True)
class PackageNote:
    """A note as a package holds it."""

    guid: str
    id: int
    mod: int
    search: str


@dataclass
class BookSync:
    """What a sync did with one book's package."""

    book: str
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: bool = False  # unchanged since the last sync: not imported


@dataclass
class Gone:
    """A note that this tool put into the collection and that left the notes."""

    guid: str
    id: int
    book: str
    search: str


@dataclass
class SyncReport:
    """What ``sync`` did (or, with ``dry_run``, would do)."""

    target: str
    books: list[BookSync] = field(default_factory=list)
    gone: list[Gone] = field(default_factory=list)
    deleted: list[Gone] = field(default_factory=list)
    backup: Path | None = None
    messages: list[str] = field(default_factory=list)


class Target(Protocol):
    """Where notes go: a running Anki, or a collection file."""

    key: str
    description: str

    def session(self) -> contextlib.AbstractContextManager[Any]: ...
    def import_package(self, session: Any, package: Path) -> None: ...
    def ours(self, session: Any, gone: list[Gone]) -> list[int]: ...
    def delete(self, session: Any, note_ids: list[int]) -> None: ...


class ThroughAnkiConnect:
    """A running Anki, through AnkiConnect."""

    def __init__(self, client: AnkiConnect) -> None:
        self.client = client
        self.key = f"ankiconnect:{client.url}"
        self.description = f"Anki, through AnkiConnect at {client.url}"
        self.backup: Path | None = None

    @contextlib.contextmanager
    def session(self) -> Iterator[AnkiConnect]:
        yield self.client

    def import_package(self, session: AnkiConnect, package: Path) -> None:
        if session.call("importPackage", path=str(package.resolve())) is not True:
            raise AnkiConnectError(f"AnkiConnect did not import {package}")

    def ours(self, session: AnkiConnect, gone: list[Gone]) -> list[int]:
        wanted = {note.id: note for note in gone}
        found: set[int] = set()
        for note in gone:
            found.update(session.call("findNotes", query=note.search))
        infos = session.call("notesInfo", notes=sorted(found)) if found else []
        names = {note_type.name for note_type in BY_ID.values()}
        return sorted(
            info["noteId"]
            for info in infos
            if info.get("noteId") in wanted and info.get("modelName") in names
        )

    def delete(self, session: AnkiConnect, note_ids: list[int]) -> None:
        session.call("deleteNotes", notes=note_ids)


class IntoCollection:
    """A collection file, opened with the ``anki`` package while Anki is closed."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.key = f"collection:{path.resolve()}"
        self.description = f"the collection {path} (Anki is closed)"
        self.backup: Path | None = None

    @contextlib.contextmanager
    def session(self) -> Iterator[Any]:
        with opened(self.path) as col:
            self.backup = backup(col, self.path)
            yield col

    def import_package(self, session: Any, package: Path) -> None:
        from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest

        request = ImportAnkiPackageRequest(
            package_path=str(package.resolve()), options=ImportAnkiPackageOptions()
        )
        try:
            session.import_anki_package(request)
        except Exception as exc:  # the anki package's own errors: say which file, no trace
            raise CollectionError(f"Anki could not import {package}: {exc}") from None

    def ours(self, session: Any, gone: list[Gone]) -> list[int]:
        ids: list[int] = []
        marks = ",".join("?" * len(BY_ID))
        for note in gone:
            ids += session.db.list(
                f"select id from notes where guid = ? and mid in ({marks})", note.guid, *BY_ID
            )
        return sorted(ids)

    def delete(self, session: Any, note_ids: list[int]) -> None:
        session.remove_notes(note_ids)


def package_notes(path: Path) -> list[PackageNote]:
    """The notes in the package at ``path``, read from its collection."""
    with zipfile.ZipFile(path) as archive:
        data = archive.read("collection.anki2")
    db = sqlite3.connect(":memory:")
    try:
        db.deserialize(data)
        rows = db.execute("select guid, id, mod, mid, flds from notes").fetchall()
        decks = json.loads(db.execute("select decks from col").fetchone()[0])
        card_decks = dict(db.execute("select nid, min(did) from cards group by nid").fetchall())
    finally:
        db.close()
    names = {int(key): value["name"] for key, value in decks.items()}
    notes = []
    for guid, id_, mod, mid, fields in rows:
        deck = names.get(card_decks.get(id_, 0), "")
        search = anki_search(BY_ID[mid], deck, fields.split("\x1f"))
        notes.append(PackageNote(guid, id_, mod, search))
    return notes


def sync(
    out: Path,
    target: Target,
    *,
    prune: bool = False,
    confirm: Callable[[list[Gone]], bool] = lambda gone: False,
    dry_run: bool = False,
) -> SyncReport:
    """Import into ``target`` every package in ``out`` that changed since the last sync
    into it; with ``prune``, delete (after ``confirm``) the notes that left the notes."""
    report = SyncReport(target.description)
    state = _load(out)
    known = state.setdefault(target.key, {"packages": {}, "notes": {}})
    packages = sorted(out.glob("*.apkg"))
    changed = []
    for package in packages:
        digest = hashlib.sha256(package.read_bytes()).hexdigest()
        book = BookSync(package.stem)
        report.books.append(book)
        if known["packages"].get(package.name) == digest:
            book.skipped = True
            continue
        notes = package_notes(package)
        for note in notes:
            before = known["notes"].get(note.guid)
            if before is None:
                book.added += 1
            elif note.mod > before[1]:
                book.updated += 1
            else:
                book.unchanged += 1
        changed.append((package, digest, notes))
    report.gone = _gone(out, known)
    if dry_run or (not changed and not (prune and report.gone)):
        return report
    with target.session() as session:
        for package, digest, notes in changed:
            target.import_package(session, package)
            known["packages"][package.name] = digest
            for note in notes:
                known["notes"][note.guid] = [note.id, note.mod, package.stem, note.search]
            _save(out, state)
        if prune and report.gone and confirm(report.gone):
            ids = target.ours(session, report.gone)
            if ids:
                target.delete(session, ids)
            deleted = set(ids)
            report.deleted = [note for note in report.gone if note.id in deleted]
            for left in report.gone:  # gone from Anki too, or never put there by us
                known["notes"].pop(left.guid, None)
            _save(out, state)
    report.backup = getattr(target, "backup", None)
    return report


def _gone(out: Path, known: dict[str, Any]) -> list[Gone]:
    """The notes this tool put into the collection whose cards no build keeps any more."""
    manifest, _ = load_manifest(out)
    current: set[str] = set()
    for book in manifest.books:
        stamps, message = load_book(out, book, manifest)
        if message:
            return []  # without every book's stamps, nothing can be called gone
        current.update(stamps)
    if not manifest.books:
        return []
    return [
        Gone(guid, id_, book, search)
        for guid, (id_, _, book, search) in sorted(known["notes"].items())
        if guid not in current
    ]


def _load(out: Path) -> dict[str, Any]:
    """What earlier syncs did, by target; empty when the file is missing or damaged in
    any way (then every package is imported again, which Anki's rules make harmless, and
    nothing is pruned until a sync has recorded what it put there)."""
    try:
        data = json.loads((out / SYNC_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return {}
    targets = data.get("targets") if isinstance(data, dict) else None
    if not isinstance(targets, dict):
        return {}
    return {key: value for key, value in targets.items() if _sound(value)}


def _sound(target: Any) -> bool:
    if not isinstance(target, dict) or set(target) != {"packages", "notes"}:
        return False
    packages, notes = target["packages"], target["notes"]
    return (
        isinstance(packages, dict)
        and all(isinstance(v, str) for v in packages.values())
        and isinstance(notes, dict)
        and all(
            isinstance(v, list)
            and len(v) == 4
            and type(v[0]) is int
            and type(v[1]) is int
            and isinstance(v[2], str)
            and isinstance(v[3], str)
            for v in notes.values()
        )
    )


def _save(out: Path, targets: dict[str, Any]) -> None:
    text = json.dumps({"version": 1, "targets": targets}, ensure_ascii=False, sort_keys=True)
    write_atomically(out / SYNC_FILE, text.encode("utf-8"))
