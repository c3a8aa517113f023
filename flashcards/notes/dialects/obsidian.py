"""Obsidian's Markdown: wikilinks, embeds, highlights, callouts and comments.

Applied to every note (the syntax is Obsidian's own and rare elsewhere; GitHub writes
alerts as callouts too), after CommonMark parsing, on the tree, so that code spans and
code blocks are never touched:

- ``[[Note]]``, ``[[Note|alias]]``, ``[[Note#Heading]]`` become their display text;
- ``![[image.png]]`` and ``![[image.png|300]]`` embed the image (found anywhere in the
  vault by :mod:`flashcards.notes.media`); ``![[Other note]]`` shows the note's name, with a
  warning;
- ``==text==`` becomes ``<mark>``, and so does the Fast Text Color plugin's
  ``~={red}text=~`` (which CommonMark reads as ``~strikethrough~``, markers and all);
- ``> [!note] Title`` becomes a callout box;
- ``%%comments%%`` are blanked out before parsing (:func:`without_comments`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Final

from flashcards.notes.dialects import TextEdit
from flashcards.notes.dialects.lines import code_lines, code_ranges
from flashcards.notes.extract.tree import BODY_BLOCKS
from flashcards.notes.markdown import merge_text
from flashcards.notes.marks import may_hold
from flashcards.notes.model import Content, Node, with_children
from flashcards.notes.scan import files_by_name
from flashcards.notes.text import plain_text

MARKERS: Final = ("[[", "==", "[!", "%%", "~=")
_COMMENT: Final = ("%%",)
FRONT_MATTER_KEYS: Final[frozenset[str]] = frozenset(
    {"aliases", "cssclasses", "cssclass", "publish", "permalink"}
)
IMAGE_SUFFIXES: Final = frozenset(
    {"png", "jpg", "jpeg", "gif", "webp", "svg", "bmp", "avif", "tif", "tiff", "ico"}
)
_SIZE: Final = re.compile(r"(\d+)(?:x(\d+))?")
_CALLOUT: Final = re.compile(r"\[!([A-Za-z][\w-]*)\]([+-]?)[ \t]*")
_ALIASED: Final = re.compile(r"\[\[[^\[\]\n|]*(?<!\\)\|[^\[\]\n]*\]\]")
_COLOR_ID: Final = re.compile(r"=\{[\w-]+\} ?")


def applies(body: str) -> bool:
    """Whether ``body`` may hold any Obsidian syntax (a cheap test before the work)."""
    return may_hold(body, MARKERS)


def without_comments(body: str) -> tuple[str, list[int] | None]:
    """``body`` without its ``%%comments%%`` (those outside code), and the origin of each
    line of the result (None when nothing was removed)."""
    if not may_hold(body, _COMMENT):
        return body, None
    code = code_ranges(body)
    starts = [start for start, _ in code]
    marks = []
    for match in re.finditer("%%", body):
        inside = bisect_right(starts, match.start()) - 1
        if inside < 0 or match.start() >= code[inside][1]:
            marks.append(match.start())
    if len(marks) < 2:
        return body, None
    out = TextEdit(body)
    position = 0
    for opening, closing in zip(marks[::2], marks[1::2], strict=False):
        out.keep(position, opening)
        position = closing + 2
    out.keep(position, len(body))
    return out.text(), out.origin


def escaped_in_tables(body: str) -> str:
    """``body`` with the pipe of each ``[[Note|alias]]`` on a table row escaped, line for
    line. Obsidian reads the link before the row's cells; CommonMark would split the row
    at that pipe, so every value after it would stand under the wrong column."""
    if "[[" not in body or not _ALIASED.search(body):
        return body
    lines = body.split("\n")
    code: set[int] | None = None
    for number, line in enumerate(lines):
        if not _ALIASED.search(line) or "|" not in _ALIASED.sub("", line):
            continue
        code = code_lines(body) if code is None else code
        if number not in code:
            lines[number] = _ALIASED.sub(lambda link: link[0].replace("|", "\\|", 1), line)
    return "\n".join(lines)


def rewrite(blocks: Content) -> tuple[Content, list[tuple[int, str]]]:
    """``blocks`` with Obsidian's syntax turned into plain Markdown nodes; and the
    warnings found, as (byte offset, message)."""
    warnings: list[tuple[int, str]] = []
    return _Rewriter(warnings).nodes(blocks), warnings


class _Rewriter:
    def __init__(self, warnings: list[tuple[int, str]]) -> None:
        self.warnings = warnings

    def nodes(self, nodes: Sequence[Node]) -> Content:
        out: list[Node] = []
        for node in nodes:
            out.append(self.node(node))
        merged = merge_text(out)
        if any(node.kind == "text" and "==" in node.text for node in merged):
            merged = merge_text(_highlights(merged))
        return merged

    def node(self, node: Node) -> Node:
        kind = node.kind
        if kind in ("text", "code", "code_block", "math", "display_math", "html", "html_block"):
            return node
        if kind == "link" and node.attr("wiki"):
            return Node("text", _display(node), start=node.start)
        if kind == "image" and node.attr("wiki"):
            return self.embed(node)
        if kind == "item" and _links_only(node):
            node = Node(
                node.kind, node.text, node.children, (*node.attrs, ("links", "1")), node.start
            )
        node = with_children(node, self.nodes(node.children))
        if kind == "blockquote":
            return _callout(node) or node
        if kind == "strike":
            return _colored(node) or node
        return node

    def embed(self, node: Node) -> Node:
        target = node.text.split("#")[0]
        if target.rpartition(".")[2].lower() not in IMAGE_SUFFIXES:
            name = _display(node)
            self.warnings.append(
                (node.start, f"embedded note '{target}' is shown as its name on cards")
            )
            return Node("text", name, start=node.start)
        shown = plain_text(node.children) if node.attr("pothole") else ""
        size = _SIZE.fullmatch(shown)
        attrs: tuple[tuple[str, str], ...] = (("title", ""), ("wiki", "1"))
        if size:
            attrs += (("width", size.group(1)),)
            if size.group(2):
                attrs += (("height", size.group(2)),)
            shown = ""
        alt = (Node("text", shown, start=node.start),) if shown else ()
        return Node("image", target, alt, attrs, node.start)


def _links_only(item: Node) -> bool:
    """Whether a list item's own line is nothing but wikilinks (a list of related notes,
    which the extraction must not take for something to learn)."""
    first = item.children[0] if item.children else None
    if first is not None and first.kind == "paragraph":
        inline: Sequence[Node] = first.children
    else:  # a tight list: the item's own line stands in it directly
        cut = next((i for i, n in enumerate(item.children) if n.kind in BODY_BLOCKS), None)
        inline = item.children[:cut]
    shown = [n for n in inline if not (n.kind == "text" and not n.text.strip(" ,;|·-"))]
    return bool(shown) and all(n.kind == "link" and n.attr("wiki") for n in shown)


def _display(node: Node) -> str:
    """What Obsidian shows for a wikilink: the alias, else the note (and heading)."""
    if node.attr("pothole"):
        return plain_text(node.children)
    name, _, heading = node.text.partition("#")
    heading = heading.lstrip("^")
    if name and heading:
        return f"{name} › {heading}"
    return heading or name


def _highlights(nodes: Sequence[Node]) -> list[Node]:
    """``==text==`` spans (within one run of inline nodes) wrapped in ``mark`` nodes.
    As for emphasis, an opening ``==`` is not followed by a space, a closing one not
    preceded by one (``a == b`` stays as written)."""
    pieces: list[Node | None] = []  # None marks a `==`
    for node in nodes:
        if node.kind != "text" or "==" not in node.text:
            pieces.append(node)
            continue
        for index, part in enumerate(node.text.split("==")):
            if index:
                pieces.append(None)
            if part:
                pieces.append(Node("text", part, start=node.start))
    out: list[Node] = []
    opened: int | None = None
    for index, piece in enumerate(pieces):
        if piece is not None:
            out.append(piece)
            continue
        before = _edge(pieces[index - 1] if index else None, last=True)
        after = _edge(pieces[index + 1] if index + 1 < len(pieces) else None, last=False)
        if opened is not None and before and not before.isspace():
            inner = tuple(out[opened:])
            del out[opened:]
            out.append(Node("mark", children=inner, start=inner[0].start if inner else 0))
            opened = None
        elif after and not after.isspace():
            if opened is not None:
                out.insert(opened, Node("text", "=="))
            opened = len(out)
        else:
            out.append(Node("text", "=="))
    if opened is not None:
        out.insert(opened, Node("text", "=="))
    return out


def _colored(strike: Node) -> Node | None:
    """Fast Text Color's ``~={id} text=~`` (parsed as strikethrough) as a ``mark``: the
    colour is the author's way to make the text stand out, the markers are not text."""
    inline = list(strike.children)
    if not inline or inline[0].kind != "text" or inline[-1].kind != "text":
        return None
    opening = _COLOR_ID.match(inline[0].text)
    if opening is None or not inline[-1].text.endswith("="):
        return None
    inline[0] = Node("text", inline[0].text[opening.end() :], start=inline[0].start)
    inline[-1] = Node("text", inline[-1].text[:-1], start=inline[-1].start)
    shown = tuple(node for node in inline if node.kind != "text" or node.text)
    return Node("mark", children=shown, start=strike.start) if shown else None


