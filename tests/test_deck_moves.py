"""A deck that reads better moves the cards ``sync`` put into the old one (Anki's import
never moves a card): against a closed collection and the AnkiConnect stand-in, with the
review kept and a card the user moved left where they put it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from conftest import AnkiCollection
from test_sync import _AnkiConnect, ankiconnect, run, synced, user  # noqa: F401

from flashcards.anki.decks import recorded_deck

OLD = "---\nchapter: 2\n---\n## Key Vocab\n\n- **Index:** a lookup\n- **B-tree:** a tree\n"
NEW = "## Key Vocab\n\n- **Index:** a lookup structure\n- **B-tree:** a tree\n"


def rename_the_chapter(notes: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``Systems/x.md`` with ``chapter: 2`` (``Systems::Chapter 02``) becomes
    ``Systems/02-databases/x.md`` (``Systems::02 Databases``): the same book and chapter
    as far as identity goes, so the same GUIDs."""
    (notes / "Systems" / "x.md").unlink()
    (notes / "Systems" / "02-databases").mkdir()
    (notes / "Systems" / "02-databases" / "x.md").write_text(NEW)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225700")  # a later build


def studied_and_one_moved_by_hand(col: Any) -> tuple[int, int]:
    """Answer the Index card; move the B-tree card into the user's own deck."""
    index = col.get_note(col.find_notes('"Term:Index"')[0]).cards()[0]
    index.start_timer()
    col.sched.answerCard(index, 3)
    btree = col.get_note(col.find_notes('"Term:B-tree"')[0]).cards()[0]
    col.set_deck([btree.id], col.decks.id("Mine"))
    return index.id, btree.id


def where(col: Any, card_id: int) -> str:
    return str(col.decks.name(col.get_card(card_id).did))


def test_sync_moves_the_cards_of_a_renamed_deck_into_a_closed_collection(
    user: Path,  # noqa: F811
    run: Callable[..., Result],  # noqa: F811
    seed_notes: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (seed_notes / "Systems").mkdir()
    (seed_notes / "Systems" / "x.md").write_text(OLD)
    assert run("sync").exit_code == 0
    collection = AnkiCollection(user)
    index, btree = studied_and_one_moved_by_hand(collection.col)
    collection.col.close()
    rename_the_chapter(seed_notes, monkeypatch)
    assert run("build").exit_code == 0  # a dry run syncs what is built, building nothing
    dry = run("sync", "--dry-run")
    assert "  systems: 0 added, 2 updated, 0 unchanged, 2 moved to their new deck" in synced(dry)
    result = run("sync")
    assert result.exit_code == 0, result.output
    assert "  systems: 0 added, 2 updated, 0 unchanged, 1 moved to their new deck" in synced(result)
    collection = AnkiCollection(user)
    col = collection.col
    try:
        assert where(col, index) == "Systems::02 Databases"
        assert where(col, btree) == "Mine", "a card the user moved stays where they put it"
        assert col.db.scalar("select count() from revlog where cid = ?", index) == 1
        assert len(col.find_notes("")) == 10  # the seed's 8 and these 2: nothing doubled
    finally:
        col.close()


def test_sync_moves_the_cards_of_a_renamed_deck_through_ankiconnect(
    ankiconnect: tuple[AnkiCollection, type[_AnkiConnect]],  # noqa: F811
    run: Callable[..., Result],  # noqa: F811
    seed_notes: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    collection, handler = ankiconnect
    (seed_notes / "Systems").mkdir()
    (seed_notes / "Systems" / "x.md").write_text(OLD)
    assert run("sync").exit_code == 0
    index, btree = studied_and_one_moved_by_hand(collection.col)
    rename_the_chapter(seed_notes, monkeypatch)
    result = run("sync")
    assert result.exit_code == 0, result.output
    assert "1 moved to their new deck" in "\n".join(synced(result))
    assert where(collection.col, index) == "Systems::02 Databases"
    assert where(collection.col, btree) == "Mine"
    assert "changeDeck" in handler.calls


def test_a_record_written_before_decks_were_kept_gives_the_deck_from_its_search() -> None:
    assert recorded_deck('"deck:Book::Chapter 01" "Term:MLOps"') == "Book::Chapter 01"
    assert recorded_deck('"deck:a\\_b \\"c\\"" "Term:x"') == 'a_b "c"'
    assert recorded_deck("no deck here") == ""
