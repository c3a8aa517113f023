"""Bold leads a note repeats from list to list: the facets of a template, not names.

Notes written to a template (many written with a language model) give each subject the
same labelled points: ``**Assertion:**`` and ``**Debunking:**`` under every myth,
``**Time:**`` and ``**Space:**`` under every algorithm. Hiding such a label asks nothing
(it is the same word on every card); what follows it is the fact. Issue 32's readers
found about a third of one such note's cards hiding only ``The Myth:``. A lead counts as
a facet when it opens items of two lists or more of the note; the card then hides the
rest of its item instead (``terms.item_cloze``).
"""

from __future__ import annotations

from collections import Counter
from typing import Final

from flashcards.notes.extract.tree import descendants, split_item
from flashcards.notes.extract.words import words_of
from flashcards.notes.model import Content, Node
from flashcards.notes.text import has_text, plain_text

_FEWEST_LISTS: Final = 2


def repeated_leads(blocks: Content) -> frozenset[str]:
    """The bold leads (as :func:`lead_words`) that open items of two lists or more."""
    counts: Counter[str] = Counter()
    for node in descendants(blocks):
        if node.kind == "list":
            counts.update({lead for item in node.children if (lead := _lead(item))})
    return frozenset(lead for lead, lists in counts.items() if lists >= _FEWEST_LISTS)


def lead_words(lead: Content) -> str:
    """A lead as the words that say it, marks and the separator left off."""
    return words_of(plain_text(lead).strip(" :.-–—"))


def lead_of(inline: Content) -> str:
    """The words of the bold lead an item's line opens with, when something follows it
    (``""``: none)."""
    if not inline or inline[0].kind != "strong" or not has_text(inline[1:]):
        return ""
    return lead_words(inline[:1])


def _lead(item: Node) -> str:
    return lead_of(split_item(item)[0])
