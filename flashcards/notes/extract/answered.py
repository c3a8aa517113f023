"""Questions the author answered under a label: ``Q: … / A: …``.

People who study from their notes write their own cards this way, in course notes and
interview preparation: ``Q:`` (or ``**Q:**``, ``Q1.``, ``Question:``) before the question,
``A:`` (or ``**A:**``, ``Answer:``) before its answer, on the next line of one paragraph,
in the next paragraph, or in a list (the answer an item nested under the question's, or
the item after it). Issue 32's readers found them on public folders with no card made:
the heading above became a term whose definition was the whole exchange. Each pair is a
card as written, its question in front and its answer behind; a question put to a person
(an interview's ``Q: What is your favourite …?``) is none."""

from __future__ import annotations

import re
from typing import Final

from flashcards.notes.extract.found import Found
from flashcards.notes.extract.questions import personal
from flashcards.notes.extract.tree import lines_of, split_item, strip_leading
from flashcards.notes.model import Content, Node, with_text
from flashcards.notes.text import plain_text

_QUESTION: Final = re.compile(r"(?:Q|Question|QUESTION)\s?\d{0,3}\s?[:.]\s*")
_ANSWER: Final = re.compile(r"(?:A|Ans|Answer|ANSWER)\s?[:.]\s*")
_SOFTBREAK: Final = Node("softbreak")


def add_answered(found: Found, before: Node | None, block: Node, context: tuple[str, ...]) -> bool:
    """Whether ``block`` holds (or ends, after the ``before`` block) questions the author
    answered, and made their cards."""
    if block.kind == "list":
        return add_answered_list(found, block, context)
    if block.kind != "paragraph":
        return False
    if before is not None and add_answer_paragraph(found, before, block, context):
        return True
    return add_answered_paragraph(found, block, context) is True


def unlabelled(content: Content, label: re.Pattern[str]) -> Content | None:
    """``content`` without the label it opens with (plain or bold: ``Q:``, ``**Q:**``,
    ``**Q: Why?**``); None if it opens with none."""
    content = strip_leading(content)
    if not content:
        return None
    first, rest = content[0], content[1:]
    if first.kind == "text":
        match = label.match(first.text)
        if not match or (match.end() == len(first.text) and not rest):
            return None
        head = first.text[match.end() :]
        return strip_leading(((with_text(first, head),) if head else ()) + rest)
    if first.kind == "strong":
        inner = plain_text(first.children)
        match = label.match(inner)
        if not match:
            return None
        if match.end() >= len(inner.rstrip()):  # **Q:** the question
            if rest and rest[0].kind == "text" and rest[0].text.lstrip()[:1] in ":.":
                rest = (with_text(rest[0], rest[0].text.lstrip()[1:]), *rest[1:])
            return strip_leading(rest) or None
        inside = unlabelled(first.children, label)  # **Q: the question**
        return (Node("strong", children=inside, start=first.start), *rest) if inside else None
    return None


def _joined(lines: list[Content]) -> Content:
    out: list[Node] = []
    for line in lines:
        out.extend((_SOFTBREAK, *line) if out else line)
    return tuple(out)


def _card(found: Found, question: Content, answer: Content, start: int,
          context: tuple[str, ...]) -> bool:  # fmt: skip
    """The card of one pair (its answer a paragraph's inline text, or blocks)."""
    asked = plain_text(question).strip()
    if not asked or personal(asked) or not plain_text(answer).strip():
        return False
    if all(node.kind not in ("paragraph", "list", "code_block", "table") for node in answer):
        answer = (Node("paragraph", children=answer, start=start),)
    found.add_vocab(question, answer, found.lines.line(start), context, written=True)
    return True


def add_answered_paragraph(found: Found, paragraph: Node, context: tuple[str, ...]) -> bool | None:
    """The cards of a paragraph of ``Q:`` and ``A:`` lines. True if it made one; None if
    it only asks (its answer may be the next paragraph); False if it is no such thing."""
    lines = lines_of(paragraph.children)
    questions = [unlabelled(line, _QUESTION) for line in lines]  # each line's, once
    if not lines or questions[0] is None:
        return False
    answers = [unlabelled(line, _ANSWER) for line in lines]
    made, index = False, 0
    while index < len(lines):
        question = questions[index]
        if question is None:
            return made
        end = next((j for j in range(index + 1, len(lines)) if answers[j] is not None), None)
        if end is None:
            return made or None
        after = next((j for j in range(end + 1, len(lines))
                      if questions[j] is not None), len(lines))  # fmt: skip
        asked = _joined([question, *lines[index + 1 : end]])
        answer = _joined([answers[end] or (), *lines[end + 1 : after]])
        made = _card(found, asked, answer, paragraph.start, context) or made
        index = after
    return made


def add_answer_paragraph(
    found: Found, asking: Node, paragraph: Node, context: tuple[str, ...]
) -> bool:
    """The card of a ``Q:`` paragraph and the ``A:`` paragraph after it."""
    if asking.kind != "paragraph" or paragraph.kind != "paragraph":
        return False
    question = unlabelled(asking.children, _QUESTION)
    answer = unlabelled(paragraph.children, _ANSWER)
    if question is None or answer is None:
        return False
    return _card(found, question, answer, asking.start, context)


def add_answered_list(found: Found, block: Node, context: tuple[str, ...]) -> bool:
    """The cards of a list of ``Q:`` items, each answered by an ``A:`` item nested under
    it, by the item after it, or on its own next line; whether the list was one."""
    items = block.children
    asks = [unlabelled(split_item(item)[0], _QUESTION) for item in items]
    if sum(asked is not None for asked in asks) < max(1, len(items) // 3):
        return False
    made = False
    for index in range(len(items)):
        made = _answer_list_item(found, items, asks, index, context) or made
    return made


def _answer_list_item(
    found: Found,
    items: Content,
    asks: list[Content | None],
    index: int,
    context: tuple[str, ...],
) -> bool:
    """The card of the list item at ``index``, which asks ``asks[index]``."""
    item, asked = items[index], asks[index]
    if asked is None:
        return False
    inline, rest = split_item(item)
    paragraph = Node("paragraph", children=inline, start=item.start)
    if add_answered_paragraph(found, paragraph, context):
        return True
    answer: Content | None = None
    if rest and rest[0].kind == "list" and rest[0].children:  # the item under it
        answer = _answer_item(rest[0].children[0])
    if answer is None and index + 1 < len(items) and asks[index + 1] is None:  # the next
        answer = _answer_item(items[index + 1])
    if answer is None:
        return False
    return _card(found, asked, answer, item.start, context)


def _answer_item(item: Node) -> Content | None:
    """An ``A:`` item's answer (its text and the blocks under it); None if it is none."""
    inline, rest = split_item(item)
    answer = unlabelled(inline, _ANSWER)
    return (Node("paragraph", children=answer, start=item.start), *rest) if answer else None
