"""A heading defined in the text under it: ``### Affordance`` over notes, one of which
reads ``affordance is the relationship between an object and a person``; ``##
Idempotency`` over ``An operation is idempotent when …`` does not count, but ``##
Idempotency`` over ``Idempotency means …`` does. Lecture notes and articles define their
terms so, with no bold and no colon (issue 32: definitions written as a heading over a
paragraph or a bullet made no card). The first sentence that says what the heading is
becomes its card: the heading in front, the sentence behind."""

from __future__ import annotations

import re
import unicodedata
from typing import Final

from flashcards.notes.asked import names_a_subject
from flashcards.notes.extract.found import Found
from flashcards.notes.extract.prose import SENTENCE_END, first_sentence
from flashcards.notes.extract.termhood import not_a_term
from flashcards.notes.extract.terms import mentions
from flashcards.notes.extract.topics import (
    DOING,
    SETTING_UP,
    names_a_topic,
    remarks_about,
    topic_of,
)
from flashcards.notes.extract.tree import split_item
from flashcards.notes.extract.worth import first_person, junk_section, narrates
from flashcards.notes.model import Content, Node, identity_key
from flashcards.notes.shown import is_generic
from flashcards.notes.text import plain_text

_MOST_TERM_WORDS: Final = 5
_MOST_DEFINITION_WORDS: Final = 60
_COPULA: Final = re.compile(
    r"\s*(?:\([^)]{1,40}\)\s*)?(?:is|are|means|refers to|describes|denotes|stands for)\s+\S",
    re.IGNORECASE,
)
# ``Finding quartiles``, ``Using Option with …``: a way of doing, whose text is its steps
# (set AB's readers: a heading as a term, the answer only its first step)
PROCEDURE: Final = re.compile(
    r"(?:finding|using|creating|making|writing|building|adding|getting|running|calculating|"
    r"computing|solving|choosing|handling|converting|declaring|implementing|drawing|"
    r"plotting|estimating|determining|interpreting|comparing|working with)\s+\S",
    re.IGNORECASE,
)
_ARTICLE: Final = re.compile(r"^\s*(?:an?|the)\s+", re.IGNORECASE)


def add_heading_definition(
    found: Found, heading: str, block: Node, context: tuple[str, ...], *, first: bool = False
) -> bool:
    """The card of ``heading`` from the first paragraph or flat list item of ``block``
    that says what it is, or from the short paragraph that opens its section (``first``):
    a name over a few lines about it (``## Edge compute`` / ``Compute placed near its
    users, …``) is a heading in a note of prose. Whether one was made."""
    term = heading.strip().rstrip(":")
    if not 1 <= len(term.split()) <= _MOST_TERM_WORDS or is_generic(term):
        return False
    if term.endswith("?") or identity_key(term) in found.defined or PROCEDURE.match(term):
        return False
    texts = _texts(block)
    for inline in texts:
        sentence = defining_sentence(plain_text(inline), term)
        if sentence:
            _add_sentence(found, term, sentence, block, context)
            return True
    line = found.lines.line(block.start)
    # it made a card of its own (a term it defines, a cloze of its bold words)
    carded = any(cards and cards[-1].line >= line for cards in (found.vocab, found.clozes))
    opens = first and block.kind == "paragraph" and not carded
    if opens and opens_about(plain_text(block.children), without_symbols(term)):
        found.add_vocab((Node("text", term),), (block,), line, context)
        return True
    topic = topic_of(without_symbols(term))
    listed = first and block.kind == "list" and not carded
    remarks = remarks_about(found, block) if listed else ()
    if remarks and names_a_topic(topic):
        named = term if topic == without_symbols(term) else topic  # kept as written
        found.add_vocab((Node("text", named),), remarks, line, context)
        return True
    sentence = _predicate(plain_text(texts[0])) if first and texts and not carded else ""
    if sentence:
        _add_sentence(found, term, sentence, block, context)
    return bool(sentence)


def _add_sentence(
    found: Found, term: str, sentence: str, block: Node, context: tuple[str, ...]
) -> None:
    said = (Node("paragraph", children=(Node("text", sentence, start=block.start),)),)
    found.add_vocab((Node("text", term),), said, found.lines.line(block.start), context)


def without_symbols(term: str) -> str:
    """``⚡ Passing options`` as the words it says (its card keeps the heading as written:
    the term is the card's identity)."""
    start, end = 0, len(term)
    while start < end and (term[start].isspace() or _symbol(term[start])):
        start += 1
    while end > start and (term[end - 1].isspace() or _symbol(term[end - 1])):
        end -= 1
    return term[start:end]


