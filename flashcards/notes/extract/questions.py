"""Headings that ask or announce, and what follows them. Two shapes people write for
exactly this, which made no card before (issue 32, the most missed cards):

- a heading (or a bold line) that asks a question, with the answer in the paragraph
  below it (``## What is idempotency?``): a card with the question in front, the
  paragraph behind (the style of markdown-to-anki and similar tools);
- a heading that announces parts (``## Advantages``, ``## Three kinds of joins``,
  ``## Why use a queue?``) over a plain list: a checklist, one cloze per item, as if a
  paragraph ``Advantages:`` stood above the list.

A paragraph too long to recall as an answer (over 120 words), or one that introduces a
list of its own (it ends with a colon), makes no question card.

An answer the author hid to test themselves is ``revealed``'s."""

from __future__ import annotations

import re
from typing import Final

from flashcards.notes.extract.found import Found
from flashcards.notes.extract.terms import SEPARATORS, term_and_definition
from flashcards.notes.extract.tree import joined_lines
from flashcards.notes.extract.words import DISCOURSE, words_of
from flashcards.notes.model import Content, Node, nfc
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
_WH: Final = re.compile(r"(?:what|why|how|when|which|who)\s+\w+\s+\w+", re.IGNORECASE)
_COUNT: Final = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|twelve|\d{1,2})\s+\w+", re.IGNORECASE
)


# A question put to a person about themselves (``Do you think …``, ``your favorite``):
# an interview's, whose answer is the one asked, not the subject (readers: junk)
_PERSONAL: Final = re.compile(
    r"\b(?:do|did|have|would|will|are|were) you (?:ever |personally |still |also )?"
    r"(?:think|have(?! to)|had|use|like|prefer|recommend|feel|enjoy|remember|work|worked|"
    r"plan|find|regret|miss)\b|\byou think\b|\bhave you ever\b|\bwhat made you\b|"
    r"\byour (?:favou?rite|thoughts|opinion|experience|advice|take|career|background|story|"
    r"journey|personal|own)\b|\bin your (?:opinion|experience|view|work|career)\b",
    re.IGNORECASE,
)


def asks(text: str) -> bool:
    """Whether a heading asks a question that a paragraph can answer (not one put to a
    person about themselves: ``What is your favorite language?``)."""
    stripped = text.strip()
    return stripped.endswith("?") and len(stripped.split()) >= 2 and not personal(stripped)


def prompts(text: str) -> bool:
    """Whether a heading is a study guide's prompt without a question mark (``Explain a
    round in the EvoArch model``, ``Describe each layer of the OSI model``)."""
    stripped = text.strip()
    return len(stripped.split()) >= 3 and bool(_PROMPT.match(stripped)) and not personal(stripped)


_PROMPT: Final = re.compile(
    r"(?:explain|describe|define|compare|contrast|discuss|summari[sz]e|outline|state|"
    r"distinguish|differentiate|justify|illustrate)\s+(?!yourself|your\b)",
    re.IGNORECASE,
)


def personal(text: str) -> bool:
    """Whether a question is put to a person about themselves (an interview's)."""
    return bool(_PERSONAL.search(text))


def announces(text: str) -> bool:
    """Whether a heading announces parts that a list below it names."""
    stripped = text.strip()
    if personal(stripped):
        return False
    return (
        stripped.endswith((":", "?"))
        or bool(_PARTS.search(stripped))
        or bool(_COUNT.match(stripped))
        or bool(_WH.match(stripped))
    )


def asks_for_parts(text: str) -> bool:
    """Whether a question asks for a list of parts (``What are the types of joins?``,
    ``Which layers …?``, ``List the steps``), not for one thing explained (``What is a
    socket?``, ``Why does TCP back off?``)."""
    stripped = text.strip()
    return bool(_PARTS.search(stripped) or _COUNT.match(stripped) or _LISTING.match(stripped))


_LISTING: Final = re.compile(
    r"(?:which|list|name|give|enumerate|what\s+(?:are|were)\s+(?:the\s+)?(?:main|key|"
    r"common|different|various|major|basic|\w+\s+and)\b)",
    re.IGNORECASE,
)


def add_listed_answer(
    found: Found, question: Content, start: int, answer: Node, context: tuple[str, ...]
) -> bool:
    """A card asking a question heading with the list under it as its answer, when the
    list is the answer and not its parts: a single item, items with lists of their own,
    or a question that asks for one thing explained (set R's study guide: 11 of 19
    questions made no card, because their answers were bullets). Whether it was made; a
    list too long to recall is left to the rules for lists."""
    items = answer.children
    nested = any(child.kind == "list" for item in items for child in item.children)
    if len(items) > 1 and not nested and (asks_for_parts(plain_text(question)) or _named(items)):
        return False  # parts to recall one by one: a cloze each
    if any(_asks_itself(item) for item in items):
        return False  # questions of their own, each over its answer
    if len(plain_text(items).split()) > _MOST_ANSWER_WORDS:
        return False
    found.add_vocab(question, (answer,), found.lines.line(start), context)
    return True


