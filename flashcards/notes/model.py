"""The domain model: what a note says, as small immutable values (no I/O, no Anki)."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Final, NamedTuple, final

from flashcards.errors import Problem
from flashcards.options import DEFAULT_DECK_PATTERN


@final
class Node:
    """One piece of Markdown as the parser saw it (an immutable value).

    ``kind`` names the construct (``text``, ``strong``, ``paragraph``, ``list``, ...),
    ``text`` holds a leaf's literal text (or a code block's language, a link's URL),
    ``attrs`` any further attributes, ``start`` the byte offset in the note body.

    A plain class, not a NamedTuple: compiled, it is made by one allocation (a tuple
    subclass costs three, through ``tuple.__new__``, and a parse makes hundreds a note).
    """

    __slots__ = ("attrs", "children", "kind", "start", "text")

    def __init__(
        self,
        kind: str,
        text: str = "",
        children: Content = (),
        attrs: tuple[tuple[str, str], ...] = (),
        start: int = 0,
    ) -> None:
        self.kind: Final = kind
        self.text: Final = text
        self.children: Final = children
        self.attrs: Final = attrs
        self.start: Final = start

    def attr(self, name: str, default: str = "") -> str:
        """The value of attribute ``name``, or ``default``."""
        for key, value in self.attrs:
            if key == name:
                return value
        return default

    def as_tuple(self) -> tuple[str, str, Content, tuple[tuple[str, str], ...], int]:
        """The node as a tuple: what equality, hashing and ``repr`` compare and show."""
        return (self.kind, self.text, self.children, self.attrs, self.start)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Node) and self.as_tuple() == other.as_tuple()

    def __hash__(self) -> int:
        return hash(self.as_tuple())

    def __repr__(self) -> str:
        kind, text, children, attrs, start = self.as_tuple()
        return f"Node({kind!r}, {text!r}, {children!r}, {attrs!r}, {start!r})"

    def __reduce__(self) -> tuple[type[Node], tuple[object, ...]]:
        return Node, self.as_tuple()


Content = tuple[Node, ...]


def with_text(node: Node, text: str) -> Node:
    """``node`` with ``text`` instead of its own."""
    return Node(node.kind, text, node.children, node.attrs, node.start)


def with_children(node: Node, children: Content) -> Node:
    """``node`` with ``children`` instead of its own."""
    return Node(node.kind, node.text, children, node.attrs, node.start)


class Vocab(NamedTuple):
    """A defined term: front is the term, back the definition."""

    term: str
    term_content: Content
    definition: Content
    line: int
    context: tuple[str, ...]
    both: bool = False  # an inline card written both ways (Q:::A, ??): a reverse card too
    key: str = ""  # the term its GUID was made of, when a later rule shows it better


# Anki's own cloze syntax, ``{{c1::hidden::hint}}``: its number, hidden text and hint.
ANKI_CLOZE: Final = re.compile(r"\{\{c(\d+)::(.*?)(?:::(.*?))?\}\}", re.DOTALL)


def anki_clozes(text: str) -> Iterator[re.Match[str]]:
    """:data:`ANKI_CLOZE`'s matches in ``text``, in time linear in its length: searched
    only up to the last ``}}``, where every match ends. Each opening before it then finds
    its end, and none after it is tried (an opening never closed would be searched to the
    end of the text, and its hint from every ``::``: n openings took n³ steps)."""
    return ANKI_CLOZE.finditer(text, 0, text.rfind("}}") + 2)


def replace_clozes(text: str, replace: Callable[[re.Match[str]], str]) -> str:
    """``ANKI_CLOZE.sub(replace, text)``, in linear time (:func:`anki_clozes`)."""
    parts: list[str] = []
    position = 0
    for match in anki_clozes(text):
        parts += (text[position : match.start()], replace(match))
        position = match.end()
    return "".join(parts) + text[position:] if parts else text


class Cloze(NamedTuple):
    """A sentence or paragraph with hidden parts (``cloze`` nodes, numbered as written):
    one card per number."""

    text: str  # its plain text, hidden parts shown: what identifies it
    content: Content
    line: int
    context: tuple[str, ...]
    extra: Content = ()  # shown on the back


class ChecklistItem(NamedTuple):
    """One item of a checklist; it becomes one cloze."""

    content: Content
    line: int


class Checklist(NamedTuple):
    """A prompt with the items that answer it: one cloze card per item."""

    prompt: str
    prompt_content: Content
    items: tuple[ChecklistItem, ...]
    ordered: bool
    extra: Content
    line: int
    context: tuple[str, ...]
    facets: frozenset[str] = frozenset()  # its items' leads the note repeats: rests hidden


class BareTerm(NamedTuple):
    """A term listed without a definition: reported, never a card."""

    term: str
    line: int


class ImageRef(NamedTuple):
    """An image the note shows, as written in the note."""

    src: str
    line: int
    wiki: bool = False  # Obsidian's ![[name]]: found by name anywhere in the vault


@dataclass(frozen=True)
class Note:
    """Everything one note file yields."""

    path: str
    title: str
    book: str
    chapter: str | None
    deck: str
    tags: tuple[str, ...]
    draft: bool
    vocab: tuple[Vocab, ...]
    checklists: tuple[Checklist, ...]
    bare_terms: tuple[BareTerm, ...]
    images: tuple[ImageRef, ...]
    problems: tuple[Problem, ...]
    book_line: int = 1  # where the front matter names the book (or the title)
    guessed: bool = False  # the book is named by the tool (from folders), not the user
    origin: str = ""  # where the book and chapter came from
    package: str = ""  # the package (``.apkg`` stem) the note goes into
    clozes: tuple[Cloze, ...] = ()  # inline clozes (==x==, {{c1::x}}) of an opted-in note
    skipped: tuple[tuple[int, str], ...] = ()  # (line, why) of what made no card on purpose
    # review schedules from the spaced-repetition plugin's comments: (the line of the card
    # they follow, one (due date, interval in days, ease x100) a card of it, in order)
    schedules: tuple[tuple[int, tuple[tuple[str, int, int], ...]], ...] = ()
    # (the line of a card, the id of the note Obsidian_to_Anki made of it in the user's Anki)
    anki_ids: tuple[tuple[int, int], ...] = ()

    @property
    def chapter_tag(self) -> str | None:
        """The hierarchical tag ``book-slug::chapter-nn``, when the note has a chapter."""
        if not self.chapter:
            return None
        return f"{slugify(self.book)}::{slugify(chapter_label(self.chapter))}"

    @property
    def all_tags(self) -> tuple[str, ...]:
        """The chapter tag followed by the note's own tags, without repeats."""
        first = (self.chapter_tag,) if self.chapter_tag else ()
        return tuple(dict.fromkeys(first + self.tags))

    @property
    def card_count(self) -> int:
        """Cards this note makes, without reverse cards."""
        return len(self.vocab) + sum(len(c.items) for c in self.checklists)


