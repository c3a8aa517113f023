"""``flashcards preview``: one self-contained page that shows every card as Anki will.

The page holds every card of the notes, grouped by deck, front and back side by side,
with the note types' own templates and stylesheet (so cloze cards hide their active
item exactly as Anki does), each with its ``path:line`` and tags; the build's warnings
at the top; a filter box, a light/dark switch (Anki's ``nightMode`` class) and a mode
that hides the answers until a card is flipped (click or Space). Images are written
beside the page; nothing is fetched from the network. Math is typeset when a MathJax
file is given (``--mathjax``), and shown as its TeX source otherwise.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from flashcards.building.atomic import write_atomically
from flashcards.cards.notetypes import card_css
from flashcards.cards.view import card_ords, sides
from flashcards.errors import Problem
from flashcards.options import BuildOptions
from flashcards.preview.assets import PAGE_CSS, SCRIPT, TEMPLATE

DEFAULTS = BuildOptions()
PAGE = "preview.html"
MEDIA = "preview-media"
MATHJAX = "preview-mathjax.js"
VERSION = "preview-version.txt"


@dataclass(frozen=True)
class PreviewCard:
    """One card of the page."""

    deck: str
    kind: str
    guid: str
    ord: int
    question: str
    answer: str
    tags: tuple[str, ...]
    path: str
    line: int


@dataclass
class Preview:
    """What ``write_preview`` made."""

    path: Path
    cards: list[PreviewCard]
    problems: list[Problem]


def write_preview(
    paths: Iterable[Path],
    out: Path,
    options: BuildOptions = DEFAULTS,
    mathjax: Path | None = None,
    live: bool = False,
) -> Preview:
    """Write ``out/preview.html`` (and the images it shows beside it) for the notes under
    ``paths``. With ``live``, the page reloads itself whenever the preview is written again
    (when it is served over HTTP, as ``watch --preview`` does)."""
    from flashcards.building.builder import read_cards

    report, notes, media = read_cards(paths, options)
    cards = []
    for note in notes:
        fields = dict(zip(note.note_type.fields, note.fields, strict=True))
        for ord_ in card_ords(note.note_type, fields):
            question, answer = sides(note.note_type, fields, ord_)
            kind = "checklist" if note.note_type.is_cloze else ("vocab", "vocab-reverse")[ord_]
            cards.append(
                PreviewCard(
                    note.deck, kind, note.guid, ord_, question, answer, note.tags, note.path,
                    note.line,
                )
            )  # fmt: skip
    out.mkdir(parents=True, exist_ok=True)
    if media:
        (out / MEDIA).mkdir(exist_ok=True)
        for name, item in media.items():
            target = out / MEDIA / name
            if not target.exists():
                write_atomically(target, item.data)
    script = None
    if mathjax is not None:
        shutil.copyfile(mathjax, out / MATHJAX)
        script = MATHJAX
    page = out / PAGE
    text = page_html(cards, report.problems, script, live, set(media))
    write_atomically(page, text.encode("utf-8"))
    if live:
        write_atomically(out / VERSION, str(page.stat().st_mtime_ns).encode())
    return Preview(page, cards, report.problems)


_IMAGE = re.compile(r'(<img\b[^>]*?\bsrc=")([^"]+)(")')


def _with_media(fragment: str, names: set[str]) -> str:
    """``fragment`` with its packed images taken from the folder beside the page."""
    return _IMAGE.sub(
        lambda m: (
            f"{m.group(1)}{MEDIA}/{m.group(2)}{m.group(3)}" if m.group(2) in names else m.group(0)
        ),
        fragment,
    )


def page_html(
    cards: list[PreviewCard],
    problems: list[Problem],
    mathjax: str | None,
    live: bool,
    media: set[str],
) -> str:
    """The whole page."""
    decks: dict[str, list[PreviewCard]] = {}
    for card in cards:
        decks.setdefault(card.deck, []).append(card)
    warnings = "".join(f"<li><code>{html.escape(str(p))}</code></li>" for p in problems)
    sections = "".join(_deck_html(deck, decks[deck], media) for deck in sorted(decks))
    math = (
        "<script>window.MathJax={tex:{inlineMath:[['\\\\(','\\\\)']],"
        "displayMath:[['\\\\[','\\\\]']]}};</script>"
        f'<script src="{html.escape(mathjax)}"></script>'
        if mathjax
        else ""
    )
    return TEMPLATE.format(
        css=card_css(),
        page_css=PAGE_CSS,
        count=len(cards),
        decks=len(decks),
        warnings=f'<details class="warnings" open><summary>{len(problems)} warnings</summary>'
        f"<ul>{warnings}</ul></details>"
        if problems
        else "",
        sections=sections,
        math=math,
        script=SCRIPT,
        live=json.dumps(VERSION if live else ""),
    )


def _deck_html(deck: str, cards: list[PreviewCard], media: set[str]) -> str:
    items = "".join(_card_html(card, media) for card in cards)
    name = html.escape(deck)
    return (
        f'<section class="deck" data-deck="{name}"><h2>{name} '
        f'<span class="count">{len(cards)}</span></h2>{items}</section>'
    )


def _card_html(card: PreviewCard, media: set[str]) -> str:
    text = re.sub(r"<[^>]*>", " ", f"{card.question} {card.answer}")
    search = " ".join(
        [f"deck:{card.deck}", f"kind:{card.kind}", *(f"tag:{t}" for t in card.tags), text]
    ).casefold()
    tags = " ".join(f'<span class="tag">{html.escape(t)}</span>' for t in card.tags)
    return (
        f'<article class="preview" tabindex="0" data-kind="{card.kind}" '
        f'data-guid="{html.escape(card.guid)}" data-ord="{card.ord}" '
        f'data-search="{html.escape(" ".join(search.split()))}">'
        f'<div class="side front"><div class="label">front</div>'
        f'<div class="card">{_with_media(card.question, media)}</div></div>'
        f'<div class="side back"><div class="label">back</div>'
        f'<div class="card">{_with_media(card.answer, media)}</div></div>'
        f'<footer><span class="kind">{card.kind}</span> '
        f'<code class="where">{html.escape(card.path)}:{card.line}</code> {tags}</footer>'
        "</article>"
    )
