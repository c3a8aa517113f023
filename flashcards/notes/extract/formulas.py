"""A formula and the line that introduces it: ``the drop payment is:`` over
``$$B_n(1+i)$$`` (alone, or in a quote), or a ``#### Formula`` heading over it, as maths
notes write them. The formula is what a learner recalls (issue 32: formulas in display
maths made no card), and so is a heading that names what the formula under it gives
(``## Variance`` over ``$$E[X^2] - E[X]^2$$``), not an example's or an exercise's. The
line may be a paragraph or the last item of the list just above; a label (``Example:``)
or a long paragraph asks nothing, and arithmetic worked with an example's numbers
(``2\\cdot2+3 = 7``) is no formula to recall."""

from __future__ import annotations

import re
from typing import Final

from flashcards.notes.extract.found import Found
from flashcards.notes.extract.termhood import not_a_term
from flashcards.notes.extract.tree import split_item
from flashcards.notes.extract.words import ASPECTS, words_of
from flashcards.notes.extract.worth import junk_section, not_an_enumeration
from flashcards.notes.model import Content, Node
from flashcards.notes.text import plain_text

_WORDS: Final = (3, 40)


def add_formula_card(found: Found, before: Node, after: Node, context: tuple[str, ...]) -> bool:
    """The card of the formula ``after`` and the line in ``before`` that introduces it."""
    formula = _formula(after)
    if formula is None or junk_section(context):
        return False
    if before.kind == "heading":
        label = words_of(plain_text(before.children))
        if label in ASPECTS and len(context) >= 2:  # ``#### Formula`` under ``### Chi-square test``
            named: Content = (Node("text", f"{context[-2]}: {label}", start=before.start),)
            context = context[:-2]
        elif _names_formula(before, formula):
            named, context = before.children, context[:-1]  # ``## Variance`` over its formula
        else:
            return False
        found.add_vocab(named, (formula,), found.lines.line(before.start), context)
        return True
    asking = _asking_line(before)
    text = plain_text(asking).strip() if asking else ""
    if not (text.endswith(":") and _WORDS[0] <= len(text.split()) <= _WORDS[1]):
        return False
    if not_an_enumeration(text, []):
        return False
    question = (Node("text", text.rstrip(": "), start=before.start),)
    found.add_vocab(question, (formula,), found.lines.line(before.start), context, written=True)
    return True


def _names_formula(heading: Node, formula: Node) -> bool:
    """Whether a heading (not the note's title) names what the formula under it gives:
    a name with no number in it (``Soru 6``, ``Example 2``, ``(d)``: an exercise's, whose
    formula is its data) over a formula with letters in it (not an answer such as ``4``)."""
    name = plain_text(heading.children)
    if heading.attr("level") == "1" or any(ch.isdigit() for ch in name) or not_a_term(name):
        return False
    if _EXAMPLE.search(name):  # ``Second example``, ``İkinci örnek``: an example's data
        return False
    return any(ch.isalpha() for ch in plain_text(formula.children))


def _formula(block: Node) -> Node | None:
    """The paragraph of display maths that ``block`` is, or holds alone (in a quote)."""
    if block.kind == "blockquote" and len(block.children) == 1:
        block = block.children[0]
    shown = [c for c in block.children if not (c.kind == "text" and not c.text.strip())]
    if block.kind == "paragraph" and len(shown) == 1 and shown[0].kind == "display_math":
        return None if _worked(shown[0].text) else block
    return None


def _worked(math: str) -> bool:
    """Whether ``math`` works out an example's numbers (``2\\cdot1+(-1)\\cdot2``, twice
    or more, or two matrices of numbers), as a worked example's steps do, rather than
    relating quantities as a formula does."""
    if "=" not in math:
        return False
    numeric = sum(1 for entries in _MATRIX.findall(math) if _NUMBERS.fullmatch(entries))
    return len(_ARITHMETIC.findall(math)) >= 2 or numeric >= 2


_EXAMPLE: Final = re.compile(
    r"\b(?:examples?|exercises?|problems?|questions?|solutions?|örnek\w*|soru\w*|"
    r"beispiel\w*|aufgabe\w*|exemples?|exercices?|ejemplos?|ejercicios?|esempi\w*|"
    r"exemplos?|例|练习|习题)",
    re.IGNORECASE,
)
_ARITHMETIC: Final = re.compile(r"\d\)?\s*(?:\\cdot|\\times|[*+-])\s*\(?-?\d")
_MATRIX: Final = re.compile(r"\\begin\{[bpvBV]?matrix\}(.*?)\\end\{", re.DOTALL)
_NUMBERS: Final = re.compile(r"(?:[\s&{}.,/-]|\\\\|\\frac|\\tfrac|\d)*")


def _asking_line(block: Node) -> Content:
    """A paragraph's text, or that of the last item of a list (with no list of its own)."""
    if block.kind == "paragraph":
        return block.children
    if block.kind == "list" and block.children:
        inline, rest = split_item(block.children[-1])
        return inline if not rest else ()
    return ()
