"""Where a note's title, book, chapter, tags and draft flag come from: its front matter,
else its first top heading, else its file name."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from typing import Any, Final

from flashcards.errors import NoteError, Problem, warning
from flashcards.notes.dialects import hugo, obsidian
from flashcards.notes.load import Document
from flashcards.notes.model import Content, nfc, slugify
from flashcards.notes.place import Place
from flashcards.notes.text import plain_text
from flashcards.options import ParseOptions

KNOWN_KEYS: Final = ("title", "tags", "categories", "draft", "date", "book", "chapter")
# Keys that Hugo and Obsidian read: not ours, never typos of ours.
OTHER_TOOLS_KEYS: Final = hugo.FRONT_MATTER_KEYS | obsidian.FRONT_MATTER_KEYS
_TITLE: Final = re.compile(
    r"^(?P<book>.*?)[\s\-–—:|,.]*\b(?:chapter|chap\.|ch\.?)\s*(?P<number>\d+)\b"
    r"[\s\-–—:.]*(?P<name>.*)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Header:
    """What a note says about itself, apart from its cards; ``guessed`` when the book's
    name is the tool's guess (from folders), not written by the user; ``origin`` says
    where the book and chapter came from (``check -v`` shows it)."""

    title: str
    book: str
    chapter: str | None
    tags: tuple[str, ...]
    draft: bool
    guessed: bool = False
    origin: str = ""
    title_from: str = ""  # where the title came from: "the top heading", "the file name"...

    @classmethod
    def read(
        cls,
        document: Document,
        blocks: Content,
        problems: list[Problem],
        options: ParseOptions,
        place: Place,
    ) -> Header:
        """The header of ``document`` (its ``blocks`` parsed) at ``place``."""
        meta, path, line = document.metadata, document.path, document.line_of
        if not document.body.strip() and not document.has_front_matter:
            problems.append(warning(path, 1, "the file is empty; no cards made"))
        _typos(document, problems)
        title, title_from = _title(document, blocks, place)
        book, chapter, guessed, origin = _names(document, title, title_from, place)
        if meta.get("date") is not None and not _is_date(meta["date"]):  # "date:" is none
            shown = document.raw_value("date")
            problems.append(
                warning(path, line("date"), f"date '{shown}' is not a date (YYYY-MM-DD); ignored")
            )
        draft = meta.get("draft")
        draft = False if draft is None else draft  # "draft:" with nothing after it: not one
        if not isinstance(draft, bool):
            shown = document.raw_value("draft")
            raise NoteError(path, line("draft"), f"'draft' must be true or false, not '{shown}'")
        tags = _words(document, "tags") + _words(document, "categories") + options.extra_tags
        slugs = tuple(dict.fromkeys(s for s in map(slugify, tags) if s))
        return cls(nfc(title), nfc(book), chapter, slugs, draft, guessed, origin, title_from)


def _typos(document: Document, problems: list[Problem]) -> None:
    for key in document.metadata:
        if str(key) in KNOWN_KEYS or str(key) in OTHER_TOOLS_KEYS:
            continue
        close = difflib.get_close_matches(str(key), KNOWN_KEYS, n=1, cutoff=0.75)
        if close and abs(len(str(key)) - len(close[0])) <= 2:  # not 'subtitle' for 'title'
            problems.append(
                warning(
                    document.path,
                    document.line_of(str(key)),
                    f"unknown front matter key '{key}': did you mean '{close[0]}'?",
                )
            )


def _title(document: Document, blocks: Content, place: Place) -> tuple[str, str]:
    """The note's title and where it came from: the front matter; in an Obsidian vault,
    the file name (as Obsidian shows it); a top heading; else the file's (or, for an
    index page, its folder's) name."""
    title = _text_value(document, "title")
    if title:
        return title, "front matter 'title'"
    if place.vault and not place.is_index:
        return place.stem, "the file name (Obsidian)"
    heading = _top_heading(blocks)
    if heading:
        return heading, "the top heading"
    name = place.own_name() if place.folders or place.root_name else place.stem
    shown = _spaced(name) or "Untitled"
    return shown, "the folder name" if place.is_index else "the file name"


