"""Checklists: a list under a prompt (a labelled paragraph or a parent item) becomes one
cloze card per item."""

from __future__ import annotations

from flashcards.notes.extract.found import Found
from flashcards.notes.extract.tree import has_kind, split_item
from flashcards.notes.markdown import plain_text
from flashcards.notes.model import Checklist, ChecklistItem, Content, Node, nfc


def find_checklists(found: Found, block: Node, context: tuple[str, ...]) -> None:
    """The checklists of a list outside a vocab section: items with a nested list."""
    for item in block.children:
        inline, rest = split_item(item)
        nested = next((i for i, node in enumerate(rest) if node.kind == "list"), None)
        if nested is not None:
            prompt = inline + rest[:nested]
            add_checklist(found, prompt, rest[nested], rest[nested + 1 :], item.start, context)


def add_checklist(
    found: Found,
    prompt: Content,
    block: Node,
    extra: Content,
    start: int,
    context: tuple[str, ...],
) -> None:
    """The checklist of ``block``'s items under ``prompt`` (warned about when it has none)."""
    items = []
    for item in block.children:
        inline, rest = split_item(item)
        content = inline + rest if rest else inline
        if plain_text(content) or has_kind(content, "image"):
            items.append(ChecklistItem(content, found.lines.line(item.start)))
    prompt_text = plain_text(prompt)
    line = found.lines.line(start)
    if not items:
        found.warn(line, f"checklist '{prompt_text}' has no items with text; no card made")
        return
    if len(items) == 1:
        found.warn(line, f"checklist '{prompt_text}' has a single item")
    checklist = Checklist(
        prompt=nfc(prompt_text),
        prompt_content=prompt,
        items=tuple(items),
        ordered=bool(block.attr("start")),
        extra=extra,
        line=line,
        context=context,
    )
    found.checklists.append(checklist)
    found.inspect((prompt, *(i.content for i in items), extra))
