"""The domain model to card fields: HTML made, sanitised and made cloze-safe in one place."""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

import nh3

from flashcards.cards.code import code_block
from flashcards.cards.escape import cloze_safe, escaped, shown, untyped_html
from flashcards.notes.asked import checklist_context, headings_unsaid, term_subject
from flashcards.notes.extract.mirrored import Split, item_clozes
from flashcards.notes.extract.terms import front_of
from flashcards.notes.model import Checklist, Content, Node, Note, Vocab, nfc
from flashcards.notes.rawhtml import (
    ALLOWED_TAGS,
    closed,
    escape_unknown_tags,
    with_images,
    without_unclosed_raw,
)
from flashcards.notes.text import plain_text

ALLOWED_ATTRIBUTES: Final = {
    "*": {"class", "title", "lang", "dir"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
}
URL_SCHEMES: Final = frozenset({"http", "https", "mailto", "xmpp"})  # GFM links xmpp:

_sanitize: Final = functools.partial(
    nh3.clean,
    tags=set(ALLOWED_TAGS),
    attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
    url_schemes=set(URL_SCHEMES),
)

_WRAP: Final = {
    "em": "em",
    "strong": "strong",
    "strike": "del",
    "blockquote": "blockquote",
    "table_cell": "td",
    "table_row": "tr",
    "mark": "mark",
}


def sanitize(fragment: str) -> str:
    """``fragment`` with everything outside the allowlist removed (scripts, handlers, ...)."""
    return str(_sanitize(fragment))


def render(content: Content, media: Mapping[str, str] | None = None, *, strip: bool = True) -> str:
    """Sanitised, NFC HTML for ``content``; a lone paragraph is given without ``<p>``
    (``strip=False`` keeps white space at the ends: a piece of a sentence)."""
    if not content:
        return ""
    if len(content) == 1 and content[0].kind == "paragraph":
        content = content[0].children
    if len(content) == 1 and content[0].kind == "text":  # most terms: one run of text
        text = shown(content[0].text)
        return nfc(text.strip() if strip else text)
    writer = _Writer(media or {}, [])
    writer.nodes(content)
    made = "".join(writer.out)
    html_ = sanitize(made) if writer.untrusted else made
    return nfc(html_.strip() if strip else html_)


@dataclass
class _Writer:
    """Writes HTML for nodes. Text is escaped here, so the output is safe by construction
    unless it holds raw HTML or URLs from the note: then ``untrusted`` is set and the
    whole fragment goes through the sanitiser."""

    media: Mapping[str, str]
    out: list[str]
    untrusted: bool = False

    def nodes(self, nodes: Content) -> None:
        for node in without_unclosed_raw(nodes):
            self.node(node)

    def wrap(self, tag: str, node: Node, attrs: str = "") -> None:
        self.out.append(f"<{tag}{attrs}>")
        start = len(self.out)
        self.nodes(node.children)
        if tag == "p" and self.untrusted:  # a <style> opened in the paragraph ends with it
            inner = "".join(self.out[start:])
            self.out.append(closed(inner)[len(inner) :])
        self.out.append(f"</{tag}>")

    def node(self, node: Node) -> None:
        kind = node.kind
        if kind == "text":
            self.out.append(shown(node.text))
        elif kind in _WRAP:
            self.wrap(_WRAP[kind], node)
        elif kind == "paragraph":
            self.wrap("p", node)
        elif kind == "softbreak":
            self.out.append("\n")
        elif kind == "hardbreak":
            self.out.append("<br>")
        elif kind == "code":
            self.out.append(f"<code>{escaped(node.text)}</code>")
        elif kind == "math":
            self.out.append(f"\\({escaped(node.text)}\\)")
        elif kind == "display_math":
            self.out.append(f"\\[{escaped(node.text)}\\]")
        elif kind in ("html", "html_block"):
            self.untrusted = True
            raw = node.text if kind == "html" else "".join(c.text for c in node.children)
            if self.media and "<img" in raw.lower():
                raw = with_images(raw, self.media)
            if kind == "html_block" and "<s" in raw.lower():
                raw = closed(raw)  # a block's <style> never closed: it ends with the block
            self.out.append(escape_unknown_tags(untyped_html(raw) if "\\" in raw else raw))
        elif kind == "list":
            start = node.attr("start")
            if not start:
                self.wrap("ul", node)
            else:
                self.wrap("ol", node, f' start="{start}"' if start != "1" else "")
        elif kind == "item":
            self.wrap("li", node)
        elif kind == "task":
            self.out.append("☑ " if node.text else "☐ ")
        elif kind == "heading":
            level = node.attr("level", "1")
            self.wrap(f"h{level}", node)
        elif kind == "link":
            self.untrusted = True
            title = node.attr("title")
            attrs = f' href="{_attr(node.text)}"' + (f' title="{_attr(title)}"' if title else "")
            self.wrap("a", node, attrs)
        elif kind == "image":
            self.image(node)
        elif kind == "code_block" and node.text == "math":  # GitHub's ```math: display math
            self.out.append(f"\\[{escaped(''.join(c.text for c in node.children).strip())}\\]")
        elif kind == "code_block":
            self.out.append(code_block(node.text, "".join(c.text for c in node.children)))
        elif kind == "rule":
            self.out.append("<hr>")
        elif kind == "table":
            self.table(node)
        elif kind == "callout":
            css = re.sub(r"[^a-z0-9-]", "", node.text)
            self.wrap("div", node, f' class="callout callout-{css}"')
        elif kind == "callout_title":
            self.wrap("div", node, ' class="callout-title"')
        else:
            self.nodes(node.children)

    def image(self, node: Node) -> None:
        self.untrusted = True
        alt = plain_text(node.children)
        src = self.media.get(node.text, node.text)
        if not src:  # an image that could not be read: its alt text instead, if it has one
            self.out.append(shown(alt))  # not its file's name (``Pasted image 2023….png``)
            return
        extra = "".join(
            f' {name}="{_attr(node.attr(name))}"'
            for name in ("title", "width", "height")
            if node.attr(name)
        )
        self.out.append(f'<img src="{_attr(src)}" alt="{_attr(alt)}"{extra}>')

    def table(self, node: Node) -> None:
        aligns = node.attr("align").split()
        self.out.append("<table>")
        for section in node.children:
            head = section.kind == "table_head"
            self.out.append("<thead><tr>" if head else "<tr>")
            for index, cell in enumerate(section.children):
                tag = "th" if head else "td"
                align = aligns[index] if index < len(aligns) else "none"
                css = f' class="align-{align}"' if align != "none" else ""
                self.out.append(f"<{tag}{css}>")
                self.nodes(cell.children)
                self.out.append(f"</{tag}>")
            self.out.append("</tr></thead>" if head else "</tr>")
        self.out.append("</table>")


def _attr(value: str) -> str:
    return html.escape(value, quote=True)


@functools.lru_cache(maxsize=4096)
def escape_text(text: str) -> str:
    """Plain text as HTML (cached: a note's title and headings are on all its cards).
    Its math is TeX again (plain text writes a math span as ``\\(..\\)``), so it is not
    kept from MathJax as :func:`shown` keeps a note's text."""
    return nfc(escaped(text))


@functools.lru_cache(maxsize=4096)
def context_html(context: tuple[str, ...]) -> str:
    """The heading path, e.g. ``Major Ideas › When to Use ML``: a heading written as a
    link's text and its address (``## [API Gateway] https://…``) shows as its text."""
    return escape_text(" › ".join(map(_without_address, context)))


def _without_address(heading: str) -> str:
    said = _BARE_URL.sub("", heading).strip()
    if said.startswith("[") and said.endswith("]") and "[" not in said[1:-1]:
        said = said[1:-1].strip()
    return said or heading


_BARE_URL: Final = re.compile(r"\s*<?\bhttps?://[^\s>]+>?")


def vocab_fields(
    note: Note, vocab: Vocab, *, reverse: bool, media: Mapping[str, str] | None = None
) -> tuple[str, ...]:
    """Term, Definition, Example, Hint, Context, Source, Reverse, Extra."""
    return (
        render(vocab.term_content, media),
        render(vocab.definition, media),
        "",
        "",
        context_html(headings_unsaid(note.title, vocab.context, vocab.term)),
        escape_text(term_subject(note.title, vocab.context, vocab.term)),
        "y" if reverse or vocab.both else "",
        "",
    )


def checklist_fields(
    note: Note,
    checklist: Checklist,
    media: Mapping[str, str] | None = None,
    sequence: str = "overlapping",
) -> tuple[str, ...]:
    """Text (one cloze per item), Prompt, Extra, Hint, Context, Source.

    An ordered list is a *sequence* (with ``sequence="overlapping"``): its list carries
    the class ``sequence``, and the stylesheet then shows, on card N, the items before N
    and nothing of those after it (Anki marks the active item ``class="cloze"``)."""
    tag = "ol" if checklist.ordered else "ul"
    css = "checklist sequence" if checklist.ordered and sequence == "overlapping" else "checklist"
    contents = [item.content for item in checklist.items]
    splits = item_clozes(contents, asked_text(checklist), checklist.facets)
    items = "".join(
        f"<li>{_item_cloze(content, number, media, split)}</li>"
        for number, (content, split) in enumerate(zip(contents, splits, strict=True), start=1)
    )
    prompt = cloze_safe(render(checklist.prompt_content, media))
    text = f'<div class="prompt">{prompt}</div><{tag} class="{css}">{items}</{tag}>'
    return (
        text,
        escape_text(checklist.prompt),
        render(checklist.extra, media),
        "",
        context_html(checklist_context(note.title, checklist.context)),
        escape_text(note.title),
    )


def asked_text(checklist: Checklist) -> str:
    """What a checklist's front says: its prompt and the headings above it."""
    return front_of(checklist.context, checklist.prompt)


def _item_cloze(
    content: Content, number: int, media: Mapping[str, str] | None, split: Split | None
) -> str:
    """A checklist item as its cloze (``split``, from ``item_clozes``, says what is hidden)."""
    if split is None:
        return cloze_safe(render(content, media))
    lead, separator, rest, lead_hidden = split
    if not rest:
        return f"{{{{c{number}::{cloze_safe(render(lead, media))}}}}}"
    if not lead_hidden:
        said = render(rest, media, strip=False)
        pad = said[: len(said) - len(said.lstrip())]
        named = cloze_safe(render(lead, media) + escaped(separator) + pad)
        return f"{named}{{{{c{number}::{cloze_safe(said.lstrip())}}}}}"
    hidden = cloze_safe(render(lead, media))
    shown = cloze_safe(escaped(separator) + render(rest, media, strip=False))
    return f"{{{{c{number}::{hidden}}}}}{shown}"
