"""Sync you can leave running: nothing lost under concurrency, damaged state, unreadable
folders or a restored collection; the real AnkiConnect's answers are messages."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import AnkiCollection
from test_sync import (  # noqa: F401 - fixtures
    MLOPS,
    NOTE,
    _AnkiConnect,
    ankiconnect,
    notes_of,
    opened,
    run,
    synced,
    user,
)

from flashcards.anki.ankiconnect import AnkiConnect
from flashcards.anki.locks import held, lock_paths
from flashcards.building.state import STATE_FILE
from flashcards.cli import cli


def two_books(root: Path) -> Path:
    notes = root / "notes"
    for book in ("one", "two"):
        (notes / book).mkdir(parents=True)
        (notes / book / "ch1.md").write_text(
            f'---\ntitle: "{book.title()} - Chapter 1"\n---\n## Key Vocab\n'
            f"- **{book}-a:** first\n- **{book}-b:** second\n"
        )
    return notes


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def terms(collection: Path) -> set[str]:
    return {fields.split("\x1f")[0] for _, _, fields in notes_of(collection)}


# -- losses -------------------------------------------------------------------------


def test_a_second_sync_waits_for_the_first(user: Path, tmp_path: Path) -> None:
    two_books(tmp_path)
    out = tmp_path / "build"
    env = {**os.environ, "NO_COLOR": "1"}
    with held(lock_paths(out, f"collection:{user.resolve()}", user), print):
        second = subprocess.Popen(
            [sys.executable, "-m", "flashcards", "sync", "notes", "-o", "build"],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(1.5)
        assert second.poll() is None, "it waits while another sync holds the collection"
    _, stderr = second.communicate(timeout=60)
    assert second.returncode == 0, stderr
    assert "waiting for another sync" in stderr
    assert terms(user) == {"one-a", "one-b", "two-a", "two-b"}


def test_two_syncs_at_once_both_finish_and_the_collection_is_whole(
    user: Path, tmp_path: Path
) -> None:
    two_books(tmp_path)
    env = {**os.environ, "NO_COLOR": "1"}
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "flashcards", "sync", "notes", "-o", "build"],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    for process in runs:
        _, stderr = process.communicate(timeout=120)
        assert process.returncode == 0, stderr
    assert terms(user) == {"one-a", "one-b", "two-a", "two-b"}
    assert len(notes_of(user)) == 4


def test_a_damaged_state_then_a_partial_prune_deletes_nothing(user: Path, tmp_path: Path) -> None:
    notes = two_books(tmp_path)
    assert invoke("sync", "notes").exit_code == 0
    state = tmp_path / "build" / STATE_FILE
    state.write_bytes(state.read_bytes()[:20])
    result = invoke("sync", str(notes / "one"), "--prune", "--yes")
    assert result.exit_code == 0, result.output
    assert "nothing pruned:" in result.stdout
    assert terms(user) == {"one-a", "one-b", "two-a", "two-b"}
    again = invoke("sync", str(notes / "one"), "--prune", "--yes")
    assert "nothing pruned: the build state does not know two.apkg" in again.stdout
    assert terms(user) == {"one-a", "one-b", "two-a", "two-b"}
    assert invoke("sync").exit_code == 0  # all the notes: the state is whole again
    (notes / "two" / "ch1.md").write_text((notes / "two" / "ch1.md").read_text()[:-15])
    partial = invoke("sync", str(notes / "one"), "--prune", "--yes")
    assert "nothing pruned: this sync read only part of your notes" in partial.stdout
    assert terms(user) == {"one-a", "one-b", "two-a", "two-b"}


def test_an_unreadable_folder_is_an_error_and_its_book_is_kept(
    user: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    notes = two_books(tmp_path)
    assert invoke("sync", "notes").exit_code == 0
    real = os.scandir
    locked = str(notes / "two")

    def scandir(path: str | int | os.PathLike[str] = ".") -> Iterator[os.DirEntry[str]]:
        if not isinstance(path, int) and os.fspath(path) == locked:
            raise PermissionError(13, "Permission denied")
        return real(path)  # type: ignore[return-value]

    monkeypatch.setattr(os, "scandir", scandir)  # as root, chmod 000 would not stop it
    result = invoke("sync", "--prune", "--yes")
    assert result.exit_code == 1
    assert "notes/two: error: this folder cannot be read (Permission denied)" in result.stderr
    assert "no notes left" not in result.output
    assert terms(user) == {"one-a", "one-b", "two-a", "two-b"}


def test_folder_symlinks_are_followed_once(user: Path, tmp_path: Path) -> None:
    notes = two_books(tmp_path)
    elsewhere = tmp_path / "elsewhere" / "three"
    elsewhere.mkdir(parents=True)
    (elsewhere / "ch1.md").write_text(
        '---\ntitle: "Three - Chapter 1"\n---\n## Key Vocab\n- **three-a:** a\n'
    )
    (notes / "three").symlink_to(elsewhere)
    (notes / "one" / "loop").symlink_to(notes / "one")
    result = invoke("sync")
    assert result.exit_code == 0, result.output
    assert terms(user) == {"one-a", "one-b", "two-a", "two-b", "three-a"}


def test_a_collection_made_anew_gets_the_notes_again(user: Path, tmp_path: Path) -> None:
    two_books(tmp_path)
    assert invoke("sync").exit_code == 0
    user.unlink()
    AnkiCollection(user).col.close()  # restored from an old backup, or made anew
    again = invoke("sync")
    assert again.exit_code == 0, again.output
    assert "importing it again" in again.stdout
    assert "  one: 2 added, 0 updated, 0 unchanged" in synced(again)
    assert terms(user) == {"one-a", "one-b", "two-a", "two-b"}


# -- what the real AnkiConnect says -----------------------------------------------


def test_a_refused_api_key_says_so_and_how_to_give_it(
    ankiconnect: tuple[AnkiCollection, type[_AnkiConnect]],
    run: Callable[..., Result],
) -> None:
    _, handler = ankiconnect
    handler.key = "s3cret"
    refused = run("sync")
    assert refused.exit_code == 1
    assert "refused the request: no API key was given" in refused.stderr
    assert "--ankiconnect-key" in refused.stderr
    wrong = run("sync", "--ankiconnect-key", "nope")
    assert "a wrong API key was given" in wrong.stderr
    assert run("sync", "--ankiconnect-key", "s3cret").exit_code == 0
    stats = run("stats", "--ankiconnect-key", "s3cret")
    assert stats.exit_code == 0, stats.output


@pytest.fixture
def silent_port(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A port that takes connections and never answers (Anki with a dialog open)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    monkeypatch.setattr(AnkiConnect, "probe_timeout", 0.5)
    yield f"http://127.0.0.1:{server.getsockname()[1]}"
    server.close()


def test_a_busy_anki_is_never_taken_for_a_closed_one(
    user: Path, run: Callable[..., Result], silent_port: str, tmp_path: Path
) -> None:
    result = run("sync", "--ankiconnect", silent_port)
    assert result.exit_code == 1
    assert "Anki is running but not answering" in result.stderr
    assert "is a dialog open?" in result.stderr
    assert notes_of(user) == set(), "the collection file was not touched"


def test_counts_are_what_anki_did(
    ankiconnect: tuple[AnkiCollection, type[_AnkiConnect]],
    run: Callable[..., Result],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    collection, _ = ankiconnect
    assert run("sync").exit_code == 0
    collection.col.close()
    monkeypatch.setenv("ANKICONNECT_URL", "http://127.0.0.1:9")
    again = run("sync", "--collection", str(tmp_path / "running.anki2"))
    assert again.exit_code == 0, again.output
    assert "designing-machine-learning-systems: 0 added, 0 updated, 8 unchanged" in again.stdout
    collection.col = AnkiCollection(tmp_path / "running.anki2").col  # for the fixture


def _answering(reply: bytes) -> Iterator[str]:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)

    def serve() -> None:
        while True:
            try:
                connection, _ = server.accept()
            except OSError:
                return
            connection.recv(65536)
            connection.sendall(reply)
            connection.close()

    threading.Thread(target=serve, daemon=True).start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}"
    server.close()


@pytest.mark.parametrize(
    "reply", [b"HELLO\r\n\r\n", b"HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nnull"]
)
def test_a_port_that_is_not_ankiconnect_is_a_message(
    user: Path, run: Callable[..., Result], reply: bytes
) -> None:
    for url in _answering(reply):
        result = run("sync", "--ankiconnect", url)
        assert result.exit_code == 1
        assert "does not answer as AnkiConnect does" in result.stderr
        assert "Traceback" not in result.output


@pytest.mark.parametrize("url", ["http://[::1", "http://local host:8765", "http://:8765"])
def test_a_mistyped_address_is_a_message(user: Path, run: Callable[..., Result], url: str) -> None:
    result = run("sync", "--ankiconnect", url)
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Error: AnkiConnect's address '{url}' is not an http:// URL"


def test_a_null_result_is_a_message(
    ankiconnect: tuple[AnkiCollection, type[_AnkiConnect]],
    run: Callable[..., Result],
    seed_notes: Path,
) -> None:
    _, handler = ankiconnect
    assert run("sync").exit_code == 0
    handler.answer = lambda self, action, params: (  # type: ignore[method-assign]
        None if action == "findNotes" else _AnkiConnect.answer(self, action, params)
    )
    (seed_notes / NOTE).write_text((seed_notes / NOTE).read_text().replace(MLOPS, ""))
    result = run("sync", "--prune", "--yes")
    assert result.exit_code == 1
    assert "findNotes answered null where a list is due" in result.stderr


# -- what the user sees and keeps ------------------------------------------------------


def test_prune_says_once_what_it_deletes(
    user: Path, run: Callable[..., Result], seed_notes: Path
) -> None:
    assert run("sync").exit_code == 0
    (seed_notes / NOTE).write_text((seed_notes / NOTE).read_text().replace(MLOPS, ""))
    pruned = run("sync", "--prune", "--yes")
    assert pruned.exit_code == 0, pruned.output
    assert "Anki keeps them" not in pruned.stdout
    assert "This note left your notes and will be deleted from Anki:" in pruned.stdout
    assert "deleted 1 note that left your notes" in pruned.stdout


def test_backups_in_the_same_second_are_all_kept(
    user: Path, run: Callable[..., Result], seed_notes: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for number, epoch in enumerate(("1767225600", "1767225700", "1767225800")):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)  # a new package each time
        text = (seed_notes / NOTE).read_text()
        line = next(x for x in text.splitlines(keepends=True) if x.startswith("- **MLOps:**"))
        (seed_notes / NOTE).write_text(text.replace(line, f"- **MLOps:** take {number}\n"))
        assert run("sync").exit_code == 0
    assert len(list((user.parent / "backups").glob("*.colpkg"))) == 3


def test_tags_added_in_anki_survive_an_update(
    user: Path, run: Callable[..., Result], seed_notes: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("sync").exit_code == 0
    collection = opened(user)
    note = collection.note_by_field("Term", "MLOps")
    collection.col.tags.bulk_add([note.id], "marked my-own")
    collection.col.close()
    (seed_notes / NOTE).write_text(
        (seed_notes / NOTE).read_text().replace("bringing ML into production", "shipping ML")
    )
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1867225600")
    result = run("sync")
    assert "0 added, 1 updated, 7 unchanged" in result.stdout
    collection = opened(user)
    try:
        same = collection.col.get_note(note.id)
        assert same["Definition"] == "a set of tools and best practices for shipping ML."
        assert {"marked", "my-own"} <= set(same.tags)
        assert "designing-machine-learning-systems::chapter-01" in same.tags
    finally:
        collection.col.close()


def test_through_ankiconnect_lost_notes_come_back_and_user_tags_stay(
    ankiconnect: tuple[AnkiCollection, type[_AnkiConnect]],
    run: Callable[..., Result],
    seed_notes: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    collection, _ = ankiconnect
    col = collection.col
    assert run("sync").exit_code == 0
    col.remove_notes(list(col.find_notes(""))[:3])  # a collection restored from a backup
    again = run("sync")
    assert "importing it again" in again.stdout
    assert "designing-machine-learning-systems: 3 added, 0 updated, 5 unchanged" in again.stdout
    note = collection.note_by_field("Term", "MLOps")
    col.tags.bulk_add([note.id], "leech my-own")
    (seed_notes / NOTE).write_text(
        (seed_notes / NOTE).read_text().replace("bringing ML into production", "shipping ML")
    )
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1867225600")
    edited = run("sync")
    assert "0 added, 1 updated, 7 unchanged" in edited.stdout
    assert {"leech", "my-own"} <= set(col.get_note(note.id).tags)


def test_a_collection_that_is_not_there_is_never_made(user: Path, tmp_path: Path) -> None:
    two_books(tmp_path)
    missing = tmp_path / "typo.anki2"
    result = invoke("sync", "--collection", str(missing))
    assert result.exit_code == 1
    assert f"no Anki collection at {missing}" in result.stderr
    assert not missing.exists(), "the lock never creates the file it would lock"
