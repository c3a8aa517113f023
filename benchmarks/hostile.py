"""Hostile note shapes: each dialect's markers repeated, nested, never closed and mixed.

Every rewrite of a note's text must take time near linear in its length, whatever the
text. Each shape here is one unit of text repeated; :func:`note` makes a note of ``n``
units, in the place its dialect reads (a Jekyll site, an Obsidian vault, a Logseq graph,
an ``.mdx`` file, a note that opted into inline cards). ``make bench`` times each at two
sizes and prints the ratio (a linear rewrite: about the ratio of the sizes); the test
``tests/test_hostile_shapes.py`` builds each at a size where a quadratic one takes minutes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final, NamedTuple


class Shape(NamedTuple):
    """``unit`` repeated between ``head`` and ``tail``, in a note of the ``place`` kind."""

    unit: str
    place: str = "plain"  # plain, opted (inline cards), site, vault, graph, mdx
    head: str = ""
    tail: str = ""
    paragraph: bool = False  # a paragraph of its own, not run on after a definition's start
    scale: int = 1  # times the test's size its cliff needs to show (milder than quadratic)


_VOCAB: Final = "## Key Vocab\n\n- **term:** "  # a definition the units then run on in

SHAPES: Final[dict[str, Shape]] = {
    # inline cards (a note with #flashcards): clozes, highlights, Q::A, ? blocks
    "cloze-unclosed": Shape("{{c1:: a ", "opted"),
    "cloze-nested": Shape("{{c1::{{c2:: ", "opted"),
    "cloze-hint-unclosed": Shape("{{c1::a::b ", "opted"),
    "cloze-closers": Shape("}} {{c1::a}} ", "opted"),
    "highlight-unclosed": Shape("==a ", "opted"),
    "question-answer": Shape("a::b:::c::", "opted"),
    "question-lines": Shape("q\n?\n", "opted"),
    "inline-markers": Shape("<!--ID: 1 <!--SR:!2 #card #flashcards/ ", "opted"),
    "obsidian-to-anki": Shape("START\nBasic\nFront: a\n", "opted"),
    # Obsidian: links, embeds, comments, callouts, block ids
    "wikilink-unclosed": Shape("[[a|", "vault"),
    "wikilink-nested": Shape("[[[[a ", "vault"),
    "embed-unclosed": Shape("![[a#", "vault"),
    "comment-unclosed": Shape("%% a ", "vault"),
    "callout-lines": Shape("> [!note]- a\n", "vault"),
    "block-ids": Shape("a ^b-c ", "vault"),
    # Jekyll's Liquid and kramdown attributes
    "liquid-unclosed": Shape("{% if a ", "site"),
    "liquid-output-unclosed": Shape("{{ page.a ", "site"),
    "liquid-raw-unclosed": Shape("{% raw %}{% comment %}{{ ", "site"),
    "liquid-nested": Shape("{% if a %}{% for b in c %}{{ ", "site"),
    "kramdown-attributes": Shape("{: .a #b ", "site"),
    "liquid-unknown": Shape("{% a %}{% b %}", "site"),
    "liquid-in-raw": Shape("{% a %}{{ b }}", "site", head="{% raw %}"),
    "gitbook-unclosed": Shape('{% hint style="', "plain"),
    "gitbook-embeds": Shape('{% embed url="x" %}{% endhint %}', "plain"),
    # Hugo shortcodes
    "shortcode-unclosed": Shape("{{< a ", "plain"),
    "shortcode-nested": Shape('{{< a "{{% b ', "plain"),
    "shortcode-pairs": Shape("{{< a >}}{{% b %}}", "plain"),
    "shortcode-closers": Shape("{{< a >}}{{< /b >}}", "plain"),
    "shortcode-highlights": Shape("{{< highlight >}}a{{< /highlight >}}", "plain"),
    # admonitions (MkDocs, Docusaurus)
    "admonition-lines": Shape("!!! note\n    a\n??? b\n::: c\n"),
    "admonition-tabs": Shape('=== "a"\n\n    b\n'),
    "fence-colons": Shape(":::\n"),
    # Logseq
    "logseq-properties": Shape("a:: b\n", "graph"),
    "logseq-refs": Shape("((a {{embed ((b ", "graph"),
    # math
    "math-unclosed": Shape("$$ a\n\n", "plain"),
    "math-dollars": Shape("$a$$b$$$", "plain"),
    # autolinks
    "autolinks": Shape("www.a.b http://c@d ", "plain"),
    "at-signs": Shape("a@b@", "plain"),
    "autolink-failing-domains": Shape("_www.a_(www.", "plain"),
    "autolink-tails": Shape("(www.a.b/c)&d;.", "plain"),
    "mail-schemes": Shape("xmpp:a@b.c/d mailto:", "plain"),
    # MDX
    "mdx-unclosed": Shape("<A b={ ", "mdx"),
    "mdx-imports": Shape("import a from 'b'\nexport c\n", "mdx"),
    # raw HTML
    "html-unclosed": Shape("<div a ", "plain"),
    "html-opens": Shape("<b><i><span>", "plain"),
    "html-style-unclosed": Shape("a <style>b ", "plain"),
    "html-comment-unclosed": Shape("<!-- a ", "plain"),
    "html-lt": Shape("<<a </ ", "plain"),
    # CommonMark itself
    "brackets-unclosed": Shape("[a](", "plain"),
    "emphasis-runs": Shape("*a _b **c ", "plain"),
    "backticks": Shape("`a ``b ", "plain"),
    "escapes": Shape("\\[1\\] f\\(x\\) ", "plain"),
    "escaped-math-unclosed": Shape("\\( a \\[ b ", "plain"),
    "list-nesting": Shape("- a\n  - b\n", "plain"),
    # math, raw HTML, highlights and clozes in a paragraph of many inline nodes
    "math-dollar-letters": Shape("$a", "plain", paragraph=True),
    "math-dollar-run": Shape("$", "plain", paragraph=True),
    "math-display-words": Shape("$$a ", "plain", paragraph=True),
    "html-script-after-text": Shape("x <script>", "plain", paragraph=True),
    "html-textarea-after-text": Shape("x <textarea>", "plain", paragraph=True, scale=2),
    "highlight-strong": Shape("==a**b ", "opted", paragraph=True),
    "highlight-emphasis": Shape("==a*b ", "opted", paragraph=True),
    "highlight-code": Shape("==a`b ", "opted", paragraph=True),
    "cloze-highlight": Shape("{{c1::==a ", "opted", paragraph=True, scale=4),
    "cloze-highlight-mixed": Shape("{{c1::==a{{c2::**b[[c ", "opted", paragraph=True, scale=8),
    # everything at once, in a note that opted in
    "mixed": Shape("{{c1::[[a ==b {% c {{< d $$ <e %% ", "opted"),
    # openings never closed until one closer at the very end
    "cloze-closed-at-end": Shape("{{c1::a ", "opted", tail="}}"),
    "shortcode-closed-at-end": Shape("{{< a ", tail=">}}"),
    "marker-closed-at-end": Shape("<!--SR: ", "opted", tail="-->"),
    "kramdown-closed-at-end": Shape("{: .a ", "site", tail="}"),
    "liquid-closed-at-end": Shape("{{ a ", "site", tail="}}"),
    "wikilink-closed-at-end": Shape("[[a ", "vault", tail="]]"),
    "html-closed-at-end": Shape("<a b ", tail=">"),
    # one opening, then a long run of spaces (a lazy match tried at each of them)
    **{
        f"spaces-after-{name}": Shape(" ", place, head=opening)
        for name, opening, place in (
            ("cloze", "{{c1::", "opted"),
            ("liquid", "{{ a", "site"),
            ("liquid-tag", "{% a", "site"),
            ("shortcode", "{{< a", "plain"),
            ("marker", "<!--", "opted"),
            ("wikilink", "[[a", "vault"),
            ("html", "<a", "plain"),
            ("math", "$$", "plain"),
            ("kramdown", "{:", "site"),
        )
    },
}

# Where the units go: on one line after a definition's start (the hardest place: one
# paragraph, one card) unless the unit has lines of its own
_INLINE_HEAD: Final = _VOCAB


def note_text(shape: Shape, units: int) -> str:
    """The text of a note of ``units`` repetitions of ``shape``."""
    opt_in = "---\ntitle: Hostile\ntags: [flashcards]\n---\n" if shape.place == "opted" else ""
    lead = "" if "\n" in shape.unit or shape.paragraph else _INLINE_HEAD
    return f"{opt_in}# Hostile\n\n{lead}{shape.head}{shape.unit * units}{shape.tail}\n"


def note(shape: Shape, units: int, folder: Path) -> Path:
    """Write a notes folder under ``folder`` holding one note of ``units`` units of
    ``shape`` in the place it needs; the notes folder."""
    notes = folder / "notes"
    where = notes
    if shape.place == "site":
        where = notes / "site"
        where.mkdir(parents=True)
        (where / "_config.yml").write_text("title: Site\n", encoding="utf-8")
    elif shape.place == "vault":
        (notes / ".obsidian").mkdir(parents=True)
    elif shape.place == "graph":
        (notes / "logseq").mkdir(parents=True)
        (notes / "logseq" / "config.edn").write_text("{}\n", encoding="utf-8")
        where = notes / "pages"
    where.mkdir(parents=True, exist_ok=True)
    suffix = ".mdx" if shape.place == "mdx" else ".md"
    (where / f"hostile{suffix}").write_text(note_text(shape, units), encoding="utf-8")
    return notes


SIZES: Final = (250_000, 1_000_000)  # characters: a linear build takes four times as long


def bench(sizes: tuple[int, ...] = SIZES) -> None:
    """Print, for each shape, the seconds of a whole build (``flashcards build``, start-up
    included) of one note of each size, and their ratio (4: linear; 16: quadratic)."""
    import subprocess
    import sys
    import tempfile
    import time

    header = f"{'hostile shape':<28}" + "".join(f" {size:>9,} ch" for size in sizes) + "  ratio"
    print(header)
    print("-" * len(header))
    for name, shape in SHAPES.items():
        seconds = []
        for size in sizes:
            with tempfile.TemporaryDirectory() as folder:
                notes = note(shape, max(1, size // len(shape.unit)), Path(folder))
                start = time.perf_counter()
                subprocess.run(
                    [sys.executable, "-m", "flashcards", "build", str(notes), "-q",
                     "-o", str(Path(folder) / "build")],
                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
                )  # fmt: skip
                seconds.append(time.perf_counter() - start)
        ratio = seconds[-1] / seconds[0]
        print(f"{name:<28}" + "".join(f" {s:>10.2f} s" for s in seconds) + f" {ratio:>6.1f}")


if __name__ == "__main__":
    bench()
