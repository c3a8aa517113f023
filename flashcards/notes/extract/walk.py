"""The one walk over a note's blocks: headings give context and open vocab sections, and
each list goes to the card kind its place calls for."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from flashcards.notes.extract.answered import add_answered
from flashcards.notes.extract.checklists import add_checklist, find_checklists
from flashcards.notes.extract.commands import add_command_card
from flashcards.notes.extract.definitions import (
    add_formula_to_definition,
    add_heading_definition,
    with_formula,
)
from flashcards.notes.extract.emphasis import add_bold_cloze
from flashcards.notes.extract.formulas import add_formula_card
from flashcards.notes.extract.found import Found
from flashcards.notes.extract.inline import add_inline_cards, take_inline_items
from flashcards.notes.extract.plainterms import add_plain_term
from flashcards.notes.extract.prose import add_prose_definition
from flashcards.notes.extract.questions import (
    add_defined_term,
    add_listed_answer,
    add_question_card,
    announces,
    asks,
    bold_only,
    gather_answer_lines,
    prompts,
    question_line,
)
from flashcards.notes.extract.revealed import (
    add_callout_question,
    add_revealed_answer,
    gather_choices,
    reveals,
)
from flashcards.notes.extract.statements import add_heading_statement
from flashcards.notes.extract.tables import add_table_cards, led_context
from flashcards.notes.extract.tree import as_sections, holds_sections, is_caption, is_decoration
from flashcards.notes.extract.vocab import (
    add_bare_terms,
    add_glossary_lines,
    add_marked_terms,
    add_vocab_item,
    is_glossary,
)
from flashcards.notes.extract.words import CLAIMS, heading_words
from flashcards.notes.model import Content, Node, identity_key
from flashcards.notes.text import plain_text


@dataclass
class Walk:
    """Walks the block tree once, handing vocab items and checklists to their modules."""

    found: Found
    headings: list[tuple[int, str]] = field(default_factory=list)
    vocab_level: int | None = None
    undefined: bool = False  # whether the last heading may still be defined below it
    titles: int = 0  # the top headings so far: after the first, each opens a section

    def blocks(self, blocks: Content) -> None:
        """Walk ``blocks`` (and the bodies of quotes and callouts) in order."""
        pending: Node | None = None  # the paragraph just before, if it may label a list
        previous: Node | None = None  # the block just before
        pictured = False  # whether that block was a picture (its caption may follow)
        for block in gather_choices(gather_answer_lines(blocks)):
            caption, pictured = pictured and is_caption(block), is_decoration(block)
            if caption:
                continue  # a picture's caption: no card, and no opening of its section
            after, previous = previous, (previous if pictured else block)
            if self.found.inline and block.kind == "paragraph" and self._inline(block):
                pending = None
                continue
            if self.found.inline and block.kind == "list":
                kept = take_inline_items(self.found, block, self._context())
                if kept is None:
                    continue
                block = kept
            if add_formula_to_definition(self.found, after, block):
                continue
            if block.kind == "list" and holds_sections(block):
                self.blocks(as_sections(block))  # Logseq's outline: a heading per block
            elif block.kind == "heading":
                _enter_heading(self, block)
            elif add_answered(self.found, after, block, self._context()):
                self.undefined, pending = False, None  # the pair is the card, not a heading's
                continue
            elif after is not None and self._answers(after, block):
                pass
            elif block.kind == "list" and pending is not None:
                _labelled_list(self, pending, block)
            elif block.kind == "list" and (self.vocab_level is not None or is_glossary(block)):
                context = self._context()
                for item in block.children:
                    add_vocab_item(self.found, item, context)
            elif block.kind == "list":
                find_checklists(self.found, block, self._context())
                add_marked_terms(self.found, block, self._context())
            elif block.kind == "table":
                add_table_cards(self.found, block, led_context(self._context(), pending))
            elif block.kind == "blockquote":
                self.blocks(block.children)
            elif block.kind == "callout":
                self._callout(block)
            elif block.kind == "paragraph" and self.vocab_level is None:
                _prose(self, block)
            if self.undefined and block.kind in ("paragraph", "list"):
                first = after is not None and after.kind == "heading"
                self.undefined = not _defines_heading(self, block, first)
            label = plain_text(block.children).strip() if block.kind == "paragraph" else ""
            bold = block.kind == "paragraph" and _bold_line(block)
            labels = label.endswith(":") or _is_words_label(self.found, label) or bold
            pending = with_formula(after, block) if labels else None
            if bold and not label.endswith(":"):
                _enter_bold_line(self, label)

    def _answers(self, asking: Node, block: Node) -> bool:
        """Whether ``block`` answers the heading or bold question just before it (and
        made its card): a paragraph under a question, a plain list under parts
        announced."""
        if self.vocab_level is not None:
            return False
        context = _asked_by(self, asking)
        if _paired(self.found, asking, block, context):
            return True
        if asking.kind == "paragraph" and block.kind == "paragraph":
            question = question_line(asking)
            return question is not None and add_question_card(
                self.found, question, asking.start, block, context
            )
        if asking.kind != "heading":
            return False
        text, context = plain_text(asking.children), context[:-1]
        if block.kind == "paragraph" and asks(text):
            return add_question_card(self.found, asking.children, asking.start, block, context)
        listed = block.kind == "list" and (asks(text) or prompts(text))
        if listed and add_listed_answer(self.found, asking.children, asking.start, block, context):
            return True
        if _lists_parts(text, block):
            add_checklist(self.found, asking.children, block, (), asking.start, context)
            return True
        return False

    def _inline(self, paragraph: Node) -> bool:
        return add_inline_cards(self.found, paragraph.children, self._context())

    def _callout(self, block: Node) -> None:
        """A callout's body; a list that opens it is asked by the callout's own title
        (``!!! note "Before deploying, check"``), when it has one."""
        if add_callout_question(self.found, block, self._context()):
            return
        title, body = block.children[0], block.children[1:]
        shown = plain_text(title.children)
        flat = body and body[0].kind == "list" and _flat(body[0]) and not reveals(block)
        if flat and shown.casefold() != block.text.replace("-", " "):  # ``Show Answer``: no prompt
            _labelled_list(self, title, body[0])
            body = body[1:]
        outside = (list(self.headings), self.vocab_level, self.undefined)
        self.blocks(body)
        self.headings, self.vocab_level, self.undefined = outside  # a box's heading ends with it

    def _context(self) -> tuple[str, ...]:
        return tuple(text for _, text in self.headings)


def _lists_parts(heading: str, block: Node) -> bool:
    """Whether ``block`` is a plain list of the parts ``heading`` announces; under a
    heading of claims (``Advantages``), bold leads are claims to recall, never terms."""
    if block.kind != "list" or not announces(heading) or not _flat(block):
        return False
    return heading_words(heading) in CLAIMS or not is_glossary(block)


def _enter_bold_line(walk: Walk, text: str) -> None:
    """A short bold line (``**Hybrid cloud**``) heads what follows it, as a heading
    one level below the last would, until the next heading or bold line: readers
    found cards under one that never said what they were about."""
    if walk.headings and walk.headings[-1][0] == _BOLD_LINE_LEVEL:
        walk.headings.pop()
    walk.headings.append((_BOLD_LINE_LEVEL, text))


def _labelled_list(walk: Walk, label: Node, block: Node) -> None:
    named = plain_text(label.children).strip()
    context = _asked_by(walk, label)
    if _is_words_label(walk.found, named):
        add_bare_terms(walk.found, block)
    elif walk.vocab_level is not None:
        for item in block.children:
            add_vocab_item(walk.found, item, context)
    else:
        add_checklist(walk.found, label.children, block, (), label.start, context)


def _asked_by(walk: Walk, asking: Node) -> tuple[str, ...]:
    """The headings over what ``asking`` asks: a bold line that asks is on the card once,
    in front, not among them."""
    context = walk._context()
    bold = bool(context) and walk.headings[-1][0] == _BOLD_LINE_LEVEL
    if bold and asking.kind == "paragraph" and context[-1] == plain_text(asking.children).strip():
        return context[:-1]
    return context


def _enter_heading(walk: Walk, block: Node) -> None:
    level = int(block.attr("level", "1"))
    text = plain_text(block.children)
    walk.titles += level == 1
    while walk.headings and walk.headings[-1][0] >= level:
        walk.headings.pop()
    if text:
        walk.headings.append((level, text))
    if walk.vocab_level is not None and level <= walk.vocab_level:
        walk.vocab_level = None
    walk.undefined = bool(text) and walk.vocab_level is None
    if identity_key(text.rstrip(":")) in walk.found.options.vocab_headings:
        walk.vocab_level = level


def _defines_heading(walk: Walk, block: Node, first: bool) -> bool:
    """Whether ``block`` (``first`` under its heading) defines the heading above it
    (and made its card)."""
    if not walk.headings or walk.vocab_level is not None:
        return False
    (level, heading), context = walk.headings[-1], walk._context()[:-1]
    # a section's, not the title's: an intro is no definition
    opening = first and (level > 1 or walk.titles > 1)
    if opening and add_heading_statement(walk.found, heading, block, context):
        return True
    if add_heading_definition(walk.found, heading, block, context, first=opening):
        return True
    if block.kind == "paragraph" and not heading.rstrip().endswith("?"):  # a question's
        add_prose_definition(walk.found, block, walk._context())  # answer is its own card
    return False


def _prose(walk: Walk, paragraph: Node) -> None:
    """A paragraph's card: the term it defines as it opens, else what it says its plain
    subject is (once the heading above can no longer take it), else its bold terms."""
    found, context = walk.found, walk._context()
    if add_glossary_lines(found, paragraph, context) or add_defined_term(found, paragraph, context):
        return
    if add_plain_term(found, paragraph, context):
        return
    if walk.undefined or not add_prose_definition(found, paragraph, context):
        add_bold_cloze(found, paragraph, context)


def _paired(found: Found, asking: Node, block: Node, context: tuple[str, ...]) -> bool:
    """Whether two blocks in a row made one card: a command and what it does, a formula
    and its line, a question and the callout that reveals its answer, a bold line and
    the paragraph under it."""
    if add_command_card(found, asking, block, context):
        return True
    if add_formula_card(found, asking, block, context):
        return True
    if block.kind == "callout" and reveals(block):
        if asking.kind == "heading" and _titles(asking):
            return True  # a note's title asks nothing: what it reveals makes no card
        asked = context[:-1] if asking.kind == "heading" else context
        return add_revealed_answer(found, asking, block, asked)
    named = (bold_only(asking) if block.kind == "paragraph" else None) or ()
    said = plain_text(named).strip()
    if said and len(said.split()) <= _MOST_BOLD_LINE_WORDS and said[-1] not in ":?":
        # a bold line over its paragraph (**Anonymity** / A forward proxy hides …): a
        # heading in all but name, defined by what follows it
        return add_question_card(found, named, asking.start, block, context)
    return False


def _titles(heading: Node) -> bool:
    """Whether a heading is a note's title (level 1) that asks no question."""
    return heading.attr("level", "1") == "1" and not plain_text(heading.children).endswith("?")


def _is_words_label(found: Found, label: str) -> bool:
    return identity_key(label.rstrip(":")) in found.options.words_labels


def _flat(block: Node) -> bool:
    """Whether no item of a list has a list of its own."""
    return not any(child.kind == "list" for item in block.children for child in item.children)


def _bold_line(block: Node) -> bool:
    """Whether a paragraph is only a short bold line (``**docker diff**``): it names the
    list below it, as a heading would."""
    bold = bold_only(block)
    return bold is not None and 1 <= len(plain_text(bold).split()) <= _MOST_BOLD_LINE_WORDS


_MOST_BOLD_LINE_WORDS: Final = 6
_BOLD_LINE_LEVEL: Final = 7  # below every heading: the next heading of any level ends it
