"""Links written in brackets, as papers' and books' notes cite their sources:
``[[pdf]](https://…)``, which GitHub shows as a link whose text is ``[pdf]``, and which
the wikilink parser (on for Obsidian's ``[[Note]]``) splits into a wikilink and
``(https://…)`` in the text."""

from __future__ import annotations

import re
from typing import Final

from flashcards.notes.marks import may_hold
from flashcards.notes.model import Content, Node, with_children, with_text
from flashcards.notes.text import plain_text


def applies(body: str) -> bool:
    """Whether ``body`` may hold a link written in brackets (a cheap test before the work)."""
    return may_hold(body, ("]](",))


def rewrite(blocks: Content, heading: bool = False) -> Content:
    """``blocks`` with each ``[[pdf]](https://…)`` as the link GitHub shows (its text
    ``[pdf]``), not a wikilink and then ``(https://…)`` in the text: a paper's heading
    showed its links' addresses on every card (run before autolinks, which would take
    the address for a link of its own). In a heading, such links point to the source
    (``# Attention Is All You Need [[pdf]](…) [[video]](…)``) and name nothing: left out."""
    out: list[Node] = []
    following: Node | None = None
    for index, node in enumerate(blocks):
        if following is not None:  # the text after a bracketed link, its URL taken
            node, following = following, None
        after = blocks[index + 1] if index + 1 < len(blocks) else None
        bracketed = _bracketed_link(node, after)
        if bracketed is not None:
            link, following = bracketed
            if not heading:
                out.append(link)
        elif node.children:
            inner = rewrite(node.children, heading or node.kind == "heading")
            out.append(with_children(node, inner))
        else:
            out.append(node)
    return tuple(out)


_URL_AFTER: Final = re.compile(r"\(([^\s()]+)\)")


def _bracketed_link(node: Node, after: Node | None) -> tuple[Node, Node] | None:
    """``[[pdf]](https://…)``, which GitHub shows as a link whose text is ``[pdf]`` (and
    which the wikilink parser split into a wikilink and ``(https://…)``): the link, and
    the text after its URL."""
    if not (node.kind == "link" and node.attr("wiki") and not node.attr("pothole")):
        return None
    if after is None or after.kind != "text":
        return None
    match = _URL_AFTER.match(after.text)
    if match is None:
        return None
    shown = Node("text", f"[{plain_text(node.children) or node.text}]", start=node.start)
    link = Node("link", match.group(1), (shown,), (("title", ""),), node.start)
    return link, with_text(after, after.text[match.end() :])
