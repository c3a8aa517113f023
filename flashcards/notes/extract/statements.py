"""A heading's key statement: a section that names a thing and opens with one bold
sentence (``## Single Responsibility Principle`` / ``**A class should have only one
reason to change.**``). The author marked that sentence as the thing's one line, the
way a study guide states each principle, law or rule before explaining it. Set AF's
readers found all five such principles of one note making no card. The heading is the
front and the statement the back."""

from __future__ import annotations

import re
from typing import Final

from flashcards.notes.extract.definitions import PROCEDURE, without_symbols
from flashcards.notes.extract.found import Found
from flashcards.notes.extract.questions import bold_only
from flashcards.notes.extract.words import names
from flashcards.notes.extract.worth import first_person, junk_section
from flashcards.notes.model import Node, identity_key
from flashcards.notes.text import plain_text

_WORDS: Final = (4, 30)  # a statement: more than a label, less than a paragraph
_MOST_HEADING_WORDS: Final = 8
# a sentence: it opens with a word, not a number, and ends as a sentence does
_SENTENCE: Final = re.compile(r"^[^\W\d_][^:\uff1a]*[.!\u3002]$")


def add_heading_statement(
    found: Found, heading: str, block: Node, context: tuple[str, ...]
) -> bool:
    """The card of a heading whose section opens with ``block``, a paragraph that is one
    bold sentence about it; whether one was made. Not under a heading that asks, is a
    section word or a step (``Install the tools``), nor a sentence that leads into what
    follows (``**Three rules:**``), a sub-heading in bold or the author speaking."""
    bold = bold_only(block)
    if bold is None:
        return False
    statement = " ".join(plain_text(bold).split())
    term = without_symbols(heading.strip())
    if not _WORDS[0] <= len(statement.split()) <= _WORDS[1] or not _SENTENCE.match(statement):
        return False  # a bold line that is a sub-heading (``Phase 1: Discovery``) says no fact
    if statement.endswith("?") or first_person(statement):
        return False
    if term.endswith("?") or len(term.split()) > _MOST_HEADING_WORDS or not names(term):
        return False
    if PROCEDURE.match(term) or identity_key(term) in found.defined:
        return False
    if junk_section((*context, heading)):
        return False
    line = found.lines.line(block.start)
    said = (Node("paragraph", children=bold, start=block.start),)
    found.add_vocab((Node("text", heading.strip()),), said, line, context)
    return True
