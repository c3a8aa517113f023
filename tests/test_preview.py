"""``flashcards preview``: an index page and a page per book that show every card as Anki
will, checked against real Anki's rendering and used in a real browser (Chromium, driven
by Playwright)."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import ARTIFACTS, SEED_NOTE, AnkiCollection, wait_for
from test_content_anki import PNG_RED, RICH_NOTE
from test_inline_cards import SPANISH

from flashcards import build
from flashcards.cli import cli
from flashcards.preview.page import write_preview

EVERY_CONSTRUCT = Path(__file__).parent / "text" / "every-construct.md"


@pytest.fixture
def content_notes(notes_dir: Path) -> Path:
    """The seed note and the content fixtures: every construct, images, math, code."""
    (notes_dir / "seed.md").write_bytes(SEED_NOTE.read_bytes())
    (notes_dir / "every-construct.md").write_bytes(EVERY_CONSTRUCT.read_bytes())
    (notes_dir / "rich.md").write_text(RICH_NOTE, encoding="utf-8")
    (notes_dir / "inline.md").write_text(SPANISH, encoding="utf-8")  # clozes with hints
    (notes_dir / "img").mkdir()
    (notes_dir / "img" / "diagram.png").write_bytes(PNG_RED)
    return notes_dir


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    opened = context.new_page()
    errors: list[str] = []
    opened.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    opened.on("pageerror", lambda e: errors.append(str(e)))
    opened.errors = errors
    yield opened
    context.close()


def only_book(made: Any) -> Path:
    """The one book page of a preview of one book."""
    assert len(made.pages) == 1, made.pages
    return Path(next(iter(made.pages.values())))


def page_data(path: Path) -> dict[str, Any]:
    """The cards a book page holds, as its script reads them."""
    text = path.read_text(encoding="utf-8")
    start = text.index('<script type="application/json" id="cards">') + 43
    return dict(json.loads(text[start : text.index("</script>", start)]))


def show_all(page: Any) -> None:
    """Draw every card of the book page now (it draws them as they scroll into view)."""
    page.evaluate("window.flashcardsPreview.showAll()")


def visible(page: Any, html: str) -> str:
    """The text a browser shows for a card's HTML (with its stylesheet)."""
    page.set_content(f'<div class="card">{html}</div>')
    return " ".join(page.inner_text(".card").split())


def test_every_side_of_every_card_shows_what_anki_shows(
    content_notes: Path, tmp_path: Path, anki: AnkiCollection, browser: Any
) -> None:
    out = tmp_path / "build"
    report = build([content_notes], out)
    for apkg in report.files:
        anki.import_apkg(apkg)
    made = write_preview([content_notes], out)
    scratch = browser.new_page()
    previews = []
    for path in made.pages.values():
        preview = browser.new_page()
        preview.goto(path.as_uri())
        show_all(preview)
        previews.append(preview)
    compared = 0
    for card_id in anki.col.find_cards(""):
        card = anki.col.get_card(card_id)
        guid = card.note().guid
        selector = f'article[data-guid="{guid}"][data-ord="{card.ord}"]'
        found = [p.locator(selector) for p in previews if p.locator(selector).count()]
        assert len(found) == 1 and found[0].count() == 1, f"card {guid}/{card.ord} is shown"
        for side, html in (("front", card.question()), ("back", card.answer())):
            ours = " ".join(found[0].locator(f".{side} .card").inner_text().split())
            assert ours == visible(scratch, html), f"{guid}/{card.ord} {side}"
        compared += 1
    assert compared == made.cards == sum(report.cards_by_deck.values())


