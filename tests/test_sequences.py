"""Cards worth studying: an ordered checklist is a sequence (card N shows the steps
before N and nothing after it, as real Anki renders it and a real browser shows it),
and a vocab card's front names its book."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import AnkiCollection

from flashcards import BuildOptions, build
from flashcards.building.builder import list_cards
from flashcards.cards.notetypes import card_css
from flashcards.cli import cli

CASE = Path(__file__).parent / "cases" / "ordered-sequence.md"
STEPS = ["decide the output", "pick the objective function", "collect the data",
         "choose the metrics"]  # fmt: skip


def shown(page: Any, html: str, night: bool = False) -> str:
    """What a learner sees of a card's HTML in Chromium, with the note types' CSS."""
    body = "nightMode card" if night else "card"
    page.set_content(f'<html><body class="{body}"><style>{card_css()}</style>{html}</body></html>')
    return " ".join(page.inner_text("body").split())


DEFAULTS = BuildOptions()


def imported(
    notes_dir: Path, tmp_path: Path, anki: AnkiCollection, options: BuildOptions = DEFAULTS
) -> list[Any]:
    (notes_dir / CASE.name).write_bytes(CASE.read_bytes())
    (apkg,) = build([notes_dir], tmp_path / "build", options).files
    anki.import_apkg(apkg)
    (note,) = anki.notes('"note:flashcards Checklist"')
    return sorted(note.cards(), key=lambda card: card.ord)


def test_card_n_of_a_sequence_shows_steps_before_n_and_nothing_after(
    notes_dir: Path, tmp_path: Path, anki: AnkiCollection, browser: Any
) -> None:
    cards = imported(notes_dir, tmp_path, anki)
    page = browser.new_page()
    assert len(cards) == 4
    second = shown(page, cards[1].question())
    assert STEPS[0] in second and "[...]" in second
    assert not any(step in second for step in STEPS[1:]), second
    assert second.endswith("decide the output [...]"), "not even the later steps' length"
    answer = shown(page, cards[1].answer())
    assert all(answer.count(step) == 1 for step in STEPS), "every step on the back, once"
    assert answer.index(STEPS[1]) < answer.index(STEPS[2]) < answer.index(STEPS[3])
    first = shown(page, cards[0].question())
    assert not any(step in first for step in STEPS)
    last = shown(page, cards[3].question())
    assert all(step in last for step in STEPS[:3]) and STEPS[3] not in last


def test_unordered_checklists_show_every_item_once_on_either_side(
    seed_notes: Path, tmp_path: Path, anki: AnkiCollection, browser: Any
) -> None:
    (apkg,) = build([seed_notes], tmp_path / "build").files
    anki.import_apkg(apkg)
    (note,) = anki.notes('"Prompt:Before starting an ML project, ask:"')
    card = sorted(note.cards(), key=lambda c: c.ord)[0]
    page = browser.new_page()
    front = shown(page, card.question())
    assert all(item in front for item in ("Is it necessary?", "Is it cost effective?"))
    answer = shown(page, card.answer())
    assert all(answer.count(item) == 1 for item in ("Is it necessary?", "Is it cost effective?"))
    assert answer.count("Before starting an ML project") == 1


def test_sequence_all_keeps_every_step_visible(
    notes_dir: Path, tmp_path: Path, anki: AnkiCollection, browser: Any
) -> None:
    cards = imported(notes_dir, tmp_path, anki, BuildOptions(sequence="all"))
    second = shown(browser.new_page(), cards[1].question())
    assert all(step in second for step in (STEPS[0], STEPS[2], STEPS[3]))


def test_the_configuration_chooses_and_the_choice_reaches_existing_cards(
    notes_dir: Path, tmp_path: Path, anki: AnkiCollection, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (notes_dir / CASE.name).write_bytes(CASE.read_bytes())
    run: Callable[..., Any] = lambda *args: CliRunner().invoke(cli, list(args))  # noqa: E731
    assert run("build", "-q").exit_code == 0
    anki.import_apkg(tmp_path / "build" / "designing-machine-learning-systems.apkg")
    (notes_dir / "flashcards.yaml").write_text("sequence: all\n")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1867225600")
    assert run("build", "-q").exit_code == 0
    result = anki.import_apkg(tmp_path / "build" / "designing-machine-learning-systems.apkg")
    assert (result.new, result.updated) == (0, 1), "updated in place, history kept"
    (note,) = anki.notes('"note:flashcards Checklist"')
    assert 'class="checklist"' in note["Text"]
    (notes_dir / "flashcards.yaml").write_text("sequence: sometimes\n")
    bad = run("build")
    assert bad.exit_code == 2
    assert "'sequence' must be overlapping or all, not 'sometimes'" in bad.stderr


def test_list_shows_a_sequence_card_as_the_card_does(notes_dir: Path) -> None:
    (notes_dir / CASE.name).write_bytes(CASE.read_bytes())
    rows, _ = list_cards([notes_dir])
    assert [row.front for row in rows][:2] == [
        "To frame an ML problem, do these in order: [...]",
        "To frame an ML problem, do these in order: decide the output; [...]",
    ]


def test_a_vocab_front_names_its_book_and_chapter(
    seed_notes: Path, tmp_path: Path, anki: AnkiCollection, browser: Any
) -> None:
    (apkg,) = build([seed_notes], tmp_path / "build", BuildOptions(reverse=True)).files
    anki.import_apkg(apkg)
    note = anki.note_by_field("Term", "MLOps")
    page = browser.new_page()
    for card in note.cards():
        front = shown(page, card.question())
        assert front.startswith("Designing Machine Learning Systems - Chapter 01"), front
    size = page.evaluate(
        "() => parseFloat(getComputedStyle(document.querySelector('.subject')).fontSize)"
    )
    assert size < 20, "in small text above the term"
    forward = min(note.cards(), key=lambda card: card.ord)
    assert shown(page, forward.question()) == (
        "Designing Machine Learning Systems - Chapter 01 MLOps"
    ), "the subject and the term: no label beside them"
    answer = forward.answer().split("<hr id=answer>")[1]  # where Anki's reviewer scrolls
    assert shown(page, answer) == (
        "a set of tools and best practices for bringing ML into production. Key Vocab"
    ), "the definition and where it stands, the book not said again"


def test_a_changed_card_template_reaches_a_collection_that_imported_the_old_one(
    seed_notes: Path, tmp_path: Path, anki: AnkiCollection, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Template text may change (the note type's schema may not): the build stamps the note
    type anew, and real Anki's import then takes the new sides in place, notes untouched."""
    from flashcards.building import builder
    from flashcards.cards.notetypes import CHECKLIST, VOCAB

    real_hash = builder.note_type_hash
    with monkeypatch.context() as patch:  # the build of a release whose templates differed
        patch.setattr(builder, "note_type_hash", lambda t: "an older " + real_hash(t))
        (apkg,) = build([seed_notes], tmp_path / "build").files
    anki.import_apkg(apkg)
    models = anki.col.models
    for note_type in (VOCAB, CHECKLIST):  # as that release's package left the collection
        model = models.get(note_type.id)
        model["tmpls"][0]["afmt"] += "<div>an older back</div>"
        mod = model["mod"]
        models.update_dict(model)
        anki.col.db.execute("UPDATE notetypes SET mtime_secs = ? WHERE id = ?", mod, model["id"])
    models._clear_cache()
    note_ids = set(anki.col.find_notes(""))
    apkg.unlink()  # a release with other templates rebuilds every book (its fingerprint)

    (apkg,) = build([seed_notes], tmp_path / "build").files
    result = anki.import_apkg(apkg)

    assert result.conflicting == 0 and set(anki.col.find_notes("")) == note_ids
    for note_type in (VOCAB, CHECKLIST):
        model = models.get(note_type.id)
        assert [t["afmt"] for t in model["tmpls"]] == [t.back for t in note_type.templates]
