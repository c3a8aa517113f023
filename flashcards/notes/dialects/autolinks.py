"""GFM's extended autolinks: ``www.example.com``, bare ``https://...``, e-mail addresses
and ``mailto:``/``xmpp:`` links in text become links, as GitHub shows them, by the GFM
spec's rules (:func:`bare_links`); never inside code, math, raw HTML or an existing
link. A bare ``example.com`` stays text, as on GitHub and in Obsidian."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from flashcards.notes.marks import may_hold
from flashcards.notes.model import Content, Node, with_children

_SKIP: Final = frozenset({"link", "image", "code", "code_block", "math", "display_math", "html",
                   "html_block"})  # fmt: skip


_MARKERS: Final = ("www.", "://", "@")


def applies(body: str) -> bool:
    """Whether ``body`` may hold a bare link (a cheap test before the work)."""
    return may_hold(body, _MARKERS)


def rewrite(blocks: Content) -> Content:
    """``blocks`` with bare links in their text as link nodes."""
    return tuple(_node(node) for node in _nodes(blocks))


def _nodes(nodes: Sequence[Node]) -> list[Node]:
    out: list[Node] = []
    for node in nodes:
        if node.kind == "text" and applies(node.text):
            out.extend(_linked(node))
        else:
            out.append(node)
    return out


def _node(node: Node) -> Node:
    if node.kind in _SKIP or not node.children:
        return node
    return with_children(node, tuple(_node(child) for child in _nodes(node.children)))


def _linked(node: Node) -> list[Node]:
    found = bare_links(node.text)
    if not found:
        return [node]
    out: list[Node] = []
    position = 0
    for begin, end, url in found:
        if begin > position:
            out.append(Node("text", node.text[position:begin], start=node.start))
        shown = Node("text", node.text[begin:end], start=node.start)
        out.append(Node("link", url, (shown,), (("title", ""),), node.start))
        position = end
    if position < len(node.text):
        out.append(Node("text", node.text[position:], start=node.start))
    return out


# Where a link may start: ``www.`` or a scheme after a boundary, or an e-mail's ``@``.
_START: Final = re.compile(r"(?:(?<![^\s*_~(])(?:www\.|https?://))|@", re.IGNORECASE)
_DOMAIN: Final = re.compile(r"[\w-]+(?:\.[\w-]+)*")
_PATH: Final = re.compile(r"[^\s<]*")
_LOCAL: Final = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.+_-")
_MAIL_DOMAIN: Final = re.compile(r"[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)+")
_XMPP_RESOURCE: Final = re.compile(r"/[A-Za-z0-9@.]+")
_TRAILING: Final = "?!.,:*_~"


def bare_links(text: str) -> list[tuple[int, int, str]]:
    """``(begin, end, url)`` of each of GFM's extended autolinks in ``text``: ``www.``
    and ``http(s)://`` links after a line's start, a space or ``* _ ~ (`` (a valid
    domain, then a path up to a space or ``<``, less trailing punctuation, unmatched
    closing parentheses and an entity-like ``&x;``), e-mail addresses, and ``mailto:``
    and ``xmpp:`` links. Each character is looked at a bounded number of times."""
    links: list[tuple[int, int, str]] = []
    position = 0  # nothing before this is looked at again
    for start in _START.finditer(text):
        begin = start.start()
        if begin < position:
            continue
        if start.group() == "@":
            link = _email(text, begin, position)
        else:
            link = _web(text, begin, start.end())
            if link is None:  # a www. inside this domain would end the same way
                domain = _DOMAIN.match(text, start.end())
                position = max(position, domain.end() if domain else start.end())
        if link is not None:
            links.append(link)
            position = link[1]
    return links


def _web(text: str, begin: int, after: int) -> tuple[int, int, str] | None:
    domain = _DOMAIN.match(text, after)
    if domain is None:
        return None
    www = text[begin:after].lower() == "www."
    segments = domain.group().split(".")
    if (www and len(segments) < 2) or any("_" in part for part in segments[-2:]):
        return None
    path = _PATH.match(text, domain.end())
    end = _trimmed(text, begin, path.end() if path else domain.end())
    if end <= after or (www and end < domain.end() and "." not in text[after:end]):
        return None
    shown = text[begin:end]
    return begin, end, ("http://" + shown) if www else shown


def _trimmed(text: str, begin: int, end: int) -> int:
    """``end`` less what GFM leaves out of a link's end (each character left out is
    looked at once)."""
    opens, closes = text.count("(", begin, end), text.count(")", begin, end)
    while end > begin:
        last = text[end - 1]
        if last in _TRAILING or (last == ")" and closes > opens):
            closes -= last == ")"
            end -= 1
            continue
        name = end - 1  # an entity-like &name; at the end
        while last == ";" and name > begin and text[name - 1].isalnum():
            name -= 1
        if last != ";" or name == end - 1 or name - 1 < begin or text[name - 1] != "&":
            return end
        end = name - 1
    return end


def _email(text: str, at: int, position: int) -> tuple[int, int, str] | None:
    begin = at  # the local part, read back to the last link or an @ at most
    while begin > position and text[begin - 1] in _LOCAL:
        begin -= 1
    domain = _MAIL_DOMAIN.match(text, at + 1)
    if begin == at or domain is None or domain.group()[-1] in "-_":
        return None
    end = domain.end()
    scheme = text[max(position, begin - 7) : begin].lower()
    if scheme.endswith("xmpp:"):
        begin -= 5
        resource = _XMPP_RESOURCE.match(text, end)
        end = resource.end() if resource else end
    elif scheme.endswith("mailto:"):
        begin -= 7
    else:
        return begin, end, "mailto:" + text[begin:end]
    end = end - 1 if text[end - 1] == "." else end
    return begin, end, text[begin:end]
