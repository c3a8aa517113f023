"""An inline ``<style>`` or ``<script>`` that the note never closes hides nothing: the
text after it reaches the card (a browser would take all of it as the element's
content); a closed one is dropped with what it holds, as before."""

from __future__ import annotations

import pytest

from flashcards.cards.identity import note_drafts
from flashcards.notes.parse import parse_note


def fields(body: str) -> list[tuple[str, ...]]:
    return [draft.note.fields for draft in note_drafts(parse_note(body, "n.md"), reverse=False)]


@pytest.mark.parametrize(
    ("definition", "shown"),
    [
        ("before <style>after and more", "before after and more"),
        ("before <script>after", "before after"),
        ("x <STYLE type='t'>after</b> *too*", "x after <em>too</em>"),
        ("x <style>p {}</style> after", "x  after"),
        ("x <style>a</style> y <script>z", "x  y z"),
    ],
)
def test_a_definition_keeps_the_text_after_an_unclosed_raw_element(
    definition: str, shown: str
) -> None:
    (first, second) = fields(f"## Key Vocab\n- **a:** {definition}\n- **b:** c\n")
    assert first[:2] == ("a", shown)
    assert second[:2] == ("b", "c")


def test_a_paragraph_keeps_the_text_after_an_unclosed_style() -> None:
    body = "# Notes\n\n- Steps <style>one\n  - first *step*\n  - then <script>second\n"
    (checklist,) = fields(body)
    text = " ".join(checklist)
    assert "Steps one" in text
    assert "first <em>step</em>" in text
    assert "then second" in text
    assert "<style" not in text and "<script" not in text
