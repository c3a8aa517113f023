"""The README's examples are run, so they cannot go stale."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import AnkiCollection

from flashcards.cli import cli
from flashcards.notes.markdown import parse_markdown
from flashcards.notes.parse import parse_note

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
    assert [(c.prompt, len(c.items), c.ordered) for c in note.checklists] == [
        ("Before starting an ML project, ask:", 2, False),
        ("To frame an ML problem, in order:", 3, True),
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


def test_readme_command_examples_run(
    seed_notes: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    base = tmp_path / "Anki2"  # sync and stats find the user's (closed) collection here
    (base / "User 1").mkdir(parents=True)
    AnkiCollection(base / "User 1" / "collection.anki2").col.close()
    monkeypatch.setenv("ANKI_BASE", str(base))
    monkeypatch.setenv("ANKICONNECT_URL", "http://127.0.0.1:9")
    (console,) = blocks("console")
    commands = [line[2:].split("#")[0].split(">")[0] for line in console.splitlines()]
    assert {shlex.split(c)[1] for c in commands} == set(cli.commands)  # type: ignore[attr-defined]
    for command in commands:
        args = [arg for arg in shlex.split(command)[1:] if arg != "--open"]
        if args[0] == "watch":
            continue  # it runs until Ctrl-C: tests/test_watch.py drives it
        result = CliRunner().invoke(cli, args)
        # The user's note lists undefined bare terms: warnings, which --strict makes errors.
        expected = 1 if "--strict" in args else 0
        assert result.exit_code == expected, f"{command}: {result.output}"


def test_list_json_matches_the_documented_shape(
    seed_notes: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (documented,) = (json.loads(b) for b in blocks("json"))
    result = CliRunner().invoke(cli, ["list", "--format", "json"])
    actual = json.loads(result.stdout)
    assert actual.keys() == documented.keys() and actual["version"] == documented["version"]
    example = documented["cards"][0]
    kinds = {c["kind"] for c in actual["cards"]}
    assert kinds == {"vocab", "checklist"}
    for card in actual["cards"]:
        assert card.keys() == example.keys()
        for key, value in example.items():
            assert type(card[key]) is type(value), key
        assert all(isinstance(tag, str) for tag in card["tags"])
    assert actual["cards"][0] == {**example, "tags": actual["cards"][0]["tags"]}
    assert set(example["tags"]) <= set(actual["cards"][0]["tags"])