def nfc(text: str) -> str:
    """Text as Anki stores it (NFC), so hashes and comparisons agree with Anki."""
    # ASCII is NFC already, and str.isascii() reads a flag: no scan, no call (most text)
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def chapter_label(chapter: str) -> str:
    """``Chapter 01`` for numbers (zero-padded so chapters sort), else the name as given.

    Only decimal digits are a number: ``²`` or ``Ⅳ`` are names (``str.isdigit`` would
    accept ``²``, which ``int`` refuses)."""
    return f"Chapter {int(chapter):02d}" if chapter.isdecimal() else chapter


DECK_PATTERN_FIELDS: Final = ("book", "chapter", "number")


def deck_name(book: str, chapter: str | None, pattern: str = DEFAULT_DECK_PATTERN) -> str:
    """The Anki deck of a note: ``pattern`` filled in, or just the book without a chapter.

    ``{book}`` is the book, ``{chapter}`` the label (``Chapter 01``), ``{number}`` the
    padded number; values never add a deck level, the pattern's own ``::`` does.
    """
    if not chapter:
        return deck_part(book)
    number = f"{int(chapter):02d}" if chapter.isdecimal() else chapter
    return pattern.format(
        book=deck_part(book), chapter=deck_part(chapter_label(chapter)), number=deck_part(number)
    )


def package_name(name: str) -> str:
    """The file name stem of a package named ``name`` (``notes`` when nothing is left)."""
    return slugify(name) or "notes"


def deck_part(name: str) -> str:
    """A deck name component: one line, no ``::`` (which would add a deck level)."""
    single_line = " ".join(name.split())
    return re.sub(r":{2,}", ":", single_line).strip(": ") or "Untitled"


@functools.lru_cache(maxsize=4096)
def slugify(text: str) -> str:
    """A tag- and file-safe slug: lower case, words joined by ``-``, no spaces or ``::``."""
    folded = nfc(text).casefold()
    words = re.findall(r"[^\W_]+(?:['’][^\W_]+)*", folded)
    return "-".join(w.replace("'", "").replace("’", "") for w in words)


_IDENTITY_KEYS: Final[dict[str, str]] = {}  # the keys of the texts asked for lately
_MAX_IDENTITY_KEYS: Final = 1 << 16


def identity_key(text: str) -> str:
    """How a term or prompt is compared for identity: NFC, case-folded, spaces collapsed.

    Each card's term is asked for several times, so the last 65,536 keys are kept: in a
    plain dictionary, emptied when full (an LRU cache cost three times the work of a key
    on a miss, and nearly every term is new to a process once)."""
    key = _IDENTITY_KEYS.get(text)
    if key is None:
        if len(_IDENTITY_KEYS) >= _MAX_IDENTITY_KEYS:
            _IDENTITY_KEYS.clear()
        key = _IDENTITY_KEYS[text] = " ".join(nfc(text).casefold().split())
    return key