def _asks_itself(item: Node) -> bool:
    first = item.children[0] if item.children else None
    lead = first.children if first is not None and first.kind == "paragraph" else item.children
    return plain_text(tuple(n for n in lead if n.kind != "list")).strip().endswith("?")


def _named(items: Content) -> bool:
    """Whether every item of a list is a short name (``Nameless``, ``No disk I/O``), as
    parts are, not a sentence that explains."""
    return all(len(plain_text(item.children).split()) <= _MOST_PART_WORDS for item in items)


_MOST_PART_WORDS: Final = 6


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
    asked = plain_text(question).strip()
    named = _PRONOUN_QUESTION.match(asked)
    if named and context:  # ``## Limits`` / ``### What is it?``: what is a limit, then
        subject = context[-1].strip()
        said = f"{asked[: named.start(2)]}{subject}{asked[named.end(2) :]}"
        said_node = (Node("text", said, start=start),)
        found.add_vocab(said_node, (answer,), line, context[:-1], guid_key=nfc(asked))
        return True
    found.add_vocab(question, (answer,), line, context)
    return True


# A question about the heading above, by a pronoun: ``What is it?``, ``How does it work?``
_PRONOUN_QUESTION: Final = re.compile(
    r"^(what|why|how|when|where|who)(?: (?:is|are|does|do|can|should)(?: we| you)?)?"
    r"(?: use)? (it|this|they|these|them)\b[^?]{0,30}\?$",
    re.IGNORECASE,
)

_DEFINES: Final = re.compile(
    r"^\s*(?:\([^)]{1,60}\)\s*)?(?:[\w'’-]+\s+){0,4}?(?:is|are|was|were|means|refers to|"
    r"describes|denotes|represents|stands for)\b|^\s*[,:—–-]\s*\w",
    re.IGNORECASE,
)
_CITES: Final = re.compile(
    r"^\s*[,(]?\s*(?:\d+(?:st|nd|rd|th)\s+ed|ed\.|edition|by\s+[A-Z]|vol\.|\(?\d{4}\)?\s*[,.—–-])",
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
    if children and children[0].kind == "text" and not any(c.isalnum() for c in children[0].text):
        children = children[1:]  # ``📌 **Interview Insight**: …``: a mark before the lead
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
        if ":" in term or _CITES.match(after):  # a book's title and its authors: a citation
            return False
        if words_of(term) in DISCOURSE:  # **In short**, …: its bold parts may be a cloze
            return False
        if words > _MOST_DEFINITION_WORDS:
            found.skip(found.lines.line(paragraph.start), f"'{term}': its definition is too long")
            return False
        line = found.lines.line(paragraph.start)
        opens_labelled = index == 0 and after.lstrip()[:1] in SEPARATORS
        labelled = term_and_definition(children, ()) if opens_labelled else None
        if labelled is not None:  # **Term**: what it is: the back says it once, not the term
            found.add_vocab(labelled[0], labelled[1], line, context)
        else:
            found.add_vocab(node.children, (paragraph,), line, context)
        return True
    return False


def gather_answer_lines(blocks: Content) -> Content:
    """``blocks`` with the short lines that are all a question heading holds joined as
    one paragraph, a line each: ``# What are the 5 components of the workflow?`` over
    ``Data preparation``, ``Model training``, … as separate paragraphs (notes written for
    Anki, a card a heading). Readers found the card taking the first line alone."""
    if not any(block.kind == "heading" for block in blocks):
        return blocks
    gathered: list[Node] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        gathered.append(block)
        index += 1
        if block.kind != "heading":
            continue
        asked = plain_text(block.children)
        if not (asks(asked) or prompts(asked)):  # ``What are …?``, ``List the …``
            continue
        end = index
        while end < len(blocks) and blocks[end].kind == "paragraph":
            end += 1
        lines = blocks[index:end]
        ends_section = end == len(blocks) or blocks[end].kind == "heading"
        if len(lines) >= 2 and ends_section and all(map(_answer_line, lines)):
            joined = joined_lines([line.children for line in lines])
            gathered.append(Node("paragraph", children=joined, start=lines[0].start))
            index = end
    return tuple(gathered)


def _answer_line(block: Node) -> bool:
    """Whether a paragraph is one short line of an answer (``Model Deployment``)."""
    said = plain_text(block.children).strip()
    if any(node.kind == "link" for node in block.children):  # ``🔙 Graphs 🏡``: a way round
        return False
    return 0 < len(said.split()) <= _MOST_LINE_WORDS and not said.endswith((":", "?", "...", "…"))


_MOST_LINE_WORDS: Final = 8
