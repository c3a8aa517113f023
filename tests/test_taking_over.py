"""Notes that Obsidian_to_Anki put into the user's Anki (``<!--ID: ...-->`` in the notes)
stay the same notes: a sync into the collection file takes them over in place (our note
type, fields, tags and deck; their cards' reviews kept), never adds a second copy, and
says beforehand what it will do. Small vaults and collections of our own, the real
``anki`` package."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from conftest import AnkiCollection
from test_sync import _AnkiConnect, ankiconnect  # noqa: F401  (the stand-in's fixture)

from flashcards.cli import cli


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def o2a_notes(col: Any) -> tuple[int, int]:
    """Two notes as Obsidian_to_Anki adds them (its Basic and Cloze, its deck and tag),
    the first one reviewed once: their ids."""
    deck = col.decks.id("Obsidian")
    basic = col.new_note(col.models.by_name("Basic"))
    basic["Front"], basic["Back"] = "What is the powerhouse of the cell?", "The mitochondrion."
    basic.tags = ["Obsidian_to_Anki"]
    col.add_note(basic, deck)
    cloze = col.new_note(col.models.by_name("Cloze"))
    cloze["Text"] = "Cells divide by {{c1::mitosis}}."
    col.add_note(cloze, deck)
    card = basic.cards()[0]
    col.decks.select(card.did)
    card.start_timer()
    col.sched.answerCard(card, 3)
    return basic.id, cloze.id


def vault_note(basic: int, cloze: int) -> str:
    return f"""\
# Cells

START
Basic
Front: What is the powerhouse of the cell?
Back: The mitochondrion.
<!--ID: {basic}-->
END

START
Cloze
Text: Cells divide by {{{{c1::mitosis}}}}.
<!--ID: {cloze}-->
END

START
Basic
Front: What builds proteins?
Back: The ribosome.
<!--ID: 1234567890123-->
END

START
Basic
Front: What holds the DNA?
Back: The nucleus.
END
"""


@pytest.fixture
def closed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Path, int, int]]:
    path = tmp_path / "Anki2" / "User 1" / "collection.anki2"
    path.parent.mkdir(parents=True)
    collection = AnkiCollection(path)
    basic, cloze = o2a_notes(collection.col)
    collection.col.close()
    monkeypatch.setenv("ANKI_BASE", str(tmp_path / "Anki2"))
    monkeypatch.setenv("ANKICONNECT_URL", "http://127.0.0.1:9")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "vault" / ".obsidian").mkdir(parents=True)
    (tmp_path / "vault" / "Cells.md").write_text(vault_note(basic, cloze), encoding="utf-8")
    yield path, basic, cloze


def test_a_sync_takes_over_obsidian_to_ankis_notes_in_place(
    closed: tuple[Path, int, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, basic, cloze = closed
    written = (tmp_path / "vault" / "Cells.md").read_bytes()
    assert run("build", "vault").exit_code == 0
    dry = run("sync", "vault", "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "  vault: 2 added, 0 updated, 0 unchanged, 2 taken over from Obsidian_to_Anki" in (
        dry.stdout
    )
    assert (
        "vault: not in Anki, so added as new notes: 1 note (1234567890123) that "
        "Obsidian_to_Anki had put there (an ID comment in the notes)"
    ) in dry.stdout
    result = run("sync", "vault")
    assert result.exit_code == 0, result.output
    assert "2 added, 0 updated, 0 unchanged, 2 taken over from Obsidian_to_Anki" in result.stdout
    collection = AnkiCollection(path)
    col = collection.col
    assert len(col.find_notes("")) == 4, "the two taken over, and two new: nothing doubled"
    mitochondrion = col.get_note(basic)
    assert mitochondrion.note_type()["name"] == "flashcards Vocab"
    assert mitochondrion["Term"] == "What is the powerhouse of the cell?"
    assert mitochondrion["Definition"] == "The mitochondrion."
    (card,) = mitochondrion.cards()
    assert (card.type, card.reps) == (1, 1), "its review is kept: a learning card"
    assert col.db.scalar("select count(*) from revlog where cid = ?", card.id) == 1
    assert col.decks.name(card.did) == "Vault::Cells"
    mitosis = col.get_note(cloze)
    assert mitosis.note_type()["name"] == "flashcards Checklist"
    assert "{{c1::mitosis}}" in mitosis["Text"]
    assert {col.decks.name(c.did) for c in mitosis.cards()} == {"Vault::Cells"}
    assert "Obsidian_to_Anki" in mitochondrion.tags, "its tags in Anki are kept"
    col.close()

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1867225600")
    text = vault_note(basic, cloze).replace("The mitochondrion.", "The mitochondrion!")
    (tmp_path / "vault" / "Cells.md").write_text(text, encoding="utf-8")
    again = run("sync", "vault")
    assert again.exit_code == 0, again.output
    assert "0 added, 1 updated, 3 unchanged" in again.stdout
    collection = AnkiCollection(path)
    assert len(collection.col.find_notes("")) == 4
    assert collection.col.get_note(basic)["Definition"] == "The mitochondrion!"
    collection.col.close()
    assert written == vault_note(basic, cloze).encode(), "the note file was never modified"


@pytest.fixture
def running(
    ankiconnect: tuple[AnkiCollection, type[_AnkiConnect]],  # noqa: F811
    tmp_path: Path,
) -> AnkiCollection:
    """A running Anki (the stand-in) with Obsidian_to_Anki's two notes, and the vault
    that names them."""
    collection, _ = ankiconnect
    basic, cloze = o2a_notes(collection.col)
    (tmp_path / "vault" / ".obsidian").mkdir(parents=True)
    (tmp_path / "vault" / "Cells.md").write_text(vault_note(basic, cloze), encoding="utf-8")
    return collection


def test_through_ankiconnect_such_notes_are_not_doubled(running: AnkiCollection) -> None:
    result = run("sync", "vault")
    assert result.exit_code == 0, result.output
    assert "  vault: not imported" in result.stdout
    assert "AnkiConnect cannot take over" in result.stdout
    assert len(running.col.find_notes("")) == 2, "nothing added, nothing doubled"


def test_after_taking_over_a_sync_through_ankiconnect_finds_them_as_its_own(
    running: AnkiCollection, tmp_path: Path
) -> None:
    collection = running
    collection.col.close()  # Anki closed: the sync takes them over in the file
    path = tmp_path / "running.anki2"
    assert "2 taken over" in run("sync", "vault", "--collection", str(path)).stdout
    collection.col = AnkiCollection(path).col  # Anki running again, with AnkiConnect
    first = run("sync", "vault")  # another way in: its own record, nothing to do in Anki
    assert first.exit_code == 0, first.output
    assert "  vault: 0 added, 0 updated, 4 unchanged" in first.stdout
    again = run("sync", "vault")
    assert "  vault: unchanged since the last sync" in again.stdout
    assert "not there" not in again.stdout, "the notes taken over are found by their ids"
    assert len(collection.col.find_notes("")) == 4
