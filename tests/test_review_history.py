"""The spaced-repetition plugin's review schedules (``<!--SR:!due,interval,ease-->``)
come along into Anki the first time a card gets there, and never after: a sync into a
closed collection, a sync through AnkiConnect (the stand-in answers from a real
collection, importing as the real add-on does), and File -> Import with "import any
learning progress". Small vaults of our own, the real ``anki`` package."""

from __future__ import annotations

import datetime
import sqlite3
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from conftest import AnkiCollection
from test_sync import _AnkiConnect, ankiconnect  # noqa: F401  (the stand-in's fixture)

from flashcards.cli import cli

TODAY = (datetime.datetime.now() - datetime.timedelta(hours=4)).date()  # as Anki counts


def day(offset: int) -> str:
    return (TODAY + datetime.timedelta(days=offset)).isoformat()


SPANISH = f"""\
---
tags: [flashcards/spanish]
---
# Spanish
Hola::Hello
<!--SR:!{day(5)},12,250-->
Adiós:::Goodbye
<!--SR:!{day(2)},3,230!{day(-1)},20,290-->
Gato::cat

El ==perro== come la ==manzana==.
<!--SR:!2000-01-01,1,250!{day(9)},30,270-->
"""
# (term or cloze ord, ord) -> (days from today, interval, ease x100); the rest are new
WANTED = {
    ("Hola", 0): (5, 12, 250),
    ("Adiós", 0): (2, 3, 230),
    ("Adiós", 1): (-1, 20, 290),
    ("El", 1): (9, 30, 270),
}


@pytest.fixture
def vault(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    notes = tmp_path / "vault"
    (notes / ".obsidian").mkdir(parents=True)
    (notes / "Spanish.md").write_text(SPANISH, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    return notes


@pytest.fixture
def closed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    path = tmp_path / "Anki2" / "User 1" / "collection.anki2"
    path.parent.mkdir(parents=True)
    AnkiCollection(path).col.close()
    monkeypatch.setenv("ANKI_BASE", str(tmp_path / "Anki2"))
    monkeypatch.setenv("ANKICONNECT_URL", "http://127.0.0.1:9")
    yield path


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def schedules(col: Any) -> dict[tuple[str, int], tuple[int, int, int]]:
    """Each review card's (days until due, interval, ease x100), by its note's first
    word and its ord; new cards are left out."""
    found = {}
    for cid in col.find_cards(""):
        card = col.get_card(cid)
        word = card.note().fields[0].replace("<", " ").replace(">", " ").split()
        first = next(w for w in word if w in ("Hola", "Adiós", "Gato", "El"))
        if card.type == 2 and card.queue == 2:
            found[(first, card.ord)] = (card.due - col.sched.today, card.ivl, card.factor // 10)
        else:
            assert (card.type, card.queue, card.ivl) == (0, 0, 0)
    return found


def test_a_sync_into_a_closed_collection_brings_the_schedules_then_leaves_anki_alone(
    vault: Path, closed: Path
) -> None:
    assert run("build", "vault").exit_code == 0
    told = run("sync", "vault", "--dry-run").stdout
    assert "4 added (4 cards with a review schedule), 0 updated, 0 unchanged" in told
    result = run("sync", "vault")
    assert result.exit_code == 0, result.output
    assert "4 added (4 cards with a review schedule)" in result.stdout
    collection = AnkiCollection(closed)
    assert schedules(collection.col) == WANTED
    hola = collection.col.get_card(
        collection.col.find_cards('"Term:Hola"')[0]
    )  # studied in Anki: its progress there wins from now on
    collection.col.sched.set_due_date([hola.id], "40!")
    collection.col.close()
    (vault / "Spanish.md").write_text(
        SPANISH.replace(f"!{day(5)},12,250", f"!{day(1)},2,130").replace("cat", "the cat"),
        encoding="utf-8",
    )
    again = run("sync", "vault")
    assert again.exit_code == 0, again.output
    assert "0 added, 1 updated, 3 unchanged" in again.stdout
    collection = AnkiCollection(closed)
    assert schedules(collection.col) == {**WANTED, ("Hola", 0): (40, 40, 250)}
    assert len(collection.col.find_notes("")) == 4
    collection.col.close()


def test_a_sync_through_ankiconnect_brings_the_same_schedules(
    vault: Path,
    ankiconnect: tuple[AnkiCollection, type[_AnkiConnect]],  # noqa: F811
) -> None:
    collection, _ = ankiconnect
    before = (vault / "Spanish.md").read_bytes()
    result = run("sync", "vault")
    assert result.exit_code == 0, result.output
    assert "4 added (4 cards with a review schedule)" in result.stdout
    assert schedules(collection.col) == WANTED
    assert (vault / "Spanish.md").read_bytes() == before, "the note file is never modified"


def test_the_package_carries_the_schedules_for_anki_file_import(
    vault: Path, tmp_path: Path
) -> None:
    assert run("build", "vault", "-o", "out").exit_code == 0
    (package,) = (tmp_path / "out").glob("*.apkg")
    with zipfile.ZipFile(package) as archive:
        db = sqlite3.connect(":memory:")
        db.deserialize(archive.read("collection.anki2"))
    rows = db.execute("select type, queue, ivl, factor from cards order by id").fetchall()
    assert sorted(rows) == sorted(
        [(2, 2, 12, 2500), (2, 2, 3, 2300), (2, 2, 20, 2900), (0, 0, 0, 0), (0, 0, 0, 0),
         (2, 2, 30, 2700)]
    )  # fmt: skip
    learning = AnkiCollection(tmp_path / "progress.anki2")
    learning.import_apkg(package, with_scheduling=True)
    assert schedules(learning.col) == WANTED, "Import any learning progress: the schedules"
    plain = AnkiCollection(tmp_path / "plain.anki2")
    plain.import_apkg(package)
    assert schedules(plain.col) == {}, "without that option, every card starts as new"
    learning.col.close()
    plain.col.close()


def test_a_note_without_schedule_comments_makes_the_same_package_as_before(
    vault: Path, tmp_path: Path
) -> None:
    (vault / "Spanish.md").write_text(
        "\n".join(line for line in SPANISH.splitlines() if "SR:" not in line) + "\n"
    )
    assert run("build", "vault", "-o", "out").exit_code == 0
    (package,) = (tmp_path / "out").glob("*.apkg")
    with zipfile.ZipFile(package) as archive:
        db = sqlite3.connect(":memory:")
        db.deserialize(archive.read("collection.anki2"))
    assert {row for row in db.execute("select type, queue, ivl, factor, reps from cards")} == {
        (0, 0, 0, 0, 0)
    }
