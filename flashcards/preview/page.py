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
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from flashcards.building.atomic import write_atomically
from flashcards.cards.notetypes import card_css
from flashcards.cards.view import card_ords, sides
from flashcards.errors import Problem
from flashcards.options import BuildOptions

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
    return _TEMPLATE.format(
        css=card_css(),
        page_css=_PAGE_CSS,
        count=len(cards),
        decks=len(decks),
        warnings=f'<details class="warnings" open><summary>{len(problems)} warnings</summary>'
        f"<ul>{warnings}</ul></details>"
        if problems
        else "",
        sections=sections,
        math=math,
        script=_SCRIPT,
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


_PAGE_CSS = """
body.page { margin: 0; font-family: -apple-system, "Segoe UI", Roboto, sans-serif;
  background: #f2f2f4; color: #1d1d1f; }
body.page.nightMode { background: #141416; color: #e6e6e8; }
header.bar { position: sticky; top: 0; z-index: 1; display: flex; gap: 0.8em;
  align-items: center; flex-wrap: wrap; padding: 0.6em 1em; background: inherit;
  border-bottom: 1px solid #c9c9ce; }
header.bar h1 { font-size: 1.1em; margin: 0; }
header.bar input { flex: 1; min-width: 12em; font-size: 1em; padding: 0.3em 0.5em; }
header.bar button { font-size: 0.9em; padding: 0.3em 0.7em; }
main { padding: 0 1em 2em; }
.warnings { margin: 1em 0; }
.warnings ul { margin: 0.3em 0; padding-left: 1.2em; font-size: 0.9em; }
.deck h2 { font-size: 1em; margin: 1.4em 0 0.4em; }
.deck h2 .count { font-weight: normal; color: #5f5f66; }
body.nightMode .deck h2 .count { color: #a4a4ab; }
article.preview { display: grid; grid-template-columns: 1fr 1fr; gap: 0.6em;
  margin: 0.6em 0; padding: 0.5em; border: 1px solid #c9c9ce; border-radius: 8px; }
article.preview:focus { outline: 2px solid #0a5fd1; }
article.preview .side { min-width: 0; }
article.preview .label { font-size: 0.7em; text-transform: uppercase; color: #5f5f66; }
body.nightMode article.preview .label { color: #a4a4ab; }
article.preview .card { border-radius: 6px; min-height: 3em; }
article.preview footer { grid-column: 1 / -1; font-size: 0.75em; color: #4d4d53; }
body.nightMode article.preview footer { color: #b4b4ba; }
article.preview footer .tag { margin-right: 0.5em; }
body.flip article.preview:not(.flipped) .back .card { visibility: hidden; }
article.preview[hidden], section.deck[hidden] { display: none; }
@media (max-width: 700px) { article.preview { grid-template-columns: 1fr; } }
"""

_SCRIPT = """
(function () {
  const body = document.body;
  const filter = document.getElementById('filter');
  const total = document.getElementById('shown');
  function apply() {
    const words = filter.value.trim().toLowerCase().split(/\\s+/).filter(Boolean);
    let shown = 0;
    for (const deck of document.querySelectorAll('section.deck')) {
      let inDeck = 0;
      for (const card of deck.querySelectorAll('article.preview')) {
        const text = card.dataset.search;
        const match = words.every(w => text.includes(w));
        card.hidden = !match;
        if (match) inDeck++;
      }
      deck.hidden = inDeck === 0;
      deck.querySelector('.count').textContent = inDeck;
      shown += inDeck;
    }
    total.textContent = shown;
  }
  filter.addEventListener('input', apply);
  document.getElementById('dark').addEventListener('click', () => {
    body.classList.toggle('nightMode');
    body.classList.toggle('night_mode');
  });
  document.getElementById('flipmode').addEventListener('click', () => {
    body.classList.toggle('flip');
  });
  function flip(card) { card.classList.toggle('flipped'); }
  for (const card of document.querySelectorAll('article.preview')) {
    card.addEventListener('click', event => {
      if (!event.target.closest('a')) flip(card);
    });
    card.addEventListener('keydown', event => {
      if (event.key === ' ' && event.target === card) { event.preventDefault(); flip(card); }
    });
  }
  const live = document.body.dataset.live;
  if (live && location.protocol.startsWith('http')) {
    let seen = null;
    setInterval(() => {
      fetch(live, {cache: 'no-store'}).then(r => r.text()).then(v => {
        if (seen !== null && v !== seen) location.reload();
        seen = v;
      }).catch(() => {});
    }, 1000);
  }
})();
"""

_TEMPLATE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>flashcards preview</title>
<style>{css}</style><style>{page_css}</style>{math}
</head>
<body class="page" data-live={live}>
<header class="bar"><h1>flashcards preview</h1>
<span><span id="shown">{count}</span> of {count} cards in {decks} decks</span>
<input id="filter" type="search" placeholder="filter: words, deck:name, tag:name, kind:vocab"
  aria-label="filter the cards">
<button id="flipmode" type="button">hide answers</button>
<button id="dark" type="button">light / dark</button>
</header>
<main>{warnings}{sections}</main>
<script>{script}</script>
</body></html>
"""


def serve(folder: Path) -> tuple[ThreadingHTTPServer, str]:
    """Serve ``folder`` on 127.0.0.1 at a free port, in a background thread; the page's
    address. ``server.shutdown()`` stops it."""
    handler = partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/{PAGE}"


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves files without a log line per request."""

    def log_message(self, format: str, *args: object) -> None:
        pass