def test_the_page_works_in_a_browser(seed_notes: Path, tmp_path: Path, page: Any) -> None:
    out = tmp_path / "build"
    made = write_preview([seed_notes], out)
    listed = CliRunner().invoke(cli, ["list", str(seed_notes), "--format", "json"])
    count = len(json.loads(listed.stdout)["cards"])
    page.goto(made.path.as_uri())
    assert page.locator("section.book").count() == 1
    assert page.inner_text("section.book .count") == "29 cards"
    assert page.inner_text("section.book .warned") == "8 warnings"
    warnings = page.locator(".warnings > ul > li")
    assert warnings.count() == 1, "eight of a kind about one note: one line"
    assert warnings.first.inner_text().endswith(
        ":21: warning: 8 terms have no definition, so no card: supervised learning, "
        "holistic approach, production ML, …"
    )
    every = warnings.first.locator("details li")
    assert not every.first.is_visible()
    warnings.first.locator("summary").click()
    assert every.count() == 8 and every.first.is_visible(), "it opens to list them all"
    assert every.last.inner_text().endswith(
        ":33: warning: 'online learning' has no definition; no card made"
    )
    page.click("section.book a.open")
    assert page.url == only_book(made).as_uri()
    cards = page.locator("article.preview")
    assert cards.count() == count == 29
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "preview.png"))

    first = cards.first
    assert first.locator(".back .card").is_visible()
    page.click("#flipmode")
    assert not first.locator(".back .card").is_visible(), "answers hidden until flipped"
    first.click()
    assert first.locator(".back .card").is_visible(), "a click flips the card"
    second = cards.nth(1)
    second.focus()
    page.keyboard.press("Space")
    assert second.locator(".back .card").is_visible(), "Space flips the focused card"

    light = first.locator(".front .card").evaluate("e => getComputedStyle(e).backgroundColor")
    page.click("#dark")
    assert "nightMode" in (page.get_attribute("body", "class") or "")
    dark = first.locator(".front .card").evaluate("e => getComputedStyle(e).backgroundColor")
    assert (light, dark) == ("rgb(253, 253, 252)", "rgb(30, 30, 32)")
    page.screenshot(path=str(ARTIFACTS / "preview-dark.png"))

    page.fill("#filter", "kind:vocab")
    wait_for(lambda: page.inner_text("#shown") == "3")
    assert page.locator("article.preview:visible").count() == 3
    assert page.inner_text("section.deck .count") == "3"
    page.fill("#filter", "deck:designing tag:mlops ask")
    wait_for(lambda: page.locator("article.preview:visible").count() == 4)  # "..., ask:"
    page.fill("#filter", "")
    wait_for(lambda: page.locator("article.preview:visible").count() == 29)
    page.go_back()
    page.fill("#filter", "no such book")
    assert page.locator("section.book:visible").count() == 0
    page.fill("#filter", "designing")
    assert page.locator("section.book:visible").count() == 1
    assert page.errors == []


def _contrast(page: Any, selector: str) -> float:
    return float(
        page.evaluate(
            """selector => {
            const element = document.querySelector(selector);
            const card = element.closest('.card');
            const rgb = c => c.match(/\\d+/g).slice(0, 3).map(Number);
            const lum = c => {
              const [r, g, b] = rgb(c).map(v => v / 255).map(
                v => v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4));
              return 0.2126 * r + 0.7152 * g + 0.0722 * b;
            };
            const fg = lum(getComputedStyle(element).color);
            const bg = lum(getComputedStyle(card).backgroundColor);
            return (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
          }""",
            selector,
        )
    )


def test_context_and_source_text_reach_4_5_to_1_in_both_modes(
    seed_notes: Path, tmp_path: Path, page: Any
) -> None:
    made = write_preview([seed_notes], tmp_path / "build")
    page.goto(only_book(made).as_uri())
    selectors = (".back .meta .context", ".back .meta .source", ".front .context.top")
    for mode in ("light", "dark"):
        for selector in selectors:
            assert _contrast(page, selector) >= 4.5, f"{selector} in {mode} mode"
        page.click("#dark")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_pages_follow_the_system_until_the_switch_is_used(
    seed_notes: Path, tmp_path: Path, browser: Any, scheme: str
) -> None:
    """Dark when the system prefers dark (as Anki's night mode), light when it prefers
    light; the switch turns the other way, and the choice is kept across pages."""
    made = write_preview([seed_notes], tmp_path / "build")
    context = browser.new_context(color_scheme=scheme)
    try:
        page = context.new_page()
        background = "e => getComputedStyle(e).backgroundColor"
        colors = {"light": "rgb(242, 242, 244)", "dark": "rgb(20, 20, 22)"}
        other = "light" if scheme == "dark" else "dark"
        for path in (made.path, only_book(made)):
            page.goto(path.as_uri())
            assert page.locator("body").evaluate(background) == colors[scheme], path.name
            assert ("nightMode" in (page.get_attribute("body", "class") or "")) == (
                scheme == "dark"
            )
        page.click("#dark")
        assert page.locator("body").evaluate(background) == colors[other]
        for path in (made.path, only_book(made)):
            page.goto(path.as_uri())
            assert page.locator("body").evaluate(background) == colors[other], "kept"
        page.click("#dark")
        page.reload()
        assert page.locator("body").evaluate(background) == colors[scheme]
    finally:
        context.close()


def test_the_page_is_self_contained(content_notes: Path, tmp_path: Path) -> None:
    out = tmp_path / "build"
    made = write_preview([content_notes], out)
    pages = [made.path, *made.pages.values()]
    for path in pages:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r'<(script|link|img)\b[^>]*\b(src|href)="https?:', text)
        assert "preview-mathjax.js" not in text
    sides = [c[4] + c[5] for path in made.pages.values() for c in page_data(path)["cards"]]
    text = "".join(sides)
    assert not re.search(r'<(script|link|img)\b[^>]*\b(src|href)="https?:', text)
    images = re.findall(r'<img src="\.\./(preview-media/[^"]+)"', text)
    assert images and all((out / src).is_file() for src in images)
    assert '<img src="x"' not in text, "an image the note names but cannot be read: its alt"
    assert "\\(e^{i\\pi} + 1 = 0\\)" in text, "without MathJax, math shows as TeX"


