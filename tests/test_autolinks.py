"""Bare links become links by GFM's extended-autolink rules, as GitHub shows them."""

from __future__ import annotations

import pytest

from flashcards.cards.render import render
from flashcards.notes.dialects import autolinks
from flashcards.notes.markdown import parse_markdown

REL = 'rel="noopener noreferrer"'


def linked(markdown: str) -> str:
    return render(autolinks.rewrite(parse_markdown(markdown)))


@pytest.mark.parametrize(
    "markdown, expected",
    [
        ("see example.com or notes.md", "see example.com or notes.md"),  # as on GitHub
        ("ask a@b.example.", f'ask <a href="mailto:a@b.example" {REL}>a@b.example</a>.'),
        (
            "xmpp:me@b.example/phone",
            f'<a href="xmpp:me@b.example/phone" {REL}>xmpp:me@b.example/phone</a>',
        ),
        ("(www.a.org/x_(y)))", f'(<a href="http://www.a.org/x_(y)" {REL}>www.a.org/x_(y)</a>))'),
        ("www.a_b.c_d and a@b-", "www.a_b.c_d and a@b-"),  # no valid domain
        ("in `www.a.org` code", "in <code>www.a.org</code> code"),
    ],
)
def test_bare_links_follow_gfm(markdown: str, expected: str) -> None:
    assert linked(markdown) == expected
