"""Exact text, round 2: HTML in definitions as CommonMark reads it, display math that
spans a blank line, and GFM's bare links."""

from __future__ import annotations

import pytest

from flashcards import parse_note
from flashcards.cards.render import render

HEAD = '---\ntitle: "B - Chapter 1"\n---\n## Key Vocab\n'


def definitions(body: str) -> dict[str, str]:
    note = parse_note(HEAD + body, "n.md")
    return {vocab.term: render(vocab.definition) for vocab in note.vocab}


def test_indented_html_in_a_definition_is_html() -> None:
    shown = definitions(
        "- **Comment:** first line\n      <!-- private note -->\n      more text\n"
        "- **Details:** see below\n\n  <details><summary>More</summary>hidden</details>\n"
    )
    assert "private note" not in shown["Comment"]
    assert "more text" in shown["Comment"]
    assert "<details><summary>More</summary>hidden</details>" in shown["Details"]


@pytest.mark.parametrize(
    ("html", "shown"),
    [
        ("<div>*Emphasized* text.</div>", "<div>*Emphasized* text.</div>"),
        ("<table><tr><td>cell</td></tr></table>", "cell"),
    ],
)
def test_a_definition_that_is_only_html_is_a_card(html: str, shown: str) -> None:
    assert shown in definitions(f"- **Only HTML:**\n  {html}\n")["Only HTML"]


def test_an_unclosed_style_takes_only_itself() -> None:
    note = parse_note(
        HEAD + "- **Style:** before\n\n  <style>p{color:red}\n\n  after it\n\n  - a list\n",
        "n.md",
    )
    shown = render(note.vocab[0].definition)
    assert "color" not in shown
    assert "after it" in shown and "<li>a list</li>" in shown
    assert [p.message for p in note.problems] == [
        "HTML <style> is not allowed on cards; it is left out with its content"
    ]


def test_display_math_with_a_blank_line_stays_one_formula() -> None:
    shown = definitions("- **Sum:** the sum\n  $$\n  a + b\n\n  = c\n  $$\n")["Sum"]
    assert shown.count("\\[") == 1 and "$$" not in shown and "= c" in shown


@pytest.mark.parametrize(
    ("formula", "line"),
    [
        ("\\langle u,v\\rangle\n  =\n  u_1v_1", "="),  # would underline a heading
        ("x\n  ---\n  y", "---"),  # a heading, or a rule
        ("a\n  + b\n  - c", "+ b"),  # a list
        ("a\n  1. b", "1. b"),  # a numbered list
        ("a\n  # b", "# b"),  # a heading
    ],
)
def test_display_math_lines_are_never_taken_for_structure(formula: str, line: str) -> None:
    shown = definitions(f"- **Inner product:** reads\n\n  $$\n  {formula}\n  $$\n")["Inner product"]
    assert shown.count("\\[") == 1 and shown.count("\\]") == 1 and "$$" not in shown
    assert line in shown and "<h" not in shown and "<li>" not in shown


def test_a_quoted_formula_stays_quoted_and_one() -> None:
    text = "- **Dot product:** reads\n\n  > $$\n  > a\n  > =\n  > - b\n  > $$\n"
    shown = definitions(text)["Dot product"]
    assert shown.count("<blockquote>") == 1 and shown.count("\\[") == 1
    assert "<li>" not in shown and "&gt;" not in shown


def test_a_lone_dollar_pair_leaves_the_text_as_it_is() -> None:
    shown = definitions("- **Ticket:** it costs $$ here\n  - one\n  - two\n")["Ticket"]
    assert "<li>one</li>" in shown and "\u00a0" not in shown


def test_bare_links_become_links_but_not_in_code_or_links() -> None:
    shown = definitions(
        "- **Links:** www.example.com, https://example.org/x and ann@example.com; "
        "not `www.code.com` nor [a](https://b.org)\n"
    )["Links"]
    assert '<a href="http://www.example.com"' in shown
    assert '<a href="https://example.org/x"' in shown
    assert '<a href="mailto:ann@example.com"' in shown
    assert "<code>www.code.com</code>" in shown
    assert shown.count("<a ") == 4
