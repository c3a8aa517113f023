"""Where a sync puts notes: a running Anki through AnkiConnect, or a closed collection
file through the ``anki`` package. Both answer the same questions: import a package, which
of these notes are there (with their mod and tags), add tags, delete our notes."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from flashcards.anki.adopt import adopt, adoptable_in
from flashcards.anki.ankiconnect import AnkiConnect, AnkiConnectError
from flashcards.anki.collection import CollectionError, backup, opened
from flashcards.anki.decks import Move, move_in_collection, move_through_ankiconnect
from flashcards.cards.notetypes import BY_ID

Seen = dict[str, tuple[int, tuple[str, ...]]]  # guid -> (mod, tags) in the collection
Taking = tuple[list["PackageNote"], list["PackageNote"]]  # to take over, not in Anki


@dataclass(frozen=True)
class PackageNote:
    """A note as a package holds it."""

    guid: str
    id: int
    mod: int
    search: str
    tags: tuple[str, ...] = ()
    reviews: int = 0  # its cards with a review schedule (from the spaced-repetition plugin)
    adopt: int = 0  # the id of the note it takes over (Obsidian_to_Anki's, in the user's Anki)
    mid: int = 0  # its note type
    deck: str = ""


@dataclass
class Gone:
    """A note that this tool put into the collection and that left the notes."""

    guid: str
    id: int
    book: str
    search: str


class Target(Protocol):
    """Where notes go: a running Anki, or a collection file."""

    key: str
    description: str
    collection: Path | None
    backup: Path | None

    def session(self) -> contextlib.AbstractContextManager[Any]: ...
    def present(self, notes: list[PackageNote]) -> int: ...
    def seen(self, session: Any, notes: list[PackageNote]) -> Seen: ...
    def import_package(self, session: Any, package: Path, progress: bool) -> None: ...
    def add_tags(self, session: Any, notes: list[PackageNote], tags: list[str]) -> None: ...
    def ours(self, session: Any, gone: list[Gone]) -> list[int]: ...
    def delete(self, session: Any, note_ids: list[int]) -> None: ...
    def adoptable(self, notes: list[PackageNote]) -> Taking: ...
    def adopt(self, session: Any, package: Path, notes: list[PackageNote]) -> None: ...
    def move(self, session: Any, moves: list[Move]) -> int: ...


class ThroughAnkiConnect:
    """A running Anki, through AnkiConnect (which knows note ids, not GUIDs: our
    packages give every note a fixed id, and Anki keeps it)."""

    def __init__(self, client: AnkiConnect) -> None:
        self.client = client
        self.key = f"ankiconnect:{client.url}"
        self.description = f"Anki, through AnkiConnect at {client.url}"
        self.collection: Path | None = None
        self.backup: Path | None = None

    @contextlib.contextmanager
    def session(self) -> Iterator[AnkiConnect]:
        yield self.client

    def present(self, notes: list[PackageNote]) -> int:
        return len(self._find(notes))

    def seen(self, session: AnkiConnect, notes: list[PackageNote]) -> Seen:
        guid_of = {note.id: note.guid for note in notes}
        guid_of.update((note.adopt, note.guid) for note in notes if note.adopt)
        found = self._find(notes)
        infos = session.list("notesInfo", notes=found) if found else []
        return {
            guid_of[info["noteId"]]: (int(info.get("mod") or 0), tuple(info.get("tags") or ()))
            for info in infos
            if isinstance(info, dict) and info.get("noteId") in guid_of
        }

    def _find(self, notes: list[PackageNote]) -> list[int]:
        if not notes:
            return []
        # a note taken over from Obsidian_to_Anki keeps the id it had
        ids = ",".join(str(i) for note in notes for i in (note.id, note.adopt) if i)
        return [n for n in self.client.list("findNotes", query=f"nid:{ids}") if type(n) is int]

    def import_package(self, session: AnkiConnect, package: Path, progress: bool) -> None:
        # Anki resolves a relative path against its own working folder: send it whole.
        # AnkiConnect always imports a package's review progress (for new cards only).
        if session.call("importPackage", path=str(package.resolve())) is not True:
            raise AnkiConnectError(f"AnkiConnect did not import {package}")

    def add_tags(self, session: AnkiConnect, notes: list[PackageNote], tags: list[str]) -> None:
        session.call("addTags", notes=[note.id for note in notes], tags=" ".join(tags))

    def ours(self, session: AnkiConnect, gone: list[Gone]) -> list[int]:
        wanted = {note.id: note for note in gone}
        found: set[int] = set()
        for note in gone:
            found.update(n for n in session.list("findNotes", query=note.search) if type(n) is int)
        infos = session.list("notesInfo", notes=sorted(found)) if found else []
        names = {note_type.name for note_type in BY_ID.values()}
        return sorted(
            info["noteId"]
            for info in infos
            if isinstance(info, dict)
            and info.get("noteId") in wanted
            and info.get("modelName") in names
        )

    def delete(self, session: AnkiConnect, note_ids: list[int]) -> None:
        session.call("deleteNotes", notes=note_ids)

    def adoptable(self, notes: list[PackageNote]) -> Taking:
        """No GUIDs here: a note of one of our note types is taken to be ours already."""
        ids = ",".join(str(note.adopt) for note in notes)
        found = [n for n in self.client.list("findNotes", query=f"nid:{ids}") if type(n) is int]
        infos = self.client.list("notesInfo", notes=found) if found else []
        names = {note_type.name for note_type in BY_ID.values()}
        guids = {note.adopt: note.guid for note in notes}
        rows = {
            info["noteId"]: (guids[info["noteId"]] if info.get("modelName") in names else "", 0)
            for info in infos
            if isinstance(info, dict) and info.get("noteId") in guids
        }
        return adoptable_in(rows, notes)

    def adopt(self, session: AnkiConnect, package: Path, notes: list[PackageNote]) -> None:
        raise AnkiConnectError("AnkiConnect cannot change a note's type")

    def move(self, session: AnkiConnect, moves: list[Move]) -> int:
        return move_through_ankiconnect(session, moves)


class IntoCollection:
    """A collection file, opened with the ``anki`` package while Anki is closed."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.collection: Path | None = path
        self.key = f"collection:{path.resolve()}"
        self.description = f"the collection {path} (Anki is closed)"
        self.backup: Path | None = None

    @contextlib.contextmanager
    def session(self) -> Iterator[Any]:
        with opened(self.path) as col:
            self.backup = backup(col, self.path)
            yield col

    def present(self, notes: list[PackageNote]) -> int:
        """How many of ``notes`` the file holds (by GUID), read without writing; -1 when
        it cannot be read so (the import then finds out why)."""
        guids = [note.guid for note in notes]
        try:
            db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, timeout=0.5)
            try:
                db.execute("create temp table wanted (guid text primary key)")
                db.executemany(
                    "insert or ignore into temp.wanted values (?)", [(g,) for g in guids]
                )
                (count,) = db.execute(
                    "select count(*) from notes where guid in (select guid from temp.wanted)"
                ).fetchone()
            finally:
                db.close()
        except sqlite3.Error:
            return -1
        return int(count)

    def seen(self, session: Any, notes: list[PackageNote]) -> Seen:
        return {
            guid: (int(mod), tuple(tags.split()))
            for guid, mod, tags in _by_guid(session, "mod, tags", notes)
        }

    def import_package(self, session: Any, package: Path, progress: bool) -> None:
        """Import as Anki's File -> Import does; with ``progress``, with its "import any
        learning progress": new cards take the package's review schedules, cards
        already in the collection keep theirs (measured on the anki package)."""
        from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest

        options = ImportAnkiPackageOptions(with_scheduling=progress)
        request = ImportAnkiPackageRequest(package_path=str(package.resolve()), options=options)
        try:
            session.import_anki_package(request)
        except Exception as exc:  # the anki package's own errors: say which file, no trace
            raise CollectionError(f"Anki could not import {package}: {exc}") from None

    def add_tags(self, session: Any, notes: list[PackageNote], tags: list[str]) -> None:
        ids = [nid for _, nid in _by_guid(session, "id", notes)]
        session.tags.bulk_add(ids, " ".join(tags))

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

    def adoptable(self, notes: list[PackageNote]) -> Taking:
        """Read without writing (a dry run asks too); nothing when it cannot be read."""
        try:
            db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, timeout=0.5)
            try:
                marks = ",".join("?" * len(notes))
                query = f"select id, guid, mid from notes where id in ({marks})"
                found = db.execute(query, [note.adopt for note in notes]).fetchall()
            finally:
                db.close()
        except sqlite3.Error:
            return [], []
        return adoptable_in({nid: (guid, mid) for nid, guid, mid in found}, notes)

    def adopt(self, session: Any, package: Path, notes: list[PackageNote]) -> None:
        adopt(session, package, notes)

    def move(self, session: Any, moves: list[Move]) -> int:
        return move_in_collection(session, moves)


def _by_guid(session: Any, columns: str, notes: list[PackageNote]) -> Iterator[Any]:
    """``(guid, *columns)`` of the collection's notes with the GUIDs of ``notes``, asked
    for a few hundred at a time (one query each, not one a note)."""
    guids = [note.guid for note in notes]
    for at in range(0, len(guids), 500):
        part = guids[at : at + 500]
        marks = ",".join("?" * len(part))
        yield from session.db.all(
            f"select guid, {columns} from notes where guid in ({marks})", *part
        )
