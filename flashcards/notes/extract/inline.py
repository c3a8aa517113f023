"""Inline cards, as other tools read them in a note that opts in:

- ``Question::Answer`` on a line is a term/definition card, ``Question:::Answer`` one
  that is asked both ways (``std::vector``, ``a::b`` and URLs are no cards);
- question lines, a line with only ``?`` (``??``: both ways), answer lines;
- ``==highlights==`` and Anki's own ``{{c1::hidden::hint}}`` in a paragraph are clozes:
  one note, a card per number (highlights numbered after any written number).

Obsidian_to_Anki blocks (taken out of the text by :mod:`flashcards.notes.dialects.inline`)
are cards in any note.
"""

from __future__ import annotations

import re
from typing import Final

from flashcards.notes.dialects.inline import BlockCard
from flashcards.notes.extract.found import Found
from flashcards.notes.extract.tree import joined_lines, lines_of, split_item
from flashcards.notes.markdown import merge_text, parse_markdown
from flashcards.notes.model import (
    Cloze,
    Content,
    Node,
    anki_clozes,
    nfc,
    with_children,
    with_text,
)
from flashcards.notes.text import plain_text
from flashcards.options import DEFAULT_SYNTAX, CardSyntax


def add_block_cards(found: Found, cards: list[BlockCard], first_line: int) -> None:
    """The cards of Obsidian_to_Anki blocks (``first_line``: where the body starts)."""
    for card in cards:
        line = first_line + card.line
        front, back = _content(card.front), _content(card.back)
        if card.kind == "cloze":
            _add_cloze(found, _clozes(front, DEFAULT_SYNTAX), line, (), extra=back)
        else:
            found.add_vocab(front, back, line, (), both=card.kind == "both", written=True)


def add_inline_cards(found: Found, inline: Content, context: tuple[str, ...]) -> bool:
    """The inline cards of one paragraph (or list item line); whether it held any."""
    syntax = found.options.syntax
    lines = lines_of(inline)
    for index, line in enumerate(lines):
        mark = plain_text(line).strip()
        if mark in (syntax.multi, syntax.multi_reversed) and 0 < index < len(lines) - 1:
            question, answer = joined_lines(lines[:index]), joined_lines(lines[index + 1 :])
            at = found.lines.line(lines[0][0].start)
            found.add_vocab(
                question, answer, at, context, both=mark == syntax.multi_reversed, written=True
            )
            return True
    if any(_may_be_cloze(node, syntax) for node in inline):
        content = _clozes(inline, syntax)
        if any(node.kind == "cloze" for node in content):
            _add_cloze(found, content, found.lines.line(inline[0].start), context)
            return True
    made = False
    for line in lines:
        parts = _question_answer(line, syntax)
        if parts is not None:
            question, answer, both = parts
            found.add_vocab(
                question, answer, found.lines.line(line[0].start), context, both=both, written=True
            )
            made = True
    return made


def take_inline_items(found: Found, block: Node, context: tuple[str, ...]) -> Node | None:
    """A list without its items that are inline cards (those become cards); None when
    every item was one."""
    kept = []
    for item in block.children:
        inline, rest = split_item(item)
        if rest or not inline or not add_inline_cards(found, inline, context):
            kept.append(item)
    if len(kept) == len(block.children):
        return block
    return with_children(block, tuple(kept)) if kept else None


def _question_answer(line: Content, syntax: CardSyntax) -> tuple[Content, Content, bool] | None:
    """``Question::Answer`` (``:::`` both ways, or the separators of the settings) split,
    when the line is one."""
    single, both_ways = syntax.single, syntax.single_reversed
    for index, node in enumerate(line):
        if node.kind != "text" or (single not in node.text and both_ways not in node.text):
            continue
        # the first separator in the text; of two at one place (:: in :::), the longer
        _, _, separator = min(
            (at, -len(sep), sep) for sep in (single, both_ways) if (at := node.text.find(sep)) >= 0
        )
        both = separator == both_ways
        before, _, after = node.text.partition(separator)
        question = (*line[:index], with_text(node, before.rstrip()))
        answer = (with_text(node, after.lstrip()), *line[index + 1 :])
        asked, answered = plain_text(question), plain_text(answer)
        after_link = index > 0 and line[index - 1].kind == "link" and not before.strip()
        if not asked or not answered or "://" in before or after_link:
            return None  # a URL's port or path, not a question
        if separator.strip(":") == "" and _path_in_prose(before, after):
            return None  # "std::vector is a type": a path inside a sentence, not a card
        return merge_text(question), merge_text(answer), both
    return None


