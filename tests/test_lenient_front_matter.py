"""Front matter that YAML refuses but whose writer's meaning is plain (``title: Chapter 3:
Replication``) is mended line for line, with a warning; anything else stays an error."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from flashcards import parse_note
from flashcards.cli import cli
from flashcards.errors import NoteError
from flashcards.notes.lenient import mend

VOCAB = "## Key Vocab\n- **Leader:** the replica that takes the writes\n"


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("title: Chapter 3: Replication", "Chapter 3: Replication"),
        (
            "title: `git commit -- path` does not isolate you",
            "`git commit -- path` does not isolate you",
        ),
        ('title: "250 queued" is not delivery', '"250 queued" is not delivery'),
        ("related: [[Leaders]] [[Followers]]", "[[Leaders]] [[Followers]]"),
        ("title: overlay: use 100dvh   ", "overlay: use 100dvh"),
        ("title: a path: C:\\notes\\ch3", "a path: C:\\notes\\ch3"),
        ("title: *Replication* in practice", "*Replication* in practice"),
        ("title: & co", "& co"),
    ],
)
def test_a_line_yaml_refuses_is_the_text_after_its_colon(line: str, value: str) -> None:
    raw = f"book: Data Systems\n{line}\ntags:\n  - replication\n  - leaders\n"
    raw += "# a comment\nchapter: 3\n"
    mended, quoted = mend(raw)
    key = line.split(":")[0]
    assert yaml.safe_load(mended) == {
        "book": "Data Systems",
        key: value,
        "tags": ["replication", "leaders"],
        "chapter": 3,
    }
    assert quoted == [(1, key)]
    assert len(mended.split("\n")) == len(raw.split("\n")), "every line keeps its number"


def test_anchors_and_aliases_between_keys_still_work() -> None:
    metadata = parse_note(
        "---\ntitle: Chapter 3: Replication\nbase: &tags [db, replication]\ntags: *tags\n"
        f"---\n{VOCAB}",
        "n.md",
    )
    assert (metadata.title, metadata.tags) == ("Chapter 3: Replication", ("db", "replication"))


@pytest.mark.parametrize(
    "raw",
    [
        "title: [unclosed\n",  # a list begun and never ended
        "title: a: b\ntags: [x, y\n",  # one key readable as text, another broken
        "title: {a: b\n",
        "title: |\n  text: more\n bad: indent\n",
        "title: &anchor a: b\n",
        "- a list, not keys\n",
        "title: a: b\n  indented: c: d\n",  # more than one line under the key
    ],
)
def test_anything_else_is_still_an_error(raw: str) -> None:
    with pytest.raises(NoteError):
        parse_note(f"---\n{raw}---\n{VOCAB}", "n.md")


def test_a_note_with_a_colon_in_its_title_builds_with_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("notes").mkdir()
    Path("notes/ch03.md").write_text(
        f"---\nbook: Data Systems\ntitle: Chapter 3: Replication\n---\n{VOCAB}"
    )
    result = CliRunner().invoke(cli, ["build", "notes", "-o", "build"])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == (
        "notes/ch03.md:3: warning: front matter 'title' is not valid YAML; its value is read "
        "as the text after the colon (quote it to say so)"
    )
    note = parse_note(Path("notes/ch03.md").read_text(), "notes/ch03.md")
    assert (note.book, note.title, note.deck) == (
        "Data Systems",
        "Chapter 3: Replication",
        "Data Systems::Chapter 03",
    )


def test_broken_front_matter_is_still_an_error_at_its_line() -> None:
    with pytest.raises(NoteError) as raised:
        parse_note("---\ntitle: Chapter 3: Replication\ntags: [a, b\n---\n" + VOCAB, "n.md")
    assert (raised.value.problem.line, raised.value.problem.message) == (
        4,  # where YAML looked for the ']' (the title on line 2 would have been read)
        "front matter is not valid YAML: did not find expected ',' or ']'",
    )
