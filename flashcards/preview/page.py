"""``flashcards preview``: every card as Anki will show it, on pages that scale.

``preview.html`` is the index: every book with its decks, card counts and warnings, and
the build's warnings. Each book has a page of its own (``preview-books/<book>.html``)
that holds its cards as data and draws them as they scroll into view, front and back
side by side, with the note types' own templates and stylesheet (so cloze cards hide
their active item exactly as Anki does), each with its ``path:line`` and tags; a filter
that searches the cards' text, a light/dark switch (Anki's ``nightMode`` class) and a
mode that hides the answers until a card is flipped (click or Space). Notes are read and
book pages written on all cores, and a book page is written again only when what it
shows changed. Images are written beside the pages; nothing is fetched from the network.
Math is typeset when a MathJax file is given (``--mathjax``), and shown as its TeX
source otherwise.
"""

from __future__ import annotations

import html
import json
import os
import shutil
import urllib.parse
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from flashcards.building import spill
from flashcards.building.atomic import write_atomically
from flashcards.building.notefile import FileResult, process_files
from flashcards.building.parallel import fork_map
from flashcards.building.reading import Read, collect, spilled_by_book, summed_up
from flashcards.errors import Problem
from flashcards.notes.load import find_notes
from flashcards.options import BuildOptions
from flashcards.preview.assets import INDEX_SCRIPT, INDEX_TEMPLATE, PAGE_CSS, counted
from flashcards.preview.book import (
    BOOKS,
    MEDIA,
    PAGE_FORMAT,
    BookPage,
    PageSetting,
    page_name,
    write_book_page,
)
from flashcards.preview.record import (
    BookShown,
    Kept,
    kept_books,
    signature,
    write_record,
)
from flashcards.summaries import Summed, summed

DEFAULTS = BuildOptions()
PAGE = "preview.html"
MATHJAX = "preview-mathjax.js"
VERSION = "preview-version.txt"
PARALLEL_MIN_BOOKS = 4
__all__ = ["BOOKS", "MATHJAX", "MEDIA", "PAGE", "VERSION", "Preview", "write_preview"]


@dataclass
class Preview:
    """What ``write_preview`` made: the index page, every book page, the card count, the
    problems, and the book pages written this time (the others were already so)."""

    path: Path
    pages: dict[str, Path]
    cards: int
    problems: list[Problem]
    written: list[str]


def write_preview(
    paths: Iterable[Path],
    out: Path,
    options: BuildOptions = DEFAULTS,
    mathjax: Path | None = None,
    live: bool = False,
) -> Preview:
    """Write ``out/preview.html`` and a page per book (and the images they show) for the
    notes under ``paths``. With ``live``, a page reloads itself whenever what it shows is
    written again (when it is served over HTTP, as ``watch --preview`` does). The books
    whose note files did not change since the last preview are not read again
    (:mod:`flashcards.preview.record`)."""
    out.mkdir(parents=True, exist_ok=True)
    (out / BOOKS).mkdir(exist_ok=True)
    script = None
    if mathjax is not None:
        shutil.copyfile(mathjax, out / MATHJAX)
        script = MATHJAX
    files = {
        os.path.abspath(path): root
        for path, root in find_notes(Path(os.path.abspath(p)) for p in paths)
    }
    extra = f"{PAGE_FORMAT}\x1f{script}\x1f{live}\x1f{os.getcwd()}"  # paths are shown from it
    kept = kept_books(out, out / BOOKS, options, extra, files)
    recorded = kept.recorded
    folder = spill.open_folder(out)
    try:
        read = _read_books(files, kept, options, folder)
        refs, sizes = spilled_by_book(read.files)
        was_read = {path for path, _ in read.files}
        signatures = {
            book: signature(kept.files.get(book, []), kept.entries, options, extra)
            if set(kept.files.get(book, [])) <= was_read
            else ""
            for book in refs
        }
        keys = {book: shown.key for book, shown in recorded.items()}
        setting = PageSetting(out, folder, script, live, keys, signatures)
        jobs = sorted(
            (BookPage(book, tuple(refs[book]), sizes[book]) for book in refs),
            key=lambda job: (-job.size, job.book),
        )
        shown = fork_map(
            write_book_page, jobs, min_items=PARALLEL_MIN_BOOKS, shared=setting, chunk=1
        )
    finally:
        spill.close_folder(folder)
    loose = _with_book_problems(shown, read)
    books = [book for book in shown if book.cards]  # a book of no card has no page
    books += kept.books.values()
    books.sort(key=lambda book: (book.title.casefold(), book.book))
    problems = sorted(
        [*loose, *(p for book in books for p in book.problems)], key=lambda p: (p.path, p.line)
    )
    _forget_gone_books(out, recorded, {book.book for book in books})
    write_record(out / BOOKS, books)
    page = out / PAGE
    write_atomically(page, index_html(books, problems, live).encode("utf-8"))
    if live:
        versions = {book.book: book.key for book in books}
        write_atomically(out / VERSION, json.dumps(versions, sort_keys=True).encode())
    return Preview(
        page,
        {book.book: out / page_name(book.book) for book in books},
        sum(book.cards for book in books),
        problems,
        sorted(book.book for book in books if book.written),
    )


