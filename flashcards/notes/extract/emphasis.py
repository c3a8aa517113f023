"""What an author set in bold in a short paragraph of prose, asked as a cloze of that
paragraph (``The **three-way handshake** opens every TCP connection.``). Authors bold what
matters; in prose that is the only mark of it (issue 32: paragraphs of facts made no card,
the readers' most missed). One card per bold part, at most three a paragraph; a bold
label that opens it (``**Note:** …``), a paragraph in the author's own voice or a
tutorial's narration, and a long paragraph make none."""

from __future__ import annotations

import re
from typing import Final

from flashcards.notes.extract.found import Found
from flashcards.notes.extract.terms import said_before
from flashcards.notes.extract.worth import first_person, junk_section, narrates, not_a_term
from flashcards.notes.model import Cloze, Content, Node, nfc
from flashcards.notes.text import plain_text

_MOST_WORDS: Final = 45
_FEWEST_WORDS: Final = 6
_MOST_BOLD_WORDS: Final = 5
_MOST_CLOZES: Final = 3


def add_bold_cloze(found: Found, paragraph: Node, context: tuple[str, ...]) -> bool:
    """The cloze of ``paragraph``'s bold parts; whether it made one."""
    children = paragraph.children
    text = plain_text(children)
    words = len(text.split())
    if found.inline or not _FEWEST_WORDS <= words <= _MOST_WORDS or junk_section(context):
        return False
    if found.options.syntax.bold:  # bold is the vault's cloze marker, in tagged notes only
        return False
    bold = [i for i, node in enumerate(children) if node.kind == "strong"]
    if not 1 <= len(bold) <= _MOST_CLOZES or first_person(text) or _labels(children, bold):
        return False
    if "?" in text or _PROMOTION.search(text) or _NOT_PROSE.search(text) or narrates(text):
        return False  # a question, a plea, a row of links, a tutorial going on: no fact
    shown: list[Node] = []
    headings = " ".join(context)
    for index, node in enumerate(children):
        said = plain_text(node.children).strip() if index in bold else ""
        asked = 1 <= len(said.split()) <= _MOST_BOLD_WORDS and not _label(said)
        if index in bold and asked and not said_before(node.children, headings):
            number = str(1 + sum(1 for n in shown if n.kind == "cloze"))
            shown.append(Node("cloze", number, node.children, (), node.start))
        else:
            shown.append(node)
    if not any(node.kind == "cloze" for node in shown):
        return False
    content: Content = tuple(shown)
    found.clozes.append(Cloze(nfc(text), content, found.lines.line(paragraph.start), context))
    found.inspect((content,))
    return True


def _labels(children: Content, bold: list[int]) -> bool:
    """Whether the paragraph opens with a bold label (``**Note:** …``, ``**Tip**: …``)."""
    if bold[0] != 0:
        return False
    after = plain_text(children[1:2]).lstrip()
    return plain_text(children[0].children).rstrip().endswith(":") or after.startswith(":")


def _label(said: str) -> bool:
    """Whether a bold part is a label or an emphasis (``not``, ``only``), not a term: a
    term is two words or more, or a word of six letters or more, or a name written with
    capitals or digits (``TCP``, ``Raft``)."""
    if said.endswith(":") or not_a_term(said):
        return True
    word = said.strip(" .,;")
    named = len(word.split()) > 1 or len(word) >= _FEWEST_LETTERS or not word.islower()
    return not named or not any(c.isalpha() for c in word)


_FEWEST_LETTERS: Final = 6
_NOT_PROSE: Final = re.compile(r"\s[|│]\s|->|→|:\s*$")  # links in a row, a lead into a list
_PROMOTION: Final = re.compile(
    r"\b(?:subscrib\w*|newsletter|sponsor\w*|premium|sign up|download counter|"
    r"follow me|patreon|buy me a coffee|affiliate)\b",
    re.IGNORECASE,
)
