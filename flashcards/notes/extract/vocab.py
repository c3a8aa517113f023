"""Vocab: ``**Term:** definition`` list items become term/definition cards; an item that
is only a term is a bare term (defined elsewhere, or reported)."""

from __future__ import annotations

import re
from typing import Final

from flashcards.errors import Problem, warning
from flashcards.notes.extract.checklists import add_checklist
from flashcards.notes.extract.found import Found
from flashcards.notes.extract.termhood import not_a_term
from flashcards.notes.extract.terms import dashed, separated, term_and_definition
from flashcards.notes.extract.tree import lines_of, split_item
from flashcards.notes.extract.words import HEADING_LABELS
from flashcards.notes.extract.worth import junk_items
from flashcards.notes.model import BareTerm, Content, Node, identity_key
from flashcards.notes.text import plain_text


def add_vocab_item(found: Found, item: Node, context: tuple[str, ...]) -> None:
    """The vocab card (or bare term) of one list item of a vocab section."""
    inline, rest = split_item(item)
    line = found.lines.line(item.start)
    parts = term_and_definition(inline, rest)
    spelled = _dashed_item(inline, rest) if parts is None else None  # CPU - the hardware …
    parts = parts or spelled
    nested = next((i for i, node in enumerate(rest) if node.kind == "list"), None)
    plain = bool(inline) and inline[0].kind != "strong"
    no_text = parts is not None and not _said_in_words(parts[1])
    if nested is not None and (parts is None or (plain and no_text)):
        # not a term (or a plain "X:" with only a list under it): a prompt and its list
        prompt, extra = inline + rest[:nested], rest[nested + 1 :]
        add_checklist(found, prompt, rest[nested], extra, item.start, context)
        return
    if parts is None:
        term = plain_text(inline)
        if term:
            found.bare.append(BareTerm(term, line))
        return
    if not (spelled is not None or separated(inline) or found.declared(context)):
        # **Reduced redundancy** through relationships: bold words in a sentence
        found.skip(
            line,
            f"'{plain_text(parts[0])}' runs on into what follows: a sentence, not a term; no card",
        )
        return
    found.add_vocab(parts[0], parts[1], line, context)


def add_marked_terms(found: Found, block: Node, context: tuple[str, ...]) -> None:
    """The terms an author marked in a list that is no glossary: an item that reads
    ``**Term:** what it is`` among items that do not (issue 32: the same line made a card
    in a glossary and none in a list of notes). Items with a list of their own belong to
    checklists; a term is judged as any other (``**Note:**`` is no term), and a plain
    word is a label unless a name (``SSTable``) is defined beside it."""
    marked = []
    plain: list[tuple[str, tuple[Content, Content], int]] = []
    for item in block.children:
        inline, rest = split_item(item)
        if any(node.kind == "list" for node in rest):
            continue
        if inline and inline[0].kind not in ("strong", "em", "code"):
            _plain_term(found, inline, rest, item, plain)
            continue
        if not inline:
            continue
        parts = term_and_definition(inline, rest) if separated(inline) else _code_verb(inline)
        if parts is None or not _said_in_words(parts[1]):
            continue
        if len(plain_text(parts[1][:1]).split()) >= _FEWEST_DEFINITION_WORDS:
            marked.append((plain_text(parts[0]), parts, found.lines.line(item.start)))
    if len(plain) >= _FEWEST_PLAIN_AMONG_NOTES:
        marked += plain
    named = {identity_key(heading) for heading in context}
    names = any(not _a_label(term) for term, _, _ in marked) and len(marked) > 1
    for term, (term_content, definition), line in marked:
        relabelled = identity_key(term) in HEADING_LABELS or term_content[0].kind == "code"
        if _a_label(term) and not (names or relabelled) and identity_key(term) not in named:
            found.skip(line, f"'{term}': a label in a list of notes, not a term")
        else:
            found.add_vocab(term_content, definition, line, context)


def _plain_term(
    found: Found,
    inline: Content,
    rest: Content,
    item: Node,
    plain: list[tuple[str, tuple[Content, Content], int]],
) -> None:
    """A plain ``Term: what it is`` item among notes (``Code churn: the number of lines
    of code modified``), kept in ``plain``: a course's notes define so between the topics
    they list (issue 32, set T: seventy such lines of one course made no card). Judged as
    a glossary's plain terms are: a name of at most three words, said in three or more."""
    parts = term_and_definition(inline, rest)
    if parts is None or rest or not _said_in_words(parts[1]):
        return
    name = plain_text(parts[0]).strip()
    if len(name.split()) > _MOST_PLAIN_TERM_WORDS or not_a_term(name):
        return
    said = plain_text(parts[1][:1]).strip()
    if len(said.split()) >= _FEWEST_PLAIN_DEFINITION_WORDS and not said.endswith("?"):
        plain.append((name, parts, found.lines.line(item.start)))  # not a question asked


# Two plain terms among notes make them terms: one alone may be a label (``Time: 2h``)
_FEWEST_PLAIN_AMONG_NOTES: Final = 2
_FEWEST_PLAIN_DEFINITION_WORDS: Final = 3


_CODE_VERB: Final = re.compile(
    r"\s+(?:is|are|means|causes|makes|lets|allows|returns|creates|runs|does|gives|takes|"
    r"turns|marks|tells|defines|declares|converts|prints|shows|lists|removes|adds|sets|"
    r"gets|checks|stops|starts|can be|works|acts|behaves|forces|prevents|ensures)\b"
)


