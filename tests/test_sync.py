"""``flashcards sync`` and ``stats`` against the official ``anki`` package: a collection
file with Anki closed, and a local AnkiConnect stand-in answering from a real collection."""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest
from click.testing import CliRunner, Result
from conftest import AnkiCollection

from flashcards.cli import cli

NOTE = "designing-machine-learning-systems-chapter-01.md"
MLOPS = "- **MLOps:** a set of tools and best practices for bringing ML into production.\n"
CLOSED_PORT = "http://127.0.0.1:9"  # nothing listens: AnkiConnect is not running
ANKI_CWD = Path("/nonexistent/anki-working-folder")


@pytest.fixture
def user(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An Anki base folder with the profile 'User 1' and its (closed) collection."""
    base = tmp_path / "Anki2"
    (base / "User 1").mkdir(parents=True)
    AnkiCollection(base / "User 1" / "collection.anki2").col.close()
    monkeypatch.setenv("ANKI_BASE", str(base))
    monkeypatch.setenv("ANKICONNECT_URL", CLOSED_PORT)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    monkeypatch.chdir(tmp_path)
    return base / "User 1" / "collection.anki2"


@pytest.fixture
def run(seed_notes: Path) -> Callable[..., Result]:
    return lambda *args, **kw: CliRunner().invoke(cli, list(args), **kw)


def synced(result: Result) -> list[str]:
    """What sync said, after what its build said."""
    lines = result.stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if "sync" in line and " into " in line)
    return lines[start:]


def opened(path: Path) -> AnkiCollection:
    return AnkiCollection(path)


def notes_of(path: Path) -> set[tuple[str, str, str]]:
    collection = opened(path)
    try:
        col = collection.col
        return {
            (n.guid, col.decks.name(n.cards()[0].did), "\x1f".join(n.fields))
            for n in (col.get_note(i) for i in col.find_notes(""))
        }
    finally:
        col.close()


def mod_of(path: Path) -> tuple[int, int]:
    db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return db.execute("select mod from col").fetchone()[0], path.stat().st_mtime_ns
    finally:
        db.close()


def test_sync_gives_what_importing_the_packages_gives_and_then_writes_nothing(
    user: Path, run: Callable[..., Result], tmp_path: Path
) -> None:
    result = run("sync")
    assert result.exit_code == 0, result.output
    assert synced(result)[:2] == [
        f"synced into the collection {user} (Anki is closed)",
        "  designing-machine-learning-systems: 8 added, 0 updated, 0 unchanged",
    ]
    assert synced(result)[2].startswith(f"backup: {user.parent / 'backups'}/")
    assert list((user.parent / "backups").glob("*.colpkg"))
    by_hand = tmp_path / "by-hand.anki2"
    reference = AnkiCollection(by_hand)
    reference.import_apkg(tmp_path / "build" / "designing-machine-learning-systems.apkg")
    reference.col.close()
    assert notes_of(user) == notes_of(by_hand)

    before = mod_of(user)
    again = run("sync")
    assert again.exit_code == 0
    assert synced(again) == [
        f"synced into the collection {user} (Anki is closed)",
        "  designing-machine-learning-systems: unchanged since the last sync",
    ]
    assert mod_of(user) == before, "nothing changed: the collection is not even opened"


def test_an_edited_note_updates_in_place_and_keeps_its_reviews(
    user: Path, run: Callable[..., Result], seed_notes: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("sync").exit_code == 0
    collection = opened(user)
    col = collection.col
    note = collection.note_by_field("Term", "MLOps")
    card = note.cards()[0]
    col.decks.select(card.did)
    card.start_timer()
    col.sched.answerCard(card, 3)
    reviews = col.db.all("select id, cid, ease from revlog")
    col.close()
    (seed_notes / NOTE).write_text(
        (seed_notes / NOTE).read_text().replace("bringing ML into production", "shipping ML")
    )
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1867225600")
    result = run("sync")
    assert "designing-machine-learning-systems: 0 added, 1 updated, 7 unchanged" in result.stdout
    collection = opened(user)
    try:
        same = collection.col.get_note(note.id)
        assert same["Definition"] == "a set of tools and best practices for shipping ML."
        assert collection.col.db.all("select id, cid, ease from revlog") == reviews
        assert len(collection.col.find_notes("")) == 8
    finally:
        collection.col.close()


def test_prune_deletes_exactly_the_notes_that_left_and_only_when_allowed(
    user: Path, run: Callable[..., Result], seed_notes: Path
) -> None:
    assert run("sync").exit_code == 0
    collection = opened(user)
    mine = collection.col.add_note  # a note of the user's own, in the same deck
    basic = collection.col.models.by_name("Basic")
    own = collection.col.new_note(basic)
    own["Front"], own["Back"] = "MLOps", "my own card"
    mine(own, collection.note_by_field("Term", "MLOps").cards()[0].did)
    collection.col.close()
    (seed_notes / NOTE).write_text((seed_notes / NOTE).read_text().replace(MLOPS, ""))

    asked = run("sync", "--prune")  # no terminal, no --yes: nothing is deleted
    assert "nothing deleted: no terminal to ask on (add --yes to delete)" in asked.stdout
    assert len(notes_of(user)) == 9
    pruned = run("sync", "--prune", "--yes")
    assert pruned.exit_code == 0, pruned.output
    assert '"deck:Designing Machine Learning Systems::Chapter 01" "Term:MLOps"' in pruned.stdout
    assert "deleted 1 note that left your notes" in pruned.stdout
    left = notes_of(user)
    assert len(left) == 8
    assert any("my own card" in fields for _, _, fields in left), "never anything else"
    assert not any(fields.startswith("MLOps\x1fa set of") for _, _, fields in left)
    assert list((user.parent / "backups").glob("*.colpkg")), "a backup before deleting"
    assert "left your notes" not in run("sync", "--prune", "--yes").stdout


def test_a_collection_open_in_anki_is_left_alone_with_a_clear_message(
    user: Path, run: Callable[..., Result]
) -> None:
    holder = opened(user)  # as Anki holds it while it runs
    try:
        result = run("sync")
    finally:
        holder.col.close()
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        f"Error: {user} is open in Anki: close Anki and sync again, or keep Anki running "
        "with the AnkiConnect add-on (sync uses it when it answers)"
    )
    assert "Traceback" not in result.output


def test_a_collection_of_another_schema_is_never_opened(
    user: Path, run: Callable[..., Result]
) -> None:
    db = sqlite3.connect(user)
    db.execute("update col set ver = 99")
    db.commit()
    db.close()
    before = user.read_bytes()
    result = run("sync")
    assert result.exit_code == 1
    assert "has schema version 99, newer than the 18 of the installed anki package" in (
        result.stderr
    )
    assert "sync through AnkiConnect instead" in result.stderr
    assert user.read_bytes() == before


def test_dry_run_touches_nothing(user: Path, run: Callable[..., Result], tmp_path: Path) -> None:
    assert run("build", "-q").exit_code == 0
    before = mod_of(user)
    result = run("sync", "--dry-run")
    assert result.exit_code == 0
    assert synced(result) == [
        f"would sync into the collection {user} (Anki is closed)",
        "  designing-machine-learning-systems: 8 added, 0 updated, 0 unchanged",
    ]
    assert mod_of(user) == before
    assert not (tmp_path / "build" / ".flashcards-sync.json").exists()


# -- AnkiConnect, answered from a real collection by a server on 127.0.0.1 ------------


class _AnkiConnect(BaseHTTPRequestHandler):
    collection: Any = None
    key: str | None = None
    calls: ClassVar[list[str]] = []

    def do_POST(self) -> None:
        request = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.calls.append(request["action"])
        try:
            if self.key and request.get("key") != self.key:
                raise PermissionError("valid api key must be provided")
            result, error = self.answer(request["action"], request.get("params", {})), None
        except Exception as exc:
            result, error = None, str(exc)
        body = json.dumps({"result": result, "error": error}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def answer(self, action: str, params: dict[str, Any]) -> Any:
        col = self.collection.col
        if action == "version":
            return 6
        if action == "importPackage":
            path = Path(params["path"])  # as the real add-on: relative to Anki's own folder
            # the real add-on's AnkiPackageImporter is, on Anki 23.10 and later, Anki's own
            # import with these options (anki/importing.py: _LegacyAnkiPackageImporter)
            self.collection.import_apkg(
                path if path.is_absolute() else ANKI_CWD / path,
                merge_notetypes=True,
                with_scheduling=True,
                with_deck_configs=True,
            )
            return True
        if action == "addTags":
            col.tags.bulk_add(params["notes"], params["tags"])
            return None
        if action == "findNotes":
            return list(col.find_notes(params["query"]))
        if action == "notesInfo":
            return [self.note_info(col.get_note(n)) for n in params["notes"]]
        if action == "cardsInfo":
            return [self.card_info(col.get_card(c)) for c in params["cards"]]
        if action == "deleteNotes":
            col.remove_notes(params["notes"])
            return None
        if action == "changeDeck":  # as the real add-on: the deck made when missing
            col.set_deck(params["cards"], col.decks.id(params["deck"]))
            return None
        raise ValueError(f"unsupported action {action}")

    @staticmethod
    def note_info(note: Any) -> dict[str, Any]:
        return {
            "noteId": note.id,
            "modelName": note.note_type()["name"],
            "tags": note.tags,
            "fields": {k: {"value": v, "order": i} for i, (k, v) in enumerate(note.items())},
            "cards": [card.id for card in note.cards()],
            "mod": note.mod,
        }

    def card_info(self, card: Any) -> dict[str, Any]:
        note = card.note()
        return {
            "cardId": card.id,
            "note": note.id,
            "deckName": self.collection.col.decks.name(card.did),
            "modelName": note.note_type()["name"],
            "fields": {k: {"value": v, "order": i} for i, (k, v) in enumerate(note.items())},
            "ord": card.ord,
            "lapses": card.lapses,
            "reps": card.reps,
            "factor": card.factor,
        }

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def ankiconnect(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[AnkiCollection, type[_AnkiConnect]]]:
    collection = AnkiCollection(tmp_path / "running.anki2")
    handler = type("Handler", (_AnkiConnect,), {"collection": collection, "calls": []})
    server = HTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("ANKICONNECT_URL", f"http://127.0.0.1:{server.server_address[1]}")
    monkeypatch.setenv("ANKI_BASE", str(tmp_path / "no-anki-here"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    monkeypatch.chdir(tmp_path)
    yield collection, handler
    server.shutdown()
    collection.col.close()


def test_sync_goes_through_ankiconnect_when_anki_runs(
    ankiconnect: tuple[AnkiCollection, type[_AnkiConnect]],
    run: Callable[..., Result],
    seed_notes: Path,
) -> None:
    collection, handler = ankiconnect
    result = run("sync")
    assert result.exit_code == 0, result.output
    assert synced(result)[0] == (
        f"synced into Anki, through AnkiConnect at {os.environ['ANKICONNECT_URL']}"
    )
    assert len(collection.col.find_notes("")) == 8
    (seed_notes / NOTE).write_text((seed_notes / NOTE).read_text().replace(MLOPS, ""))
    pruned = run("sync", "--prune", "--yes")
    assert "deleted 1 note that left your notes" in pruned.stdout
    assert len(collection.col.find_notes("")) == 7
    assert not collection.col.find_notes('"Term:MLOps"')
    used = set(handler.calls)
    assert used <= {"version", "importPackage", "findNotes", "notesInfo", "deleteNotes", "addTags"}


def test_an_ankiconnect_api_key_is_sent(
    ankiconnect: tuple[AnkiCollection, type[_AnkiConnect]],
    run: Callable[..., Result],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, handler = ankiconnect
    handler.key = "s3cret"
    refused = run("sync")  # the probe is refused: Anki looks closed, no collection found
    assert refused.exit_code == 1
    monkeypatch.setenv("ANKICONNECT_KEY", "s3cret")
    assert run("sync").exit_code == 0


# -- stats --------------------------------------------------------------------------


def test_stats_lists_the_failed_card_first_with_its_note_line(
    user: Path, run: Callable[..., Result]
) -> None:
    assert run("sync").exit_code == 0
    collection = opened(user)
    col = collection.col
    failed = collection.note_by_field("Term", "MLOps").cards()[0]
    easy = collection.note_by_field("Term", "ML Systems Design").cards()[0]
    for card, answers in ((failed, [3, 1, 3, 1, 3, 1]), (easy, [3, 3, 3])):
        for ease in answers:
            card = col.get_card(card.id)
            col.decks.select(card.did)
            card.start_timer()
            col.sched.answerCard(card, ease)
            col.sched.set_due_date([card.id], "0")
    col.close()
    before = user.read_bytes()
    result = run("stats", "--collection", str(user), "--limit", "2")
    assert result.exit_code == 0, result.output
    first, second = result.stdout.splitlines()[:2]
    assert first.startswith(f"notes/{NOTE}:12: 'MLOps' lapses ")
    assert ", again 50% of 6 reviews, ease " in first
    assert second.startswith(f"notes/{NOTE}:13: 'ML Systems Design' lapses 0, again 0% of 3")
    assert user.read_bytes() == before, "stats read a copy"
    as_json = json.loads(run("stats", "--collection", str(user), "--format", "json").stdout)
    assert as_json["cards"][0]["label"] == "MLOps"
    assert as_json["cards"][0]["reviews"] == 6


def test_stats_through_ankiconnect_trace_cards_to_their_notes(
    ankiconnect: tuple[AnkiCollection, type[_AnkiConnect]], run: Callable[..., Result]
) -> None:
    collection, _ = ankiconnect
    assert run("sync").exit_code == 0
    col = collection.col
    card = collection.note_by_field("Term", "MLOps").cards()[0]
    for ease in (3, 1, 3, 1):
        card = col.get_card(card.id)
        col.decks.select(card.did)
        card.start_timer()
        col.sched.answerCard(card, ease)
        col.sched.set_due_date([card.id], "0")
    result = run("stats", "--limit", "1")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"notes/{NOTE}:12: 'MLOps' lapses ")


def test_stats_on_a_file_that_is_no_collection_says_so(
    user: Path, run: Callable[..., Result], tmp_path: Path
) -> None:
    other = tmp_path / "notes.txt"
    other.write_text("not a database")
    result = run("stats", "--collection", str(other))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1].startswith(f"Error: {other} is not an Anki collection")


def test_a_wrong_ankiconnect_address_is_a_message(
    user: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ANKICONNECT_URL", "localhost:8765")
    result = run("sync", "--dry-run")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "Error: AnkiConnect's address 'localhost:8765' is not an http:// URL"
    )


@pytest.mark.parametrize(
    "damaged",
    ['{"targets": {"collection:x": 5}}', "[", '{"targets": []}',
     '{"version": 1, "targets": {"k": {"packages": {}, "notes": {"g": [1]}}}}'],
)  # fmt: skip
def test_a_damaged_sync_record_imports_again_and_prunes_nothing(
    damaged: str, user: Path, run: Callable[..., Result], tmp_path: Path
) -> None:
    assert run("sync").exit_code == 0
    (tmp_path / "build" / ".flashcards-sync.json").write_text(damaged)
    again = run("sync", "--prune", "--yes")
    assert again.exit_code == 0, again.output
    assert "designing-machine-learning-systems: 0 added, 0 updated, 8 unchanged" in again.stdout
    assert len(notes_of(user)) == 8, "Anki's rules: nothing duplicated"
