"""Optional configuration: flashcards.yaml or [tool.flashcards]; the command line wins."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from flashcards.cli import cli

NOTE = """\
---
title: "Systems Book - Chapter 4"
---
## Glossary Terms

- Quorum: a majority of replicas.

Vocab words:

- gossip
"""


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "n.md").write_text(NOTE, encoding="utf-8")
    return lambda *args: CliRunner().invoke(cli, list(args))


def cards(result: Result) -> list[dict[str, object]]:
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    return list(document["cards"])


def test_without_configuration_the_defaults_apply(run: Callable[..., Result]) -> None:
    listed = cards(run("list", "--format", "json"))
    assert [(c["kind"], c["front"]) for c in listed] == [("vocab", "Vocab words")]


def test_configuration_file_changes_headings_labels_tags_deck_and_reverse(
    run: Callable[..., Result],
) -> None:
    Path("notes/flashcards.yaml").write_text(
        "vocab_headings: [Glossary Terms]\n"
        "words_labels: [Vocab words]\n"
        "extra_tags: [from-config]\n"
        "deck: '{book}::Ch {number}'\n"
        "reverse: true\n",
        encoding="utf-8",
    )
    listed = cards(run("list", "--format", "json"))
    assert [(c["kind"], c["front"], c["deck"]) for c in listed] == [
        ("vocab", "Quorum", "Systems Book::Ch 04"),
        ("vocab-reverse", "a majority of replicas.", "Systems Book::Ch 04"),
    ]
    assert "from-config" in listed[0]["tags"]  # type: ignore[operator]
    checked = run("check")
    assert "notes/n.md:10: warning: 'gossip' has no definition; no card made" in checked.stderr
    assert [c["kind"] for c in cards(run("list", "--format", "json", "--no-reverse"))] == ["vocab"]


def test_output_folder_from_configuration(run: Callable[..., Result]) -> None:
    Path("notes/flashcards.yaml").write_text(
        "vocab_headings: [Glossary Terms]\noutput: decks\n", encoding="utf-8"
    )
    assert run("build", "-q").exit_code == 0
    assert Path("decks/systems-book.apkg").is_file()
    assert run("build", "-q", "-o", "elsewhere").exit_code == 0
    assert Path("elsewhere/systems-book.apkg").is_file()


def test_pyproject_table_is_read_when_there_is_no_yaml(run: Callable[..., Result]) -> None:
    Path("pyproject.toml").write_text(
        '[tool.flashcards]\nvocab-headings = ["Glossary Terms"]\n', encoding="utf-8"
    )
    listed = cards(run("list", "--format", "json"))
    assert [c["front"] for c in listed if c["kind"] == "vocab"] == ["Quorum"]


@pytest.mark.parametrize(
    "text, message",
    [
        (
            "revers: true\n",
            "unknown key 'revers'; allowed keys: vocab_headings, words_labels, "
            "extra_tags, reverse, skip_drafts, inline_cards, deck, output",
        ),
        ("reverse: yes please\n", "'reverse' must be true or false, not 'yes please'"),
        ("vocab_headings: 3\n", "'vocab_headings' must be a list of text, not 3"),
        ("deck: '{book}::{part}'\n", "'deck' uses {part}; allowed: {book}, {chapter}, {number}"),
        (
            "- a list\n",
            "must be keys and values; allowed keys: vocab_headings, words_labels, "
            "extra_tags, reverse, skip_drafts, inline_cards, deck, output",
        ),
        ("reverse: [\n", "cannot be read: while parsing a flow node"),
    ],
    ids=[
        "unknown-key",
        "wrong-type-flag",
        "wrong-type-list",
        "bad-pattern",
        "not-mapping",
        "bad-yaml",
    ],
)
def test_configuration_errors_name_file_key_and_what_is_allowed(
    run: Callable[..., Result], text: str, message: str
) -> None:
    Path("notes/flashcards.yaml").write_text(text, encoding="utf-8")
    result = run("check")
    assert result.exit_code == 2
    assert f"Error: notes/flashcards.yaml: {message}" in result.stderr