def _edge(piece: Node | None, *, last: bool) -> str:
    """The character next to a ``==``: text's own, ``x`` for markup, ``""`` for none."""
    if piece is None:
        return ""
    if piece.kind == "text":
        return piece.text[-1:] if last else piece.text[:1]
    return "" if piece.kind in ("softbreak", "hardbreak") else "x"


def _callout(quote: Node) -> Node | None:
    """``> [!type] Title`` as a callout node: its title, then the body blocks."""
    if not quote.children or quote.children[0].kind != "paragraph":
        return None
    first = quote.children[0]
    inline = first.children
    if not inline or inline[0].kind != "text":
        return None
    match = _CALLOUT.match(inline[0].text)
    if match is None:
        return None
    kind = match.group(1).lower()
    rest = inline[0].text[match.end() :]
    line = ((Node("text", rest, start=inline[0].start),) if rest else ()) + inline[1:]
    cut = next((i for i, n in enumerate(line) if n.kind in ("softbreak", "hardbreak")), None)
    title, body_inline = (line, ()) if cut is None else (line[:cut], line[cut + 1 :])
    title = title or (Node("text", kind.replace("-", " ").capitalize(), start=first.start),)
    body = quote.children[1:]
    if body_inline:
        body = (with_children(first, body_inline), *body)
    heading = Node("callout_title", children=title, start=first.start)
    return Node("callout", kind, (heading, *body), (), quote.start)


