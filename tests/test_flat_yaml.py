"""Flat front matter read without PyYAML's machinery gives exactly what PyYAML gives."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from flashcards.errors import NoteError
from flashcards.notes.flatyaml import load_flat
from flashcards.notes.load import split_front_matter

KEYS = ["title", "book", "chapter", "tags", "date", "draft", "on", "yes", "null", "True", "_k"]
# values that YAML reads as something else than they look, or cannot read at all
VALUES = [
    *("", "1", "01", "0x1F", "1_000", "1:30", "1.5", ".5", ".inf", "-1", "+1", "1e3", "0b101"),
    *("1.0e+3", "190:20:30", "-.inf", ".NaN", "true", "True", "yes", "No", "on", "OFF", "null"),
    *("~", "2022-08-16", "2022-08-16T23:03:45-06:00", "2022-8-6 1:02:03", "2022-13-45", "="),
    *("a: b", "a:", "a:b", "a #c", "a#b", "http://x.y/z", "it's", "a  b", "(x)", "x [y]", "<<"),
    *('"q"', "'q'", '"a\\"b"', "'it''s'", '"a # b"', '"unclosed', "'unclosed", '"a" # c', "..."),
    *("[a, b]", "[]", "[a,]", "[ 'a' , \"b\" ]", "[1, true, null, 2022-01-02]", "[a, [b]]"),
    *("[a, b] # c", "[a b, c-d]", '["a, b"]', "[a: b]", "{a: 1}", "&a x", "*a", "!tag x"),
    *(
        "|",
        ">",
        "-",
        "- a",
        "?",
        "@x",
        "`x`",
        "%x",
        "Über",
        "日本語",
        "a\tb",
        "x\u00a0y",
        "x\u200by",
    ),
]
LINES = [
    *("", "# a comment", "  indented: 1", "key : v", "\tkey: v", "k:v", "...", "  # indented"),
    *("- item", "  - item", "- 'q'", "- [x, y]", "-", "- ", "  -  c", "- a: b", "- - a", "-x"),
    *("    - deeper", "- 2022-01-02", "- true", "tags:", "aliases:", "  continued"),
]
LINE = st.one_of(
    st.tuples(st.sampled_from(KEYS) | st.from_regex(r"[a-z_][a-z0-9_-]{0,6}", fullmatch=True),
              st.sampled_from(VALUES) | st.text(max_size=12)).map(lambda kv: f"{kv[0]}: {kv[1]}"),
    st.sampled_from(LINES),
    st.text(max_size=16),
)  # fmt: skip
FRONT_MATTER = st.lists(LINE, max_size=6).map("\n".join)


def _outcome(load, raw: str) -> tuple[str, str]:
    try:
        return "value", repr(load(raw))  # repr: True is not 1, a date keeps its zone
    except yaml.YAMLError:
        return "yaml error", ""
    except (ValueError, OverflowError) as error:
        return "unreadable", type(error).__name__


@settings(max_examples=1500, deadline=2000)
@given(FRONT_MATTER)
def test_flat_front_matter_reads_as_pyyaml_reads_it(raw: str) -> None:
    flat = _outcome(load_flat, raw)
    if flat == ("value", "None"):
        return  # not flat: PyYAML reads it
    assert flat == _outcome(lambda text: yaml.load(text, Loader=yaml.CSafeLoader), raw)


@pytest.mark.parametrize(
    "note",
    [*Path("notes").glob("*.md"), *Path("tests").rglob("*.md")],
    ids=str,
)
def test_every_flat_front_matter_of_the_fixtures_reads_as_pyyaml_reads_it(note: Path) -> None:
    try:
        raw = split_front_matter(note.read_text(encoding="utf-8"), str(note)).front_matter
    except (NoteError, UnicodeDecodeError):
        return  # a note in error for other reasons (tests/problems)
    flat = load_flat(raw)
    assert flat is None or repr(flat) == repr(yaml.safe_load(raw))


def test_the_seed_notes_front_matter_is_read_flat() -> None:
    """The shape it is for: quoted strings, a date, a boolean, lists, a blank line."""
    (note,) = Path("notes").glob("*.md")
    raw = split_front_matter(note.read_text(encoding="utf-8"), str(note)).front_matter
    assert load_flat(raw) == yaml.safe_load(raw)
    assert load_flat('title: "A"\nchapter: 3\ntags: [a, "b c"]\ndraft: false') == {
        "title": "A",
        "chapter": 3,
        "tags": ["a", "b c"],
        "draft": False,
    }