_LEFT_WORD: Final = re.compile(r"([A-Za-z_][\w]*)$")
_RIGHT_WORD: Final = re.compile(r"^([A-Za-z_][\w]*)")


def _path_in_prose(before: str, after: str) -> bool:
    """Whether ``::`` joins two code words (``std::vector``, ``a::b``) inside a sentence
    that goes on after them, rather than separating a question from its answer."""
    left, right = _LEFT_WORD.search(before), _RIGHT_WORD.match(after)
    if left is None or right is None:
        return False
    code_like = left.group(1).islower() and right.group(1).islower()
    return code_like and bool(after[right.end() :].strip())


def _may_be_cloze(node: Node, syntax: CardSyntax) -> bool:
    if node.kind == "text":
        return "{{c" in node.text or (syntax.curly and "{{" in node.text)
    return (node.kind == "mark" and syntax.highlights) or (node.kind == "strong" and syntax.bold)


_CURLY: Final = re.compile(r"\{\{(?!c\d+::)([^{}]+?)\}\}")


def _clozes(inline: Content, syntax: CardSyntax) -> Content:
    """``inline`` with Anki's ``{{cN::...}}`` (numbers kept) and highlights (numbered
    after them; bold text and ``{{text}}`` too where the settings say so) as ``cloze``
    nodes."""
    out: list[Node] = []
    for node in inline:
        if node.kind == "text" and syntax.curly and "{{" in node.text:
            node_parts = _curly(node)
        else:
            node_parts = (node,)
        for part in node_parts:
            _anki_clozes(part, out)
    number = max((int(n.text) for n in out if n.kind == "cloze"), default=0)
    for index, node in enumerate(out):
        if (
            node.kind == "curly"
            or (node.kind == "mark" and syntax.highlights)
            or (node.kind == "strong" and syntax.bold)
        ):
            number += 1
            out[index] = Node("cloze", str(number), node.children, (), node.start)
    return tuple(out)


def _curly(node: Node) -> tuple[Node, ...]:
    """A text node split at ``{{text}}`` (as ``curly`` nodes)."""
    parts: list[Node] = []
    position = 0
    for match in _CURLY.finditer(node.text):
        if match.start() > position:
            parts.append(with_text(node, node.text[position : match.start()]))
        hidden = Node("text", match.group(1), start=node.start)
        parts.append(Node("curly", "", (hidden,), (), node.start))
        position = match.end()
    if position < len(node.text):
        parts.append(with_text(node, node.text[position:]))
    return tuple(parts)


def _anki_clozes(node: Node, out: list[Node]) -> None:
    """``node``, split at Anki's own ``{{cN::...}}``, added to ``out``."""
    if node.kind != "text" or "{{c" not in node.text:
        out.append(node)
        return
    position = 0
    for match in anki_clozes(node.text):
        if match.start() > position:
            out.append(with_text(node, node.text[position : match.start()]))
        hidden = Node("text", match.group(2), start=node.start)
        hint = (("hint", match.group(3)),) if match.group(3) else ()
        out.append(Node("cloze", match.group(1), (hidden,), hint, node.start))
        position = match.end()
    if position < len(node.text):
        out.append(with_text(node, node.text[position:]))


def _add_cloze(
    found: Found, content: Content, line: int, context: tuple[str, ...], extra: Content = ()
) -> None:
    if not any(node.kind == "cloze" for node in content):
        return
    text = nfc(plain_text(content))
    found.clozes.append(Cloze(text, content, line, context, extra))
    found.inspect((content, extra))


def _content(markdown: str) -> Content:
    blocks = parse_markdown(markdown)
    if len(blocks) == 1 and blocks[0].kind == "paragraph":
        return blocks[0].children
    return blocks