def _symbol(char: str) -> bool:
    return not char.isascii() and unicodedata.category(char) in ("So", "Sk", "Mn", "Cf")


def opens_about(text: str, term: str) -> bool:
    """Whether a section's opening paragraph reads as what its heading names: a few
    sentences (8 to 50 words) that name it or open as a definition does (``An image
    that …``, ``It lets …``), not a lead into a list, the author's voice,
    a tutorial's narration or words to the reader (``We start by …``, ``You can …``),
    under a name that is no section word, label or date. Readers found the rest (``About``,
    ``Instructor``, ``📹 Video`` over whatever came next) to be no definitions."""
    words = len(text.split())
    if not _OPENING_WORDS[0] <= words <= _OPENING_WORDS[1] or text.rstrip().endswith(":"):
        return False
    if DOING.match(term) or SETTING_UP.match(term):  # ``Remove the attribute``: a step
        return False
    if _ABOUT_ITSELF.match(text):  # ``A quick explanation of …``, ``There are several …``
        return False
    if not (mentions(text, term) or DEFINING_START.match(text) or gloss(text)):
        return False  # ``📹 Video``, ``About`` over whatever follows
    if not_a_term(term) or not names_a_subject(term) or junk_section((term,)):
        return False
    voiced = _ADDRESSES_READER.match(text) or _OUR_VOICE.search(text) or _COURSE.search(text)
    return not (first_person(text) or narrates(text) or voiced)


_ABOUT_ITSELF: Final = re.compile(
    r"\s*(?:an?\s+)?(?:(?:quick|brief|short|general)\s+)?(?:explanation|overview|introduction|"
    r"intro|summary|recap|look|description)\s+(?:of|at|to)\b"
    r"|\s*(?:there (?:are|is)|it (?:uses|has)|uses|has|consists of)\s+(?:several|many|a few|"
    r"various|some)\b",  # ``There are several mechanisms …`` (``There are 16 …`` says one)
    re.IGNORECASE,
)
DEFINING_START: Final = re.compile(  # ``An image that …``, ``isolated computer …``, ``Uses …``
    r"\s*(?:(?i:an?|it|they)\s|[a-z]|[A-Z]{2,}\s+[A-Z]{2,}|(?i:(?:uses|provides|allows|lets|stores|holds|returns|"
    r"creates|defines|represents|contains|handles|manages|converts|computes|measures)\b))"
)


def gloss(text: str) -> bool:
    """Whether ``text`` is one noun phrase that glosses a heading, a sentence with no verb
    of its own (``### Insider Threats`` / ``Security risks posed by people within the
    organization who have authorized access.``): lecture slides define so. No auxiliary
    before its first relative word, and it opens on a noun, not on ``The``, ``This``,
    ``In`` or a pronoun."""
    sentences = SENTENCE_END.split(" ".join(text.split()))
    if len(sentences) > 1 or not text[:1].isupper() or _CLAUSE_START.match(text):
        return False
    main = _RELATIVE.split(text, maxsplit=1)[0]
    return len(main.split()) >= 3 and not _FINITE.search(main)


_CLAUSE_START: Final = re.compile(  # a clause, a step to do or an exercise's givens
    r"(?:the|this|these|those|that|it|its|they|we|you|i|he|she|there|here|in|on|at|when|if|"
    r"for|to|as|so|but|and|or|once|after|before|while|with|by|from|see|note|some|many|most|"
    r"all|each|every|one|two|three|both|either|no|given|let|where|suppose|assume|using|use|"
    r"consider|find|calculate|compute|show|prove|determine|complete|order|match|select|pick|"
    r"choose|write|implement|read|recall|ordinarily|usually|typically|generally|also|then|"
    r"now|first|next|more|less|other|sum|add|take|make|please|go|design|rewrite|try|imagine|"
    r"think|describe|explain|identify|draw|give|state|solve|evaluate|estimate|list|name|found|"
    r"starting)\b",
    re.IGNORECASE,
)
_RELATIVE: Final = re.compile(r"\b(?:who|whom|whose|which|that|where|when|because|so that)\b")
_FINITE: Final = re.compile(
    r"\b(?:is|are|was|were|be|been|being|am|has|have|had|do|does|did|can|could|will|would|"
    r"shall|should|may|might|must|isn't|aren't|doesn't|don't|won't|can't)\b|[;:!?]",
    re.IGNORECASE,
)
_COURSE: Final = re.compile(
    r"\b(?:this|the) (?:course|repo(?:sitory)?|lesson|video|tutorial|instructor)\b"
    r"|\bthese notes\b|\bcan be found here\b|^\s*as of\b",
    re.IGNORECASE,
)  # what a course's pages say about the course, not about their subject
_OUR_VOICE: Final = re.compile(r"\b(?:we|us|our|let'?s)\b", re.IGNORECASE)