@lru_cache(maxsize=64)
def vault_root(folder: Path) -> Path | None:
    """The Obsidian vault that ``folder`` lies in: the nearest folder with ``.obsidian/``."""
    for candidate in (folder, *folder.parents):
        if (candidate / ".obsidian").is_dir():
            return candidate
    return None


@lru_cache(maxsize=16)
def _files_by_name(vault: Path) -> dict[str, list[str]]:
    """Every file of the vault by name (read once a build: see ``forget_folders``)."""
    return files_by_name(str(vault))


def vault_of(note_folder: Path, notes_root: Path) -> Path:
    """The folder whose files an embed by name is looked up in: the note's vault, or
    the notes folder outside a vault."""
    return vault_root(note_folder.resolve()) or notes_root.resolve()


def vault_file(note_folder: Path, target: str, notes_root: Path) -> tuple[Path, Path] | None:
    """``(file, vault)`` for an embed ``![[target]]``, found as Obsidian finds it: a path
    from the vault's top or from the note's folder, else the file of that name nearest
    to the note (attachment folders included). Outside a vault the notes folder is the
    vault."""
    vault = vault_of(note_folder, notes_root)
    if "/" in target:
        for base in (vault, note_folder):
            if (base / target).is_file():
                return base / target, vault
    candidates = [Path(c) for c in _files_by_name(vault).get(PurePosixPath(target).name, ())]
    if not candidates:
        return None
    here = note_folder.resolve()
    best = min(candidates, key=lambda p: (p.parent != here, len(p.parts), str(p)))
    return best, vault
