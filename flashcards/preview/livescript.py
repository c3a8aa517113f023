"""The part of a book page's script that shows a new version of its book in place, for
``watch --preview``: the page fetches itself again, and only the cards that changed are
drawn again; the card at the top of the window stays where it was. It uses the book
script's ``data``, ``order``, ``drawn``, ``select``, ``section`` and ``cardHtml``."""

LIVE_SCRIPT = """
function keyOf(c) { return c[2] + ' ' + c[3]; }
// what a card shows but its line (a line added above it moves it, and only its footer)
function shownOf(c) { return JSON.stringify(c.slice(0, 8).concat(c.slice(9))); }
function articleKey(element) { return element.dataset.guid + ' ' + element.dataset.ord; }
// A new version of this book: only the cards that changed are drawn again (the others
// are the same elements, moved), and the card at the top of the window stays there.
function redraw(next, totals) {
  const top = document.querySelector('header.bar').getBoundingClientRect().bottom;
  const old = new Map();
  let anchor = null, offset = 0;
  for (const element of main.querySelectorAll('article.preview')) {
    old.set(articleKey(element), element);
    const box = element.getBoundingClientRect();
    if (anchor === null && box.bottom > top) { anchor = articleKey(element); offset = box.top; }
  }
  const before = new Map(data.cards.map(c => [keyOf(c), shownOf(c)]));
  const wanted = Math.max(drawn, BATCH);
  data = next;
  select(filter.value);
  const fresh = [];
  const template = document.createElement('template');
  for (; drawn < Math.min(wanted, order.length); drawn++) {
    const c = data.cards[order[drawn]];
    let element = before.get(keyOf(c)) === shownOf(c) ? old.get(keyOf(c)) : undefined;
    if (element) {
      element.querySelector('code.where').textContent = c[7] + ':' + c[8];
    } else {
      template.innerHTML = cardHtml(c);
      element = template.content.firstElementChild;
      fresh.push(element);
    }
    section(c[0], counts[c[0]]).appendChild(element);
  }
  document.getElementById('totals').textContent = totals;
  const kept = anchor === null ? null : main.querySelector(
    'article.preview[data-guid="' + CSS.escape(anchor.split(' ')[0]) + '"][data-ord="' +
    anchor.split(' ')[1] + '"]');
  if (kept) window.scrollBy(0, kept.getBoundingClientRect().top - offset);
  if (fresh.length && window.MathJax && MathJax.typesetPromise) MathJax.typesetPromise(fresh);
  window.flashcardsPreview.redrawn = fresh.length;
}
const CARDS = '<script type="application/json" id="cards">';
let refreshing = false, again = false;
function refresh() {
  if (refreshing) { again = true; return; }
  refreshing = true;
  fetch(location.pathname, {cache: 'no-store'}).then(r => {
    if (!r.ok) throw new Error('the page is gone');
    return r.text();
  }).then(text => {
    const start = text.indexOf(CARDS) + CARDS.length;
    const totals = text.match(/<span id="totals">([^<]*)<\\/span>/);
    if (start < CARDS.length || !totals) throw new Error('not a book page');
    redraw(JSON.parse(text.slice(start, text.indexOf('<\\/script>', start))),
      totals[1]);
  }).catch(() => location.reload()).finally(() => {
    refreshing = false;
    if (again) { again = false; refresh(); }
  });
}
"""