_ADDRESSES_READER: Final = re.compile(  # we, let's, in this …: narrates() and _OUR_VOICE
    r"\s*(?:now|here|first|next|then|you|if you|to (?:get|start|begin|install|set))\b",
    re.IGNORECASE,
)


_OPENING_WORDS: Final = (8, 50)


def _texts(block: Node) -> list[Content]:
    if block.kind == "paragraph":
        return [block.children]
    if block.kind == "list":
        return [inline for inline, rest in map(split_item, block.children) if inline]
    return []


def defining_sentence(text: str, term: str) -> str:
    """The first sentence of ``text`` when it opens by saying what ``term`` is."""
    text = " ".join(text.split())
    opening = _ARTICLE.sub("", text, count=1)
    stem = _stem(term)
    words = len(term.split())
    subject = " ".join(opening.split()[:words])
    if _stem(subject) != stem or not _COPULA.match(opening[len(subject) :]):
        return ""
    sentence = first_sentence(text)
    return sentence if len(sentence.split()) <= _MOST_DEFINITION_WORDS else ""


def _predicate(text: str) -> str:
    """The first sentence of a line under a heading that says what the heading is with
    the heading left unsaid (``### Builder`` / ``* Is responsible for creating another
    type of object``): set AF's readers met one-line definitions of this kind making no card."""
    text = " ".join(text.split())
    if not text[:1].isupper() or not _COPULA.match(text) or _ASKED.match(text):
        return ""
    sentence = first_sentence(text)
    if sentence.endswith("?") or len(sentence.split()) > _MOST_DEFINITION_WORDS:
        return ""
    return sentence


_ASKED: Final = re.compile(r"\w+\s+(?:you|we|i|it|this|that|there)\b", re.IGNORECASE)


def _stem(words: str) -> str:
    """Words compared as one name: case, a plural ``s`` and punctuation aside."""
    folded = identity_key(words).strip(" .,:;")
    return folded[:-1] if folded.endswith("s") else folded


def add_formula_to_definition(found: Found, before: Node | None, block: Node) -> bool:
    """A formula shown on its own (``$$ i = k(n+1) $$``) right after the paragraph a card
    was just made of, when that paragraph leads into it (``Where k is the percentile, …,``
    ends on a comma or a colon): the formula joins that card's back. Readers found such
    cards with the equation left off. Whether it joined."""
    if before is None or not found.vocab or not _only_formula(block):
        return False
    last = found.vocab[-1]
    if last.line != found.lines.line(before.start):
        return False
    if plain_text(last.definition).rstrip().endswith((".", "!", "?", ";")):
        return False  # a sentence said whole; one that runs on (``…, :`` or none) leads in
    found.vocab[-1] = last._replace(definition=(*last.definition, block))
    found.defined[identity_key(last.term)] = found.vocab[-1]
    return True


def with_formula(before: Node | None, label: Node) -> Node:
    """The label of a list as its card shows it: a symbols' legend (``Where:``) right
    after a formula shown on its own is that formula's legend, and the formula is on its
    front (set W's readers: ``Where: theta = …, [...]`` asked of a formula not shown)."""
    legend = _LEGEND.match(plain_text(label.children))
    if before is None or not legend or not _only_formula(before):
        return label
    joined = (*before.children, Node("softbreak", start=label.start), *label.children)
    return Node("paragraph", children=joined, start=label.start)


_LEGEND: Final = re.compile(r"\s*(?:where|here|with)\s*(?:,|:)?\s*$", re.IGNORECASE)


def _only_formula(block: Node) -> bool:
    """Whether a paragraph is one formula (and maybe kramdown's ``{: .definition}``)."""
    shown = [n for n in block.children if n.kind != "softbreak" and not _blank(n)]
    return block.kind == "paragraph" and len(shown) == 1 and shown[0].kind == "display_math"


def _blank(node: Node) -> bool:
    return node.kind == "text" and (not node.text.strip() or bool(_ATTRIBUTES.match(node.text)))


_ATTRIBUTES: Final = re.compile(r"\s*\{:[^{}]*\}\s*$")  # kramdown's attribute list
