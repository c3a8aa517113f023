"""Raw HTML in notes: tags that render, tags that never reach a card, and text that only
looks like a tag.

CommonMark reads ``std::vector<int>``, ``List<T>`` and ``<your-name>`` as raw HTML tags,
and a sanitiser would then drop them (and, for an unclosed ``<int>``, the rest of the
line). People who write those mean text. So a tag is one of three things:

- *allowed* (``<kbd>``, ``<sub>``, ``<mark>``, ...): it renders;
- *dangerous* (scripts, styles, frames, embedded objects, forms, page structure): it
  never reaches a card, and the build names it;
- anything else, whether a made-up name or an element cards have no use for
  (``<title>``): text, shown as written.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any, Final

from flashcards.notes.model import Content, Node

ALLOWED_TAGS: Final = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "details", "div",
        "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
        "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "s", "samp", "small", "span",
        "strike", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
        "thead", "tr", "u", "ul", "var",
        "address", "article", "aside", "bdi", "bdo", "cite", "dfn", "footer", "header",
        "main", "nav", "q", "rp", "rt", "ruby", "section", "time", "wbr",
    }
)  # fmt: skip
DANGEROUS_TAGS: Final = frozenset(
    {
        "applet", "audio", "base", "basefont", "bgsound", "button", "canvas", "datalist",
        "dialog", "embed", "fieldset", "form", "frame", "frameset", "iframe", "image", "input",
        "isindex", "keygen", "legend", "link", "map", "area", "marquee", "math", "menuitem",
        "meta", "meter", "noembed", "noframes", "noscript", "object", "optgroup", "option",
        "output", "param", "picture", "plaintext", "portal", "progress", "script", "select",
        "slot", "source", "style", "svg", "template", "textarea", "track", "video", "xmp",
    }
)  # fmt: skip
_WRAPPERS: Final = frozenset({"html", "head", "body"})  # dropped quietly: their content stays

_TAG: Final = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(?=[\s/>])")


def is_element(name: str) -> bool:
    """Whether tag ``name`` (as written) is a tag, allowed or dangerous. Names written as
    type names are text: ``Option`` in ``List<Option>``, one capital in ``Box<A>``; HTML is
    written ``option``, ``a`` or ``BR``."""
    lower = name.lower()
    if lower not in ALLOWED_TAGS and lower not in DANGEROUS_TAGS and lower not in _WRAPPERS:
        return False
    return name.islower() or (name.isupper() and len(name) > 1)


def tag_name(raw: str) -> str | None:
    """The name (as written) of the tag ``raw`` starts with; None for a comment, a
    processing instruction, a declaration or CDATA."""
    match = _TAG.match(raw)
    return match.group(2) if match else None


def is_comment(raw: str) -> bool:
    """Whether ``raw`` is an HTML comment (the author's own hidden text)."""
    return raw.startswith("<!--")


def is_text(raw: str) -> bool:
    """Whether raw HTML ``raw`` is really text: anything but an allowed or dangerous tag
    or a comment (``<int>``, ``<T>``, ``<your-name>``, ``<title>``, ``<!DOCTYPE x>``)."""
    if is_comment(raw):
        return False
    name = tag_name(raw)
    return name is None or not is_element(name)


def escape_unknown_tags(fragment: str) -> str:
    """``fragment`` with every tag that is text escaped, so that the sanitiser shows it
    instead of dropping it (``<div>List<T></div>``)."""
    return _TAG.sub(
        lambda m: m.group(0) if is_element(m.group(2)) else "&lt;" + m.group(0)[1:],
        fragment,
    )


def disallowed_tags(raw: str) -> list[str]:
    """The dangerous tags opened in ``raw``: they never reach a card."""
    return [
        name.lower()
        for slash, name in ((m.group(1), m.group(2)) for m in _TAG.finditer(raw))
        if not slash and is_element(name) and name.lower() in DANGEROUS_TAGS
    ]


_IMG: Final = re.compile(
    r"<img\b[^>]*?\bsrc\s*=\s*(?:\"(?P<d>[^\"]*)\"|'(?P<s>[^']*)'|(?P<u>[^\s>]+))[^>]*>",
    re.IGNORECASE,
)
_ALT: Final = re.compile(r"\balt\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", re.IGNORECASE)


def image_sources(raw: str) -> list[str]:
    """The ``src`` of each ``<img>`` in raw HTML (packed like Markdown images)."""
    return [_src(match) for match in _IMG.finditer(raw)]


def _src(match: re.Match[str]) -> str:
    """The ``src`` an :data:`_IMG` match found, however it was quoted."""
    return match.group("d") or match.group("s") or match.group("u") or ""


def with_images(raw: str, names: dict[str, str] | Any) -> str:
    """Raw HTML with each ``<img>``'s ``src`` replaced by its packaged name; an image
    that could not be read (packaged name ``""``) becomes its alt text."""

    def replace(match: re.Match[str]) -> str:
        src = _src(match)
        if src not in names:
            return match.group(0)
        name = names[src]
        if not name:
            alt = _ALT.search(match.group(0))
            return (alt.group(1) or alt.group(2) or "") if alt else ""
        return match.group(0).replace(src, name, 1)

    return _IMG.sub(replace, raw)


_OPENED: Final = re.compile(r"<(style|script)\b", re.IGNORECASE)


def closed(raw: str) -> str:
    """Raw HTML with a ``<style>`` or ``<script>`` it opens and never closes closed at
    its end, so that the sanitiser drops that element only, not the card text after it."""
    for name in dict.fromkeys(m.group(1).lower() for m in _OPENED.finditer(raw)):
        if raw.lower().count(f"<{name}") > raw.lower().count(f"</{name}"):
            raw += f"</{name}>"
    return raw


class _Visible(HTMLParser):
    """Collects the text a browser shows for an HTML fragment (not scripts or styles)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.hidden += 1
        elif tag in ("br", "li", "p", "div", "tr", "td", "th", "pre"):
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.hidden = max(0, self.hidden - 1)

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def visible_text(fragment: str) -> str:
    """The text a card (a browser) shows for HTML ``fragment``, whitespace collapsed."""
    parser = _Visible()
    parser.feed(fragment)
    parser.close()
    return " ".join("".join(parser.parts).split())


_RAW_OPEN: Final = re.compile(r"<(style|script)\b", re.IGNORECASE)


def without_unclosed_raw(nodes: Content) -> Content:
    """``nodes`` without an inline ``<style>`` or ``<script>`` that none after it closes:
    what follows is the note's text, not its content (a closed one is sanitised away)."""
    if not any(node.kind == "html" and _RAW_OPEN.match(node.text) for node in nodes):
        return nodes
    kept: list[Node] = []
    closing_after: set[str] = set()  # the raw elements closed from here to the end
    for node in reversed(nodes):
        opening = _RAW_OPEN.match(node.text) if node.kind == "html" else None
        if opening and opening.group(1).lower() not in closing_after:
            continue
        if node.kind == "html":
            closing_after.update(n for n in ("style", "script") if f"</{n}" in node.text.lower())
        kept.append(node)
    return tuple(reversed(kept))
