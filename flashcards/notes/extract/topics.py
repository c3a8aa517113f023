"""A section's heading over remarks about it: what a learner asks of the heading.

Course and lecture notes title a section after what it presents and put loose bullets
under it (``## Versioning`` over ``- older versions are kept``, ``- it can bloat the
archive``; ``# 241: IoT Core Overview`` over seven points, the first saying what it is).
No bullet is a term or a list of parts, so no other rule makes a card of them (set W's
readers: notes of loose bullets made no card at all; set AA's: a course's one-line
definitions of its services were missed). The heading, as the topic it names, is asked;
the remarks, or of a longer list the first, are the answer.
"""

from __future__ import annotations

import re
from typing import Final

from flashcards.notes.asked import names_a_subject
from flashcards.notes.extract.found import Found
from flashcards.notes.extract.prose import made_since
from flashcards.notes.extract.termhood import not_a_term
from flashcards.notes.extract.tree import split_item
from flashcards.notes.extract.worth import junk_section
from flashcards.notes.model import Content, Node
from flashcards.notes.shown import is_generic
from flashcards.notes.text import plain_text

_MOST_TERM_WORDS: Final = 5
_MOST_DEFINITION_WORDS: Final = 60


def topic_of(term: str) -> str:
    """A heading as the topic it names, its lecture number and an ``Overview`` after it
    left off (``241: IoT Core Overview`` is ``IoT Core``): course notes number their
    sections and title each after the service or idea it presents."""
    topic = _OVERVIEW.sub("", _LECTURE_NUMBER.sub("", term, count=1), count=1)
    return topic if topic and topic != term and not topic[0].isdigit() else term


_LECTURE_NUMBER: Final = re.compile(r"^\d{1,4}\s*[:.)]\s+|^\d{1,4}\s+[-–]\s+")
_OVERVIEW: Final = re.compile(r"\s+(?:overview|introduction|basics)$", re.IGNORECASE)


def remarks_about(found: Found, block: Node) -> Content:
    """What a list that opens a section says of its heading, when it is remarks that made
    no card of their own (``## Versioning`` over ``- older versions are kept``, ``- it
    can bloat the archive``): two to five flat items, each a clause of four words or more,
    80 words in all, are the card's answer whole (set W's readers: notes of loose bullets
    made no card at all). Of a longer list of remarks only the first, which says what the
    topic is (``# 241: IoT Core`` over ``- connect IoT devices to the AWS cloud`` and six
    more), is the answer (set AA's readers: a course's one-line definitions missed)."""
    items = [split_item(item) for item in block.children]
    if len(items) < _FEWEST_REMARKS:
        return ()
    shown = zip(block.children, items, strict=True)
    tasks = [node for item, (inline, _) in shown for node in (*item.children, *inline)]
    if any(node.kind == "task" for node in tasks):
        return ()  # ``- [ ] …``: a list of things to do
    said = [plain_text(inline).strip() for inline, _ in items]
    keyed = 2 * sum(1 for text in said if _KEYED.match(text)) >= len(said)  # ``Room: …``
    if len(items) > _MOST_REMARKS or sum(len(text.split()) for text in said) > _MOST_REMARKS_WORDS:
        first, rest = items[0]
        remark = not (rest or keyed or _STEP.match(said[0])) and _remark(said[0])
        if not remark or len(said[0].split()) > _MOST_DEFINITION_WORDS:
            return ()
        return (Node("paragraph", children=first, start=block.children[0].start),)
    if any(rest for _, rest in items) or not all(_remark(text) for text in said):
        return ()  # a word or two an item, or boxes to tick: not remarks
    if keyed:
        return ()  # ``Room: the big one``: a record's fields
    return () if made_since(found, found.lines.line(block.children[0].start)) else (block,)


def _remark(text: str) -> bool:
    return len(text.split()) >= _FEWEST_REMARK_WORDS and not _TICKED.match(text)


def names_a_topic(term: str) -> bool:
    """Whether a heading names what its remarks are about: a name (not a label, a step,
    a section word or a question), one to five words."""
    if not 1 <= len(term.split()) <= _MOST_TERM_WORDS or term.endswith(("?", ":")):
        return False
    if DOING.match(term) or SETTING_UP.match(term) or is_generic(term):
        return False
    if _NOT_A_TOPIC.search(term):
        return False
    return not (not_a_term(term) or not names_a_subject(term) or junk_section((term,)))


_STEP: Final = re.compile(  # ``Go to Code commit``: the first of a lab's steps
    r"(?:go|click|open|select|create|enter|choose|type|run|navigate|log ?in|sign ?in)\b",
    re.IGNORECASE,
)
_KEYED: Final = re.compile(r"[^\s:]+(?: [^\s:]+){0,2}:\s")
_TICKED: Final = re.compile(r"\s*[\u2610\u2611\u2612\u2713\u2714\u2717\u2718]")
_NOT_A_TOPIC: Final = re.compile(  # a heading over remarks of another kind than a topic's
    r"\b(?:problems?|issues?|files?|follow-?ups?|ideas?|questions?|interview|revision|list|"
    r"checklist|remarks?|comments?|thoughts?|observations?|concerns?|todo|legend|notes?|"
    r"summary|recap|takeaways?|resources?|references?|links?|reading|misc|miscellaneous|"
    r"other|others|extras?|specifications?|requirements?|deliverables?|goals?|overview|"
    r"defn?|workflow|conventions?|discipline|hands?[- ]on|demo|lab|more|good to know|"
    r"best practices?|tips?|tricks?|examples?|exam)\b",
    re.IGNORECASE,
)
_FEWEST_REMARKS: Final = 2
_MOST_REMARKS: Final = 5
_FEWEST_REMARK_WORDS: Final = 4
_MOST_REMARKS_WORDS: Final = 80


DOING: Final = re.compile(
    r"(?:install|configur|creat|add|remov|delet|rescan|run|set|updat|us|open|go|click|select|"
    r"mak|build|migrat|deploy|check|enabl|disabl|copy|download|start|connect|"
    r"import|export|fix|debug|implement)(?:e|es|ed|ing|ting|ning)?\s+(?:a|an|the|our|your|"
    r"up|it|new|this|that|\w+\s+(?:to|into|from|on|in|for))\b",
    re.IGNORECASE,
)
SETTING_UP: Final = re.compile(
    r"(?:install|uninstall|configur|download|updat|upgrad|setting up|getting)(?:ing)?\s+\S+$",
    re.IGNORECASE,
)
