"""Tables that define: a table whose first column names things (options, commands,
fields, shortcuts, terms) and whose other columns say what each is, is a glossary laid out
in rows, as docs and notes write them (``| Rule | What it checks |``). Each row becomes a
term/definition card: the name in front, with the table's own header and the headings
above it as context; behind, the rest of the row (each cell under its column's header
when there are several). Issue 32's readers found the facts of such pages in their
tables, which made no card.

A table of questions (a Cornell notes' ``Cue / Question | Notes`` table, a ``Question |
Answer`` table, or rows that mostly ask) is the author's own cards: a question card a
row, the answer behind (or in brackets after the question: ``Why shard? (one node is not
enough)``); a question not answered yet makes none.

Not definitions: a table of figures (cells without words), one whose first column holds
sentences, or repeats itself, and tables of one row."""

from __future__ import annotations

import re
from typing import Final

from flashcards.notes.extract.checklists import add_checklist
from flashcards.notes.extract.found import Found
from flashcards.notes.extract.terms import gives_away
from flashcards.notes.extract.words import words_of
from flashcards.notes.model import Content, Node
from flashcards.notes.text import plain_text

_MOST_NAME_WORDS: Final = 6
# Columns that list things rather than say what they are: a reading list, a link list, a log.
_NOT_DEFINITIONS: Final = frozenset(
    {"author", "authors", "link", "links", "url", "source", "date", "year", "price", "version",
     "status", "license", "reference", "resources", "publisher", "isbn", "rating", "stars"}
)  # fmt: skip
_MOST_COLUMNS: Final = 4
_FEWEST_OWN_WORDS: Final = 6  # a row whose few words repeat its name says nothing more


def _reports(rows: list[Content]) -> bool:
    """Whether a table reports results or progress (a cell of most rows says ``PASS``,
    ``✅``, ``Done``, ``TODO``…): a project's test results or checklist, not facts."""
    marked = sum(1 for cells in rows if any(_STATUS.fullmatch(plain_text(c.children).strip())
                                             for c in cells[1:]))  # fmt: skip
    return bool(rows) and 2 * marked > len(rows)


_STATUS: Final = re.compile(
    r"(?:pass(?:ed)?|fail(?:ed)?|done|todo|to do|wip|pending|blocked|in progress|"
    r"not started|✅|❌|✔️?|✗|✓|⚠️?|🟢|🔴|🟡)\W{0,3}(?:\s.*)?",
    re.IGNORECASE,
)


def _before_and_after(headers: list[str]) -> bool:
    """Whether a table's columns are a change measured (``| Metric | Before | After |``):
    a project's report, not facts about its rows."""
    named = {words_of(header) for header in headers[1:]}
    return {"before", "after"} <= named


def add_table_cards(found: Found, table: Node, context: tuple[str, ...]) -> None:
    """The term/definition cards of ``table``, when it defines (else nothing)."""
    head = next((s for s in table.children if s.kind == "table_head"), None)
    rows = [s.children for s in table.children if s.kind == "table_row"]
    headers = [plain_text(cell.children).strip() for cell in head.children] if head else []
    if _asks(headers, rows):
        _add_question_rows(found, table, headers, context)
        return
    if not _defines(rows) or any(words_of(h) in _NOT_DEFINITIONS for h in headers[1:]):
        return
    if _reports(rows) or _before_and_after(headers):
        found.skip(found.lines.line(table.start), "a table of results or status, not definitions")
        return
    if head is not None and _side_by_side(headers, rows):
        _add_columns(found, head, rows, table, context)
        return
    compared = _compares(headers, context, rows)
    # the first column's header joins the heading path when it names a kind of thing
    # (``Sorting algorithm``); one word (``Tier``, ``Case``, ``Keyword``) only labels it
    long_header = headers and len(headers[0].split()) > 1 and not compared
    named = (*context, headers[0]) if long_header else context
    for section in table.children:
        if section.kind != "table_row":
            continue
        cells = section.children
        definition = _definition(cells[1:], headers[1:], labelled=compared)
        if compared:  # ``Gauss: general method`` in front, ``Cramer: a closed formula`` behind
            found.add_vocab(_labelled(headers[0], cells[0]), definition,
                            found.lines.line(section.start), context)  # fmt: skip
            continue
        said = plain_text(definition)
        if len(said.split()) <= _FEWEST_OWN_WORDS and gives_away(cells[0].children, definition):
            found.skip(found.lines.line(section.start), "a row that says its name again")
        elif definition:
            found.add_vocab(cells[0].children, definition, found.lines.line(section.start), named)


