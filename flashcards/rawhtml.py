"""Raw HTML in notes: telling real HTML tags from text that only looks like one.

CommonMark reads ``std::vector<int>``, ``List<T>`` and ``<your-name>`` as raw HTML tags,
and a sanitiser would then drop them (and, for an unclosed ``<int>``, the rest of the
line). People who write those mean text. So only the names of real HTML elements are
tags; anything else between ``<`` and ``>`` is shown as written. Real elements that are
not allowed on cards (``script``, ``iframe``, ...) are removed by the sanitiser.
"""

from __future__ import annotations

import re

HTML_ELEMENTS = frozenset(
    {
        "a", "abbr", "acronym", "address", "applet", "area", "article", "aside", "audio", "b",
        "base", "basefont", "bdi", "bdo", "bgsound", "big", "blink", "blockquote", "body",
        "br", "button", "canvas", "caption", "center", "cite", "code", "col", "colgroup",
        "data", "datalist", "dd", "del", "details", "dfn", "dialog", "dir", "div", "dl", "dt",
        "em", "embed", "fieldset", "figcaption", "figure", "font", "footer", "form", "frame",
        "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr",
        "html", "i", "iframe", "image", "img", "input", "ins", "isindex", "kbd", "keygen",
        "label", "legend", "li", "link", "listing", "main", "map", "mark", "marquee", "math",
        "menu", "menuitem", "meta", "meter", "nav", "nobr", "noembed", "noframes", "noscript",
        "object", "ol", "optgroup", "option", "output", "p", "param", "picture", "plaintext",
        "portal", "pre", "progress", "q", "rb", "rp", "rt", "rtc", "ruby", "s", "samp",
        "script", "search", "section", "select", "slot", "small", "source", "spacer", "span",
        "strike", "strong", "style", "sub", "summary", "sup", "svg", "table", "tbody", "td",
        "template", "textarea", "tfoot", "th", "thead", "time", "title", "tr", "track", "tt",
        "u", "ul", "var", "video", "wbr", "xmp",
    }
)  # fmt: skip

ALLOWED_TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "details", "div",
        "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
        "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "s", "samp", "small", "span",
        "strike", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
        "thead", "tr", "u", "ul", "var",
    }
)  # fmt: skip
_DROPPED_QUIETLY = frozenset({"html", "head", "body"})  # wrappers, their content stays

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(?=[\s/>])")


def is_element(name: str) -> bool:
    """Whether tag ``name`` (as written) is an HTML element. Names written as type names
    are text: ``Option`` in ``List<Option>``, one capital in ``Box<A>``; HTML is written
    ``option``, ``a`` or ``BR``."""
    if name.lower() not in HTML_ELEMENTS:
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
    """Whether raw HTML ``raw`` is really text: anything but a real element's tag or a
    comment (``<int>``, ``<T>``, ``<your-name>``, ``<?x?>``, ``<!DOCTYPE x>``)."""
    if is_comment(raw):
        return False
    name = tag_name(raw)
    return name is None or not is_element(name)


def escape_unknown_tags(fragment: str) -> str:
    """``fragment`` with every tag that names no HTML element escaped, so that the
    sanitiser shows it as text instead of dropping it (``<div>List<T></div>``)."""
    return _TAG.sub(
        lambda m: m.group(0) if is_element(m.group(2)) else "&lt;" + m.group(0)[1:],
        fragment,
    )


def disallowed_tags(raw: str) -> list[str]:
    """The real HTML elements opened in ``raw`` that cards do not show (``script``, ...)."""
    return [
        name.lower()
        for slash, name in ((m.group(1), m.group(2)) for m in _TAG.finditer(raw))
        if not slash
        and is_element(name)
        and name.lower() not in ALLOWED_TAGS
        and name.lower() not in _DROPPED_QUIETLY
    ]
