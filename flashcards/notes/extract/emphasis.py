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
from flashcards.notes.extract.termhood import not_a_term
from flashcards.notes.extract.terms import said_before
from flashcards.notes.extract.worth import first_person, junk_section, narrates
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
    if _OF_THE_COURSE.search(text):
        return False  # ``this class has been far less of a C class``: the course on itself
    headings = " ".join(context)
    numbers: dict[int, str] = {}
    again: dict[str, str] = {}  # a bold part the rest says again, as written: same cloze
    for index in bold:
        node = children[index]
        said = plain_text(node.children).strip()
        if not 1 <= len(said.split()) <= _MOST_BOLD_WORDS or _label(said):
            continue
        if _in_a_word(children, index) or _not_a_name(said):
            continue
        if said_before(node.children, headings):
            continue
        number = str(len(numbers) + 1)
        rest = plain_text(children[:index] + children[index + 1 :])
        if said_before(node.children, rest):  # ``a public property`` … ``the property``
            if not _said_again(children, said):
                continue  # read off the rest of the paragraph: guessable
            again[said.casefold()] = number
        numbers[index] = number
    shown: list[Node] = []
    pattern = _again(again) if again else None
    for index, node in enumerate(children):
        if index in numbers:
            shown.append(Node("cloze", numbers[index], node.children, (), node.start))
        elif pattern is not None and node.kind == "text":
            shown.extend(_hidden_again(node, pattern, again))
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


def _again(phrases: dict[str, str] | list[str]) -> re.Pattern[str]:
    words = sorted(phrases, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)", re.I)


def _said_again(children: Content, said: str) -> bool:
    """Whether the paragraph's plain text says a bold part again, word for word (``The
    **balance factor** … the balance factor must be …``): hidden there too, the card
    still asks it."""
    pattern = _again([said.casefold()])
    return any(node.kind == "text" and pattern.search(node.text) for node in children)


def _hidden_again(node: Node, pattern: re.Pattern[str], again: dict[str, str]) -> list[Node]:
    """A text node with each bold part it says again (``pattern`` finds them) as that
    part's cloze."""
    out: list[Node] = []
    at = 0
    for match in pattern.finditer(node.text):
        if match.start() > at:
            out.append(Node("text", node.text[at : match.start()], start=node.start))
        hidden = (Node("text", match.group(), start=node.start),)
        out.append(Node("cloze", again[match.group().casefold()], hidden, (), node.start))
        at = match.end()
    if at < len(node.text):
        out.append(Node("text", node.text[at:], start=node.start))
    return out


def _in_a_word(children: Content, index: int) -> bool:
    """Whether a bold part is a piece of a word (``eigen**vectors**``): the text around
    it runs on into it with no space."""
    before = children[index - 1] if index else None
    after = children[index + 1] if index + 1 < len(children) else None
    joined_before = before is not None and before.kind == "text" and before.text[-1:].isalnum()
    joined_after = after is not None and after.kind == "text" and after.text[:1].isalnum()
    return joined_before or joined_after


def _not_a_name(said: str) -> bool:
    """Whether a bold part in lower case opens as no name does: with a preposition or an
    adverb (``through the property``, ``really flexible``), or is a verb's past or an
    adverb alone (``removed``, ``quickly``), or is a little word in capitals (``AND``,
    ``UND``, ``NOT``): an author's stress, not a term (set AA's readers: the hidden
    ``UND`` was forced by the grammar)."""
    words = said.split()
    if said.isupper() and said.strip(" .,;!").casefold() in _STRESSED:
        return True
    if not words or not said.islower():
        return False
    if words[0] in _NOT_NAME_STARTS:
        return True
    return len(words) == 1 and (said.endswith(("ed", "ly")) and len(said) > 4)


_NOT_NAME_STARTS: Final = frozenset(
    {"through", "by", "with", "without", "from", "into", "onto", "to", "in", "on", "at", "for",
     "of", "really", "very", "quite", "always", "never", "not", "only", "just", "also", "more",
     "most", "less", "much", "so", "too", "even", "still", "follow", "brought", "be", "is",
     "are", "was", "were", "has", "have", "can", "must", "should", "will", "would", "may"}
)  # fmt: skip
_STRESSED: Final = frozenset(
    {"and", "or", "not", "no", "only", "never", "always", "must", "all", "none", "both",
     "und", "oder", "nicht", "nur", "nie", "kein", "keine", "immer", "et", "ou", "pas", "y"}
)  # fmt: skip
_FEWEST_LETTERS: Final = 6
_NOT_PROSE: Final = re.compile(r"\s[|│]\s|->|→|:\s*$")  # links in a row, a lead into a list
_OF_THE_COURSE: Final = re.compile(
    r"\b(?:this|our) (?:class|course|lecture|lesson|semester|bootcamp)\b", re.IGNORECASE
)
_PROMOTION: Final = re.compile(
    r"\b(?:subscrib\w*|newsletter|sponsor\w*|premium|sign up|download counter|"
    r"follow me|patreon|buy me a coffee|affiliate)\b",
    re.IGNORECASE,
)
