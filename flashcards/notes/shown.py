"""How a note's deck and title read, apart from its identity. The book and chapter that
GUIDs are made of (``titles``) stay as they were, so that a better name never costs a
user their reviews; the names a person sees are read more carefully here (issue 32):

- a numbered folder or file keeps its name: ``02-databases/`` is ``02 Databases``, not
  ``Chapter 02`` (only a title such as ``Book - Chapter 3`` gives a bare chapter number);
- a generic first heading (``# Notes``, ``# Overview``, ``# What is it?``) names nothing,
  nor does one of several at its level (``# Lecture 6`` … ``# Lecture 7``): the file name
  does;
- a file name that is an id (``k3VqP9xLwT2mZrB8nYcQd``, a UUID) is never a name;
- Dendron's dotted file names are the hierarchy (``courses.db101.lecture1`` is
  ``Courses::DB101::Lecture1``), with the note's ``title:`` as the last level;
- a ``book:`` slug (``designing-data-intensive-applications``) is shown as words;
- a heading that is only a numbered label (``# Lesson 8``) gives way to the file name that
  goes on to say its subject (``Lesson 08 - Learning by Recording Cases``);
- a book folder that is one part of a sequence (``Test 1``, ``Week 3``, ``Module 2``) or
  one section of a course (``Study Guide``, ``Required Reading``) is shown under the
  folders above it (``CS 7637 KBAI::Test 1::…``): two courses each have a
  ``Test 1``, and readers found their lessons in one deck."""

from __future__ import annotations

import re
from typing import Final

from flashcards.notes.extract.words import SECTION_WORDS
from flashcards.notes.load import Document
from flashcards.notes.model import Content, deck_name, deck_part, identity_key, slugify
from flashcards.notes.place import Place, is_generic_folder
from flashcards.notes.text import plain_text
from flashcards.notes.titles import shown_name

GENERIC_TITLES: Final = frozenset(
    {"info", "information", "notes", "note", "my notes", "overview", "summary", "about",
     "what is it", "what is this", "readme", "index", "home", "contents", "introduction",
     "intro", "untitled", "draft", "todo", "description", "details", "general", "misc",
     "miscellaneous", "main", "start", "welcome", "page", "topic", "key points", "tldr",
     "table of contents", "outline", "content", "text", "definition", "definitions",
     "example", "examples", "explanation", "idea", "ideas", "concept", "concepts", "plan",
     "agenda", "lecture", "lecture notes", "class notes", "session", "topics",
     "topics covered", "todays topics", "lecture topics", "announcements", "objectives",
     "learning objectives", "learning outcomes", "goals", "recap", "today"}
)  # fmt: skip
_ID: Final = re.compile(
    r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|(?=.*\d)[0-9a-f]{12,}",
    re.IGNORECASE,
)
# a nanoid (Dendron's ``k3VqP9xLwT2mZrB8nYcQd``): long, mixed case, digits, and no word in it
_NANOID: Final = re.compile(
    r"(?=(?:[^\d]*\d){2})(?=.*[a-z])(?=.*[A-Z])(?!.*[a-z]{6})[A-Za-z0-9_-]{16,}"
)
# words and numbers between separators (``Lec40-Mon_Apr_24``): a name, however short its words
_WORD: Final = r"(?:[A-Z]?[a-z]+|[A-Z]+)\d*|\d+"
_WORDED: Final = re.compile(rf"(?:{_WORD})(?:[-_ .](?:{_WORD}))+")
_NUMBERED: Final = re.compile(
    r"^(?P<lead>(?:chapter|chap|ch|part|week|lecture|lesson|module|unit)?[\s._-]*\d{1,3})"
    r"[\s._:–—-]+(?P<name>\S.*)$",
    re.IGNORECASE,
)
# a folder that is one part of a sequence, and names no book of its own
_SEQUENCE_PART: Final = re.compile(
    r"(?:test|exam|midterm|final|quiz|week|unit|module|part|term|semester|quarter|phase"
    r"|sprint|day|lecture|lesson|lab|section|block|round|stage|year|session|sem|wk)s?"
    r"[\s._-]*\d{1,3}",
    re.IGNORECASE,
)
# the words of a folder that is one section of a course (``Required Reading``, ``Study Guide``)
_SECTION_FOLDER_WORDS: Final = frozenset(
    {"reading", "readings", "guide", "guides", "resource", "resources", "quiz", "quizzes",
     "lecture", "lectures", "lab", "labs", "homework", "homeworks", "assignment",
     "assignments", "exercise", "exercises", "slide", "slides", "exam", "exams", "test",
     "tests", "practice", "review", "summary", "summaries", "material", "materials",
     "handout", "handouts", "tutorial", "tutorials", "problem", "problems", "solution",
     "solutions", "required", "study", "class", "course", "and", "&", "further", "extra"}
)  # fmt: skip
# a heading that is a label and its number, and no more (``Lesson 8``, ``Week 03``)
_NUMBER_LABEL: Final = re.compile(r"([A-Za-z]+)[\s._-]*(\d{1,3})")
_TEMPLATE: Final = re.compile(r"(?:<%.*%>|\{\{.*\}\}|\$\{.*\})\s*", re.DOTALL)
# a note's creation time as the Zettelkasten tools write it (YYYYMMDDHHMM, seconds or not)
_ZETTEL_ID: Final = re.compile(r"\s*(?:19|20)\d{10}(?:\d\d)?[\s_-]+(?=\w)")
_DENDRON_KEYS: Final = ("id", "title", "updated", "created")


