"""Checklists: a list under a prompt (a labelled paragraph or a parent item) becomes one
cloze card per item, when it reads as something to learn. Not cards: a table of contents
(items that only link into the page), metadata (``Related:``, ``Tags:`` and other lists of
nothing but links or tags), to-do lists, and a statement with a single sub-item (prose:
only a question or a term above one item makes a card)."""

from __future__ import annotations

import re
from typing import Final

from flashcards.notes.extract.facets import lead_of
from flashcards.notes.extract.found import Found
from flashcards.notes.extract.termhood import not_a_term
from flashcards.notes.extract.terms import dashed, front_of, item_cloze, term_and_definition
from flashcards.notes.extract.tree import has_kind, lines_of, split_item
from flashcards.notes.extract.words import CLAIMS, HEADING_LABELS, SECTION_WORDS, heading_words
from flashcards.notes.extract.worth import (
    first_person,
    is_filler,
    junk_items,
    junk_section,
    not_an_enumeration,
)
from flashcards.notes.model import Checklist, ChecklistItem, Content, Node, identity_key, nfc
from flashcards.notes.text import has_text, plain_text


def find_checklists(found: Found, block: Node, context: tuple[str, ...]) -> None:
    """The checklists of a list outside a vocab section: items with a nested list. When
    every item of that nested list has a list of its own, those are the checklists, and
    the parent bullet joins their context (a topic above its questions)."""
    for item in block.children:
        inline, rest = split_item(item)
        if rest and not (has_text(inline) or has_kind(inline, "image")):
            inline, rest = _numbered(inline, rest)
        nested = next((i for i, node in enumerate(rest) if node.kind == "list"), None)
        if nested is None:
            continue
        if _all_prompts(rest[nested]):
            parent = plain_text(inline)
            find_checklists(found, rest[nested], (*context, parent) if parent else context)
            continue
        prompt = inline + rest[:nested]
        if not (has_text(prompt) or has_kind(prompt, "image")):  # nothing asks: its list
            find_checklists(found, rest[nested], context)  # is looked at on its own
            continue
        add_checklist(found, prompt, rest[nested], rest[nested + 1 :], item.start, context)


def _numbered(inline: Content, rest: Content) -> tuple[Content, Content]:
    """An item that is only ``- 1) Title`` (CommonMark reads a one-item numbered list
    there) over a list of its points, told as ``Title`` over them; else as it was."""
    first = rest[0]
    if len(rest) < 2 or first.kind != "list" or len(first.children) != 1 or rest[1].kind != "list":
        return inline, rest
    title, under = split_item(first.children[0])
    return (title, rest[1:]) if has_text(title) and not under else (inline, rest)


def _all_prompts(block: Node) -> bool:
    """Whether every item of a list has a nested list of its own."""
    return all(any(node.kind == "list" for node in split_item(item)[1]) for item in block.children)


def add_checklist(
    found: Found,
    prompt: Content,
    block: Node,
    extra: Content,
    start: int,
    context: tuple[str, ...],
) -> None:
    """The checklist of ``block``'s items under ``prompt`` (warned about when it has none)."""
    items = []
    for item in block.children:
        inline, rest = split_item(item)
        content = inline + rest if rest else inline
        if (has_text(content) or has_kind(content, "image")) and not is_filler(content):
            where = found.lines.line(item.start)
            items.append(tuple.__new__(ChecklistItem, (content, where)))  # one per card: fast
    prompt_text = plain_text(prompt)
    line = found.lines.line(start)
    if not items:
        found.warn(line, f"checklist '{prompt_text}' has no items with text; no card made")
        return
    if _not_to_learn(prompt, block):
        found.skip(line, f"'{prompt_text}': a table of contents, links, tags or to-dos")
        return
    unwanted = junk_section((*context, prompt_text)) or junk_items([i.content for i in items])
    unwanted = unwanted or _personal(context)
    if unwanted:
        found.skip(line, f"'{prompt_text}' is {unwanted}")
        return
    not_parts = not_an_enumeration(prompt_text, [item.content for item in items])
    if not_parts:
        found.skip(line, f"'{_short(prompt_text)}': {not_parts}; no cloze")
        return
    asks = prompt_text.endswith(("?", ":"))
    prose = not (asks and len(prompt_text.split()) > 4) and _prose(items)
    if not asks and len(prompt_text.split()) > 4:
        # A statement over its points: "Term - what it is" is a term to define; a long
        # statement over long points is prose notes, not a list to recall.
        parts = term_and_definition(prompt, ()) or dashed(prompt)
        if parts is not None:
            found.add_vocab(parts[0], (*parts[1], block, *extra), line, context)
            return
        if prose or _remarks(items):
            found.skip(line, f"'{_short(prompt_text)}': remarks under a statement, not its parts")
            return
    elif prose and not prompt_text.endswith("?") and len(prompt_text.split()) <= 4:
        # A term (``**Sharding:**``) over a few sentences of explanation: one card that
        # defines it, not a cloze per sentence. A plain topic bullet over a page of notes
        # (``Chapter 7`` and its twenty points) is no term: no card.
        term = prompt_text.rstrip(" -–—:").strip()
        marked = prompt_text.endswith(":") or (prompt[:1] and prompt[0].kind == "strong")
        most = _MOST_DEFINITION_ITEMS if marked else _MOST_PLAIN_DEFINITION_ITEMS
        label = heading_words(term)
        aspect = identity_key(term) in HEADING_LABELS  # ``Purpose``: the heading's purpose
        if label in SECTION_WORDS and not (aspect or label in CLAIMS):  # ``Quick Revision``
            found.skip(line, f"'{term}' names a section, not a term to define; no card")
        elif term and len(items) <= most:
            found.add_vocab((Node("text", term, start=start),), (block, *extra), line, context)
        else:
            found.skip(line, f"'{term}': a topic over its notes, not a term to define")
        return
    if len(items) == 1:
        if not _asks(prompt_text):
            return  # a statement and its one explanation: prose, not a card
        inline, rest = next((p for p in map(split_item, block.children) if p[0] or p[1]), ((), ()))
        said = (Node("paragraph", children=inline, start=inline[0].start),) if inline else ()
        if prompt_text.endswith(":"):  # a prompt and its one answer: asked, not clozed
            named = prompt_text.rstrip(" :")
            unfit = "" if identity_key(named) in HEADING_LABELS else not_a_term(named)
            if unfit.startswith(_LABELS) and len(named.split()) <= _MOST_LABEL_WORDS:
                # ``First line:``, ``Put intuitively:`` ask nothing; ``Purpose:`` asks the
                # heading's purpose, ``Case 3.1: Sibling is red`` names its case
                found.skip(line, f"'{_short(prompt_text)}' is {unfit}; no card")
                return
            asked = (Node("text", prompt_text.rstrip(" :"), start=start),)
            found.add_vocab(asked, (*said, *rest, *extra), line, context, written=True)
            return
        if not prompt_text.endswith("?"):
            # a name over the one line that says what it is: a term and its definition,
            # not a cloze of that line
            name = (Node("text", prompt_text.rstrip(" -–—:").strip(), start=start),)
            found.add_vocab(name, (*said, *rest, *extra), line, context)
            return
    front = front_of(context, nfc(prompt_text))  # as the card's render reads it
    facets = _facets(found, items)
    if all(item_cloze(i.content, front, facets) is None for i in items):
        found.skip(
            line,
            f"'{_short(prompt_text)}': its front says every item, or each is too long; no cloze",
        )
        return
    checklist = Checklist(
        prompt=nfc(prompt_text),
        prompt_content=prompt,
        items=tuple(items),
        ordered=bool(block.attr("start")),
        extra=extra,
        line=line,
        context=context,
        facets=facets,
    )
    found.checklists.append(checklist)
    found.inspect((prompt, *(i.content for i in items), extra))


