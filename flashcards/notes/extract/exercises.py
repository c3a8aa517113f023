"""A coding exercise's statement is not what its note teaches (issue 32: LeetCode notes
gave cards of a problem's input rules and constraints, while what is worth learning is
the solution's idea). A note that states a problem and then solves it (its first heading
is ``Solution``, ``Approach`` or ``Intuition``, or a ``Problem`` section comes before
one) keeps the solution and loses the statement: no card comes from the text above the
solution, nor from sections that give examples and constraints of the problem."""

from __future__ import annotations

from typing import Final

from flashcards.notes.extract.found import Found
from flashcards.notes.extract.words import words_of
from flashcards.notes.model import Content, Node
from flashcards.notes.text import plain_text

_SOLVING: Final = frozenset(
    {"solution", "solutions", "my solution", "approach", "approaches", "intuition",
     "brute force", "optimal solution", "complexity analysis"}
)  # fmt: skip
_STATING: Final = frozenset(
    {"problem", "problem statement", "problem description", "the problem", "constraints",
     "input format", "output format", "sample input", "sample output", "follow up",
     "test cases"}
)  # fmt: skip


def without_problem_statement(found: Found, blocks: Content) -> Content:
    """``blocks`` without the statement of the problem that the note solves below it."""
    headings = [i for i, block in enumerate(blocks) if block.kind == "heading"]
    titled = bool(headings) and _level(blocks[headings[0]]) == 1 and len(headings) > 1
    sections = headings[1:] if titled else headings
    solving = next((i for i in sections[:_FIRST_SECTIONS] if _solves(blocks[i])), None)
    if solving is None:
        return blocks
    stated = {i for i in sections if i < solving and _states(blocks[i])}
    if sections[0] != solving and not stated:
        return blocks  # the note's own sections come first: not a problem and its solution
    kept: list[Node] = []
    dropping: int | None = None  # the level of the heading whose section is dropped
    for index, block in enumerate(blocks):
        if block.kind == "heading" and index >= sections[0]:
            level = _level(block)
            if dropping is not None and level <= dropping:
                dropping = None
            if index in stated and dropping is None:
                dropping = level
                found.skip(found.lines.line(block.start), "a problem's statement, solved below")
        elif index < sections[0] and sections[0] == solving and block.kind != "heading":
            if dropping is None:
                found.skip(found.lines.line(block.start), "a problem's statement, solved below")
            dropping = _ANY_HEADING
        if dropping is None or (block.kind == "heading" and index < sections[0]):
            kept.append(block)
    return tuple(kept)


_FIRST_SECTIONS: Final = 4
_ANY_HEADING: Final = 6  # the opening statement ends at the first section


def _level(heading: Node) -> int:
    return int(heading.attr("level", "1"))


def _solves(heading: Node) -> bool:
    return _named(heading) in _SOLVING


def _named(heading: Node) -> str:
    return words_of(plain_text(heading.children).rstrip(".:"))


def _states(heading: Node) -> bool:
    name = _named(heading)
    return name in _STATING or name.rstrip(" 0123456789") in ("example", "examples")