def is_id(name: str) -> bool:
    """Whether a file name is an id a tool gave it, not a name a person did."""
    stripped = name.strip()
    if _WORDED.fullmatch(stripped):
        return False
    return bool(_ID.fullmatch(stripped) or _NANOID.fullmatch(stripped)) or _scrambled(stripped)


def _scrambled(name: str) -> bool:
    """Whether a long name's case turns over every letter or two (``YJG6pZqJMUiqZfcWrcFtB``,
    a nanoid with one digit), where a name's words run on (``HowToUseGitRebaseWell``)."""
    if len(name) < 16 or not re.fullmatch(r"[A-Za-z0-9_-]+", name):
        return False
    runs = re.findall(r"[a-z]+", name)
    return len(runs) >= 4 and sum(map(len, runs)) <= 2 * len(runs)


def is_generic(title: str) -> bool:
    """Whether a heading names no note in particular (``Notes``, ``What is it?``,
    ``Definition``, ``Benefits``)."""
    words = identity_key(title).strip(" ?:.!#").replace("'", "")
    return words in GENERIC_TITLES or words in SECTION_WORDS


def shown_title(title: str, title_from: str, place: Place, blocks: Content) -> str:
    """The title a person sees: a generic heading, an id or a template's placeholder
    (``<% tp.file.cursor() %>``, ``{{title}}``) gives way to the file name, or to the
    first heading that says something. A Zettelkasten id before a title
    (``20260405151701 SSH Secure Shell``) is left off: the title is the words after it."""
    zettel = _ZETTEL_ID.match(title)
    if zettel:
        title = title[zettel.end() :]
    if _TEMPLATE.fullmatch(title.strip()):
        name = place.own_name()
        return shown_name(name) if name and not is_id(name) else _first_heading(blocks) or title
    if title_from == "the top heading" and (is_generic(title) or _parts(blocks)):
        name = place.own_name()
        if name and not is_id(name):
            return shown_name(name)
        return _first_heading(blocks) or _subject(blocks) or title
    if title_from == "the top heading" and _says_more(place.own_name(), title):
        name = place.own_name()  # a name with spaces keeps its hyphens (``Black-box``)
        return " ".join(name.split()) if " " in name.strip() else shown_name(name)
    if title_from in ("the file name", "the file name (Obsidian)") and is_id(place.stem):
        return _first_heading(blocks) or _subject(blocks) or "Untitled"
    return title


def shown_deck(
    document: Document,
    place: Place,
    book: str,
    chapter: str | None,
    titles: tuple[str, str],
    pattern: str,
) -> str:
    """The deck a person sees for a note whose identity is ``book`` and ``chapter``;
    ``titles`` are the title identity was read from and the one shown."""
    dendron = _dendron_levels(document, place, titles[1] if "title" in document.metadata else "")
    if dendron:
        return "::".join(deck_part(level) for level in dendron)
    above = [deck_part(shown_name(name)) for name in _folders_above_part(document, place, book)]
    return "::".join([*above, _book_deck(document, place, book, chapter, titles, pattern)])


def _book_deck(
    document: Document,
    place: Place,
    book: str,
    chapter: str | None,
    titles: tuple[str, str],
    pattern: str,
) -> str:
    read, title = titles
    book = _book_words(document, book)
    if chapter and chapter.isdecimal():
        named, below = _numbered_name(place)
        if named and below:  # a numbered category (``3. Resources/Networking/tcp.md``)
            levels = [named, *(shown_name(folder) for folder in below), title]
            return "::".join(deck_part(level) for level in levels)
        if named:
            return deck_name(book, named, pattern)
    if chapter == read:
        chapter = title
    return deck_name(book, chapter, pattern)


def _says_more(name: str, title: str) -> bool:
    """Whether a file ``name`` starts with the numbered label that is all a heading says
    (``Lesson 8``) and goes on to its subject (``Lesson 08 - Learning by Recording Cases``)."""
    label = _NUMBER_LABEL.fullmatch(title.strip())
    if label is None:
        return False
    word, number = label.groups()
    start = re.match(rf"\s*{re.escape(word)}[\s._-]*0*{int(number)}(?!\d)[\s._:–—-]+", name, re.I)
    return start is not None and bool(re.search(r"[^\W\d_]{2}", name[start.end() :]))


