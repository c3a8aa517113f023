"""The preview's own stylesheet, scripts and HTML templates: the index page (books,
decks, counts, warnings) and a book page (its cards, drawn as they scroll into view);
the cards use the note types' stylesheet."""

from flashcards.preview.livescript import LIVE_SCRIPT

PAGE_CSS = """
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
.warnings ul ul { font-size: 1em; }
.warnings li.summed summary { cursor: pointer; }
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
article.preview[hidden], section.deck[hidden], section.book[hidden],
  li.deck[hidden] { display: none; }
nav.back { font-size: 0.9em; }
section.book h2 { font-size: 1.05em; margin: 1.2em 0 0.3em; }
section.book .count, li.deck .count, section.book .warned { color: #5f5f66; font-weight: normal; }
body.nightMode section.book .count, body.nightMode li.deck .count,
  body.nightMode section.book .warned { color: #a4a4ab; }
section.book ul { margin: 0.2em 0; padding-left: 1.2em; font-size: 0.9em; columns: 3 16em; }
section.book li { break-inside: avoid; }
a { color: #0a5fd1; }
body.nightMode a { color: #7fb0ff; }
#more { height: 1px; }
@media (max-width: 700px) { article.preview { grid-template-columns: 1fr; } }
"""

COMMON_SCRIPT = """
const body = document.body;
// Dark as the system prefers (as Anki's night mode follows it), until the switch is used:
// then the choice is kept ('1' dark, '' light).
function setDark(dark) {
  body.classList.toggle('nightMode', dark);
  body.classList.toggle('night_mode', dark);
}
function chosen() {
  try { return localStorage.getItem('flashcards-dark'); } catch (e) { return null; }
}
const systemDark = window.matchMedia('(prefers-color-scheme: dark)');
setDark(chosen() === null ? systemDark.matches : chosen() === '1');
systemDark.addEventListener('change', e => { if (chosen() === null) setDark(e.matches); });
document.getElementById('dark').addEventListener('click', () => {
  setDark(!body.classList.contains('nightMode'));
  try { localStorage.setItem('flashcards-dark', body.classList.contains('nightMode') ? '1' : ''); }
  catch (e) {}
});
function words(text) { return text.trim().toLowerCase().split(/\\s+/).filter(Boolean); }
// Served by `watch --preview`: the server tells the page of each version the moment it
// is written (server-sent events); `update` is called when this page's part of it changed
// from `own` (a page that does not know its own version takes the first one it is told).
function watchVersion(events, own, changed, update) {
  if (!events || !location.protocol.startsWith('http') || !window.EventSource) return;
  let seen = own;
  new EventSource(events).onmessage = message => {
    const mine = changed(message.data);
    if (seen !== null && mine !== seen) update();
    seen = mine;
  };
}
"""

BOOK_SCRIPT = (
    COMMON_SCRIPT
    + """
let data = JSON.parse(document.getElementById('cards').textContent);
const main = document.querySelector('main');
const shownCount = document.getElementById('shown');
const more = document.getElementById('more');
const BATCH = 150;
let order = data.cards.map((_, i) => i);
let drawn = 0;
let sections = {};
function esc(text) {
  return String(text).replace(/[&<>"']/g, c => ({'&': '&amp;', '<': '&lt;', '>': '&gt;',
    '"': '&quot;', "'": '&#39;'}[c]));
}
function cardHtml(c) {
  const tags = c[6].map(t => '<span class="tag">' + esc(t) + '</span>').join(' ');
  return '<article class="preview" tabindex="0" data-kind="' + c[1] + '" data-guid="' +
    esc(c[2]) + '" data-ord="' + c[3] + '"><div class="side front"><div class="label">front' +
    '</div><div class="card">' + c[4] + '</div></div><div class="side back"><div class="label">' +
    'back</div><div class="card">' + c[5] + '</div></div><footer><span class="kind">' + c[1] +
    '</span> <code class="where">' + esc(c[7]) + ':' + c[8] + '</code> ' + tags + '</footer>' +
    '</article>';
}
function section(deck, count) {
  if (!sections[deck]) {
    const element = document.createElement('section');
    element.className = 'deck';
    element.dataset.deck = data.decks[deck];
    element.innerHTML = '<h2>' + esc(data.decks[deck]) + ' <span class="count">' + count +
      '</span></h2>';
    main.insertBefore(element, more);
    sections[deck] = element;
  }
  return sections[deck];
}
let counts = {};
function draw(until) {
  let html = '', deck = -1;
  const flush = () => {
    if (html) section(deck, counts[deck]).insertAdjacentHTML('beforeend', html);
  };
  for (; drawn < Math.min(until, order.length); drawn++) {
    const c = data.cards[order[drawn]];
    if (c[0] !== deck) { flush(); html = ''; deck = c[0]; }
    html += cardHtml(c);
  }
  flush();
  if (window.MathJax && MathJax.typesetPromise) MathJax.typesetPromise();
}
function select(query) {
  const wanted = words(query);
  order = [];
  counts = {};
  data.cards.forEach((c, i) => {
    if (wanted.every(w => c[9].includes(w))) {
      order.push(i);
      counts[c[0]] = (counts[c[0]] || 0) + 1;
    }
  });
  for (const element of Object.values(sections)) element.remove();
  sections = {};
  drawn = 0;
  shownCount.textContent = order.length;
}
function apply(query) {
  select(query);
  draw(BATCH);
}
"""
    + LIVE_SCRIPT
    + """
new IntersectionObserver(entries => {
  if (entries.some(e => e.isIntersecting)) draw(drawn + BATCH);
}, {rootMargin: '1500px'}).observe(more);
const filter = document.getElementById('filter');
let pending = null;
filter.addEventListener('input', () => {
  clearTimeout(pending);
  pending = setTimeout(() => apply(filter.value), 60);
});
document.getElementById('flipmode').addEventListener('click', () => body.classList.toggle('flip'));
main.addEventListener('click', event => {
  const card = event.target.closest('article.preview');
  if (card && !event.target.closest('a')) card.classList.toggle('flipped');
});
main.addEventListener('keydown', event => {
  const card = event.target;
  if (event.key === ' ' && card.matches && card.matches('article.preview')) {
    event.preventDefault();
    card.classList.toggle('flipped');
  }
});
const start = new URLSearchParams(location.hash.slice(1)).get('q');
if (start) filter.value = start;
apply(filter.value);
window.flashcardsPreview = {
  showAll() { draw(order.length); },
  apply(query) { filter.value = query; apply(query); },
  redrawn: 0,  // cards drawn again by the last new version
};
const book = body.dataset.book;
watchVersion(JSON.parse(body.dataset.live) ? '../preview-events' : '', body.dataset.key,
  v => { try { return JSON.parse(v)[book] || ''; } catch (e) { return v; } }, refresh);
"""
)

