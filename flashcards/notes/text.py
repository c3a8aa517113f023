"""The visible text of a CommonMark tree: what a term or an item says, markup removed."""

from __future__ import annotations

from typing import Final

from flashcards.notes.model import Content


def plain_text(nodes: Content) -> str:
    """The visible text of ``nodes``, markup removed, whitespace collapsed."""
    if len(nodes) == 1 and nodes[0].kind == "text":  # most terms and items: one run of text
        return " ".join(nodes[0].text.split())
    parts: list[str] = []
    _collect_text(nodes, parts)
    return " ".join("".join(parts).split())


def has_text(nodes: Content) -> bool:
    """Whether ``nodes`` show any text: ``plain_text(nodes) != ""``, without making it."""
    for node in nodes:
        kind = node.kind
        if kind in ("text", "code"):
            shown = bool(node.text.strip())
        elif kind in ("math", "display_math"):
            shown = True
        elif kind == "code_block":
            shown = any(child.text.strip() for child in node.children)
        else:
            shown = kind not in _NO_TEXT and has_text(node.children)
        if shown:
            return True
    return False


_NO_TEXT: Final = frozenset({"html", "html_block", "task", "softbreak", "hardbreak"})


def _collect_text(nodes: Content, parts: list[str]) -> None:
    for node in nodes:
        if node.kind in ("text", "code"):
            parts.append(node.text)
        elif node.kind == "math":
            parts.append(f"\\({node.text}\\)")
        elif node.kind == "display_math":
            parts.append(f"\\[{node.text}\\]")
        elif node.kind in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif node.kind == "code_block":
            parts.extend(child.text for child in node.children)
        elif node.kind not in ("html", "html_block", "task"):
            _collect_text(node.children, parts)
            if node.kind in ("paragraph", "item", "heading", "table_cell"):
                parts.append(" ")