def _read_books(files: dict[str, Path], kept: Kept, options: BuildOptions, folder: str) -> Read:
    """Read every note file but those of the ``kept`` books; a kept book that a file read
    turns out to belong to is read whole (and kept no more)."""
    skipped = {file for book in kept.books for file in kept.files.get(book, [])}
    batch = [(file, str(root)) for file, root in sorted(files.items()) if file not in skipped]
    read: list[tuple[str, FileResult]] = []
    while batch:
        results = process_files(
            batch, options.read_options(), progress=options.progress, spill_folder=folder
        )
        read += zip((path for path, _ in batch), results, strict=True)
        joined = {r.note.package for r in results if r.note is not None} & set(kept.books)
        for book in joined:
            del kept.books[book]
        batch = [
            (file, str(files[file]))
            for book in sorted(joined)
            for file in kept.files.get(book, [])
            if file in files
        ]
    return summed_up(collect(read), options)


def _with_book_problems(shown: list[BookShown], read: Read) -> list[Problem]:
    """Give each book read its notes' problems; those of no book (a note that could not
    be read) are returned."""
    package_of = {note.path: note.package for note in read.report.notes}
    by_book = {book.book: book for book in shown}
    loose = []
    for problem in read.report.problems:
        book = by_book.get(package_of.get(problem.path, ""))
        if book is None:
            loose.append(problem)
        else:
            book.problems.append(problem)
    return loose


def _forget_gone_books(out: Path, recorded: dict[str, BookShown], books: set[str]) -> None:
    """Remove the pages of books the notes no longer have."""
    for book in set(recorded) - books:
        (out / page_name(book)).unlink(missing_ok=True)


MAX_LISTED_OPEN = 50  # more warnings than this start folded


def index_html(books: list[BookShown], problems: list[Problem], live: bool) -> str:
    """The index page: every book, with its decks, counts and how many problems its notes
    have, and every problem."""
    lines = summed(problems)
    items = "".join(_problem_html(line) for line in lines)
    folded = "" if len(lines) > MAX_LISTED_OPEN else " open"
    warnings = (
        f'<details class="warnings"{folded}><summary>{len(problems)} warnings</summary>'
        f"<ul>{items}</ul></details>"
        if problems
        else ""
    )
    return INDEX_TEMPLATE.format(
        page_css=PAGE_CSS,
        count=counted(sum(book.cards for book in books), "card"),
        decks=counted(sum(len(book.decks) for book in books), "deck"),
        books=counted(len(books), "book"),
        warnings=warnings,
        books_html="".join(_book_html(book, len(book.problems)) for book in books),
        script=INDEX_SCRIPT,
        live=html.escape(json.dumps(live)),
    )


def _problem_html(line: Summed) -> str:
    """A warning, or the one line for many of a kind about one note (which opens to list
    them all)."""
    shown = f"<code>{html.escape(str(line.problem))}</code>"
    if len(line.members) == 1:
        return f"<li>{shown}</li>"
    every = "".join(f"<li><code>{html.escape(str(p))}</code></li>" for p in line.members)
    return f'<li class="summed"><details><summary>{shown}</summary><ul>{every}</ul></details></li>'


def _book_html(book: BookShown, problems: int) -> str:
    page = html.escape(page_name(book.book))
    decks = "".join(
        f'<li class="deck" data-name="{html.escape(deck.casefold())}">'
        f'<a href="{page}#q={html.escape(urllib.parse.quote("deck:" + deck))}">'
        f"{html.escape(_short(deck, book.title))}</a> "
        f'<span class="count">{count}</span></li>'
        for deck, count in sorted(book.decks.items())
    )
    title = html.escape(book.title)
    return (
        f'<section class="book" data-name="{html.escape(book.title.casefold())}">'
        f'<h2><a class="open" href="{page}">{title}</a> '
        f'<span class="count">{book.cards} cards</span>'
        + (f' <span class="warned">{problems} warnings</span>' if problems else "")
        + f"</h2><ul>{decks}</ul></section>"
    )


def _short(deck: str, book: str) -> str:
    """A deck's name under its book's heading (the book's own part left out)."""
    head, sep, rest = deck.partition("::")
    return rest if sep and head == book and rest else deck