BOOK_TEMPLATE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}: flashcards preview</title>
<style>{css}</style><style>{page_css}</style>{math}
</head>
<body class="page" data-live="{live}" data-book="{book}" data-key="{key}">
<header class="bar"><h1>{title}</h1>
<span><span id="shown">{count}</span> of <span id="totals">{total} in {decks}</span></span>
<input id="filter" type="search" placeholder="filter: words, deck:name, tag:name, kind:vocab"
  aria-label="filter the cards">
<button id="flipmode" type="button">hide answers</button>
<button id="dark" type="button">light / dark</button>
</header>
<main><nav class="back"><a href="../preview.html">all books</a></nav><div id="more"></div></main>
<script type="application/json" id="cards">{data}</script>
<script>{script}</script>
</body></html>
"""

INDEX_SCRIPT = (
    COMMON_SCRIPT
    + """
const filter = document.getElementById('filter');
filter.addEventListener('input', () => {
  const wanted = words(filter.value);
  for (const book of document.querySelectorAll('section.book')) {
    const title = book.dataset.name;
    let any = false;
    for (const deck of book.querySelectorAll('li.deck')) {
      const match = wanted.every(w => title.includes(w) || deck.dataset.name.includes(w));
      deck.hidden = !match;
      any = any || match;
    }
    book.hidden = !any && !wanted.every(w => title.includes(w));
  }
  const query = filter.value.trim() ? '#q=' + encodeURIComponent(filter.value.trim()) : '';
  for (const link of document.querySelectorAll('section.book a.open')) link.hash = query;
});
watchVersion(JSON.parse(body.dataset.live) ? 'preview-events' : '', null, v => v,
  () => location.reload());
"""
)

INDEX_TEMPLATE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>flashcards preview</title>
<style>{page_css}</style>
</head>
<body class="page" data-live="{live}">
<header class="bar"><h1>flashcards preview</h1>
<span>{count} in {decks} of {books}</span>
<input id="filter" type="search" placeholder="filter books and decks by name"
  aria-label="filter the books and decks">
<button id="dark" type="button">light / dark</button>
</header>
<main>{warnings}{books_html}</main>
<script>{script}</script>
</body></html>
"""


def counted(number: int, word: str) -> str:
    """``number`` and ``word``, plural unless the number is 1 (``1 deck``, ``2 decks``)."""
    return f"{number} {word}{'' if number == 1 else 's'}"


def math_html(mathjax: str | None) -> str:
    """The MathJax set-up and script of a page (nothing without a MathJax file)."""
    if not mathjax:
        return ""
    return (
        "<script>window.MathJax={tex:{inlineMath:[['\\\\(','\\\\)']],"
        "displayMath:[['\\\\[','\\\\]']]}};</script>"
        f'<script src="{mathjax}"></script>'
    )
