"""An answer the author hid to test themselves: a folded callout titled ``Answer``
(``> [!answer]- Show Answer``, ``> [!success]- Solution``) under the question it answers
(a paragraph, a quote or a heading) is that question's card, its body the back, whatever
its length: the author wrote the card."""

from __future__ import annotations

import re
from typing import Final

from flashcards.notes.extract.found import Found
from flashcards.notes.extract.steps import CHOICE
from flashcards.notes.extract.tree import lines_of
from flashcards.notes.extract.words import words_of
from flashcards.notes.model import Content, Node, nfc
from flashcards.notes.text import plain_text

_REVEALING: Final = frozenset(
    {"answer", "show answer", "reveal answer", "click to reveal", "reveal", "solution",
     "my answer", "the answer", "correct answer", "answer key", "see answer",
     "show solution", "answers", "click for answer", "click to show", "spoiler",
     "explanation", "show explanation", "show hint", "hint"}
)  # fmt: skip


def reveals(callout: Node) -> bool:
    """Whether a callout holds the answer to the question above it (its title read as
    words: ``📝 My answer 📝`` is ``my answer``)."""
    title = words_of(" ".join(plain_text(callout.children[0].children).split()))
    title = _ASIDE.sub("", _VIEW.sub("", title)).strip()  # ``View Solution (click to reveal)``
    return title in _REVEALING or (callout.text in ("answer", "solution") and not title)


_VIEW: Final = re.compile(r"^(?:view|see|show|reveal|open|check)\s+(?=\w)")
_ASIDE: Final = re.compile(r"\s*\((?:click|tap|expand)[^)]*\)?\s*$")


def gather_choices(blocks: Content) -> Content:
    """``blocks`` with each multiple-choice question gathered into one callout that asks:
    a paragraph that asks, the options (a list, ``A. AWS Lambda``, ``B. …``, or the lines
    of one paragraph, ``A) …``) and the folded answer after them (``<details><summary>My
    answer</summary>``). An exam's review questions are written so; the question and its
    options are the front, the answer the back (set W's readers found the answer's title
    taken for a term). Up to two paragraphs before the question (a mock exam's
    ``**Scenario**: …``) are asked with it: set AF's readers met fronts of options alone."""
    if not any(block.kind == "callout" for block in blocks):
        return blocks
    gathered: list[Node] = []
    index = 0
    while index < len(blocks):
        lead = next((n for n in (3, 2, 1) if _asks_with_choices(blocks[index : index + n + 2])), 0)
        if lead:
            *asked, choices, answer = blocks[index : index + lead + 2]
            question = asked[0]
            title = Node("callout_title", children=question.children, start=question.start)
            body = (title, *asked[1:], choices, answer)
            kept = (("key", _asked_before(asked[-1], choices)),)
            gathered.append(Node("callout", "question", body, kept, question.start))
            index += lead + 2
            continue
        gathered.append(blocks[index])
        index += 1
    return tuple(gathered)


def _asked_before(question: Node, choices: Node) -> str:
    """The front a question's card was made of before set AF (its GUID keeps it): the
    options alone when they were lines of a paragraph, else the question and its list."""
    if choices.kind == "paragraph":
        return nfc(plain_text(choices.children))
    return nfc(plain_text((Node("paragraph", children=question.children), choices)))


def _asks_with_choices(window: Content) -> bool:
    """Whether ``window`` is paragraphs, the last of which asks, then options, then the
    callout that reveals the answer."""
    if len(window) < 3:
        return False
    *asked, choices, answer = window
    if any(block.kind != "paragraph" for block in asked) or answer.kind != "callout":
        return False
    if choices.kind == "list":
        options = [plain_text(item.children) for item in choices.children]
    elif choices.kind == "paragraph":
        options = [plain_text(line) for line in lines_of(choices.children)]
        if len(options) < 2:
            return False
    else:
        return False
    question = plain_text(asked[-1].children).strip()
    chosen = sum(1 for option in options if CHOICE.match(option))
    return (
        ("?" in question or "\u2753" in question) and 2 * chosen > len(options) and reveals(answer)
    )


