"""Headings that ask or announce, and what follows them. Two shapes people write for
exactly this, which made no card before (issue 32, the most missed cards):

- a heading (or a bold line) that asks a question, with the answer in the paragraph
  below it (``## What is idempotency?``): a card with the question in front, the
  paragraph behind (the style of markdown-to-anki and similar tools);
- a heading that announces parts (``## Advantages``, ``## Three kinds of joins``,
  ``## Why use a queue?``) over a plain list: a checklist, one cloze per item, as if a
  paragraph ``Advantages:`` stood above the list.

A paragraph too long to recall as an answer (over 120 words), or one that introduces a
list of its own (it ends with a colon), makes no question card."""

from __future__ import annotations

import re
from typing import Final

from flashcards.notes.extract.found import Found
from flashcards.notes.model import Content, Node
from flashcards.notes.text import plain_text

_MOST_ANSWER_WORDS: Final = 120
_PARTS: Final = re.compile(
    r"\b(?:types?|kinds?|ways?|steps?|stages?|phases?|parts?|components?|elements?|"
    r"principles?|rules?|reasons?|advantages?|disadvantages?|benefits?|drawbacks?|pros|cons|"
    r"properties|characteristics|features|factors|categories|levels|layers|methods|"
    r"techniques|strategies|approaches|patterns|practices|requirements|goals|tips|causes|"
    r"symptoms|signs|limitations|challenges|criteria|roles|responsibilities|guidelines|"
    r"pillars|dimensions|laws|assumptions|modes|use cases|applications|uses|pitfalls|"
    r"mistakes|lessons|takeaways|qualities|traits|habits|skills|values|operations|"
    r"trade-?offs|differences|similarities|key points|properties|models|classes|stages)\b",
    re.IGNORECASE,
)
_COUNT: Final = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|twelve|\d{1,2})\s+\w+", re.IGNORECASE
)


def asks(text: str) -> bool:
    """Whether a heading asks a question that a paragraph can answer."""
    stripped = text.strip()
    return stripped.endswith("?") and len(stripped.split()) >= 2


def announces(text: str) -> bool:
    """Whether a heading announces parts that a list below it names."""
    stripped = text.strip()
    return (
        stripped.endswith((":", "?"))
        or bool(_PARTS.search(stripped))
        or bool(_COUNT.match(stripped))
    )


def bold_only(block: Node) -> Content | None:
    """What a paragraph that is only one bold run says (``**Why X?**``, ``**docker
    diff**``); None for any other block."""
    children = [c for c in block.children if not (c.kind == "text" and not c.text.strip())]
    if block.kind == "paragraph" and len(children) == 1 and children[0].kind == "strong":
        return children[0].children
    return None


def question_line(block: Node) -> Content | None:
    """The question of a paragraph that is only a bold question (``**Why X?**``)."""
    bold = bold_only(block)
    return bold if bold is not None and asks(plain_text(bold)) else None


def add_question_card(
    found: Found, question: Content, start: int, answer: Node, context: tuple[str, ...]
) -> bool:
    """A card asking ``question`` with the paragraph ``answer``; whether it was made."""
    text = plain_text(answer.children).strip()
    line = found.lines.line(start)
    if not text or text.endswith(":"):
        return False
    if len(text.split()) > _MOST_ANSWER_WORDS:
        found.skip(line, f"'{plain_text(question)}': its answer is too long to recall")
        return False
    found.add_vocab(question, (answer,), line, context)
    return True


_DEFINES: Final = re.compile(
    r"^\s*(?:\([^)]{1,60}\)\s*)?(?:[\w'’-]+\s+){0,4}?(?:is|are|was|were|means|refers to|"
    r"describes|denotes|represents|stands for)\b|^\s*[,:—–-]\s*\w",
    re.IGNORECASE,
)
_MOST_LEAD_WORDS: Final = 3  # "Here the **unit** is …"
_LEAD_WORDS: Final = frozenset({"a", "an", "the"})
_MOST_DEFINITION_WORDS: Final = 60


def add_defined_term(found: Found, paragraph: Node, context: tuple[str, ...]) -> bool:
    """A paragraph that defines a bold or italic term as it opens (``A **pivot** is a
    change of strategy…``): the term in front, the paragraph behind. Whether it made one.
    Issue 32's readers found such definitions in prose, the cards a learner writes first."""
    children = paragraph.children
    for index, node in enumerate(children[:4]):
        if node.kind not in ("strong", "em"):
            continue
        before = plain_text(children[:index]).split()
        if len(before) > _MOST_LEAD_WORDS or (before and before[-1].casefold() not in _LEAD_WORDS):
            return False
        term = plain_text(node.children).strip()
        after = plain_text(children[index + 1 : index + 2])
        words = len(plain_text(children).split())
        if not 1 <= len(term.split()) <= 5 or term[-1:] in ".:?!" or not _DEFINES.match(after):
            return False
        if words > _MOST_DEFINITION_WORDS:
            found.skip(found.lines.line(paragraph.start), f"'{term}': its definition is too long")
            return False
        found.add_vocab(node.children, (paragraph,), found.lines.line(paragraph.start), context)
        return True
    return False