_CUES: Final = frozenset(
    {"cue", "cues", "question", "questions", "cue question", "cue questions", "q", "prompt",
     "recall", "cue prompt", "key question", "key questions", "front"}
)  # fmt: skip


_WORD: Final = re.compile(r"[^\W\d_]{2,}")
_ANSWERED_WITHIN: Final = re.compile(r"^(.{3,}?\?)\s*\((.{3,})\)$")


def _asks(headers: list[str], rows: list[Content]) -> bool:
    """Whether the first column holds questions to answer from the others."""
    if not rows or not all(len(row) >= 2 for row in rows):
        return False
    worded = sum(1 for row in rows if _WORD.search(plain_text(row[0].children)))
    if 2 * worded <= len(rows):  # ``| Question # | Correct |`` over 1 ✅, 2 ❌: a quiz's score
        return False
    if headers and words_of(headers[0].replace("/", " ")) in _CUES:
        return True
    asked = sum(1 for row in rows if plain_text(row[0].children).strip().endswith("?"))
    return len(rows) >= 2 and 2 * asked > len(rows)


def _add_question_rows(
    found: Found, table: Node, headers: list[str], context: tuple[str, ...]
) -> None:
    for section in table.children:
        if section.kind != "table_row":
            continue
        line = found.lines.line(section.start)
        question, answer = section.children[0], _definition(section.children[1:], headers[1:])
        if not plain_text(question.children).strip():
            continue
        asked = plain_text(question.children).strip()
        hinted = None if answer else _ANSWERED_WITHIN.match(asked)
        if hinted:  # ``Why shard? (one node is not enough)``: the answer written beside it
            question_text, answer_text = hinted.groups()
            said = (Node("paragraph", children=(Node("text", answer_text),)),)
            found.add_vocab((Node("text", question_text),), said, line, context, written=True)
        elif answer:
            found.add_vocab(question.children, answer, line, context, written=True)
        else:
            found.skip(line, f"'{plain_text(question.children).strip()}': not answered yet")


def _defines(rows: list[Content]) -> bool:
    """Whether the rows name things in their first cell and say something of each."""
    if len(rows) < 2 or not all(2 <= len(row) <= _MOST_COLUMNS for row in rows):
        return False
    names = [plain_text(row[0].children).strip() for row in rows]
    if not all(names) or len(set(names)) < len(names):
        return False
    if any(len(name.split()) > _MOST_NAME_WORDS or name.endswith(".") for name in names):
        return False
    worded = sum(1 for row in rows if any(_has_words(cell) for cell in row[1:]))
    return 2 * worded > len(rows) and not all(name.replace(".", "").isdecimal() for name in names)


def _has_words(cell: Node) -> bool:
    """Whether a cell says something: two words, or a number and its unit (``1024 bytes``)."""
    words = plain_text(cell.children).split()
    return len(words) >= 2 and any(c.isalpha() for word in words for c in word)


