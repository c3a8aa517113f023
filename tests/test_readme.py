"""The README's examples are run, so they cannot go stale."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from flashcards.cli import cli
from flashcards.markdown import parse_markdown
from flashcards.parse import parse_note

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def blocks(language: str) -> list[str]:
    """The README's fenced code blocks in ``language`` ("" for none), read by the parser."""
    return [
        "".join(child.text for child in node.children)
        for node in parse_markdown(README)
        if node.kind == "code_block" and node.text == language
    ]


def test_readme_note_example_gives_the_cards_and_warnings_it_shows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    example = blocks("markdown")[0]
    note = parse_note(example, "notes/example.md")
    assert [v.term for v in note.vocab] == ["MLOps", "Machine Learning"]
    assert [(c.prompt, len(c.items)) for c in note.checklists] == [
        ("Before starting an ML project, ask:", 2)
    ]
    assert note.deck == "Designing Machine Learning Systems::Chapter 01"
    assert note.all_tags == ("designing-machine-learning-systems::chapter-01", "mlops")

    shown = blocks("")[0].strip().splitlines()
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "example.md").write_text(example, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check"])
    assert result.exit_code == 0
    assert result.stderr.strip().splitlines() == shown


def test_readme_command_synopsis_matches_the_cli() -> None:
    synopsis = next(b for b in blocks("") if b.startswith("flashcards build"))
    for line in synopsis.strip().splitlines():
        command = line.split()[1]
        options = re.findall(r"(--?[a-z-]+)", line)
        result = CliRunner().invoke(cli, [command, "--help"])
        assert result.exit_code == 0
        for option in options:
            assert option in result.output, f"{option} of '{command}' is not in --help"
