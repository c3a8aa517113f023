"""A paragraph that opens by saying, in plain words, what a thing is: ``A hash table is
a data structure that maps keys to values …``, ``The load factor is the ratio of …``,
``Polymorphism is the ability of …``. Lecture notes and textbooks define so, with no
bold and no heading of the term's own (issue 32: readers of sets U-W found plain prose
making no card at all, where a learner wanted its definitions). The subject is the term
and the opening sentence its definition, when the subject is a name (one to four words,
not a pronoun, nor a word such as ``result`` or ``problem`` that names no thing) and the
verb is a copula followed by an article (``is a``, ``are the``, ``refers to``): ``The
result is a list …`` and ``A problem is that …`` are no definitions."""

from __future__ import annotations

import re
from typing import Final

from flashcards.notes.asked import names_a_subject
from flashcards.notes.extract.found import Found
from flashcards.notes.extract.termhood import not_a_term
from flashcards.notes.model import Node
from flashcards.notes.text import plain_text

_DEFINES: Final = re.compile(
    r"(?:(?:an?|the)\s+)?(?P<term>[A-Za-z][\w'’-]*(?:\s+[\w'’-]+){0,3}?)\s+"
    r"(?:is|are|refers? to|is defined as|means)\s+(?:an?|the|one of the)\s+"
    r"(?!\w+ example\b)(?!(?:very|really|good|great|nice|bad|powerful|bit|lot|huge|big|"
    r"little)\b)\w",  # ``… is a good example``, ``… is a bit of``: a remark, no definition
    re.IGNORECASE,
)
SENTENCE_END: Final = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_NO_THING: Final = frozenset(
    {"it", "this", "that", "these", "those", "there", "here", "he", "she", "they", "we",
     "i", "you", "one", "which", "what", "who", "result", "problem", "idea", "goal", "answer",
     "solution", "output", "input", "reason", "point", "difference", "key", "main", "first",
     "second", "last", "next", "question", "issue", "thing", "way", "example", "case",
     "purpose", "aim", "plan", "trick", "catch", "rule", "takeaway", "lesson", "focus",
     "topic", "other", "same", "only", "best", "worst", "default", "code", "function",
     "method", "value", "file", "step", "approach", "process", "system", "program",
     "user", "author", "book", "chapter", "course", "paper", "article", "video", "lecture",
     "following", "above", "below", "latter", "former", "rest", "net", "end", "bottom",
     "now", "whoever", "whatever", "any", "our", "my", "your", "their", "his", "her", "its",
     "zero", "asking", "today", "everything", "nothing", "something", "anything", "where",
     "every", "each", "using", "all", "some", "many", "most", "both", "such"}
)  # fmt: skip
_MOST_SENTENCE_WORDS: Final = 45
_FEWEST_SENTENCE_WORDS: Final = 7


def add_prose_definition(found: Found, paragraph: Node, context: tuple[str, ...]) -> bool:
    """The card of a paragraph whose first sentence says what its subject is, when the
    paragraph holds no emphasis (bold terms have rules of their own). Whether it made
    one."""
    if any(node.kind in ("strong", "em") for node in paragraph.children):
        return False  # its bold or italic terms are its cards
    line = found.lines.line(paragraph.start)
    if made_since(found, line):
        return False  # it made its card already
    if any(node.kind in ("code", "link") for node in paragraph.children[:2]):
        return False
    sentence = first_sentence(plain_text(paragraph.children))
    if not _FEWEST_SENTENCE_WORDS <= len(sentence.split()) <= _MOST_SENTENCE_WORDS:
        return False
    match = _DEFINES.match(sentence)
    if match is None:
        return False
    term = match.group("term").strip()
    words = term.casefold().split()
    if words[0] in _NO_THING or words[-1] in _NO_THING or not term[:1].isalpha():
        return False
    if not_a_term(term) or not names_a_subject(term):
        return False
    shown = term[0].upper() + term[1:] if term[:1].islower() and term[1:2].islower() else term
    said = (Node("paragraph", children=(Node("text", sentence, start=paragraph.start),)),)
    found.add_vocab((Node("text", shown, start=paragraph.start),), said, line, context)
    return True


def first_sentence(text: str) -> str:
    """The first sentence of ``text``, its white space made single spaces."""
    return SENTENCE_END.split(" ".join(text.split()), maxsplit=1)[0]


def made_since(found: Found, line: int) -> bool:
    """Whether a card was made at ``line`` or after it: by what stands there, since the
    walk makes cards in the order of the note (the last of each kind tells)."""
    vocab, clozes, checklists = found.vocab, found.clozes, found.checklists
    if (vocab and vocab[-1].line >= line) or (clozes and clozes[-1].line >= line):
        return True
    return bool(checklists) and any(item.line >= line for item in checklists[-1].items)