def _compares(headers: list[str], context: tuple[str, ...], rows: list[Content]) -> bool:
    """Whether a table's columns, the first among them, are the things it compares (``|
    Gauss | Cramer |`` under ``## Gauss or Cramer?``, ``| TCP | UDP |`` under ``## TCP vs
    UDP``, ``| Pros | Cons |``): a row is one aspect of each, so its first cell is no name
    for the others. Read as a glossary, a row paired ``general method`` with ``a closed
    formula``, the front never saying of what. (``| Aspect | const | constexpr |`` names
    its rows in the first column: a glossary.)"""
    if len(headers) < 2 or not all(0 < len(h.split()) <= _MOST_NAME_WORDS for h in headers):
        return False
    if (words_of(headers[0]), words_of(headers[1])) in _OPPOSITES:
        return True
    # the first column says as much as the others (a glossary's names are shorter)
    first, rest = _column_words(rows)
    if 2 * first < rest:
        return False
    heading = words_of(context[-1]) if context else ""
    firsts = {words_of(h).split()[0] for h in headers if words_of(h)}
    # each column's first word, or its stem (``Cramer's`` under ``Cramer``), in the heading
    return len(firsts) >= 2 and all(re.search(rf"\b{re.escape(w[:5])}", heading) for w in firsts)


def _side_by_side(headers: list[str], rows: list[Content]) -> bool:
    """Whether a table of two columns is two lists set side by side (``| AWS | Customer
    |`` over who does what): each column a named party or thing, its first column clauses
    as long as the second's, not names. Read as rows, one party's duty was the other's
    definition (set AA's readers: cards that teach wrong facts)."""
    if len(headers) != 2 or not all(0 < len(h.split()) <= 3 for h in headers):
        return False
    first, rest = _column_words(rows)
    return first >= _STATEMENT_WORDS * len(rows) and 2 * first >= rest


def _add_columns(
    found: Found, head: Node, rows: list[Content], table: Node, context: tuple[str, ...]
) -> None:
    """Each column of a table of two lists as its own checklist, its header the prompt."""
    for column, header in enumerate(head.children):
        items = tuple(
            Node(
                "item",
                children=(Node("paragraph", children=row[column].children),),
                start=row[column].start,
            )
            for row in rows
            if column < len(row) and plain_text(row[column].children).strip()
        )
        block = Node("list", children=items, start=table.start)
        add_checklist(found, header.children, block, (), header.start, context)


def _column_words(rows: list[Content]) -> tuple[int, int]:
    """The words of a table's first column, and of its second."""
    first, second = (sum(len(plain_text(row[i].children).split()) for row in rows) for i in (0, 1))
    return first, second


_STATEMENT_WORDS: Final = 3  # a first column of clauses, not names


_OPPOSITES: Final = frozenset(
    {("pros", "cons"), ("advantages", "disadvantages"), ("before", "after"), ("do", "dont"),
     ("dos", "donts"), ("good", "bad"), ("right", "wrong"), ("correct", "incorrect")}
)  # fmt: skip


def _labelled(header: str, cell: Node) -> Content:
    """A cell's text after its column's header in bold (``**Gauss:** general method``)."""
    return (Node("strong", children=(Node("text", f"{header}:"),)), Node("text", " "),
            *cell.children)  # fmt: skip


def _definition(cells: Content, headers: list[str], labelled: bool = False) -> Content:
    """The rest of a row as paragraphs: each cell under its header when there are more
    than one (or ``labelled``); empty cells, and those that only say so (``-``,
    ``N/A``), left out."""
    parts: list[Node] = []
    for index, cell in enumerate(cells):
        if plain_text(cell.children).strip().casefold() in _EMPTY_CELLS:
            continue
        header = headers[index] if index < len(headers) else ""
        under_header = header and (labelled or len(cells) > 1)
        shown = _labelled(header, cell) if under_header else cell.children
        parts.append(Node("paragraph", children=shown, start=cell.start))
    return tuple(parts)


_EMPTY_CELLS: Final = frozenset({"", "-", "--", "—", "–", "n/a", "?", "."})  # "None" says something


def led_context(context: tuple[str, ...], lead: Node | None) -> tuple[str, ...]:
    """The headings over a table and the line that leads into it (``**Workload sizes**
    map to compute:``): a row's front then says what it is a row of (set AF's readers
    met a front of ``MEDIUM`` alone)."""
    said = plain_text(lead.children).strip().rstrip(":") if lead is not None else ""
    if not said or len(said.split()) > _MOST_LEAD_WORDS or said in context[-1:]:
        return context
    return (*context, said)


_MOST_LEAD_WORDS: Final = 12