def test_the_command_writes_the_page_and_takes_a_mathjax_file(
    seed_notes: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    mathjax = tmp_path / "tex-svg.js"
    mathjax.write_text("window.typeset = true;\n")
    result = CliRunner().invoke(cli, ["preview", "--mathjax", str(mathjax)])
    assert result.exit_code == 0, result.output
    assert result.stdout == "29 cards: build/preview.html\n"
    warned = [line for line in result.stderr.splitlines() if ": warning: " in line]
    assert len(warned) == 1 and ": 8 terms have no definition, so no card: " in warned[0]
    assert (tmp_path / "build" / "preview-mathjax.js").read_text() == mathjax.read_text()
    book = tmp_path / "build" / "preview-books" / "designing-machine-learning-systems.html"
    assert '<script src="../preview-mathjax.js"></script>' in book.read_text()
    verbose = CliRunner().invoke(cli, ["preview", "-v", "-o", "verbose"])
    assert len([line for line in verbose.stderr.splitlines() if ": warning: " in line]) == 8


def test_watch_serves_the_preview_and_reloads_it_after_each_rebuild(
    seed_notes: Path, tmp_path: Path, page: Any
) -> None:
    note = seed_notes / "designing-machine-learning-systems-chapter-01.md"
    process = subprocess.Popen(
        [sys.executable, "-m", "flashcards", "watch", str(seed_notes), "-o",
         str(tmp_path / "build"), "--preview", "--debounce", "50"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "NO_COLOR": "1"},
    )  # fmt: skip
    try:
        assert process.stderr is not None
        address = ""
        while not address:
            line = process.stderr.readline()
            assert line, "watch stopped early"
            if line.startswith("preview at "):
                address = line.split()[-1]
        assert address.startswith("http://127.0.0.1:")
        wait_for(lambda: (tmp_path / "build" / "preview-version.txt").exists())
        page.goto(address)
        page.click("section.book a.open")
        assert page.locator("article.preview").count() == 29
        book = tmp_path / "build" / "preview-books" / "designing-machine-learning-systems.html"
        time.sleep(1.2)  # the page has read the version once
        note.write_text(
            note.read_text().replace(
                "- **MLOps:**", "- **Feature store:** shared features\n- **MLOps:**"
            )
        )
        wait_for(lambda: page.locator("article.preview").count() == 30)
        address = address.replace("preview.html", "preview-books/" + book.name)
        with urllib.request.urlopen(address, timeout=5) as response:
            assert "Feature store" in response.read().decode()
    finally:
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=20)
    assert stderr.splitlines()[-1] == "stopped watching"
    assert page.errors == []


