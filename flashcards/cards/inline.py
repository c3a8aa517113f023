"""Inline clozes (``==x==``, ``{{c1::x::hint}}``) as the fields of the cloze note type:
the sentence with Anki's own cloze markers, numbers and hints as written."""

from __future__ import annotations

from collections.abc import Mapping

from flashcards.cards.escape import cloze_safe, shown
from flashcards.cards.render import context_html, escape_text, render
from flashcards.notes.model import Cloze, Content, Note


def cloze_fields(
    note: Note, cloze: Cloze, media: Mapping[str, str] | None = None
) -> tuple[str, ...]:
    """Text (a cloze per number), Prompt, Extra, Hint, Context, Source."""
    parts: list[str] = []
    pending: list[Content] = []

    def flush() -> None:
        if pending:
            parts.append(
                cloze_safe(render(tuple(n for p in pending for n in p), media, strip=False))
            )
            pending.clear()

    for node in cloze.content:
        if node.kind != "cloze":
            pending.append((node,))
            continue
        flush()
        hidden = cloze_safe(render(node.children, media))
        hint = node.attr("hint")
        shown_hint = f"::{cloze_safe(shown(hint))}" if hint else ""
        parts.append(f"{{{{c{node.text}::{hidden}{shown_hint}}}}}")
    flush()
    return (
        f'<div class="cloze-text">{"".join(parts).strip()}</div>',
        escape_text(cloze.text),
        render(cloze.extra, media),
        "",
        context_html(cloze.context),
        escape_text(note.title),
    )


def cloze_numbers(cloze: Cloze) -> tuple[int, ...]:
    """The card ordinals (from 0) of a cloze note: one per cloze number."""
    return tuple(sorted({int(n.text) - 1 for n in cloze.content if n.kind == "cloze"}))
