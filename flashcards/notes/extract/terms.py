"""Where a list item's term ends and its definition begins: ``**Term:** definition``,
``**Term** - definition``, ``Term: definition`` (a short plain term)."""

from __future__ import annotations

from flashcards.notes.extract.tree import strip_leading
from flashcards.notes.markdown import plain_text
from flashcards.notes.model import Content, Node

SEPARATORS = (":", "–", "—", "-")


def term_and_definition(inline: Content, rest: Content) -> tuple[Content, Content] | None:
    """``**Term:** definition`` (or ``**Term**: ...``) split in two; None if not so shaped."""
    if not inline:
        return None
    first, after = inline[0], inline[1:]
    if first.kind == "strong":
        term = first.children
        term_text = plain_text(term)
        if term_text.endswith(":"):
            term = _strip_trailing_colon(term)
        elif after and after[0].kind == "text" and after[0].text.lstrip()[:1] in SEPARATORS:
            head = after[0].text.lstrip()[1:].lstrip()
            after = ((Node("text", head, start=after[0].start),) if head else ()) + after[1:]
        elif not plain_text(after) and not rest:
            return None
    elif first.kind == "text" and ":" in first.text:
        name, _, head = first.text.partition(":")
        if not name.strip() or len(name.split()) > 6:
            return None
        term = (Node("text", name.strip(), start=first.start),)
        after = ((Node("text", head.lstrip(), start=first.start),) if head.strip() else ()) + after
    else:
        return None
    after = strip_leading(after)
    definition = (
        (Node("paragraph", children=after, start=after[0].start),) if after else ()
    ) + rest
    return term, definition


def _strip_trailing_colon(term: Content) -> Content:
    last = term[-1]
    if last.kind == "text":
        text = last.text.rstrip()
        return (*term[:-1], last._replace(text=text[:-1].rstrip()))
    return term