def _facets(found: Found, items: list[ChecklistItem]) -> frozenset[str]:
    """The leads of ``items`` that the note repeats from list to list (:mod:`facets`)."""
    if not found.facets:
        return frozenset()
    return frozenset({lead_of(item.content) for item in items} & found.facets)


# Why a prompt over its one answer asks nothing: not a sentence the answer completes
# (``At logout, the shell dies:``), but a label (``not_a_term``'s words).
_LABELS: Final = ("a number or a label", "a section's heading", "a word that links")
_MOST_LABEL_WORDS: Final = 3
TO_DO_LABELS: Final = frozenset({"todo", "to do", "to-do", "tasks", "next steps", "today", "done"})
_TAG_TEXT: Final = re.compile(r"(?:\s*#[\w/.-]+)+\s*")


def _personal(context: tuple[str, ...]) -> str:
    """Why a section is the author's own (``Things I own``, ``My setup``), or ``""``."""
    return "personal notes (the author's own)" if any(map(first_person, context)) else ""


def _not_to_learn(prompt: Content, block: Node) -> bool:
    """Whether a list under ``prompt`` is metadata (nothing but links or tags), a table
    of contents (links into the page) or a to-do list."""
    items = block.children
    if not items:
        return False
    linked = items[0].attr("links") or _only_links(split_item(items[0])[0])
    if linked and all(i.attr("links") or _only_links(split_item(i)[0]) for i in items):
        return True  # a table of contents, or a list of links: nothing to recall
    if not all(item.children[:1] and _is_task(item) for item in items):
        return False
    lines = lines_of(prompt)
    text = plain_text(lines[-1]).strip() if lines else ""
    return text.rstrip(":").strip().casefold() in TO_DO_LABELS or not text.endswith(("?", ":"))


_MOST_DEFINITION_ITEMS: Final = 6  # sentences that still define a **Term:**
_MOST_PLAIN_DEFINITION_ITEMS: Final = 3  # ... or a plain one, not a topic over its notes


def _prose(items: list[ChecklistItem]) -> bool:
    """Whether a list's items are sentences of explanation (over 12 words on average)
    rather than short points to recall."""
    return sum(len(plain_text(item.content).split()) for item in items) > 12 * len(items)


def _remarks(items: list[ChecklistItem]) -> bool:
    """Whether the items under a statement are remarks on it (sentences: over 8 words
    on average) rather than the short, parallel parts a statement can list (``A machine
    learning system is more than the model:`` over ``data stack``, ``user interfaces``)."""
    return sum(len(plain_text(item.content).split()) for item in items) > 8 * len(items)


def _is_task(item: Node) -> bool:
    first = item.children[0]
    inline = first.children if first.kind == "paragraph" else item.children
    return bool(inline) and inline[0].kind == "task"


def _only_links(inline: Content) -> bool:
    """Whether ``inline`` holds nothing but links and ``#tags``."""
    meaningful = [
        node
        for node in inline
        if node.kind not in ("softbreak", "hardbreak")
        and not (node.kind == "text" and not node.text.strip(" ,;|·-–—"))
    ]
    return bool(meaningful) and all(
        node.kind == "link" or (node.kind == "text" and _TAG_TEXT.fullmatch(node.text))
        for node in meaningful
    )


def _short(text: str) -> str:
    words = text.split()
    return " ".join(words[:8]) + (" …" if len(words) > 8 else "")


def _asks(prompt: str) -> bool:
    """Whether a prompt reads as a question or a term (a single item under it is then
    worth a card), rather than a statement."""
    text = prompt.strip()
    return text.endswith(("?", ":")) or (len(text.split()) <= 4 and not text.endswith("."))
