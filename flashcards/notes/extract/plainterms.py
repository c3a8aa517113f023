"""Paragraphs written ``term: what it is`` in plain text, a lecture's terse notes.

Issue 32's readers (set S) found lecture notes of such lines (``cryptography: a way to
provide formal guarantees in the presence of an attacker``, ``one-time pad (xor): secure
if used only once``) making no card at all, where a learner wanted one a line. A bold
term before a colon is a definition wherever it stands (``questions.add_defined_term``);
a plain one is only in a note that writes two such paragraphs or more, a third of its
paragraphs at least, so that ``Bottom line: …`` in an essay stays prose. The term is
judged as any other (``Note:``, ``Example:``, ``Step 3:`` are no terms), and a lead that
opens as a remark does (``today:``, ``one idea:``, ``how to solve:``) is none.
"""

from __future__ import annotations

import re
from typing import Final

from flashcards.notes.extract.found import Found
from flashcards.notes.model import Content, Node
from flashcards.notes.text import plain_text

_LEAD: Final = re.compile(r"(?P<term>[^\W\d_][\w'’()/+ -]{1,40}?)\s*:\s+(?=\S)")
_NOT_NAMES: Final = frozenset(
    {"the", "a", "an", "this", "that", "these", "those", "my", "our", "your", "his", "her",
     "its", "their", "he", "she", "it", "they", "we", "i", "you", "here", "there", "so",
     "today", "now", "next", "then", "one", "idea", "how", "why", "what", "when", "also",
     "but", "and", "or", "problem", "type", "implementation", "last", "first", "main"}
)  # fmt: skip
_MOST_TERM_WORDS: Final = 4
_FEWEST_DEFINITION_WORDS: Final = 4
_MOST_DEFINITION_WORDS: Final = 60
FEWEST_IN_A_NOTE: Final = 2
_SHARE: Final = 3  # at least a third of the note's paragraphs


def plain_lead(paragraph: Node) -> tuple[str, Content] | None:
    """``(term, definition)`` of a paragraph that opens ``term: what it is``."""
    children = paragraph.children
    first = children[0] if children else None
    if first is None or first.kind != "text":
        return None
    match = _LEAD.match(first.text)
    if match is None:
        return None
    term = match.group("term").strip()
    words = term.split()
    if len(words) > _MOST_TERM_WORDS or words[0].casefold() in _NOT_NAMES:
        return None
    head = first.text[match.end() :]
    definition = ((Node("text", head, start=first.start),) if head else ()) + children[1:]
    said = plain_text(definition).rstrip()
    if said.endswith(":") or not (
        _FEWEST_DEFINITION_WORDS <= len(said.split()) <= _MOST_DEFINITION_WORDS
    ):
        return None
    return term, definition


def count_plain_leads(blocks: Content) -> int:
    """How many of a note's paragraphs (outside lists) open ``term: what it is``; 0 when
    they are fewer than a third of its paragraphs (prose that now and then runs on past
    a colon, ``The critical question: …``, is no glossary)."""
    leads, paragraphs = _counts(blocks)
    return leads if leads * _SHARE >= paragraphs else 0


def _counts(blocks: Content) -> tuple[int, int]:
    leads = paragraphs = 0
    for block in blocks:
        if block.kind == "paragraph":
            paragraphs += 1
            leads += plain_lead(block) is not None
        elif block.kind in ("blockquote", "callout"):
            inner = _counts(block.children)
            leads, paragraphs = leads + inner[0], paragraphs + inner[1]
    return leads, paragraphs


def add_plain_term(found: Found, paragraph: Node, context: tuple[str, ...]) -> bool:
    """The card of a ``term: what it is`` paragraph, in a note that writes two or more.
    Whether the paragraph was one (its card may still be judged no term)."""
    if found.plain_terms < FEWEST_IN_A_NOTE:
        return False
    parts = plain_lead(paragraph)
    if parts is None:
        return False
    term, definition = parts
    said = (Node("paragraph", children=definition, start=paragraph.start),)
    line = found.lines.line(paragraph.start)
    found.add_vocab((Node("text", term, start=paragraph.start),), said, line, context)
    return True
