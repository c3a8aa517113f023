"""Cards people already write inside their notes for other tools (Obsidian's
spaced-repetition plugin, Obsidian_to_Anki, Anki's own clozes), read with no rewrite,
imported into real Anki."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import AnkiCollection

from flashcards import BuildOptions, build, parse_note
from flashcards.building.builder import list_cards
from flashcards.options import ParseOptions

SPANISH = """\
---
title: "Spanish - Chapter 1"
tags: [flashcards/languages/spanish]
---
## Words
Hola::Hello
The capital of Spain:::Madrid
std::vector is a C++ type, and so is a::b here
See https://example.org::8080 for more
Empty term::

What is the plural of "el libro"?
?
los libros

The {{c1::Prado}} is in {{c2::Madrid::a city}}. #card
<!--SR:!2024-01-05,3,250-->

- Perro::dog
- Gato::cat ^cat-id
"""


def rows(tmp_path: Path, text: str, options: BuildOptions | None = None) -> list[tuple[str, ...]]:
    (tmp_path / "notes").mkdir(exist_ok=True)
    (tmp_path / "notes" / "n.md").write_text(text)
    found, _ = list_cards([tmp_path / "notes"], options or BuildOptions())
    return [(row.deck, row.kind, row.front, row.back) for row in found]


def test_a_tagged_note_gives_the_cards_its_syntax_says(tmp_path: Path) -> None:
    assert rows(tmp_path, SPANISH) == [
        ("languages::spanish", "vocab", "Hola", "Hello"),
        ("languages::spanish", "vocab", "The capital of Spain", "Madrid"),
        ("languages::spanish", "vocab-reverse", "Madrid", "The capital of Spain"),
        ("languages::spanish", "vocab", 'What is the plural of "el libro"?', "los libros"),
        ("languages::spanish", "vocab", "Perro", "dog"),
        ("languages::spanish", "vocab", "Gato", "cat"),
        ("languages::spanish", "cloze", "The [...] is in Madrid.", "Prado"),
        ("languages::spanish", "cloze", "The Prado is in [a city].", "Madrid"),
    ]


def test_without_the_tag_nothing_is_read_as_a_card(tmp_path: Path) -> None:
    untagged = SPANISH.replace("tags: [flashcards/languages/spanish]\n", "")
    assert [kind for _, kind, _, _ in rows(tmp_path, untagged)] == []
    note = parse_note(untagged, "n.md")
    assert note.vocab == () and note.clozes == ()
    everywhere = BuildOptions(parse=ParseOptions(inline_cards=True))
    assert len(rows(tmp_path, untagged, everywhere)) == 8, "inline_cards: true reads every note"


@pytest.mark.parametrize(
    "line",
    ["std::vector<int> is a type", "`a::b` in code", "https://example.org::8080", "Term::"],
)
def test_what_only_looks_like_a_card_is_none(line: str) -> None:
    note = parse_note(f"#flashcards\n\n{line}\n", "n.md")
    assert (note.vocab, note.clozes) == ((), ())


def test_markers_never_reach_a_card_and_anki_shows_cloze_hints(
    tmp_path: Path, anki: AnkiCollection
) -> None:
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "n.md").write_text(SPANISH)
    report = build([tmp_path / "notes"], tmp_path / "build")
    assert report.errors == []
    assert anki.import_apkg(report.files[0]).new == 6
    col = anki.col
    fields = " ".join(f for nid in col.find_notes("") for f in col.get_note(nid).fields)
    for marker in ("<!--", "SR:", "#card", "#flashcards", "^cat-id"):
        assert marker not in fields
    (cloze,) = [col.get_note(n) for n in col.find_notes('"note:flashcards Checklist"')]
    questions = [re.sub(r"<[^>]+>", " ", card.question()) for card in cloze.cards()]
    assert "[a city]" in " ".join(questions[1].split()), "Anki shows the hint"
    madrid = col.get_note(col.find_notes('"Term:The capital of Spain"')[0])
    assert len(madrid.cards()) == 2, ":::" + " asks both ways"


def test_an_edited_answer_updates_the_same_card_and_a_removed_one_is_gone(
    tmp_path: Path, anki: AnkiCollection, monkeypatch: pytest.MonkeyPatch
) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "n.md").write_text(SPANISH)
    out = tmp_path / "build"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    anki.import_apkg(build([notes], out).files[0])
    (notes / "n.md").write_text(SPANISH.replace("Hola::Hello", "Hola::Hello (informal)"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1867225600")
    imported = anki.import_apkg(build([notes], out).files[0])
    assert (imported.new, imported.updated) == (0, 1)
    (notes / "n.md").write_text(SPANISH.replace("- Perro::dog\n", ""))
    gone = build([notes], out)
    assert [card.search for card in gone.removed] == ['"deck:languages::spanish" "Term:Perro"']


def test_obsidian_to_anki_blocks_are_cards_in_any_note() -> None:
    note = parse_note(
        "# Cells\n\nSTART\nBasic\nFront: Powerhouse?\nBack: The mitochondrion.\n"
        "<!--ID: 1700000000001-->\nEND\n\nSTART\nCloze\nText: By {{c1::mitosis}}.\nEND\n",
        "cells.md",
    )
    assert [(v.term, v.line) for v in note.vocab] == [("Powerhouse?", 3)]
    assert [(c.text, c.line) for c in note.clozes] == [("By mitosis.", 10)]