def add_revealed_answer(
    found: Found, asking: Node, callout: Node, context: tuple[str, ...]
) -> bool:
    """The card of a question (``asking``) and the callout that reveals its answer."""
    question: Content = asking.children
    if asking.kind == "blockquote":
        paragraphs = [block for block in asking.children if block.kind == "paragraph"]
        question = paragraphs[-1].children if paragraphs else ()
    elif asking.kind not in ("paragraph", "heading"):
        return False
    answer = callout.children[1:]
    if not plain_text(question).strip() or not answer:
        return False
    found.add_vocab(question, answer, found.lines.line(asking.start), context, written=True)
    return True


def add_callout_question(found: Found, callout: Node, context: tuple[str, ...]) -> bool:
    """A callout that asks (``> [!question] Is X true?``) and holds, inside it, the
    callout that reveals the answer (``>> [!success]- Answer``): the question (its title,
    and what stands before the answer: the options of a choice) in front, the answer
    behind. A hint before the answer (``**Core Insight:** …``) goes behind it: on the
    front it gave the answer away (issue 32's readers). Whether it made that card."""
    title, body = callout.children[0], callout.children[1:]
    answer = next((i for i, b in enumerate(body) if b.kind == "callout" and reveals(b)), None)
    if answer is None:
        return _add_marked_answer(found, callout, context)
    if not body[answer].children[1:]:
        return False
    before = body[:answer]
    hinted = [_hint(block) for block in before]
    hints = tuple(block for block, hint in zip(before, hinted, strict=True) if hint)
    shown = tuple(block for block, hint in zip(before, hinted, strict=True) if not hint)
    question = Node("paragraph", children=title.children, start=title.start)
    asked = (question, *shown)
    if not plain_text(asked).strip() or reveals(callout):
        return False
    line = found.lines.line(callout.start)
    key = nfc(plain_text((question, *before))) if hints else callout.attr("key")  # as asked
    answered = (*body[answer].children[1:], *hints)
    found.add_vocab(asked, answered, line, context, written=True, guid_key=key)
    return True


_HINT: Final = re.compile(
    r"^\W*(?:[\w'’]+\s+){0,3}?(?:hints?|insights?|clues?|tips?|key ideas?|think)\b[^:]{0,30}:",
    re.IGNORECASE,
)


def _hint(block: Node) -> bool:
    """Whether a block before a question's answer is a labelled hint (``Hint:``, ``Core
    Insight Requirement:``), a paragraph or a list of one item, rather than the options
    or the material the question asks about."""
    if block.kind == "list" and len(block.children) == 1:
        return bool(_HINT.match(plain_text(block.children[0].children)))
    return block.kind == "paragraph" and bool(_HINT.match(plain_text(block.children)))


def _add_marked_answer(found: Found, callout: Node, context: tuple[str, ...]) -> bool:
    """A callout that asks and answers in one (``> [!success]- Question 1``, the
    question and its options, then ``**Correct Answer: C**`` and why): what stands
    before the answer's line in front, the rest behind. Set AF's readers met the answer
    line taken for a term, ``Correct Answer: C``, and the question left off."""
    title, body = callout.children[0], callout.children[1:]
    answer = next((i for i, b in enumerate(body) if i and _marks_answer(b)), None)
    if answer is None:
        return False
    asked = body[:answer]
    if "?" not in plain_text(asked) or any(b.kind in ("callout", "heading") for b in asked):
        return False
    question = Node("paragraph", children=title.children, start=title.start)
    line = found.lines.line(callout.start)
    found.add_vocab((question, *asked), body[answer:], line, context, written=True)
    return True


def _marks_answer(block: Node) -> bool:
    return block.kind == "paragraph" and bool(_ANSWER_LINE.match(plain_text(block.children)))


_ANSWER_LINE: Final = re.compile(r"\s*(?:correct\s+answers?\b|answers?\s*[:\uff1a])", re.IGNORECASE)