def _folders_above_part(document: Document, place: Place, book: str) -> list[str]:
    """The folders above a book folder that is one part of a sequence (``CS 7637 -
    KBAI`` above ``Test 1``), generic ones left out; ``[]`` when the book is named, or
    its folder names a book."""
    if document.metadata.get("book") or not _is_section(book):
        return []
    for depth in range(len(place.folders), 0, -1):
        folder = place.folders[depth - 1]
        if shown_name(folder) == book:
            return [name for name in place.folders[: depth - 1] if not is_generic_folder(name)]
    return []


def _is_section(name: str) -> bool:
    """Whether a folder's name is one part or one section of a course (``Test 1``,
    ``Study Guide``), not a book's."""
    words = name.casefold().split()
    return bool(_SEQUENCE_PART.fullmatch(name.strip())) or (
        bool(words) and all(word in _SECTION_FOLDER_WORDS for word in words)
    )


def _numbered_name(place: Place) -> tuple[str, list[str]]:
    """The name a numbered file or folder gives its chapter, number and all
    (``02 Databases``, ``Chapter 05 - Replication``; ``""`` when it is a number alone),
    and the folders between that folder and the note: a numbered folder above others is
    a category of a vault (``3. Resources``), not the chapter of the notes deep in it."""
    names = [*place.folders] if place.is_index else [*place.folders, place.stem]
    own = len(place.folders) if place.is_index else len(place.folders) + 1
    for depth in range(len(names), 0, -1):
        name = names[depth - 1]
        match = _NUMBERED.match(name.strip())
        if match:
            words = shown_name(match.group("name"))
            below = list(names[depth : own - (0 if place.is_index else 1)])
            return (f"{_lead(match.group('lead'))}{words}" if words else ""), below
        if re.fullmatch(r"(?:chapter|chap|ch)?[\s._-]*\d{1,3}", name.strip(), re.IGNORECASE):
            return "", []
    return "", []


def _lead(lead: str) -> str:
    """A name's number as the deck shows it: ``ch5`` as ``Chapter 05 - ``, ``week_2`` as
    ``Week 02 - ``, a bare ``02`` as written, before a space."""
    word, number = re.fullmatch(r"([A-Za-z]*)[\s._-]*(\d+)", lead.strip()).groups()  # type: ignore[union-attr]
    if not word:
        return f"{number} "
    word = "Chapter" if word.casefold() in ("ch", "chap", "chapter") else word.capitalize()
    return f"{word} {int(number):02d} - "


def _dendron_levels(document: Document, place: Place, title: str) -> list[str]:
    """A Dendron note's hierarchy from its dotted file name, its title as the last
    level; ``[]`` when the note is not Dendron's (Dendron writes id, title, created,
    updated in every note's front matter)."""
    meta = document.metadata
    if "." not in place.stem or not all(key in meta for key in _DENDRON_KEYS):
        return []
    parts = [part for part in place.stem.split(".") if part]
    if len(parts) < 2:
        return []
    levels = [shown_name(part) for part in parts[:-1]]
    levels = [level[:1].upper() + level[1:] for level in levels]
    return [*levels, title or shown_name(parts[-1])]


def _book_words(document: Document, book: str) -> str:
    """A ``book:`` written as a slug, shown as words: the title's own spelling when it
    names the same book, else the slug's words capitalised."""
    if book != str(document.metadata.get("book", "")).strip() or " " in book:
        return book
    if not re.fullmatch(r"[a-z0-9]+(?:[-_][a-z0-9]+)+", book):
        return book
    words = shown_name(book)
    title = str(document.metadata.get("title", ""))
    for start in range(len(title)):
        if slugify(title[:start]) == slugify(book):
            return title[:start].strip(" -–—:|,.")
    return " ".join(word[:1].upper() + word[1:] for word in words.split())


_SUBJECT: Final = re.compile(
    r"^(?:(?:A|An|The)\s+)?(.{2,60}?)\s+(?:is|are|was|were|means|refers)\b"
)


def _subject(blocks: Content) -> str:
    """What a note without a heading is about: the subject of its first sentence
    (``The Dead Letter Queue (DLQ) is …``), else its first words."""
    paragraph = next((block for block in blocks if block.kind == "paragraph"), None)
    text = " ".join(plain_text(paragraph.children).split()) if paragraph else ""
    match = _SUBJECT.match(text)
    if match and len(match.group(1).split()) <= 8:
        return match.group(1)
    words = text.split()
    return " ".join(words[:6]) + (" …" if len(words) > 6 else "")


def _parts(blocks: Content) -> bool:
    """Whether a note's first heading is one of several at its level (``# Lecture 6`` …
    ``# Lecture 7``): then it names the first part, not the note (readers found a term
    of lecture 9 in the deck ``Lecture 6``)."""
    levels = [int(block.attr("level")) for block in blocks if block.kind == "heading"]
    return bool(levels) and sum(level <= levels[0] for level in levels) >= 2


def _first_heading(blocks: Content) -> str:
    for block in blocks:
        if block.kind == "heading":
            text = plain_text(block.children).strip()
            if text and not is_generic(text):
                return text
    return ""
