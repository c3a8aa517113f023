"""Note folders as people already have them (an Obsidian vault, MkDocs and Docusaurus
sites, a Hugo book-theme site, a Jekyll blog, a Logseq graph, a folder of chapter
READMEs), built with no configuration: the cards a learner sees (golden file beside each
folder), decks from the right names, no tool syntax on any card, media in Anki."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import AnkiCollection

from flashcards import BuildOptions, build
from flashcards.building.builder import list_cards
from flashcards.notes.config import find_config

FOLDERS = Path(__file__).parent / "folders"
CASES = [
    "vault", "mkdocs", "docusaurus", "hugo-book", "jekyll", "logseq", "chapter-readmes",
    "sr-vault", "o2a-vault",
]  # fmt: skip
# What the tools write that a card must never show.
TOOL_SYNTAX = re.compile(r":::|!!!|\?\?\?|\{\{|\}\}|\{%|%\}|%%|\[\[|\]\]|!\[|\s\^\w|\w::\s|\{:")


def cards(folder: Path) -> list[dict[str, Any]]:
    rows, _ = list_cards([folder])
    return [
        {"deck": row.deck, "kind": row.kind, "front": row.front, "back": row.back} for row in rows
    ]


@pytest.mark.parametrize("name", CASES)
def test_a_folder_builds_into_cards_a_person_would_keep(
    name: str, tmp_path: Path, anki: AnkiCollection, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(FOLDERS)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    report = build([Path(name)], tmp_path / "build")
    assert report.errors == []
    for apkg in report.files:
        assert anki.import_apkg(apkg).new > 0
    actual = {"problems": [str(p) for p in report.problems], "cards": cards(Path(name))}
    expected_path = FOLDERS / f"{name}.expected.json"
    if os.environ.get("UPDATE_GOLDEN"):
        expected_path.write_text(json.dumps(actual, indent=2, ensure_ascii=False) + "\n")
    assert actual == json.loads(expected_path.read_text(encoding="utf-8"))
    col = anki.col
    shown = [
        text
        for card_id in col.find_cards("")
        for text in (col.get_card(card_id).question(), col.get_card(card_id).answer())
    ]
    visible = [re.sub(r"<[^>]+>", " ", text) for text in shown]
    assert not [text for text in visible if TOOL_SYNTAX.search(text.replace("{{c", ""))]
    media = Path(col.media.dir())
    images = {name for text in shown for name in re.findall(r'<img src="([^"]+)"', text)}
    assert all((media / image).is_file() for image in images), "every image is in Anki"


def test_names_the_tool_guessed_come_from_the_folders() -> None:
    decks = {row["deck"] for name in CASES for row in cards(FOLDERS / name)}
    assert {
        "Networking::TCP handshake",  # a vault: the file name is the title, not '# Info'
        # a README in 'Chapter 3 - Storage': the chapter folder, its name kept
        "Ddia notes::Chapter 03 - Storage",
        "Ddia notes::Chapter 05 - Replication",  # the book: the folder above ('Chapters')
        "Hugo book::Chapter 01 - Reliability",  # a Hugo section page with a chapter in it
        "Jekyll::Consistency models",  # a post: no date in the deck
    } <= decks
    assert not any("Other Indexes" in deck or "Info" in deck for deck in decks)


def test_images_of_every_kind_reach_anki(tmp_path: Path, anki: AnkiCollection) -> None:
    report = build([FOLDERS / "vault", FOLDERS / "jekyll"], tmp_path / "build")
    assert report.errors == [] and not [p for p in report.problems if "image" in p.message]
    for apkg in report.files:
        anki.import_apkg(apkg)
    fields = " ".join(
        field for nid in anki.col.find_notes("") for field in anki.col.get_note(nid).fields
    )
    assert len(re.findall(r'<img src="diagram-[0-9a-f]+\.png"', fields)) == 2  # ![[ ]] and <img>
    assert re.search(r'<img src="dot-[0-9a-f]+\.png" alt="dot">', fields)  # {{ site.baseurl }}


@pytest.mark.parametrize(("packages", "files"), [("book", 2), ("folder", 2), ("one", 1)])
def test_the_packages_option_chooses_how_many_files_to_import(
    packages: str, files: int, tmp_path: Path
) -> None:
    vault = tmp_path / "vault"
    shutil.copytree(FOLDERS / "vault", vault)
    (vault / "flashcards.yaml").write_text(f"packages: {packages}\n")
    options = BuildOptions(parse=find_config(vault).parse_options())
    report = build([vault], tmp_path / "build", options)
    assert len(report.files) == files
    assert sum(report.cards_by_deck.values()) == 11, "the same cards, however packed"
