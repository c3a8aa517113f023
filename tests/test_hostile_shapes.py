"""Every rewrite of a note's text is near linear in its length, whatever the text: each
dialect's markers repeated, nested, never closed and mixed (benchmarks/hostile.py, also
timed by ``make bench``) are built at a size where a rewrite that is quadratic takes
minutes, under a generous limit. The faster expressions find what the old ones found."""

from __future__ import annotations

import re
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from benchmarks.hostile import SHAPES, note
from flashcards.building.notefile import process_file
from flashcards.notes.dialects import hugo, inline, jekyll
from flashcards.notes.model import anki_clozes, replace_clozes
from flashcards.options import ReadOptions

CHARACTERS = 400_000  # a quadratic rewrite of this many took from 10 s to minutes
LIMIT_SECONDS = 60  # near linear, each takes about a second (plain Python, a busy machine)


class TooSlow(Exception):
    pass


def _stop(*_: Any) -> None:
    raise TooSlow


@pytest.fixture
def limit() -> Iterator[None]:
    previous = signal.signal(signal.SIGALRM, _stop)
    signal.alarm(LIMIT_SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_a_hostile_shape_builds_in_near_linear_time(name: str, tmp_path: Path, limit: None) -> None:
    shape = SHAPES[name]
    characters = CHARACTERS * shape.scale
    notes = note(shape, characters // len(shape.unit), tmp_path)
    (path,) = (p for p in notes.rglob("hostile*") if p.is_file())
    try:
        result = process_file((str(path), str(notes)), options=ReadOptions())
    except TooSlow:
        pytest.fail(f"{name}: {characters:,} characters took over {LIMIT_SECONDS} s")
    assert result.signature is not None
    assert result.note is not None or result.problems, "a card, a note or a located error"


# The expressions as they were (right, but quadratic or worse on hostile text)
OLD_CLOZE = re.compile(r"\{\{c(\d+)::(.*?)(?:::(.*?))?\}\}", re.DOTALL)
OLD_SHORTCODE = re.compile(
    r"\{\{(?P<open>[<%])(?P<comment>/\*)?\s*(?P<close>/)?\s*(?P<name>[\w./-]+)"
    r"(?P<args>.*?)\s*(?P<self>/)?\s*(?P<endcomment>\*/)?(?P<end>[>%])\}\}",
    re.DOTALL,
)
OLD_OUTPUT = re.compile(r"\{\{-?\s*([^{}|]+?)\s*((?:\|[^{}]*?)?)-?\}\}")
OLD_MARKER = re.compile(r"<!--\s*(?:ID:\s*\d+|SR:[^>]*?)\s*-->")


def texts(alphabet: list[str]) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(alphabet), max_size=14).map("".join)


@settings(max_examples=400, deadline=None)
@given(texts(["{{c1::", "{{c12::", "::", ":", "}}", "}", "a", " ", "\n", "{"]))
def test_clozes_are_found_as_before(text: str) -> None:
    assert [m.span() + m.groups() for m in anki_clozes(text)] == [
        m.span() + m.groups() for m in OLD_CLOZE.finditer(text)
    ]
    assert replace_clozes(text, lambda m: f"<{m.group(2)}>") == OLD_CLOZE.sub(r"<\2>", text)


@settings(max_examples=400, deadline=None)
@given(texts(["{{<", "{{%", ">}}", "%}}", "/*", "*/", "/", " ", "a", '"', ">", "}", "\n"]))
def test_shortcodes_are_found_as_before(text: str) -> None:
    def found(matches: Iterator[re.Match[str]]) -> list[tuple[Any, ...]]:
        return [(m.span(), m.group("args").strip(), *m.group(*_OTHERS)) for m in matches]

    last = max(text.rfind(">}}"), text.rfind("%}}")) + 3
    assert found(hugo._TAG.finditer(text, 0, last)) == found(OLD_SHORTCODE.finditer(text))


_OTHERS = ("open", "comment", "close", "name", "self", "endcomment", "end")


def _old_outputs(text: str, page: dict[str, str], site: dict[str, str]) -> str:
    return OLD_OUTPUT.sub(lambda m: jekyll.output_value(m.group(1).strip(), page, site), text)


@settings(max_examples=600, deadline=None)
@given(texts(["{{", "}}", "{", "}", "-", " ", "|", "page.a", "page.", "a", "'x'", "\n"]))
def test_liquid_outputs_are_replaced_as_before(text: str) -> None:
    page, site = {"a": "A", "-": "dash"}, {"a": "S"}
    assert jekyll._outputs(text, page, site) == _old_outputs(text, page, site)


@settings(max_examples=400, deadline=None)
@given(texts(["<!--", "-->", "SR:", "ID:", "1", "!2", " ", "-", ">", "a"]))
def test_review_markers_are_found_as_before(text: str) -> None:
    """Except in a marker holding another ``<!--`` (the inner one is the marker now): a
    review marker's text holds no ``<``."""
    assume(text.count("<") <= 1)
    assert [m.span() for m in inline._MARKER.finditer(text)] == [
        m.span() for m in OLD_MARKER.finditer(text)
    ]
