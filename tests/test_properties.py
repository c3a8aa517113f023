"""Property tests: any text gives a model or our own error, and cards say what notes say."""

from __future__ import annotations

import html
import re
import string
import tempfile
from pathlib import Path

from conftest import AnkiCollection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flashcards import NoteError, build, parse_note
from flashcards.cards.notetypes import _search_escape
from flashcards.cards.render import escaped
from flashcards.notes.extract.worth import is_filler, junk_items, junk_section, not_an_enumeration
from flashcards.notes.markdown import parse_markdown
from flashcards.notes.marks import may_hold
from flashcards.notes.model import Node, Note
from flashcards.notes.text import has_text, plain_text

WORD = st.text(string.ascii_letters + string.digits, min_size=1, max_size=8)
PHRASE = st.lists(WORD, min_size=1, max_size=6).map(" ".join)
FRAGMENTS = [
    "## Key Vocab",
    "# Title",
    "### Ideas",
    "Words",
    "- **Term:** definition",
    "- **T**: d",
    "* item",
    "+ item",
    "  - nested",
    "    1. deeper",
    "- [ ] task",
    "- [x] done",
    "```",
    "```python",
    "~~~",
    "$x$",
    "$$",
    "\\(",
    "\\)",
    "{{c1::x}}",
    "std::vector",
    "}}",
    "<script>",
    "<!--",
    "-->",
    "![alt](missing.png)",
    "[l](javascript:x)",
    "| a | b |",
    "|---|---|",
    "> quote",
    "---",
    "+++",
    "title: x",
    "\t- tab",
    "",
    "   ",
    "**",
    "__",
    "\\",
    "&amp;",
    "<div>",
    "1)",
    "2.",
    "-",
    "Ünïcödé ✓",
    "\x00",
    "\r",
    '{{< figure src="x.png" caption="c" >}}',
    "{{< highlight go >}}",
    "{{< /highlight >}}",
    "{{% notice tip %}}",
    "{{% /notice %}}",
    '{{</* ref "x" */>}}',
    '[a]({{< ref "x.md" >}})',
    "[[Note|alias]]",
    "[[Note#Heading]]",
    "![[img.png|300]]",
    "![[Other note]]",
    "==mark==",
    "%%",
    "> [!note] Title",
    "> [!WARNING]",
    "List<T>",
    "std::vector<int>",
    "<me@example.org>",
    "<your-name>",
]
SOUP = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=20)), max_size=40).map(
    "\n".join
)
FRONT = st.sampled_from(
    [
        "",
        '---\ntitle: "Book - Chapter 1"\n---\n',
        "+++\ntitle = 'Book - Ch. 2'\n+++\n",
        "---\n",
        "---\n- a\n---\n",
        "---\ntitle: [\n---\n",
    ]
)


def parse_or_error(text: str) -> Note | None:
    try:
        return parse_note(text, "fuzz.md")
    except NoteError as error:
        assert error.path == "fuzz.md" and error.message
        return None


