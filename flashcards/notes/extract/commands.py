"""A command and what it does, as cheat-sheet notes write them: a short code block with
the sentence that explains it just below (```` ```nmap --script vuln host``` ```` then
``Checks for known vulnerabilities.``), or the sentence that asks for it just above
(``To list the open ports:`` then the command). The command is what a learner wants to
recall (issue 32: notes of commands and their purposes made no card at all). A long
block is a program, not a command; a label (``Output:``, ``For example:``) asks
nothing."""

from __future__ import annotations

from typing import Final

from flashcards.notes.extract.found import Found
from flashcards.notes.extract.words import JUNK_HEADINGS, SECTION_WORDS, words_of
from flashcards.notes.extract.worth import junk_section, narrates, not_an_enumeration
from flashcards.notes.model import Node
from flashcards.notes.text import plain_text

_MOST_LINES: Final = 2
_MOST_LINE_CHARS: Final = 120
_WORDS: Final = (3, 30)  # the sentence that explains or asks, in words


def is_command(block: Node) -> bool:
    """Whether ``block`` is a code block of one or two short lines."""
    if block.kind != "code_block":
        return False
    lines = "".join(child.text for child in block.children).strip().splitlines()
    return 1 <= len(lines) <= _MOST_LINES and all(len(line) <= _MOST_LINE_CHARS for line in lines)


def add_command_card(found: Found, before: Node, after: Node, context: tuple[str, ...]) -> bool:
    """The card of a command and its sentence, when ``before`` and ``after`` (two blocks
    in a row) are one: the sentence asking above the command, or explaining below it."""
    if junk_section(context):
        return False
    if is_command(before) and after.kind == "paragraph":
        said = plain_text(after.children).strip()
        if _sentence(said) and not said.endswith(":") and _explains(said):
            line = found.lines.line(before.start)
            found.add_vocab((before,), (after,), line, context, written=True)
            return True
    if before.kind == "paragraph" and is_command(after):
        asked = plain_text(before.children).strip()
        if _sentence(asked) and asked.endswith(":") and _asks(asked):
            line = found.lines.line(before.start)
            question = (Node("text", asked.rstrip(": "), start=before.start),)
            found.add_vocab(question, (after,), line, context, written=True)
            return True
    return False


def _sentence(text: str) -> bool:
    return _WORDS[0] <= len(text.split()) <= _WORDS[1]


def _explains(text: str) -> bool:
    """Whether a sentence below a command says what it does (``Checks for …``, ``This
    lists …``, ``will launch …``) rather than going on to the next thing (``To search
    from the root:``, ``Ruby has another operator``)."""
    first = text.split()[0].casefold().strip(",:")
    return first in _REFERRING or (
        len(first) > 3 and first.endswith("s") and not first.endswith("ss") and text[0].isupper()
    )


def _asks(text: str) -> bool:
    """Whether a line above a command asks for it (``To list the open ports:``, not
    ``Output:`` nor ``For example:``)."""
    if not text.casefold().startswith(_ASKING) or narrates(text):
        return False  # ``To view our project, we can run:`` goes on with a tutorial
    label = words_of(text.rstrip(":"))
    return not (label in SECTION_WORDS or label in JUNK_HEADINGS or not_an_enumeration(text, []))


_REFERRING: Final = frozenset(
    {"this", "that", "it", "which", "will", "above", "these", "returns",
     "prints", "shows", "lists", "gives", "outputs", "creates", "removes", "deletes"}
)  # fmt: skip
_ASKING: Final = ("to ", "how to ", "in order to ", "you can ", "use ", "run ", "using ")
