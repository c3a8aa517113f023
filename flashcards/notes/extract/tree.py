"""Small helpers over the CommonMark tree that every card kind's extraction uses."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from flashcards.notes.model import Content, Node, with_children, with_text

# Blocks that can follow a list item's own line inside the item (its body).
BODY_BLOCKS: Final = frozenset(
    {"paragraph", "list", "code_block", "html_block", "blockquote", "table"}
)
BLOCKS: Final = BODY_BLOCKS | {"heading", "rule"}


def split_item(item: Node) -> tuple[Content, Content]:
    """A list item's own inline text (task box removed) and the blocks after it."""
    children = item.children
    if children and children[0].kind == "paragraph":
        inline, rest = children[0].children, children[1:]
    else:
        cut = next((i for i, c in enumerate(children) if c.kind in BLOCKS), len(children))
        inline, rest = children[:cut], children[cut:]
    if inline and inline[0].kind == "task":
        inline = strip_leading(inline[1:])
    return inline, rest


def strip_leading(nodes: Content) -> Content:
    """``nodes`` without the line breaks and white space they start with."""
    while nodes and nodes[0].kind in ("softbreak", "hardbreak"):
        nodes = nodes[1:]
    if nodes and nodes[0].kind == "text":
        head = nodes[0].text.lstrip()
        nodes = ((with_text(nodes[0], head),) if head else ()) + nodes[1:]
    return nodes


def descendants(nodes: Content) -> Iterator[Node]:
    """Every node in ``nodes``, depth first."""
    for node in nodes:
        yield node
        yield from descendants(node.children)


def has_kind(nodes: Content, kind: str) -> bool:
    """Whether any node in ``nodes`` (at any depth) is of ``kind``."""
    return any(node.kind == kind for node in descendants(nodes))


def lines_of(inline: Content) -> list[Content]:
    """``inline`` cut at its line breaks (empty lines left out)."""
    lines: list[list[Node]] = [[]]
    for node in inline:
        if node.kind in ("softbreak", "hardbreak"):
            lines.append([])
        else:
            lines[-1].append(node)  # a list: a tuple rebuilt per node was quadratic
    return [tuple(line) for line in lines if line]


def joined_lines(lines: list[Content]) -> Content:
    """``lines`` as one run of inline nodes, a hard line break between each two."""
    joined: list[Node] = []
    for line in lines:
        if joined:
            joined.append(Node("hardbreak", start=line[0].start))
        joined.extend(line)
    return tuple(joined)


def is_decoration(block: Node) -> bool:
    """Whether ``block`` is a picture set in the text (``<figure>…</figure>``, a paragraph
    of an image alone): what follows it follows the block before it. A heading over a
    figure over its definition is still a heading over its definition."""
    if block.kind == "html_block":
        return True
    shown = [node for node in block.children if node.kind not in ("softbreak", "html")]
    return block.kind == "paragraph" and all(
        node.kind == "image" or (node.kind == "text" and not node.text.strip()) for node in shown
    )


def is_caption(block: Node) -> bool:
    """Whether ``block``, right after a picture, is its caption: a paragraph all in
    italics (``*A dashboard with its parameters.*``). Set AF's readers met a caption
    taken for what the heading above the picture is."""
    shown = [node for node in block.children if not (node.kind == "text" and not node.text.strip())]
    return block.kind == "paragraph" and len(shown) == 1 and shown[0].kind == "em"


def holds_sections(block: Node) -> bool:
    """Whether a list's items open with headings (``- ## Components``, as Logseq writes
    a page): an outline of sections, not a list of parts."""
    return any(item.children and item.children[0].kind == "heading" for item in block.children)


def as_sections(block: Node) -> Content:
    """A list of sections as the blocks it outlines: each heading item's heading, then
    what the item holds; the items between them stay a list."""
    blocks: list[Node] = []
    run: list[Node] = []
    for item in block.children:
        if item.children and item.children[0].kind == "heading":
            if run:
                blocks.append(with_children(block, tuple(run)))
                run = []
            blocks.extend(item.children)
        else:
            run.append(item)
    if run:
        blocks.append(with_children(block, tuple(run)))
    return tuple(blocks)