def _code_verb(inline: Content) -> tuple[Content, Content] | None:
    """A name in code, then what it does (`` `inline` causes the function to be inlined``,
    `` `tailrec` can be added to …``): the name and that sentence (issue 32, set S: a
    language's keywords, one a bullet, made no card)."""
    if len(inline) < 2 or inline[0].kind != "code" or inline[1].kind != "text":
        return None
    if not _CODE_VERB.match(inline[1].text) or len(plain_text(inline[1:]).split()) < 5:
        return None  # ``maximum`` is the identifier: a part of the example above
    said = (Node("paragraph", children=inline, start=inline[0].start),)
    return inline[:1], said


def _said_in_words(definition: Content) -> bool:
    """Whether a definition opens with a paragraph (not a list: a prompt over its list)."""
    return bool(definition) and definition[0].kind == "paragraph"


def _a_label(term: str) -> bool:
    """Whether a bold lead among notes is one plain word (``**Mechanism:**``,
    ``**Benefit:**``, ``**Online:**``), which on real notes labels its line far more often
    than it names a thing to define; ``CDN``, ``Write-through``, ``gRPC`` and ``Log
    compaction`` are terms, and so is a word its heading names. (In a glossary or a vocab
    section, every bold lead is a term.)"""
    word = term.strip()
    return len(word.split()) == 1 and word.isalpha() and word[1:].islower()


_FEWEST_DEFINITION_WORDS: Final = 3


def is_glossary(block: Node) -> bool:
    """Whether a list outside a vocab section is one anyway: two or more items, each a
    bold or italic ``**Term:** definition`` (as people write glossaries under any
    heading); or three or more written ``Term: definition`` or ``Term - definition`` in
    plain text, each term a name of at most three words that says no section (``Model:
    a system of abstractions``, not ``Note: …``)."""
    items = block.children
    if len(items) < 2:
        return False
    plain = 0
    for item in items:
        inline, rest = split_item(item)
        if not inline:
            return False
        marked = inline[0].kind in ("strong", "em", "code")  # `which`: a name, not a word
        parts = term_and_definition(inline, rest) or _dashed_item(inline, rest)
        if parts is None or not _said_in_words(parts[1]):
            return False  # a bold prompt over a list is a checklist, not a term
        if len(plain_text(parts[1][:1]).split()) < (2 if marked else 3):
            return False  # "**GitHub:** a-link": settings or links, not definitions
        if not marked:
            name = plain_text(parts[0])
            if len(name.split()) > _MOST_PLAIN_TERM_WORDS or not_a_term(name) or rest:
                return False
            plain += 1
    glossary = plain == 0 or len(items) >= _FEWEST_PLAIN_TERMS
    return glossary and not junk_items([split_item(item)[0] for item in items])  # files


def _dashed_item(inline: Content, rest: Content) -> tuple[Content, Content] | None:
    """An item written ``Term - what it is`` in plain text (a list of components, each
    defined after a dash), its term and definition; None if not so shaped."""
    parts = dashed(inline)
    return (parts[0], (*parts[1], *rest)) if parts else None


_MOST_PLAIN_TERM_WORDS: Final = 3
_FEWEST_PLAIN_TERMS: Final = 3


def add_bare_terms(found: Found, block: Node) -> None:
    """A "Words" list: each item's text is a term that should be defined somewhere."""
    for item in block.children:
        inline, _ = split_item(item)
        term = plain_text(inline)
        if term:
            found.bare.append(BareTerm(term, found.lines.line(item.start)))


def undefined_terms(found: Found) -> tuple[BareTerm, ...]:
    """The bare terms the note does not define, each reported once."""
    bare: dict[str, BareTerm] = {}
    for term in found.bare:
        key = identity_key(term.term)
        if key not in found.defined and key not in bare:
            bare[key] = term
            found.problems.append(undefined_term(found.path, term))
    return tuple(bare.values())


def undefined_term(path: str, term: BareTerm) -> Problem:
    """The warning for a bare term that has no definition."""
    return warning(path, term.line, f"'{term.term}' has no definition; no card made")


_LINE_LABELS: Final = frozenset(
    {"q", "a", "question", "answer", "solution", "hint", "example", "examples", "note",
     "calculation", "result", "results", "output", "input", "problem", "why", "how", "tip"}
)  # fmt: skip


def add_glossary_lines(found: Found, paragraph: Node, context: tuple[str, ...]) -> bool:
    """A paragraph whose every line opens with a bold term and its colon (``**ARM
    Templates:** Azure Resource Manager templates`` then ``**Azure Bicep:** …`` on the next
    line, or one such line alone): a glossary written without list marks, a card a line
    (set X's readers: 38 of 64 such lines of one note made none). Whether it was one."""
    lines = lines_of(paragraph.children)
    parts = [term_and_definition(line, ()) for line in lines]
    if not parts or any(p is None or not _said_in_words(p[1]) for p in parts):
        return False
    if any(not (separated(line) and line[0].kind == "strong") for line in lines):
        return False
    said = [len(plain_text(p[1]).split()) for p in parts if p is not None]
    if min(said) < _FEWEST_DEFINITION_WORDS:
        return False
    named = [plain_text(p[0]) for p in parts if p is not None]
    if len(lines) == 1 and (_a_label(named[0]) or len(named[0]) <= 2):
        return False  # ``**Analogy:** …``, ``**Q:** …`` alone: a label over its line
    if any(identity_key(name) in _LINE_LABELS | HEADING_LABELS for name in named):
        return False  # ``**Q:** … / **A:** …``, ``**Probability:** … / **Formula:** …``
    for line, part in zip(lines, parts, strict=True):
        if part is not None:
            found.add_vocab(part[0], part[1], found.lines.line(line[0].start), context)
    return True
