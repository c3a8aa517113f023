"""One book's preview page, written by a worker: its cards as data, drawn by the page
as they scroll into view (a book of thousands of cards loads as fast as one of ten).

Each card's sides are rendered here with the note types' own templates
(:func:`flashcards.cards.view.sides`), so the page shows what Anki shows; the page's
script only places them. A page is written again only when what it shows changed.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from dataclasses import dataclass
from pathlib import Path

from flashcards.building import spill
from flashcards.building.atomic import write_atomically
from flashcards.building.parallel import shared
from flashcards.building.state import file_stem
from flashcards.cards.identity import AnkiNote
from flashcards.cards.notetypes import card_css
from flashcards.cards.view import card_ords, sides
from flashcards.notes.model import replace_clozes
from flashcards.preview.assets import BOOK_SCRIPT, BOOK_TEMPLATE, PAGE_CSS, counted, math_html
from flashcards.preview.record import BookShown

PAGE_FORMAT = "flashcards-preview-3"  # change when a book page is written differently
BOOKS = "preview-books"
MEDIA = "preview-media"


@dataclass(frozen=True)
class BookPage:
    """A book to show: its package name and where its files' cards wait."""

    book: str
    refs: tuple[spill.SpillRef, ...]
    size: int = 0  # cards, to draw the largest books first


@dataclass(frozen=True)
class PageSetting:
    """What every book page of one preview shares."""

    out: Path
    spill_folder: str
    mathjax: str | None
    live: bool
    keys: dict[str, str]  # each book page's key as the last preview wrote it
    signatures: dict[str, str]  # each book's signature (:mod:`flashcards.preview.record`)


def page_name(book: str) -> str:
    """The book page's file name, relative to the index page."""
    return f"{BOOKS}/{file_stem(book)}.html"


def write_book_page(job: BookPage) -> BookShown:
    """Render and write one book's page unless it would be what is there (a worker)."""
    setting: PageSetting = shared()
    notes, problems, media = spill.load_settled(setting.spill_folder, job.refs)
    shown = BookShown(job.book, notes[0].book if notes else job.book, problems=problems)
    shown.signature = setting.signatures.get(job.book, "")
    shown.media = {item.name for item in media}
    digest = hashlib.blake2b(f"{PAGE_FORMAT}{setting.mathjax}{setting.live}".encode())
    for note in notes:
        digest.update(f"{note.guid}\x1f{note.content_hash}\x1f{note.path}:{note.line}\x1e".encode())
        fields = dict(zip(note.note_type.fields, note.fields, strict=True))
        count = len(card_ords(note.note_type, fields))
        shown.decks[note.deck] = shown.decks.get(note.deck, 0) + count
        shown.cards += count
    digest.update(" ".join(sorted(shown.media)).encode())
    shown.key = digest.hexdigest()
    for item in media:
        target = setting.out / MEDIA / item.name
        if not target.exists():
            target.parent.mkdir(exist_ok=True)
            write_atomically(target, item.data)
    path = setting.out / page_name(job.book)
    if not shown.cards or (setting.keys.get(job.book) == shown.key and path.exists()):
        return shown
    rows, decks = _rows(notes, shown.media)
    text = _page_html(job.book, shown.title, decks, rows, setting, shown.key)
    write_atomically(path, text.encode("utf-8"))
    shown.written = True
    return shown


Row = tuple[int, str, str, int, str, str, list[str], str, int, str]


def _rows(notes: list[AnkiNote], media: set[str]) -> tuple[list[Row], list[str]]:
    """Every card of ``notes`` as the page's data (by deck), and the decks in order."""
    decks = sorted({note.deck for note in notes})
    index = {deck: number for number, deck in enumerate(decks)}
    rows: list[Row] = []
    for note in sorted(notes, key=lambda n: index[n.deck]):
        fields = dict(zip(note.note_type.fields, note.fields, strict=True))
        where = " ".join([f"deck:{note.deck}", *(f"tag:{t}" for t in note.tags)]).casefold()
        text = _search_text(note.fields)  # what every card of the note shows, in words
        for ord_ in card_ords(note.note_type, fields):
            question, answer = sides(note.note_type, fields, ord_)
            kind = "checklist" if note.note_type.is_cloze else ("vocab", "vocab-reverse")[ord_]
            rows.append(
                (
                    index[note.deck], kind, note.guid, ord_, _with_media(question, media),
                    _with_media(answer, media), list(note.tags), note.path, note.line,
                    f"{where} kind:{kind} {text}",
                )
            )  # fmt: skip
    return rows, decks


def _search_text(fields: tuple[str, ...]) -> str:
    """The words of a note's fields, as the filter searches them: markup and cloze
    syntax removed, lower case, white space collapsed."""
    text = replace_clozes(" ".join(fields), lambda match: match.group(2))
    return " ".join(html.unescape(_TAG.sub(" ", text)).casefold().split())


_TAG = re.compile(r"<[^>]*>")
_IMAGE = re.compile(r'(<img\b[^>]*?\bsrc=")([^"]+)(")')


def _with_media(fragment: str, names: set[str]) -> str:
    """``fragment`` with its packed images taken from the media folder."""
    if "<img" not in fragment:
        return fragment
    return _IMAGE.sub(
        lambda m: (
            f"{m.group(1)}../{MEDIA}/{m.group(2)}{m.group(3)}"
            if m.group(2) in names
            else m.group(0)
        ),
        fragment,
    )


def _page_html(
    book: str, title: str, decks: list[str], rows: list[Row], setting: PageSetting, key: str
) -> str:
    data = json.dumps({"decks": decks, "cards": rows}, ensure_ascii=False, separators=(",", ":"))
    mathjax = f"../{setting.mathjax}" if setting.mathjax else None
    return BOOK_TEMPLATE.format(
        title=html.escape(title),
        book=html.escape(book),
        css=card_css(),
        page_css=PAGE_CSS,
        count=len(rows),
        total=counted(len(rows), "card"),
        decks=counted(len(decks), "deck"),
        math=math_html(mathjax),
        data=data.replace("</", "<\\/"),
        script=BOOK_SCRIPT,
        live=html.escape(json.dumps(setting.live), quote=True),
        key=key,
    )
