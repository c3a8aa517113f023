"""Notes as Hugo sites and Obsidian vaults hold them, built with no configuration and
imported into real Anki: the cards (golden file beside each site), the problems, and
every image the cards show present in the collection's media."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import AnkiCollection

from flashcards import build

SITES = Path(__file__).parent / "sites"
CASES = {"hugo-site": "hugo-site/content", "obsidian-vault": "obsidian-vault"}


def imported(anki: AnkiCollection) -> list[dict[str, Any]]:
    col = anki.col
    notes = []
    for nid in sorted(col.find_notes(""), key=lambda n: col.get_note(n).guid):
        note = col.get_note(nid)
        card = note.cards()[0]
        notes.append(
            {
                "deck": col.decks.name(card.did),
                "type": note.note_type()["name"],
                "fields": dict(note.items()),
                "tags": sorted(note.tags),
                "cards": len(note.cards()),
            }
        )
    return notes


@pytest.mark.parametrize("site", CASES, ids=list(CASES))
def test_site_builds_and_imports_with_its_media(
    site: str, tmp_path: Path, anki: AnkiCollection, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(SITES)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    report = build([Path(CASES[site])], tmp_path / "build")
    assert report.errors == []
    for apkg in report.files:
        assert anki.import_apkg(apkg).new > 0
    actual = {"problems": [str(p) for p in report.problems], "notes": imported(anki)}
    expected_path = SITES / f"{site}.expected.json"
    if os.environ.get("UPDATE_GOLDEN"):
        expected_path.write_text(json.dumps(actual, indent=2, ensure_ascii=False) + "\n")
    assert actual == json.loads(expected_path.read_text(encoding="utf-8"))
    media = Path(anki.col.media.dir())
    shown = {
        name
        for note in actual["notes"]
        for value in note["fields"].values()
        for name in re.findall(r'<img src="([^"]+)"', value)
    }
    assert shown, "the site's cards show images"
    assert all((media / name).is_file() for name in shown), "every image is in Anki's media"


def test_hugo_section_pages_without_lists_make_no_cards_and_no_warnings(tmp_path: Path) -> None:
    report = build([SITES / "hugo-site" / "content"], tmp_path / "build")
    assert sum("_index.md" in note.path for note in report.notes) == 2, "they are read"
    assert sum(report.cards_by_deck.values()) == 8, "and give no card"
    assert not any("_index.md" in problem.path for problem in report.problems)


def test_an_absolute_image_path_outside_a_hugo_site_is_a_warning(
    notes_dir: Path, tmp_path: Path
) -> None:
    (notes_dir / "n.md").write_text(
        '---\ntitle: "B - Chapter 1"\n---\n## Key Vocab\n- **A:** ![x](/images/a.png)\n'
    )
    report = build([notes_dir], tmp_path / "build")
    assert report.errors == []
    assert report.warnings[-1].message.startswith("image '/images/a.png' has an absolute path")