@settings(max_examples=300, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_any_text_gives_a_note_or_our_error(text: str) -> None:
    parse_or_error(text)


@settings(max_examples=300, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(FRONT, SOUP)
def test_markdown_soup_gives_a_note_or_our_error(front: str, body: str) -> None:
    parse_or_error(front + body)


# Any YAML value under any key a note's front matter is read for (ours, Hugo's, Obsidian's,
# Logseq's): the compiled modules check types at run time, so a value of an unexpected
# type must still give a note or our own error, never a TypeError.
YAML_VALUE = st.recursive(
    st.one_of(
        st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), PHRASE,
        st.dates(), st.datetimes(), st.text(max_size=10),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(WORD, inner, max_size=3)
    ),
    max_leaves=6,
)  # fmt: skip
FRONT_KEYS = st.sampled_from(
    ["title", "tags", "categories", "draft", "date", "book", "chapter", "aliases", "weight",
     "cssclasses", "publish", "slug", "description", "sidebar_position", "tags:", "Title"]
)  # fmt: skip


@settings(max_examples=300, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(FRONT_KEYS, YAML_VALUE, max_size=5), SOUP)
def test_any_front_matter_value_gives_a_note_or_our_error(front: dict, body: str) -> None:
    import yaml

    parse_or_error(f"---\n{yaml.safe_dump(front, allow_unicode=True)}---\n{body}")


def _every_content(nodes: tuple) -> list[tuple]:
    """``nodes``, each node's children and each single node, at every depth."""
    found = [nodes]
    for node in nodes:
        found.append((node,))
        found.extend(_every_content(node.children))
    return found


@settings(max_examples=300, deadline=2000)
@given(st.text() | st.text(st.sampled_from("&<>\"' a;#x")))
def test_escaped_is_html_escape_without_quotes(text: str) -> None:
    assert escaped(text) == html.escape(text, quote=False)


@settings(max_examples=300, deadline=2000)
@given(st.text() | st.text(st.sampled_from('\\"*_ ab')))
def test_a_search_escapes_exactly_what_anki_reads_as_syntax(text: str) -> None:
    quoted = _search_escape(text)
    assert re.sub(r"\\(.)", r"\1", quoted, flags=re.DOTALL) == text  # each escape undone
    assert not re.search(r'(?<!\\)(\\\\)*["*_]', quoted)  # no special left bare


# every marker a dialect or the walk asks for (a change there is checked here too)
MARKERS = [
    *("[[", "==", "[!", "%%", ":::", "!!! ", "??? ", "???+ ", '=== "', "#flashcards", "#card"),
    *("<!--", "START", "TARGET DECK", "www.", "://", "@", "{{<", "{{%", "{%", "{{", "{:"),
    *("$$", "::", "((", "^", "![", "<", "\n\n"),
]
MARKER_TEXT = st.lists(
    st.sampled_from([*MARKERS, *FRAGMENTS]) | st.text(st.sampled_from(":[]!=%{}<>#@^$(/.\n a")),
    max_size=12,
).map("".join)


@settings(max_examples=500, deadline=2000)
@given(
    st.one_of(MARKER_TEXT, st.text()),
    st.lists(st.sampled_from(MARKERS) | st.text(min_size=1, max_size=4), min_size=1, max_size=5),
)
def test_may_hold_says_exactly_whether_a_marker_is_in_the_text(text: str, markers: list) -> None:
    expected = any(marker in text for marker in markers)
    assert may_hold(text, tuple(markers)) is expected
    assert may_hold(text[::-1], tuple(markers)) is any(m in text[::-1] for m in markers)
    assert may_hold(text, tuple(markers)) is expected  # its last text forgotten, asked again
    assert may_hold("\udc80" + text, tuple(markers)) is any(m in "\udc80" + text for m in markers)


@settings(max_examples=300, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(SOUP)
def test_has_text_says_whether_plain_text_is_empty(body: str) -> None:
    # has_text is the build's shortcut for bool(plain_text(...)): they must never differ
    for content in _every_content(parse_markdown(body)):
        assert has_text(content) == bool(plain_text(content)), content


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(SOUP)
def test_whatever_builds_imports_into_anki(body: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "notes").mkdir()
        (root / "notes" / "n.md").write_text('---\ntitle: "Book - Chapter 1"\n---\n' + body)
        report = build([root / "notes"], root / "out")
        if report.errors:
            assert report.files == []
            return
        anki = AnkiCollection(root / "c.anki2")
        try:
            for apkg in report.files:
                result = anki.import_apkg(apkg)
                assert result.conflicting == 0
            assert len(anki.col.find_cards("")) == sum(report.cards_by_deck.values())
        finally:
            anki.col.close()


def _to_learn(checklist: tuple[str, list[str]]) -> bool:
    """Whether docs/cards.md's rules leave a list a cloze (a prompt such as ``I:`` or
    ``References:``, items such as ``Open x``, are rightly no checklist)."""
    prompt, items = checklist
    contents = [(Node("text", item),) for item in items]
    return not (
        junk_section((f"{prompt}:",))
        or junk_items(contents)
        or not_an_enumeration(f"{prompt}:", contents)
        or any(is_filler(content) for content in contents)
    )


@st.composite
def written_notes(
    draw: st.DrawFn,
) -> tuple[str, list[tuple[str, str]], list[tuple[str, list[str]]]]:
    """A note written in one of the styles people use, with the cards it must give."""
    vocab = draw(
        st.lists(st.tuples(PHRASE, PHRASE), max_size=5, unique_by=lambda pair: pair[0].casefold())
    )
    checklists = draw(
        st.lists(
            st.tuples(PHRASE, st.lists(PHRASE, min_size=2, max_size=5)).filter(_to_learn),
            max_size=3,
            unique_by=lambda pair: pair[0].casefold(),
        )
    )
    bullet = draw(st.sampled_from("-*+"))
    indent = " " * draw(st.sampled_from([2, 4]))
    colon_inside = draw(st.booleans())
    wrap = draw(st.booleans())
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    lines = ["---", 'title: "Generated Book - Chapter 7"', "---", "", "## Key Vocab", ""]
    for term, definition in vocab:
        head = f"**{term}:**" if colon_inside else f"**{term}**:"
        words = definition.split()
        if wrap and len(words) > 1:
            lines += [f"{bullet} {head} {words[0]}", f"  {' '.join(words[1:])}"]
        else:
            lines.append(f"{bullet} {head} {definition}")
    lines += ["", "## Ideas", ""]
    for prompt, items in checklists:
        lines.append(f"{bullet} {prompt}:")
        lines += [f"{indent}{bullet} {item}" for item in items]
        lines.append("")
    return newline.join(lines) + newline, vocab, checklists


@settings(max_examples=200, deadline=2000)
@given(written_notes())
def test_cards_say_exactly_what_the_note_says(
    case: tuple[str, list[tuple[str, str]], list[tuple[str, list[str]]]],
) -> None:
    text, vocab, checklists = case
    note = parse_note(text, "gen.md")
    assert [(v.term, plain_text(v.definition)) for v in note.vocab] == vocab
    assert [(c.prompt, [plain_text(i.content) for i in c.items]) for c in note.checklists] == [
        (f"{prompt}:", items) for prompt, items in checklists
    ]
    assert note.deck == "Generated Book::Chapter 07"
