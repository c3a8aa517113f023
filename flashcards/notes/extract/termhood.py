"""Whether a bold lead, a heading or a label is a term to define: not a sentence, a
number or a label (``Step 3``, ``Figure 4.2.1``), an address, the start of a sentence,
a step, advice, a section's word or a word that links sentences (issue 32's readers:
"term not a term", the commonest fault of vocab cards)."""

from __future__ import annotations

import re
from typing import Final

from flashcards.notes.extract.steps import STEP
from flashcards.notes.extract.words import (
    DISCOURSE,
    JUNK_HEADINGS,
    METADATA_LABELS,
    SECTION_WORDS,
    heading_words,
    words_of,
)

_CLAIM: Final = re.compile(  # a subject, ``is``, and what it is: a sentence in bold
    r"^(?!(?:what|who|why|how|when|where|which|whose)\b)[\w/-]+(?: [\w/-]+)? "
    r"(?:is|are|beats?|has|have|needs?)\b(?: \S+)+",
    re.IGNORECASE,
)
_LABEL: Final = re.compile(
    r"^(?:\d+(?:\.\d+)*\.?|[a-z]{1,3}\d+(?:\.\d+)+[a-z]?$|p\d+\b|"  # p50: a page
    r"(?:pg|p\.|pp\.|page|step|phase|part|tool|chapter|chap|ch|section|"
    r"lesson|week|day|module|unit|stage|level|rule|tip|item|example|question|exercise|lab|"
    r"tutorial|homework|hw|assignment|quiz|exam|midterm|"
    r"problem|task|lecture|q|participant|speaker|interviewer|guest|person|user|lines?|"
    r"figure|fig\.?|table|codeblock|code block|listing|images?|diagram|note|equation|eq\.?)"
    r"\s*\d+[a-z]?\b|(?:scenario|case|option|version|variant|approach|method)\s+[a-z0-9]\b|"
    r"(?:first|second|third|fourth|fifth|next|last|final|\d+(?:st|nd|rd|th))\s+(?:line|step|"
    r"part|case|point|example|pass|phase|stage|attempt|approach|iteration|round|one)s?$)",
    re.IGNORECASE,
)
_PATH: Final = re.compile(  # src/app.py, clickhouse-test/ (not TCP/IP, not ~/.bashrc)
    r"^(?![~/.])[\w.-]+(?:/[\w.-]+)*/(?:[\w-]+\.[a-z]{1,5})?$"
)
_ADDRESS: Final = re.compile(r"://|^www\.|^[\w-]+(?:\.[\w-]+)+/\S|^\S+@\S+\.\w+$")
_EXAMPLE: Final = re.compile(
    r"\bexample\b(?! of)|\bexercises?\b\s*\d*$"
)  # ``Initial Condition Example``
_CITING: Final = re.compile(r"(?:according to|as per|cf\.?|quoting|citing)\s", re.IGNORECASE)
_STUB: Final = re.compile(
    r"^(?:in|on|at|for|with|when|if|to|by|from|of|as|after|before|while|because|and|or|"
    r"but|so|the|a|an|this|that|these|those|it|they|we|you|i)\b",
    re.IGNORECASE,
)
# A lead that stops on a word no name ends with (``Use bind mounts when``, ``Common
# values include``): the start of a sentence the list below completes (readers: a
# fragment, the term's card asks nothing)
_DANGLING: Final = re.compile(
    r"\b(?:when|if|that|which|whose|because|to|of|for|with|and|or|the|a|an|is|are|was|"
    r"were|be|include|includes|including|like|than|where|while|by|from|as|into|via|such|"
    r"any|every|each|define|give|gives|consider|get|gets)$",
    re.IGNORECASE,
)


# Advice said to a class (``Keep it simple``, ``Ask for help``, ``Emphasize``): a bold lead
# of a teacher's tips, which readers found junk as terms. A rule of a craft said as one
# (``Don't pun``, ``Never run containers as root``) is what its book teaches: a term.
_ADVICE: Final = re.compile(
    r"(?i:emphasi[sz]e|remember|mention|discuss|encourage|remind|explain|ask)$"
    r"|(?i:keep|ask|stay|think|take|get|be|let|show|tell|explain|mention|discuss|review|share|"
    r"encourage|remind)\s+(?i:it|them|questions?|for help|students?|the class|everyone|others)\b"
)


def not_a_term(term: str) -> str:
    """Why a bold lead or a label is no term to define (``""`` when it is one): a
    sentence (it ends with a full stop), a number or a label (``Step 3``, ``pg 133``),
    the start of a sentence (``In a one-to-many relationship``), or a word that only
    heads a section (``Features``, ``Practical tips``, ``Overview``)."""
    stripped = term.strip()
    if stripped.endswith((".", "!")) or len(stripped.split()) > 8:
        return "a sentence, not a term"
    if _ADDRESS.search(stripped) or stripped.startswith("#") or "](" in stripped:
        return "an address or a tag, not a term"
    if _PATH.match(stripped):
        return "a path in a project (src/app.py, tests/), not a term"
    if words_of(stripped) in METADATA_LABELS:
        return "a record's field (authors, date), not a term"
    named = words_of(stripped)
    if _LABEL.match(stripped) or named.startswith(("example", "sample")) or _EXAMPLE.search(named):
        return "a number or a label (Step 3, 2.4.3), not a term"
    if (_STUB.match(stripped) and len(stripped.split()) > 2) or (
        len(stripped.split()) > 1 and _DANGLING.search(stripped.rstrip(" :"))
    ):
        return "the start of a sentence, not a term"
    if STEP.match(stripped):
        return "a step to do (Install …, Launch …), not a term"
    if _CITING.match(stripped):
        return "whom the note cites (According to Broodbank 2000), not a term"
    if _ADVICE.match(stripped):
        return "advice to the reader (Keep it simple, Ask for help), not a term"
    if _CLAIM.match(stripped):  # set AA's readers: the bold said the fact the card hid
        return "a claim (Insertion is easy — tack onto the front), not a term"
    section = heading_words(stripped)  # ``Key Features`` as ``features``
    if section in SECTION_WORDS or words_of(stripped) in JUNK_HEADINGS:
        return "a section's heading, not a term"
    if words_of(stripped) in DISCOURSE:
        return "a word that links sentences (In short, However), not a term"
    return ""
