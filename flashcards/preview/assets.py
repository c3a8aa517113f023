"""The preview page's own stylesheet, script and HTML template (the cards use the note
types' stylesheet)."""

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

SCRIPT = """
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

TEMPLATE = """<!DOCTYPE html>
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
