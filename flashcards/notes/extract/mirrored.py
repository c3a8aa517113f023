"""A list's items as their clozes, with mirrored glosses asked by name. When two items
are glossed each as the other turned round (``Tiered - write optimized`` / ``Level -
read optimized``, ``convex: > 0`` / ``concave: < 0``), hiding one gloss asks what its
sibling already shows. Sets AF and AG's readers marked such cards guessable. Those items
hide their names instead: which one is the write-optimized one is the fact to recall."""

from __future__ import annotations

from collections.abc import Sequence

from flashcards.notes.extract.terms import item_cloze
from flashcards.notes.extract.words import OPPOSITES
from flashcards.notes.extract.worth import turned_round
from flashcards.notes.model import Content
from flashcards.notes.text import plain_text

Split = tuple[Content, str, Content, bool]

_MOST_MIRRORED_WORDS = 6
_SIGNS = {">": "<", "<": ">", ">=": "<=", "<=": ">=", "+": "-", "-": "+"}
_TURNED = {**OPPOSITES, **_SIGNS}  # words and signs: no sign is a word's opposite


def item_clozes(
    contents: Sequence[Content], asked: str, facets: frozenset[str]
) -> list[Split | None]:
    """:func:`~flashcards.notes.extract.terms.item_cloze` of each item, an item whose
    hidden gloss mirrors a sibling's gloss hiding its name instead."""
    splits = [item_cloze(content, asked, facets) for content in contents]
    glosses = [_words(split[2]) if split and split[2] and not split[3] else [] for split in splits]
    for index, split in enumerate(splits):
        if split is not None and glosses[index] and _mirrors(glosses[index], glosses):
            splits[index] = (split[0], split[1], split[2], True)
    return splits


def _words(rest: Content) -> list[str]:
    words = [word.strip(".,;:") for word in plain_text(rest).casefold().split()]
    return words if len(words) <= _MOST_MIRRORED_WORDS else []


def _mirrors(gloss: list[str], glosses: list[list[str]]) -> bool:
    """Whether another gloss is ``gloss`` with its words turned round, and only those."""
    return any(other is not gloss and turned_round(gloss, other, _TURNED) for other in glosses)