def test_a_note_error_is_on_the_page_and_fails_the_command(
    seed_notes: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (seed_notes / "broken.md").write_text("---\ntitle: [\n---\n")
    result = CliRunner().invoke(cli, ["preview"])
    assert result.exit_code == 1
    page = (tmp_path / "build" / "preview.html").read_text()
    assert "notes/broken.md:3: error: front matter is not valid YAML" in page
    book = tmp_path / "build" / "preview-books" / "designing-machine-learning-systems.html"
    assert len(page_data(book)["cards"]) == 29, "the other notes' cards are shown"


def test_the_preview_does_not_grow_with_the_number_of_books(tmp_path: Path, page: Any) -> None:
    from test_scale import MARKER, many_books

    made = {}
    for books in (2, 8):  # the same 2 books, then 6 more: 2,800 cards
        notes = many_books(tmp_path / "notes", books=books, chapters=10)
        made[books] = write_preview([notes], tmp_path / f"build-{books}")
        assert made[books].cards == books * 350
    first = "book-0"
    small, large = made[2], made[8]
    assert small.pages[first].read_bytes() == large.pages[first].read_bytes()
    index_small, index_large = small.path.read_bytes(), large.path.read_bytes()
    assert MARKER.encode() not in index_large, "the index holds no card"
    per_book = (len(index_large) - len(index_small)) / 6
    assert per_book < 300 + 10 * 200, "a line a book and a link a deck (10 decks)"

    def elements(url: str) -> int:
        page.goto(url)
        return int(page.evaluate("document.getElementsByTagName('*').length"))

    per_book = (elements(large.path.as_uri()) - elements(small.path.as_uri())) / 6
    assert per_book <= 5 + 3 * 10, "a book's row: its title, counts and its 10 decks"
    assert elements(small.pages[first].as_uri()) == elements(large.pages[first].as_uri())
    drawn = page.locator("article.preview").count()
    assert 0 < drawn <= 150, "a book page draws the cards on screen, not all 350"
    page.mouse.wheel(0, 200_000)
    wait_for(lambda: page.locator("article.preview").count() > drawn)
    page.fill("#filter", "term 3-1")
    wait_for(lambda: page.inner_text("#shown") == "11")  # Term 3-1 and 3-10 … 3-19
    assert page.locator("article.preview:visible").count() == 11
    page.fill("#filter", "")
    wait_for(lambda: page.inner_text("#shown") == "350")
    show_all(page)
    assert page.locator("article.preview").count() == 350
    page.goto(large.path.as_uri())
    page.locator("section.book").first.get_by_role("link", name="Chapter 03", exact=True).click()
    wait_for(lambda: page.inner_text("#shown") == "35")  # a deck's link: its 35 cards
    assert page.locator("section.deck").count() == 1
    assert page.errors == []


def test_a_preview_writes_again_only_the_books_that_changed(
    notes_dir: Path, tmp_path: Path
) -> None:
    from test_scale import many_books

    notes = many_books(notes_dir, books=3, chapters=2, terms=3)
    (notes / "musings.md").write_text('---\ntitle: "Musings"\n---\nJust prose, no card.\n')
    out = tmp_path / "build"
    first = write_preview([notes], out)
    assert first.written == ["book-0", "book-1", "book-2"], "a book of no card has no page"
    assert "Musings" not in first.path.read_text()
    times = {book: path.stat().st_mtime_ns for book, path in first.pages.items()}
    note = notes / "book-001" / "chapter-02.md"
    note.write_text(note.read_text().replace("meaning of term 1", "sense of term 1"))
    again = write_preview([notes], out)
    assert again.written == ["book-1"]
    assert {b: p.stat().st_mtime_ns for b, p in again.pages.items() if b != "book-1"} == {
        b: t for b, t in times.items() if b != "book-1"
    }
    assert "sense of term 1" in again.pages["book-1"].read_text()
    (notes / "book-002" / "chapter-01.md").unlink()
    (notes / "book-002" / "chapter-02.md").unlink()
    last = write_preview([notes], out)
    assert last.written == [] and sorted(last.pages) == ["book-0", "book-1"]
    assert not (out / "preview-books" / "book-2.html").exists(), "a gone book's page goes"
    assert write_preview([notes], out, live=True).written == ["book-0", "book-1"]


def test_a_preview_after_a_build_reads_only_the_books_that_changed(
    notes_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from test_scale import many_books

    import flashcards.preview.page as preview_page

    notes = many_books(notes_dir, books=4, chapters=3, terms=3)
    out = tmp_path / "build"
    build([notes], out)
    write_preview([notes], out)
    read: list[str] = []
    real = preview_page.process_files

    def reading(files: Any, *args: Any, **kwargs: Any) -> Any:
        read.extend(Path(path).relative_to(notes).as_posix() for path, _ in files)
        return real(files, *args, **kwargs)

    monkeypatch.setattr(preview_page, "process_files", reading)
    note = notes / "book-002" / "chapter-01.md"
    note.write_text(note.read_text().replace("meaning of term 1", "sense of term 1"))
    (notes / "book-002" / "broken.md").write_text("---\ntitle: [\n---\n")
    build([notes], out)  # as watch --preview does: the build, then the preview
    again = write_preview([notes], out)
    assert sorted(read) == [
        "book-002/broken.md", "book-002/chapter-01.md", "book-002/chapter-02.md",
        "book-002/chapter-03.md",
    ]  # fmt: skip
    assert again.written == ["book-2"]
    fresh = write_preview([notes], tmp_path / "fresh")
    assert again.path.read_bytes() == fresh.path.read_bytes(), "the same index as a full read"
    assert again.cards == fresh.cards == 4 * 3 * 8
    assert "broken.md:3: error: front matter is not valid YAML" in again.path.read_text()
    read.clear()
    assert write_preview([notes], out).written == [] and sorted(read) == ["book-002/broken.md"]
    (out / "preview-books" / "book-0.html").unlink()  # a page removed by hand
    assert write_preview([notes], out).written == ["book-0"]


def test_a_preview_writes_again_a_book_whose_missing_image_appeared(
    notes_dir: Path, vault_missing_image: Path, tmp_path: Path
) -> None:
    vault = vault_missing_image
    out = tmp_path / "build"
    build([notes_dir], out)
    first = write_preview([notes_dir], out)
    assert first.written == ["topics"] and "not found in the vault" in first.path.read_text()
    assert write_preview([notes_dir], out).written == []
    (vault / "Files").mkdir()
    (vault / "Files" / "plug.png").write_bytes(PNG_RED)
    again = write_preview([notes_dir], out)  # no build in between
    assert again.written == ["topics"]
    assert "not found in the vault" not in again.path.read_text()
