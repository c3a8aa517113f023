"""One broken note stops its own book, never the build: the other books are written, the
broken book keeps its package and stamps, and nothing is lost in Anki."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import AnkiCollection

from flashcards import build
from flashcards.building.state import BOOKS_FOLDER
from flashcards.cli import cli


def chapter(book: str, terms: str) -> str:
    items = "".join(f"- **{term}:** {term} means something\n" for term in terms.split())
    return f'---\ntitle: "{book} - Chapter 1"\n---\n## Key Vocab\n{items}'


@pytest.fixture
def library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    notes = tmp_path / "notes"
    for book, terms in (("One", "a b"), ("Two", "c d")):
        (notes / book.lower()).mkdir(parents=True)
        (notes / book.lower() / "ch1.md").write_text(chapter(book, terms))
    return notes


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def test_a_broken_note_holds_its_book_and_the_others_are_written(
    library: Path, anki: AnkiCollection, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = Path("build")
    assert run("build").exit_code == 0
    for package in sorted(out.glob("*.apkg")):
        anki.import_apkg(package)
    two = (out / "two.apkg").read_bytes()
    stamps = (out / BOOKS_FOLDER / "two.json").read_bytes()

    (library / "one" / "ch1.md").write_text(chapter("One", "a b e"))
    (library / "two" / "ch1.md").write_text("---\ntitle: [broken\n---\n- **c:** gone?\n")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1867225600")
    result = run("build")
    assert result.exit_code == 1
    assert "notes/two/ch1.md:3: error: front matter is not valid YAML" in result.stderr
    assert result.stderr.splitlines()[-1] == (
        "Error: 1 error in notes; left as the last build wrote them: two.apkg"
    )
    assert "wrote build/one.apkg" in result.stdout
    assert "Gone from the notes" not in result.output, "a held book loses no card"
    assert (out / "two.apkg").read_bytes() == two
    assert (out / BOOKS_FOLDER / "two.json").read_bytes() == stamps
    assert anki.import_apkg(out / "one.apkg").new == 1

    (library / "two" / "ch1.md").write_text(chapter("Two", "c d f"))
    fixed = run("build")
    assert fixed.exit_code == 0, fixed.output
    assert "wrote build/two.apkg" in fixed.stdout
    imported = anki.import_apkg(out / "two.apkg")
    assert (imported.new, imported.updated) == (1, 0)
    terms = sorted(note["Term"] for note in anki.notes())
    assert terms == ["a", "b", "c", "d", "e", "f"], "nothing duplicated, nothing lost"


def test_a_new_broken_note_stops_nothing(library: Path) -> None:
    (library / "two" / "draft.md").write_bytes(b"\x00binary")
    report = build([library], Path("build"))
    assert [p.message for p in report.errors] == [
        "the file holds a NUL byte: it is binary, not a text note"
    ]
    assert sorted(p.name for p in report.files) == ["one.apkg", "two.apkg"]


def test_a_missing_image_is_a_warning_and_the_card_is_built(library: Path) -> None:
    (library / "one" / "ch1.md").write_text(
        '---\ntitle: "One - Chapter 1"\n---\n## Key Vocab\n- **Pic:** ![a red dot](red.png)\n'
    )
    report = build([library], Path("build"))
    assert report.errors == []
    assert [str(p) for p in report.warnings] == [
        "notes/one/ch1.md:5: warning: image 'red.png' not found; the card shows its alt text"
    ]
    assert Path("build/one.apkg").is_file()


def test_list_exits_1_whenever_a_note_has_an_error(library: Path) -> None:
    assert run("list").exit_code == 0
    (library / "two" / "ch1.md").write_text("---\ntitle: [broken\n---\n")
    listed = run("list")
    assert listed.exit_code == 1
    assert "one" in listed.stdout.lower(), "the cards of the other notes are still listed"
    assert run("check").exit_code == 1
