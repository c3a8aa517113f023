"""GFM's extended autolinks: ``www.example.com``, bare ``https://...`` and e-mail
addresses in text become links, as GitHub and Obsidian show them. Found by linkify-it
(a maintained linkifier: known top-level domains, balanced parentheses, trailing
punctuation left out), never inside code, math, raw HTML or an existing link."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any, Final

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
    matches = _linkify().match(node.text) or []
    if not matches:
        return [node]
    out: list[Node] = []
    position = 0
    for match in matches:
        if match.index > position:
            out.append(Node("text", node.text[position : match.index], start=node.start))
        shown = Node("text", match.text, start=node.start)
        out.append(Node("link", match.url, (shown,), (("title", ""),), node.start))
        position = match.last_index
    if position < len(node.text):
        out.append(Node("text", node.text[position:], start=node.start))
    return out


@functools.cache
def _linkify() -> Any:
    from linkify_it import LinkifyIt

    return LinkifyIt()
