"""A note of one concept, as Zettelkasten and evergreen notes are written: one idea a
note, named by its file, opening with what it is and no heading over that opening."""

from __future__ import annotations

import re
from typing import Final

from flashcards.notes.extract.definitions import (
    DEFINING_START,
    PROCEDURE,
    defining_sentence,
    gloss,
    opens_about,
    without_symbols,
)
from flashcards.notes.extract.found import Found
from flashcards.notes.extract.prose import first_sentence
from flashcards.notes.extract.terms import mentions
from flashcards.notes.model import Content, Node, identity_key
from flashcards.notes.shown import is_generic
from flashcards.notes.text import plain_text


def add_title_definition(found: Found, title: str, blocks: Content) -> None:
    """A note of one concept: its title names it (``Harmonic Mean.md``) and the paragraph it
    opens with, under no heading of its own, says what it is (``It is defined as the
    reciprocal of the mean of the reciprocals.``). Zettelkasten and evergreen notes are
    written so, one idea a note; set AE's readers found them making no card. The title in
    front, that paragraph (or its first sentence, when the paragraph runs long) behind.
    An opening that leads in (``While …``, ``In the previous unit …``), speaks to the
    reader, is a link or a line of fragments, or names something else, is no definition."""
    term = without_symbols(title.strip())
    if not 1 <= len(term.split()) <= 4 or _CONCEPT_NAME.fullmatch(term) is None:
        return
    if is_generic(term) or PROCEDURE.match(term) or _ESSAY.match(term):
        return
    opening = blocks[1:2] if blocks[:1] and _is_title(blocks[0], term) else blocks[:1]
    if not opening or opening[0].kind != "paragraph" or identity_key(term) in found.defined:
        return
    paragraph = opening[0]
    line = found.lines.line(paragraph.start)
    if any(card.line == line for cards in (found.vocab, found.clozes) for card in cards):
        return  # it made a card of its own
    text = " ".join(plain_text(paragraph.children).split())
    defined = defining_sentence(text, term)
    sentence = defined or first_sentence(text)
    if "." not in text or _LEADS_IN.match(sentence) or _linked(paragraph, text):
        return
    if not (defined or _names_it(sentence, term)):
        return
    if defined or opens_about(text, term):
        said: Content = (paragraph,)
    elif opens_about(sentence, term):
        said = (Node("paragraph", children=(Node("text", sentence),), start=paragraph.start),)
    else:
        return
    found.add_vocab((Node("text", term),), said, line, ())


def _names_it(sentence: str, term: str) -> bool:
    """Whether a sentence opens as a definition does, or says every word of ``term``."""
    if DEFINING_START.match(sentence) or gloss(sentence):
        return True
    return all(mentions(sentence, word) for word in term.split() if len(word) >= 3)


def _linked(paragraph: Node, text: str) -> bool:
    """Whether most of a paragraph is the text of its links (a link to a video, a page)."""
    linked = sum(
        len(plain_text(node.children)) for node in paragraph.children if node.kind == "link"
    )
    return 2 * linked > len(text)


# an essay's or a post's title (``On design``, ``Why tests fail``), no name of a thing
_ESSAY: Final = re.compile(
    r"(?:on|about|why|how|what|when|where|against|towards?|in|into|for|from|with|beyond|my|"
    r"our|some|thoughts|notes)\b",
    re.IGNORECASE,
)
_LEADS_IN: Final = re.compile(
    r"\s*(?:while|whether|when|if|although|though|as|since|before|after|once|because|so|now|"
    r"here|today|congratulations|welcome|moving on|let'?s|let us|"
    r"this (?:folder|note|page|file|section|document|repo|repository|chapter|lesson)\b|"
    r"in (?:the|this|our|a) (?:previous|next|last|following|first|second|unit|lesson|"
    r"chapter|module|section|video|course|note)|"
    r"[^.]*\b(?:you|your|you're|(?-i:I)|my|we|our)\b)",
    re.IGNORECASE,
)


def _is_title(block: Node, title: str) -> bool:
    shown = without_symbols(plain_text(block.children))
    return block.kind == "heading" and identity_key(shown) == identity_key(title)


# a name, no number: ``Week 3``, ``L8.10`` and ``Chapter 01`` are parts
_CONCEPT_NAME: Final = re.compile(r"[^\W\d_][^\d]{0,48}")
