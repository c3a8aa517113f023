"""Where a note's title, book, chapter, tags and draft flag come from: its front matter,
else its first top heading, else its file name."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from flashcards.errors import NoteError, Problem, warning
from flashcards.notes.dialects import hugo, obsidian
from flashcards.notes.load import Document
from flashcards.notes.markdown import plain_text
from flashcards.notes.model import Content, nfc, slugify
from flashcards.options import ParseOptions

KNOWN_KEYS = ("title", "tags", "categories", "draft", "date", "book", "chapter")
# Keys that Hugo and Obsidian read: not ours, never typos of ours.
OTHER_TOOLS_KEYS = hugo.FRONT_MATTER_KEYS | obsidian.FRONT_MATTER_KEYS
_TITLE = re.compile(
    r"^(?P<book>.*?)[\s\-–—:|,.]*\b(?:chapter|chap\.|ch\.?)\s*(?P<number>\d+)\b"
    r"[\s\-–—:.]*(?P<name>.*)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Header:
    """What a note says about itself, apart from its cards."""

    title: str
    book: str
    chapter: str | None
    tags: tuple[str, ...]
    draft: bool

    @classmethod
    def read(
        cls, document: Document, blocks: Content, problems: list[Problem], options: ParseOptions
    ) -> Header:
        meta, path, line = document.metadata, document.path, document.line_of
        if not document.body.strip() and not document.has_front_matter:
            problems.append(warning(path, 1, "the file is empty; no cards made"))
        elif not document.has_front_matter:
            problems.append(warning(path, 1, "no front matter; the title is taken from the note"))
        for key in meta:
            if str(key) in KNOWN_KEYS or str(key) in OTHER_TOOLS_KEYS:
                continue
            close = difflib.get_close_matches(str(key), KNOWN_KEYS, n=1, cutoff=0.75)
            if close:
                problems.append(
                    warning(
                        path,
                        line(str(key)),
                        f"unknown front matter key '{key}': did you mean '{close[0]}'?",
                    )
                )
        title = _text_value(meta, "title", path, line("title"))
        title = title or _first_heading(blocks) or _stem(path)
        book = _text_value(meta, "book", path, line("book"))
        chapter = _chapter_value(meta.get("chapter"), path, line("chapter"))
        match = _TITLE.match(title)
        if match:
            book = book or match.group("book").strip()
            chapter = chapter or str(int(match.group("number")))
        if not book:
            book = title
            if chapter:
                problems.append(
                    warning(
                        path,
                        1,
                        "the title names a chapter but no book; add 'book:' to the front matter",
                    )
                )
                chapter = None
        if "date" in meta and not _is_date(meta["date"]):
            problems.append(
                warning(
                    path, line("date"), f"date {meta['date']!r} is not a date (YYYY-MM-DD); ignored"
                )
            )
        draft = meta.get("draft", False)
        if not isinstance(draft, bool):
            raise NoteError(path, line("draft"), f"'draft' must be true or false, not {draft!r}")
        tags = (
            _words(meta, "tags", path, line("tags"))
            + _words(meta, "categories", path, line("categories"))
            + options.extra_tags
        )
        slugs = tuple(dict.fromkeys(s for s in map(slugify, tags) if s))
        return cls(nfc(title), nfc(book), chapter, slugs, draft)


def _text_value(meta: dict[str, Any], key: str, path: str, line: int) -> str:
    value = meta.get(key)
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise NoteError(path, line, f"'{key}' must be text, not {_kind(value)}")
    return " ".join(str(value).split())


def _chapter_value(value: Any, path: str, line: int) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise NoteError(path, line, f"'chapter' must be a number or text, not {_kind(value)}")
    text = " ".join(str(value).split())
    digits = re.fullmatch(r"(?:chapter|chap\.|ch\.?)?\s*(\d+)", text, re.IGNORECASE)
    return str(int(digits.group(1))) if digits else text


def _words(meta: dict[str, Any], key: str, path: str, line: int) -> tuple[str, ...]:
    value = meta.get(key)
    if value is None:
        return ()
    if isinstance(value, str):  # Obsidian's "a, b" or "a b"
        return tuple(value.split(",") if "," in value else value.split())
    if isinstance(value, list) and all(
        isinstance(v, str | int | float) and not isinstance(v, bool) for v in value
    ):
        return tuple(str(v) for v in value)
    raise NoteError(
        path, line, f"'{key}' must be a list of words (like [a, b]) or one word, not {_kind(value)}"
    )


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        nested = any(isinstance(item, list | dict) for item in value)
        return "a nested list" if nested else "a list"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    return f"{value!r}"


def _is_date(value: Any) -> bool:
    if isinstance(value, dt.date):
        return True
    if not isinstance(value, str):
        return False
    try:
        dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def _first_heading(blocks: Content) -> str:
    for block in blocks:
        if block.kind == "heading" and block.attr("level") == "1":
            return plain_text(block.children)
    return ""


def _stem(path: str) -> str:
    """A title from the file name (a Hugo page bundle's ``index.md``: its folder's)."""
    file = PurePath(path)
    stem = file.parent.name if file.stem in ("index", "_index") and file.parent.name else file.stem
    return " ".join(re.split(r"[-_\s]+", stem)).strip() or "Untitled"
