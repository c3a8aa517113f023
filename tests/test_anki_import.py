"""The build output as the user meets it: imported into a real Anki collection."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import AnkiCollection

from flashcards import BuildOptions, build

DECK = "Designing Machine Learning Systems::Chapter 01"
CHAPTER_TAG = "designing-machine-learning-systems::chapter-01"


def test_seed_note_imports_as_one_deck_of_29_tagged_cards(
    seed_notes: Path, tmp_path: Path, anki: AnkiCollection
) -> None:
    report = build([seed_notes], tmp_path / "build")
    apkg = tmp_path / "build" / "designing-machine-learning-systems.apkg"
    assert report.files == [apkg]

    result = anki.import_apkg(apkg)

    assert (result.new, result.updated, result.conflicting) == (8, 0, 0)
    col = anki.col
    cards = [col.get_card(cid) for cid in col.find_cards("")]
    assert len(cards) == 29
    assert {col.decks.name(card.did) for card in cards} == {DECK}
    for note in anki.notes():
        assert CHAPTER_TAG in note.tags
        assert "mlops" in note.tags
    assert len(col.find_cards(f'"tag:{CHAPTER_TAG}" tag:mlops')) == 29


@pytest.fixture
def imported(seed_notes: Path, tmp_path: Path, anki: AnkiCollection) -> AnkiCollection:
    """A collection into which the user's note was built and imported."""
    build([seed_notes], tmp_path / "build")
    anki.import_apkg(tmp_path / "build" / "designing-machine-learning-systems.apkg")
    return anki


def test_vocab_card_shows_term_then_definition_with_context(imported: AnkiCollection) -> None:
    note = imported.note_by_field("Term", "Machine Learning")
    (card,) = note.cards()
    assert '<div class="term">Machine Learning</div>' in card.question()
    assert "<li>from existing data</li>" not in card.question()
    answer = card.answer()
    assert "<ol><li>learn</li><li>complex patterns</li>" in answer
    assert '<span class="context">Key Vocab</span>' in answer
    assert "Designing Machine Learning Systems - Chapter 01" in answer


def test_checklist_makes_one_cloze_card_per_item(imported: AnkiCollection) -> None:
    note = imported.note_by_field("Prompt", "Before starting an ML project, ask:")
    cards = sorted(note.cards(), key=lambda c: c.ord)
    assert len(cards) == 4
    second = cards[1]
    question = second.question()
    assert "Before starting an ML project, ask:" in question
    assert "Is ML possible in this context?" in question  # the other items stay visible
    assert "Is it necessary?" not in question  # the hidden one
    assert "[...]" in question
    assert "Is it necessary?" in second.answer()
    assert "When and When Not to Use Machine Learning" in question


def test_reverse_option_adds_definition_to_term_cards(
    seed_notes: Path, tmp_path: Path, anki: AnkiCollection
) -> None:
    build([seed_notes], tmp_path / "build", BuildOptions(reverse=True))
    anki.import_apkg(tmp_path / "build" / "designing-machine-learning-systems.apkg")

    assert len(anki.col.find_cards("")) == 32
    note = anki.note_by_field("Term", "MLOps")
    reverse = next(c for c in note.cards() if c.ord == 1)
    assert "a set of tools and best practices" in reverse.question()
    assert '<div class="term">MLOps</div>' in reverse.answer()


def test_two_books_give_two_packages_and_chapter_subdecks(
    write_note: Callable[..., Path], notes_dir: Path, tmp_path: Path, anki: AnkiCollection
) -> None:
    for number in (1, 2):
        write_note(
            f"sre-{number}.md",
            f"""
            ---
            title: "Site Reliability Engineering - Chapter {number}"
            ---
            ## Key Vocab
            - **Term {number}:** definition {number}
            """,
        )
    write_note(
        "other/clean-code.md",
        """
        ---
        title: "Clean Code - Ch. 3"
        ---
        ## Glossary
        - **Function:** a small thing that does one thing
        """,
    )
    report = build([notes_dir], tmp_path / "build")
    assert sorted(p.name for p in report.files) == [
        "clean-code.apkg",
        "site-reliability-engineering.apkg",
    ]
    for path in report.files:
        anki.import_apkg(path)
    names = {name for name in anki.col.decks.all_names_and_ids() for name in [name.name]}
    assert {
        "Site Reliability Engineering::Chapter 01",
        "Site Reliability Engineering::Chapter 02",
        "Clean Code::Chapter 03",
    } <= names
    assert len(anki.col.find_cards('"deck:Site Reliability Engineering"')) == 2
