"""What is not worth studying, however it is shaped. A changelog's lists, a meeting's
minutes, the thanks to contributors and a list of links are all parallel bullets under
a label, the shape of a checklist; read as cards they are junk (issue 32). Whole notes
are left out by ``pages``; here sections are, by their heading (``## Thanks``, ``##
References``), lists by their prompt and items (release entries citing ``#123``, links
with a word or two, examples, the steps of working an application), and leads that are
no terms. Each gives its reason, which ``explain`` shows."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from typing import Final

from flashcards.notes.extract.steps import CHOICE, STEP, TIMESTAMP, ui_steps
from flashcards.notes.extract.terms import lead_and_rest
from flashcards.notes.extract.words import (
    JUNK_HEADINGS,
    MARKED_HEADINGS,
    OPPOSITES,
    heading_words,
    words_of,
)
from flashcards.notes.model import Content, Node
from flashcards.notes.text import plain_text

_ISSUE_REF: Final = re.compile(
    r"(?:^|[\s(])#\d{2,}\b|\bPR\s*#?\d+|^(?:fix|feat|chore|docs|refactor|perf)\b[(:!]",
    re.IGNORECASE,
)
_URL: Final = re.compile(r"\b[a-z][a-z0-9+.-]*://\S+", re.IGNORECASE)


@functools.lru_cache(maxsize=1024)  # the same headings stand above many cards
def junk_section(context: tuple[str, ...]) -> str:
    """Why the section a list stands in holds nothing to learn (``""`` when it may)."""
    for heading in context:
        reason = JUNK_HEADINGS.get(words_of(heading)) or JUNK_HEADINGS.get(heading_words(heading))
        if reason:
            return reason
        marked = next((why for mark, why in MARKED_HEADINGS if mark.search(heading)), "")
        if marked:
            return marked
    return ""


def junk_items(items: list[Content]) -> str:
    """Why a list's items are not things to learn: release entries that cite issues
    (``Fix the sidebar #6749``), links with hardly a word of their own, or a book's
    chapters (``Chapter 7. A Web Server``)."""
    if not items:
        return ""
    texts = [plain_text(item) for item in items]
    if 2 * sum(1 for text in texts if _ISSUE_REF.search(text)) >= len(items):
        return "a changelog (its items cite issues)"
    linked = sum(1 for item, text in zip(items, texts, strict=True) if _mostly_link(item, text))
    if 2 * linked > len(items):
        return "a list of links"
    if 2 * sum(1 for text in texts if _CONTENTS_ENTRY.match(text)) > len(items):
        return "a table of contents (Chapter 7. A Web Server)"
    files = sum(1 for text in texts if _FILE_LEAD.match(text))
    if len(items) >= _FEWEST_FILES and 2 * files > len(items):
        return "a list of the author's files (scrabble.c - what it does)"
    return ""


# An item led by a file's name: a project's or a problem set's files, each with what it
# does (set AA's readers: a course's "Code Description" lists were junk, a card a file)
_FILE_LEAD: Final = re.compile(
    r"\s*`?[\w./-]+\.(?:c|h|py|js|ts|jsx|tsx|html?|css|java|cpp|hpp|rb|go|rs|sql|sh|php|"
    r"ipynb|kt|swift|cs)`?(?:\s*[-–—:(]|\s*$)"
)
_FEWEST_FILES: Final = 3


_CONTENTS_ENTRY: Final = re.compile(
    r"\s*(?:chapter|ch\.|part|section|lecture|lesson|week|unit|module)\s*\d+\b", re.IGNORECASE
)


def not_an_enumeration(prompt: str, items: list[Content]) -> str:
    """Why a list under ``prompt`` is not parts to recall one by one (``""`` when it
    may be): examples or an open-ended list (``For example:``, ``a non-exhaustive
    list``), an outline of the text, the author's own list (``My tabs:``), too many items,
    a paragraph of prose that happens to end in a colon, items each a paragraph long with
    no lead to hide instead, the steps of working an application, mirrored items."""
    prompt = _straight(prompt)
    if _EXAMPLES.search(prompt) or _OPEN_ENDED.search(prompt):
        return "a list of examples"
    if _OUTLINE.search(prompt):
        return "an outline of the text, not its content"
    if _TASK_SET.match(prompt) or _REQUIREMENTS.search(prompt):
        return "an exercise set for the reader (Challenge:, Try it:), not parts to recall"
    if _NAVIGATION.search(prompt):
        return "a way round the notes (start from, check out), not their content"
    if _READING.search(prompt):
        return "a reading list"
    if _FIRST_PERSON.search(prompt):
        return "personal notes (the author's own: I, my)"
    if _NARRATION.search(prompt) or _most(items, lambda text: bool(_NARRATION.search(text))):
        return "a tutorial's steps as it goes (now we'll, let's), not parts to recall"
    if _most(items, lambda text: bool(_SECTION_NUMBER.match(text))):
        return "a table of contents (numbered sections)"
    if len(items) > _MOST_ITEMS or (len(items) > _MOST_OPEN_ITEMS and not _COUNTED.search(prompt)):
        return f"{len(items)} items, too many to recall one from the rest"
    if len(prompt.split()) > _MOST_PROMPT_WORDS:
        return "a paragraph of prose above it, not a prompt"
    words = [len(plain_text(item).split()) for item in items]
    most = _MOST_ITEM_WORDS if len(items) < 5 else _MOST_ITEM_WORDS_MANY
    if sum(words) > most * len(items) and not all(lead_and_rest(i) for i in items):
        return "its items are paragraphs, too long to recall"
    steps = ui_steps(items)
    if steps:
        return steps
    if prompt.rstrip().endswith("?") and _most(items, lambda text: bool(CHOICE.match(text))):
        return "a quiz's choices (A) …, B) …) under its question, not parts to recall"
    if STEP.match(prompt):
        return "a step to do (Create a folder …), not parts to recall"
    if TIMESTAMP.match(prompt):
        return "a video going on (0:00 …), not parts to recall"
    if _most(items, _calculated):
        return "a calculation worked with its numbers, not parts to recall"
    if _mirrored(items):
        return "its items mirror each other (left / right), each gives the other away"
    return ""


_EXAMPLES: Final = re.compile(
    r"(?:\b(?:e\.\s?g|for example|for instance|examples?|such as|like this|like|i\.\s?e)\W*|"
    r"\bexamples? (?:of|include)\b.*)$",
    re.IGNORECASE,
)
_OPEN_ENDED: Final = re.compile(
    r"\b(?:non-exhaustive|a few (?:that|of)|some of (?:the|my)|among others|to name a few)\b",
    re.IGNORECASE,
)
_TASK_SET: Final = re.compile(
    r"\s*(?:(?:practice|coding|bonus|extra) (?:challenges?|exercises?|problems?)|challenge|"
    r"exercises?|"
    r"try it(?: yourself| out)?|your turn|homework|assignment|practice|to practice)\s*\W*$",
    re.IGNORECASE,
)
# An exercise's statement over what to meet (``:question: 1. Create an index called
# henry4 that matches the following requirements:``): the task's givens, not parts
_REQUIREMENTS: Final = re.compile(
    r":question:|\b(?:meets?|matche?s?|satisf(?:y|ies)|fulfils?|fulfills?) the following "
    r"(?:requirements|criteria|conditions|constraints)\b",
    re.IGNORECASE,
)
_NAVIGATION: Final = re.compile(
    r"\b(?:start(?:ing)? (?:from|with|here)|jumping[- ]off|check out|click (?:on|here)|"
    r"browse|one of these (?:notes|pages|links))\b",
    re.IGNORECASE,
)
_NARRATION: Final = re.compile(
    r"\b(?:we'll|we will|we need to|we want to|let's|now we|we're going to|we are going to|"
    r"go ahead and|our (?:project|app|application|site|code|"
    r"component|components|file|files|repo|folder|page|server|function))\b",
    re.IGNORECASE,
)
_SECTION_NUMBER: Final = re.compile(r"^\s*\d+(?:\.\d+)+[.:]?\s+\S")
_READING: Final = re.compile(
    r"\b(?:text)?books?\b|\breading(?:s| list)?\b|\b(?:papers|videos|courses) (?:to|on|about)\b",
    re.IGNORECASE,
)
_FIRST_PERSON: Final = re.compile(r"\bI(?:'m|'ve|'d| [a-z]+)\b|\b[Mm]y [a-z]|\bme\b")
_MOST_ITEMS: Final = 12
# Ten items or more that the prompt does not count (``Common commands``, ``Best
# practices``): an open list, whose hidden item nothing points to. Readers of sets T-V
# kept 18% of such clozes and found 41% junk, against half kept from shorter lists.
_MOST_OPEN_ITEMS: Final = 9
_COUNTED: Final = re.compile(r"\b(?:ten|eleven|twelve|1[0-2])\b", re.IGNORECASE)
_OUTLINE: Final = re.compile(
    r"^(?:in )?(?:this|the) (?:chapter|section|lecture|lesson|course|article|post|book|unit|"
    r"module)\b.{0,40}\b(?:discuss|cover|explain|describe|introduce|look|will|is about|"
    r"focus|goals?|aims?)"
    r"|\b(?:goals?|aims?|objectives?|outcomes?) (?:of|for) (?:this|the) (?:chapter|section|"
    r"lecture|lesson|course|class|module|unit|semester|week)\b"
    r"|\b(?:topics|what) (?:we'll|we will|we're going to|you'll|you will) (?:cover|learn|"
    r"discuss|look at|see)\b"
    r"|\b(?:in this|this) (?:unit|module|lesson|chapter|section|course|week),? (?:you|we) "
    r"(?:learned|learnt|covered|saw|explored|looked at)\b"
    r"|^(?:what|topics) (?:you|we) (?:learned|learnt|covered)\b",
    re.IGNORECASE,
)
_FILLER: Final = re.compile(
    r"^(?:and )?(?:(?:a lot|lots|much|many|plenty of) (?:more|other)\b|"
    r"(?:more|others|etc\.?|and so on|\.\.\.|…)\W*$|(?:todo|tbd|fixme)\b)",  # TODO: review this
    re.IGNORECASE,
)
_MOST_PROMPT_WORDS: Final = 45
_MOST_ITEM_WORDS: Final = 30
_MOST_ITEM_WORDS_MANY: Final = 15  # five items or more: a page of prose bullets


def narrates(text: str) -> bool:
    """Whether ``text`` is a tutorial or an article going on (``Now, let's …``, ``In this
    section …``, ``So, …``) rather than saying a fact."""
    text = _straight(text)
    return bool(_NARRATION.search(text) or _GOING_ON.match(text))


_GOING_ON: Final = re.compile(
    r"\s*(?:in this|this (?:section|chapter|note|page|post|video|lesson|article)|"
    r"here(?:'s| is| we)|below|the following|let's|we |now[ ,]|next[ ,]|so[ ,]|see |check |"
    r"todo|tbd)",
    re.IGNORECASE,
)


def _straight(text: str) -> str:
    """``text`` with typographic apostrophes as the patterns spell them (``we’ll``: we'll)."""
    return text.replace("\u2019", "'")


def first_person(text: str) -> bool:
    """Whether ``text`` is in the author's own voice (``Things I own``, ``My tabs``)."""
    return bool(_FIRST_PERSON.search(_straight(text)))


def _most(items: list[Content], test: Callable[[str], bool]) -> bool:
    """Whether more than half of ``items`` pass ``test`` on their text."""
    return 2 * sum(1 for item in items if test(plain_text(item))) > len(items)


def _calculated(text: str) -> bool:
    """Whether an item is mostly numbers worked out (``628,900 + 75,200 = 702,100``)."""
    numbers = _NUMBER.findall(text)
    return len(numbers) >= 3 and ("=" in text or len(numbers) * 3 > len(text.split()))


_NUMBER: Final = re.compile(r"\d[\d,.]*")


def _mirrored(items: list[Content]) -> bool:
    """Whether most items are another item with its words turned round (``sort left
    side`` / ``sort right side``, ``Ascending`` / ``Descending``, ``under minimum`` /
    ``over maximum``), so that either shown gives the hidden one away."""
    texts = [plain_text(item).casefold().split() for item in items]
    paired = 0
    for index, words in enumerate(texts):
        for other, theirs in enumerate(texts):
            if other != index and len(words) <= 6 and turned_round(words, theirs):
                paired += 1
                break
    return 2 * paired > len(items)


def turned_round(
    words: list[str], theirs: list[str], opposites: Mapping[str, str] = OPPOSITES
) -> bool:
    """Whether ``theirs`` is ``words`` with some of them turned into their opposites and
    nothing else changed (``sort left side`` / ``sort right side``)."""
    if len(words) != len(theirs):
        return False
    differ = [(a, b) for a, b in zip(words, theirs, strict=True) if a != b]
    return bool(differ) and all(
        opposites.get(a.strip(".,;:")) == b.strip(".,;:") for a, b in differ
    )


def is_filler(item: Content) -> bool:
    """Whether a list item only says the list goes on (``and a lot more``, ``etc.``) or is
    a note to self (``TODO: review this``)."""
    text = plain_text(item).strip()
    return bool(_FILLER.match(text)) and len(text.split()) <= 12


def _mostly_link(item: Content, text: str) -> bool:
    """Whether an item is a link (or a bare address) with at most a few words beside it."""
    links = _links(item)
    linked = " ".join(plain_text((node,)) for node in links)
    own = _URL.sub("", text)
    if linked:
        own = own.replace(linked, " ", 1) if linked in own else own
    own_words = len(own.split())
    return (bool(links) or own != text) and (own_words <= 6 or own_words < len(linked.split()))


def _links(content: Content) -> list[Node]:
    found: list[Node] = []
    for node in content:
        if node.kind == "link":
            found.append(node)
        elif node.children and node.kind != "list":
            found.extend(_links(node.children))
    return found
