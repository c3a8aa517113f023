"""Card HTML, construct by construct: faithful Markdown, math, code, and nothing unsafe."""

from __future__ import annotations

import unicodedata

import pytest

from flashcards.cards.identity import guid_for
from flashcards.cards.render import (
    ALLOWED_TAGS,
    checklist_fields,
    cloze_safe,
    context_html,
    render,
)
from flashcards.notes.markdown import parse_markdown
from flashcards.notes.parse import parse_note


def html(markdown: str) -> str:
    return render(parse_markdown(markdown), {"fig.png": "fig-0123456789abcdef.png"})


FAITHFUL = [
    ("emphasis", "*a* _b_ **c** ~~d~~", "<em>a</em> <em>b</em> <strong>c</strong> <del>d</del>"),
    ("inline-code", "use `std::vector<int>` here", "use <code>std::vector&lt;int&gt;</code> here"),
    (
        "link",
        '[docs](https://example.org/a?b=1&c=2 "Docs")',
        '<a href="https://example.org/a?b=1&amp;c=2" title="Docs" rel="noopener noreferrer">'
        "docs</a>",
    ),
    ("hard-break", "one  \ntwo\\\nthree", "one<br>two<br>three"),
    ("soft-break", "one\ntwo", "one\ntwo"),
    (
        "nested-lists",
        "1. a\n   - b\n     1. c\n2. d",
        "<ol><li>a<ul><li>b<ol><li>c</li></ol></li></ul></li><li>d</li></ol>",
    ),
    ("ordered-start", "3. c\n4. d", '<ol start="3"><li>c</li><li>d</li></ol>'),
    (
        "table",
        "| a | b |\n|:-:|--:|\n| 1 | 2 |",
        '<table><thead><tr><th class="align-center">a</th><th class="align-right">b</th></tr>'
        '</thead><tr><td class="align-center">1</td><td class="align-right">2</td></tr></table>',
    ),
    (
        "fenced-code-highlighted",
        "```python\nreturn x  # why\n```",
        '<pre class="highlight"><code class="language-python"><span class="k">return</span> '
        '<span class="n">x</span>  <span class="c1"># why</span>\n</code></pre>',
    ),
    (
        "fenced-code-unknown-language",
        "```nosuchlang\na < b\n```",
        '<pre class="highlight"><code class="language-nosuchlang">a &lt; b\n</code></pre>',
    ),
    ("indented-code", "    a && b\n", '<pre class="highlight"><code>a &amp;&amp; b\n</code></pre>'),
    ("task-box", "- [x] done\n- [ ] open", "<ul><li>☑ done</li><li>☐ open</li></ul>"),
    ("unicode-kept", "naïve 日本語 😀", "naïve 日本語 😀"),
    ("nfd-normalised", "cafe\u0301", "caf\u00e9"),
    (
        "image-local",
        '![a diagram](fig.png "Fig")',
        '<img src="fig-0123456789abcdef.png" alt="a diagram" title="Fig">',
    ),
    (
        "image-remote",
        "![r](https://example.org/x.png)",
        '<img src="https://example.org/x.png" alt="r">',
    ),
]
MATH = [
    ("dollar-inline", "$x^2$", r"\(x^2\)"),
    ("dollar-display", "$$\\sum_i x_i$$", r"\[\sum_i x_i\]"),
    ("escaped-parens-are-parens", r"\(a*b*c\)", "(a<em>b</em>c)"),
    ("escaped-brackets-are-brackets", r"\[y = mx + b\]", "[y = mx + b]"),
    ("math-escapes-html", "$a<b$", r"\(a&lt;b\)"),
    ("price-is-not-math", "costs $5 and $10", "costs $5 and $10"),
    ("prices-with-commas", "$20,000 and $30,000", "$20,000 and $30,000"),
    ("dollar-in-code", "`$x$` and `$HOME`", "<code>$x$</code> and <code>$HOME</code>"),
    ("escaped-paren-alone", r"a \( b", "a ( b"),
]
UNSAFE = [
    ("script", "<script>alert(1)</script>ok", "ok"),
    ("onerror", '<img src="x.png" onerror="alert(1)">', '<img src="x.png">'),
    ("onclick", '<b onclick="alert(1)">b</b>', "<b>b</b>"),
    ("javascript-link", "[x](javascript:alert(1))", '<a rel="noopener noreferrer">x</a>'),
    (
        "javascript-html-link",
        '<a href="javascript:alert(1)">x</a>',
        '<a rel="noopener noreferrer">x</a>',
    ),
    ("iframe", '<iframe src="https://evil.example"></iframe>after', "after"),
    ("object", '<object data="x.swf"></object>after', "after"),
    ("style", "<style>.card{display:none}</style>after", "after"),
    ("style-attribute", '<span style="position:fixed">x</span>', "<span>x</span>"),
    ("data-url-image", "![x](data:text/html;base64,PHNjcmlwdD4=)", '<img alt="x">'),
    ("html-comment", "a <!-- hidden --> b", "a  b"),
    ("indented-comment-block", "  <!-- hidden -->\n\nafter", "<p>after</p>"),
    ("indented-html-block", "   <div>kept</div>", "<div>kept</div>"),
]
KEPT = [
    ("sub-sup", "H<sub>2</sub>O x<sup>2</sup>", "H<sub>2</sub>O x<sup>2</sup>"),
    ("br", "a<br>b", "a<br>b"),
    ("kbd-mark", "<kbd>Ctrl</kbd> <mark>m</mark>", "<kbd>Ctrl</kbd> <mark>m</mark>"),
]


