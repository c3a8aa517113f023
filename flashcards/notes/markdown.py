"""Markdown to a tree of :class:`~flashcards.notes.model.Node`, by a CommonMark parser.

The parser is pulldown-cmark (through ``pyromark``): CommonMark-correct, with GFM
tables, strikethrough and task lists, ``$``/``$$`` math, and byte ranges for every
event, which is what lets each card point back at its source line.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from itertools import accumulate
from typing import Any, Final, cast

import pyromark

from flashcards.notes.model import Content, Node
from flashcards.notes.rawhtml import is_text

_OPTIONS: Final = (
    pyromark.Options.ENABLE_TABLES
    | pyromark.Options.ENABLE_STRIKETHROUGH
    | pyromark.Options.ENABLE_TASKLISTS
    | pyromark.Options.ENABLE_MATH
    | pyromark.Options.ENABLE_WIKILINKS  # Obsidian's [[Note]]: see dialects/obsidian.py
    | pyromark.Options.ENABLE_FOOTNOTES  # a mark[^1] and its note: neither is on a card
)

# Start/End tags without parameters, by the name the tree uses for them.
_SIMPLE: Final = {
    "Paragraph": "paragraph",
    "Item": "item",
    "Emphasis": "em",
    "Strong": "strong",
    "Strikethrough": "strike",
    "HtmlBlock": "html_block",
    "TableHead": "table_head",
    "TableRow": "table_row",
    "TableCell": "table_cell",
    "BlockQuote": "blockquote",
}
_LEAVES: Final = {
    "Text": "text",
    "Code": "code",
    "Html": "html",
    "InlineHtml": "html",
    "InlineMath": "math",
    "DisplayMath": "display_math",
    "FootnoteReference": "footnote",  # shows nothing: the note it points to is no card
}
_BREAKS: Final = {"SoftBreak": "softbreak", "HardBreak": "hardbreak", "Rule": "rule"}
_ESCAPED_MATH: Final = {"(": (")", "math"), "[": ("]", "display_math")}
_ESCAPED: Final = (("escaped", "1"),)


MAX_DEPTH: Final = 100


class TooDeep(ValueError):
    """Markdown nested deeper than :data:`MAX_DEPTH`; ``offset`` is where it got too deep."""

    def __init__(self, offset: int) -> None:
        super().__init__(offset)
        self.offset = offset


class LineIndex:
    """Maps byte offsets of a text to 1-based line numbers."""

    def __init__(self, source: bytes, first_line: int = 1, origin: list[int] | None = None) -> None:
        line_lengths = [len(line) + 1 for line in source.split(b"\n")]
        self._starts = list(accumulate(line_lengths, initial=0))[:-1]  # where each line starts
        self._first_line = first_line
        self._origin = origin

    def line(self, offset: int) -> int:
        """The line that holds byte ``offset`` (in the original text, when the text was
        rewritten: ``origin[n]`` is where its line ``n`` came from)."""
        index = bisect_right(self._starts, offset) - 1
        if self._origin is not None:
            index = self._origin[min(index, len(self._origin) - 1)]
        return index + self._first_line


def parse_markdown(body: str, tex: str = "") -> Content:
    r"""The block-level nodes of ``body``; ``start`` offsets are bytes into ``body``.
    ``\(..\)`` and ``\[..\]`` are math where ``tex`` holds their opener (``(``, ``[``:
    where the note's site makes them math, :mod:`~flashcards.notes.mathsites`), else
    the escaped parentheses and brackets CommonMark says they are.

    Raises :class:`TooDeep` past :data:`MAX_DEPTH` levels of nesting, so that every
    later walk of the tree stays far from Python's recursion limit.
    """
    source = body.encode("utf-8")
    # A frame is a container being built: kind, text, attrs, start, children, and
    # whether its children need text merging or escaped-math rewriting (rare).
    root: list[Any] = ["root", "", (), 0, [], False]
    stack = [root]
    children: list[Node] = root[4]
    key: str
    value: Any
    escapes = b"\\" in source
    # typed, so that compiled code reads the events' dicts directly (not as any object's)
    events = cast(
        Iterable[tuple[dict[str, Any] | str, dict[str, int]]],
        pyromark.events_with_range(body, options=_OPTIONS),
    )
    for event, span in events:
        start = span["start"]
        if isinstance(event, str):
            children.append(Node(_BREAKS.get(event) or event.lower(), "", (), (), start))
            continue
        # An event is a one-pair dict: Start, End and Text (nearly all) are looked up, in
        # that order of frequency, not unpacked.
        value = event.get("Start")
        if value is not None:
            simple = _SIMPLE.get(value) if value.__class__ is str else None
            kind, text, attrs = (simple, "", ()) if simple else _container(value)
            frame: list[Any] = [kind, text, attrs, start, [], False]
            stack.append(frame)
            if len(stack) > MAX_DEPTH:
                raise TooDeep(start)
            children = frame[4]
            continue
        if "End" in event:
            kind, text, attrs, begin, content, messy = stack.pop()
            if messy:
                content = merge_text(_escaped_math(content, source, tex) if tex else content)
            children = stack[-1][4]
            if kind == "html_block" and len(content) > 1 and not content[0].text.strip():
                content = content[1:]  # the block's indentation: its first line is the tag
            if kind != "html_block":
                children.append(Node(kind, text, tuple(content), attrs, begin))
            elif content and is_text(content[0].text):
                children.append(
                    Node("paragraph", text, tuple(_literal_lines(content, begin)), attrs, begin)
                )
            elif len(content) > 1 and _unclosed(content[0].text):
                # <style> or <script> never closed: only its own line is the element (the
                # sanitiser drops it); what follows is the note's text again.
                rest = "".join(node.text for node in content[1:])
                children.append(Node(kind, text, (content[0],), attrs, begin))
                children.extend(_shifted(parse_markdown(rest, tex), content[1].start))
            else:
                children.append(Node(kind, text, tuple(content), attrs, begin))
            continue
        value = event.get("Text")
        if value is not None:
            escaped = escapes and start > 0 and source[start - 1] == 0x5C  # after a backslash
            if escaped and children and children[-1].attrs and children[-1].text == "\\":
                escaped = children[-1].start + 1 != start  # not the one a \\ escapes
            if escaped or (children and children[-1].kind == "text"):
                stack[-1][5] = True
            children.append(Node("text", value, (), _ESCAPED if escaped else (), start))
            continue
        ((key, value),) = event.items()
        if key == "InlineHtml" and is_text(value):  # `List<T>`: text, not a tag
            stack[-1][5] = True
            children.append(Node("text", value, (), (), start))
        elif key == "TaskListMarker":
            children.append(Node("task", "x" if value else "", start=start))
        else:
            children.append(Node(_LEAVES.get(key, "text"), str(value), (), (), start))
    return merge_text(children) if root[5] else tuple(children)


def _container(value: Any) -> tuple[str, str, tuple[tuple[str, str], ...]]:
    """Kind, text and attributes of a Start event's tag."""
    if isinstance(value, str):
        return _SIMPLE.get(value, value.lower()), "", ()
    ((tag, detail),) = value.items()
    if tag == "Heading":
        return "heading", "", (("level", detail["level"][1:]),)
    if tag == "List":
        return "list", "", (("start", str(detail)),) if detail is not None else ()
    if tag == "CodeBlock":
        lang = detail.get("Fenced", "") if isinstance(detail, dict) else ""
        return "code_block", lang.split()[0] if lang.strip() else "", ()
    if tag in ("Link", "Image"):
        url, link_type = detail["dest_url"], detail.get("link_type")
        if link_type == "Email" and not url.lower().startswith("mailto:"):
            url = "mailto:" + url
        if isinstance(link_type, dict) and "WikiLink" in link_type:
            shown = "1" if link_type["WikiLink"].get("has_pothole") else ""
            if shown:  # ``[[Note\|alias]]``, the pipe escaped as a table row needs it
                url = url.removesuffix("\\")
            return tag.lower(), url, (("title", ""), ("wiki", "1"), ("pothole", shown))
        return tag.lower(), url, (("title", detail["title"]),)
    if tag == "Table":
        return "table", "", (("align", " ".join(a.lower() for a in detail)),)
    if tag == "BlockQuote":
        return "blockquote", "", ()
    return tag.lower(), "", ()


def _escaped_math(children: Sequence[Node], source: bytes, tex: str) -> Sequence[Node]:
    r"""Turn ``\(...\)`` and ``\[...\]`` (which CommonMark reads as escapes) into math,
    those whose opener ``tex`` holds."""
    # where each closer stands, found once: an opener never closed would otherwise look
    # through the rest of the paragraph, and n of them took n² steps
    closers: dict[str, list[int]] = {closer: [] for closer, _ in _ESCAPED_MATH.values()}
    for index, node in enumerate(children):
        if node.kind == "text" and node.attrs and node.text[:1] in closers:
            closers[node.text[:1]].append(index)
    out: list[Node] = []
    i = 0
    while i < len(children):
        node = children[i]
        opener = node.text[:1] if node.attrs and node.kind == "text" else ""
        if opener and opener in tex:
            closer, kind = _ESCAPED_MATH[opener]
            after = bisect_right(closers[closer], i)
            if after < len(closers[closer]):
                j = closers[closer][after]
                end = children[j]
                math = source[node.start + 1 : end.start - 1].decode("utf-8")
                out.append(Node(kind, math, start=node.start))
                if len(end.text) > 1:
                    out.append(Node("text", end.text[1:], start=end.start + 1))
                i = j + 1
                continue
        out.append(node)
        i += 1
    return out


_RAW_TEXT: Final = re.compile(r"^\s*<(style|script)\b", re.IGNORECASE)


def _unclosed(first_line: str) -> bool:
    """Whether an HTML block opens a ``<style>``/``<script>`` that its line does not
    close (CommonMark then runs the block to the end of its container)."""
    match = _RAW_TEXT.match(first_line)
    return match is not None and f"</{match.group(1).lower()}" not in first_line.lower()


def _shifted(nodes: Content, delta: int) -> list[Node]:
    """``nodes`` (parsed on their own) with offsets moved by ``delta`` bytes."""
    return [
        Node(
            node.kind,
            node.text,
            tuple(_shifted(node.children, delta)),
            node.attrs,
            node.start + delta,
        )
        for node in nodes
    ]


def _literal_lines(content: Sequence[Node], start: int) -> list[Node]:
    """An HTML block that starts with no real tag (``<T>`` alone on a line), as text."""
    lines = "".join(node.text for node in content).strip("\n").split("\n")
    nodes: list[Node] = []
    for number, line in enumerate(lines):
        if number:
            nodes.append(Node("softbreak", start=start))
        nodes.append(Node("text", line.strip(), start=start))
    return nodes


def merge_text(children: Sequence[Node]) -> Content:
    """Join adjacent text leaves (the parser splits text at escapes and entities, and at
    every ``[`` or ``<`` that opens nothing). A run of leaves is joined once, at its end:
    adding each to the text so far copied it again, and n leaves took n² steps."""
    merged: list[Node] = []
    run: list[Node] = []  # the text leaves since the last other node
    for node in children:
        if node.kind == "text":
            run.append(node)
            continue
        if run:
            merged.append(_joined(run))
            run = []
        merged.append(node)
    if run:
        merged.append(_joined(run))
    return tuple(merged)


def _joined(run: list[Node]) -> Node:
    """One text leaf for a run of them (a lone leaf without its attributes)."""
    first = run[0]
    if len(run) == 1 and not first.attrs:
        return first
    text = first.text if len(run) == 1 else "".join(node.text for node in run)
    return Node("text", text, start=first.start)
