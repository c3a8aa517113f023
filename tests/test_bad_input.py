"""Whatever arrives, the tool answers with a message, never a traceback, and the user's
previous decks stay as they were."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from conftest import output_files

from flashcards import build, check, parse_note
from flashcards.cli import cli

HEADER = '---\ntitle: "Big Book - Chapter 1"\n---\n'


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    monkeypatch.chdir(tmp_path)
    return lambda *args: CliRunner().invoke(cli, list(args))


def test_a_50_mb_note_builds(notes_dir: Path, tmp_path: Path) -> None:
    prose = ("A long paragraph of notes that goes on and on. " * 20 + "\n\n") * 54_000
    terms = "".join(f"- **Term {i}:** meaning {i}\n" for i in range(1000))
    (notes_dir / "big.md").write_text(HEADER + "## Key Vocab\n" + terms + "## Prose\n" + prose)
    assert (notes_dir / "big.md").stat().st_size > 50_000_000
    report = build([notes_dir], tmp_path / "out")
    assert report.errors == []
    assert report.cards_by_deck == {"Big Book::Chapter 01": 1000}


def test_a_list_nested_1000_levels_deep_is_refused_with_its_line(notes_dir: Path) -> None:
    nested = "".join("  " * depth + "- level\n" for depth in range(1000))
    (notes_dir / "deep.md").write_text(HEADER + "## Ideas\n" + nested)
    (problem,) = check([notes_dir]).errors
    assert problem.message == (
        "Markdown nested more than 100 levels deep; flatten the lists or quotes here"
    )
    assert problem.line == 54  # the 50th level: a list and an item each count


def test_a_list_nested_40_levels_deep_is_parsed() -> None:
    nested = "".join("  " * depth + "- level\n" for depth in range(40))
    note = parse_note(HEADER + "## Ideas\n" + nested, "deep.md")
    # the deepest item over its one child: a name and what it is, a definition
    assert ([v.term for v in note.vocab], note.checklists) == (["level"], ())


def test_a_one_megabyte_line_is_a_definition() -> None:
    definition = "word " * 200_000
    note = parse_note(HEADER + "## Key Vocab\n- **Long:** " + definition + "\n", "long.md")
    assert len(note.vocab) == 1
    assert len(note.vocab[0].definition[0].children[0].text) > 999_000


def test_ten_thousand_terms_in_one_note(notes_dir: Path, tmp_path: Path) -> None:
    terms = "".join(f"- **Term {i}:** meaning {i}\n" for i in range(10_000))
    (notes_dir / "many.md").write_text(HEADER + "## Key Vocab\n" + terms)
    (apkg,) = build([notes_dir], tmp_path / "out").files
    assert apkg.stat().st_size > 0
    assert check([notes_dir]).cards_by_deck == {"Big Book::Chapter 01": 10_000}


def test_alias_bomb_is_refused_quickly() -> None:
    bomb = (Path(__file__).parent / "problems" / "alias-bomb.md").read_text()
    start = time.monotonic()
    with pytest.raises(Exception, match="'tags' must be a list of words"):
        parse_note(bomb, "bomb.md")
    assert time.monotonic() - start < 1.0  # expanding it would take minutes and gigabytes


def test_symlink_loop_under_notes_is_not_followed(notes_dir: Path) -> None:
    (notes_dir / "a.md").write_text(HEADER + "## Key Vocab\n- **A:** b\n")
    (notes_dir / "loop").symlink_to(notes_dir, target_is_directory=True)
    report = check([notes_dir])
    assert [n.path.endswith("a.md") for n in report.notes] == [True]


def test_folder_named_like_a_note_is_walked_not_read(notes_dir: Path) -> None:
    folder = notes_dir / "x.md"
    folder.mkdir()
    (folder / "inside.md").write_text(HEADER + "## Key Vocab\n- **A:** b\n")
    report = check([notes_dir])
    assert report.errors == []
    assert len(report.notes) == 1


def test_unreadable_file_is_named_with_the_reason(
    notes_dir: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    (notes_dir / "secret.md").write_text(HEADER)
    real = os.open

    def open_file(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if os.fspath(path).endswith("secret.md"):
            raise PermissionError(13, "Permission denied")
        return real(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_file)  # as root, chmod 000 would not stop a read
    result = run("check")
    assert result.exit_code == 1
    assert "notes/secret.md: error: cannot be read: Permission denied" in result.stderr


def test_failed_run_replaces_no_output(
    seed_notes: Path, tmp_path: Path, run: Callable[..., Result]
) -> None:
    out = tmp_path / "build"
    assert run("build", "-q").exit_code == 0
    before = output_files(out)
    (seed_notes / "broken.md").write_text("---\ntitle: [\n---\n")
    result = run("build")
    assert result.exit_code == 1
    assert output_files(out) == before


def test_warnings_do_not_stop_other_notes(notes_dir: Path, tmp_path: Path) -> None:
    (notes_dir / "good.md").write_text(HEADER + "## Key Vocab\n- **A:** b\n")
    (notes_dir / "odd.md").write_text('---\ntitle: "Big Book - Chapter 2"\n---\nprose only\n')
    report = build([notes_dir], tmp_path / "out")
    assert len(report.warnings) == 1 and report.errors == []
    assert report.cards_by_deck == {"Big Book::Chapter 01": 1}


def test_note_files_are_never_modified(seed_notes: Path, tmp_path: Path) -> None:
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in seed_notes.iterdir()}
    build([seed_notes], tmp_path / "out")
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in seed_notes.iterdir()} == before


def test_missing_notes_folder_is_a_usage_error(run: Callable[..., Result]) -> None:
    result = run("build", "no-such-folder")
    assert result.exit_code == 2
    assert "Traceback" not in result.output


@pytest.mark.parametrize("chapter", ["²", "Ⅳ", "³⁴"])
def test_a_chapter_of_digit_like_characters_is_a_name(
    chapter: str, notes_dir: Path, run: Callable[..., Result]
) -> None:
    (notes_dir / "n.md").write_text(f'---\nbook: Book\nchapter: "{chapter}"\n---\n'
                                    "## Key Vocab\n- **A:** b\n")  # fmt: skip
    for command in (["check"], ["list"], ["build"]):
        result = run(*command)
        assert result.exit_code == 0, result.output
        assert "Traceback" not in result.output
    assert f"Book::{chapter}" in run("list").stdout