@pytest.mark.parametrize(
    "markdown, expected", [c[1:] for c in FAITHFUL], ids=[c[0] for c in FAITHFUL]
)
def test_markdown_renders_faithfully(markdown: str, expected: str) -> None:
    assert html(markdown) == expected


@pytest.mark.parametrize("markdown, expected", [c[1:] for c in MATH], ids=[c[0] for c in MATH])
def test_math_becomes_mathjax_and_prices_stay_text(markdown: str, expected: str) -> None:
    assert html(markdown) == expected


@pytest.mark.parametrize("markdown, expected", [c[1:] for c in UNSAFE], ids=[c[0] for c in UNSAFE])
def test_unsafe_html_is_stripped(markdown: str, expected: str) -> None:
    assert html(markdown) == expected


@pytest.mark.parametrize("markdown, expected", [c[1:] for c in KEPT], ids=[c[0] for c in KEPT])
def test_harmless_html_survives(markdown: str, expected: str) -> None:
    assert html(markdown) == expected


def test_allowlist_has_no_active_content() -> None:
    assert not ALLOWED_TAGS & {"script", "iframe", "object", "embed", "style", "form", "svg"}


CLOZE_NOTE = """\
---
title: "C++ Primer - Chapter 3"
---
## Templates

- Things that look like cloze syntax:
    - `std::vector` and std::map
    - a Jinja {{ x }} block
    - prose mentioning c1:: and {{c2::y}}
    - ends with a brace }
"""


def test_cloze_lookalikes_render_literally_and_never_make_clozes() -> None:
    note = parse_note(CLOZE_NOTE, "cpp.md")
    (checklist,) = note.checklists
    text = checklist_fields(note, checklist)[0]
    markers = [part.split("::")[0] for part in text.split("{{")[1:]]
    assert markers == ["c1", "c2", "c3", "c4"]
    assert "std:&#58;vector" in text
    assert "{&#123; x }&#125;" in text
    assert text.count("}}") == 4


def test_cloze_safe_breaks_every_marker() -> None:
    assert cloze_safe("a::b {{c}} d}") == "a:&#58;b {&#123;c}&#125; d&#125;"


def test_book_with_double_colon_adds_no_deck_or_tag_level() -> None:
    note = parse_note('---\ntitle: "C++ :: Primer - Chapter 2"\n---\n', "x.md")
    assert note.deck == "C++ : Primer::Chapter 02"
    assert note.chapter_tag == "c-primer::chapter-02"


def test_guid_does_not_change_with_unicode_normalisation() -> None:
    nfc = unicodedata.normalize("NFC", "Café")
    nfd = unicodedata.normalize("NFD", "Café")
    assert nfc != nfd
    assert guid_for("Book", "1", "vocab", nfc) == guid_for("Book", "1", "vocab", nfd)


def test_a_heading_written_as_a_links_text_and_address_shows_as_its_text() -> None:
    path = ("Patterns", "[API Gateway Pattern] https://example.org/patterns/gateway.html")
    assert context_html((*path, "Drawbacks")) == "Patterns › API Gateway Pattern › Drawbacks"
    assert context_html(("See https://example.org",)) == "See"
    assert context_html(("https://example.org",)) == "https://example.org"  # nothing else
    assert context_html(("[1] and [2]",)) == "[1] and [2]"