def _names(
    document: Document, title: str, title_from: str, place: Place
) -> tuple[str, str | None, bool, str]:
    """``(book, chapter, guessed, origin)``: the front matter's ``book:``/``chapter:``,
    else a title such as ``Book - Chapter 3``, else a file or folder named like a
    chapter (the book: the folder above it), else the note's folder (the chapter: the
    title)."""
    line = document.line_of
    book = _text_value(document, "book")
    chapter = _chapter_value(document.metadata.get("chapter"), document, line("chapter"))
    book_from = "front matter 'book'" if book else ""
    chapter_from = "front matter 'chapter'" if chapter else ""
    match = _TITLE.match(title)
    if match:
        named_book = match.group("book").strip(" -–—:|,.")
        if not book and named_book:
            book, book_from = named_book, f"the title ({title_from})"
        if not chapter:
            chapter, chapter_from = str(int(match.group("number"))), f"the title ({title_from})"
    guessed = not book
    if not book:
        named = place.chapter()
        if named is not None and not chapter:
            chapter, chapter_from = named[0], f"the name '{named[1]}'"
        folders = named[2] if named is not None else None
        folder = place.book_folder(folders)
        if folder:
            book, book_from = shown_name(folder), f"the folder '{folder}'"
        else:  # a note parsed from text alone: its title is its book
            book, book_from = title, f"the title ({title_from})"
        if not chapter and book != title:
            chapter, chapter_from = title, f"the title ({title_from})"
    origin = f"book from {book_from}" + (f"; chapter from {chapter_from}" if chapter else "")
    return book, chapter, guessed, origin


def numbers_only_a_chapter(title: str) -> bool:
    """Whether a title says no more than its book and chapter number (``Book - Chapter
    3``): it names no subject the deck does not name."""
    match = _TITLE.match(title)
    return match is not None and not match.group("name").strip()


def shown_name(folder: str) -> str:
    """A folder's name as a deck name: separators as spaces, a lower-case name capitalised."""
    name = _spaced(folder) or folder
    return name[:1].upper() + name[1:] if name.islower() else name


def _spaced(name: str) -> str:
    """A file or folder name with its separators (``-``, ``_``) as single spaces."""
    return " ".join(re.split(r"[-_\s]+", name)).strip()


def _text_value(document: Document, key: str) -> str:
    value = document.metadata.get(key)
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        kind = _kind(document, key)
        raise NoteError(document.path, document.line_of(key), f"'{key}' must be text, not {kind}")
    return " ".join(str(value).split())


def _chapter_value(value: Any, document: Document, line: int) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        kind = _kind(document, "chapter")
        raise NoteError(document.path, line, f"'chapter' must be a number or text, not {kind}")
    text = " ".join(str(value).split())
    digits = re.fullmatch(r"(?:chapter|chap\.|ch\.?)?\s*(\d+)", text, re.IGNORECASE)
    return str(int(digits.group(1))) if digits else text


def _words(document: Document, key: str) -> tuple[str, ...]:
    value = document.metadata.get(key)
    if value is None:
        return ()
    if isinstance(value, str):  # Obsidian's "a, b" or "a b"
        return tuple(value.split(",") if "," in value else value.split())
    if isinstance(value, list):
        value = [v for v in value if v is not None]  # "tags:" over an empty "-": none
    if isinstance(value, list) and all(
        isinstance(v, str | int | float) and not isinstance(v, bool) for v in value
    ):
        return tuple(str(v) for v in value)
    raise NoteError(
        document.path,
        document.line_of(key),
        f"'{key}' must be a list of words (like [a, b]) or one word, not {_kind(document, key)}",
    )


def _kind(document: Document, key: str) -> str:
    """What the front matter gives for ``key``, as the user wrote it."""
    value = document.metadata.get(key)
    raw = document.raw_value(key)
    if isinstance(value, dict):
        kind = "a mapping"
    elif isinstance(value, list):
        nested = any(isinstance(item, list | dict) for item in value)
        kind = "a nested list" if nested else "a list"
    else:
        return f"'{raw}'"
    return f"{kind} ('{raw}')" if raw else kind


def _is_date(value: Any) -> bool:
    if isinstance(value, dt.date):
        return True
    if not isinstance(value, str):
        return False
    padded = _UNPADDED_DATE.sub(lambda m: f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}", value)
    try:
        dt.datetime.fromisoformat(padded.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


# 2025-6-8, as Hugo takes it
_UNPADDED_DATE: Final = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?=$|[T ])")


def _top_heading(blocks: Content) -> str:
    """The first heading when it is a ``#`` (no other heading before it), or a ``##``
    that opens the file; a later heading names a section, not the note."""
    for index, block in enumerate(blocks):
        if block.kind != "heading":
            continue
        level = block.attr("level")
        if level == "1" or (level == "2" and index == 0):
            return plain_text(block.children)
        return ""
    return ""
