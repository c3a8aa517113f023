"""``watch --preview`` in a real browser (Chromium, driven by Playwright): a saved edit
reaches the open book page without a reload, only the changed cards are drawn again, and
the card the reader was looking at stays where it was."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import wait_for

from flashcards.preview.server import allowed

NOTE = "designing-machine-learning-systems-chapter-01.md"
BOOK = "preview-books/designing-machine-learning-systems.html"


@pytest.fixture
def watching(seed_notes: Path, tmp_path: Path) -> Iterator[str]:
    """``watch --preview`` on the seed note; the address of its book page."""
    process = subprocess.Popen(
        [sys.executable, "-m", "flashcards", "watch", str(seed_notes), "-o",
         str(tmp_path / "build"), "--preview", "--debounce", "50"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "NO_COLOR": "1"},
    )  # fmt: skip
    try:
        assert process.stderr is not None
        address = ""
        while True:
            line = process.stderr.readline()
            assert line, "watch stopped early"
            address = line.split()[-1] if line.startswith("preview at ") else address
            if line.startswith("watching for changes"):
                break
        yield address.replace("preview.html", BOOK)
    finally:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=20)


@pytest.fixture
def small_page(browser: Any) -> Iterator[Any]:
    """A page in a window smaller than the book, so that it scrolls."""
    context = browser.new_context(viewport={"width": 1000, "height": 500})
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda e: errors.append(str(e)))
    opened.errors = errors
    yield opened
    context.close()


def test_an_edit_reaches_the_open_page_in_place_and_keeps_the_scroll(
    watching: str, seed_notes: Path, small_page: Any
) -> None:
    page = small_page
    page.goto(watching)
    assert page.locator("article.preview").count() == 29
    page.evaluate("window.notReloaded = true")
    # the reader is looking at the 13th card, below the one the edit changes
    before = page.evaluate(
        """() => {
          const card = document.querySelectorAll('article.preview')[12];
          card.scrollIntoView();
          window.scrollBy(0, -40);
          card.keptElement = true;
          return {guid: card.dataset.guid, ord: card.dataset.ord,
                  top: card.getBoundingClientRect().top, scrolled: window.scrollY};
        }"""
    )
    assert before["scrolled"] > 0, "the page must scroll for this test to mean anything"
    note = seed_notes / NOTE
    note.write_text(
        note.read_text()
        .replace("- **MLOps:**", "- **Feature store:** shared features\n- **MLOps:**")
        .replace("bringing ML into production", "shipping ML to users")
    )
    wait_for(lambda: bool(page.evaluate("document.body.textContent.includes('shipping ML')")))
    after = page.evaluate(
        """([guid, ord]) => {
          const card = document.querySelector(
            `article.preview[data-guid="${guid}"][data-ord="${ord}"]`);
          return {reloaded: window.notReloaded !== true, same: card.keptElement === true,
                  top: card.getBoundingClientRect().top, scrolled: window.scrollY,
                  cards: document.querySelectorAll('article.preview').length,
                  redrawn: window.flashcardsPreview.redrawn,
                  changed: [...document.querySelectorAll('article.preview')].filter(a =>
                    /shipping ML|Feature store/.test(a.textContent)).length};
        }""",
        [before["guid"], before["ord"]],
    )
    assert not after["reloaded"], "the page was updated in place, not reloaded"
    assert after["cards"] == 30, "the new term's card is drawn"
    assert after["same"], "an unchanged card is the same element, not drawn again"
    assert 0 < after["redrawn"] == after["changed"], "only the changed cards are drawn again"
    assert abs(after["top"] - before["top"]) < 1, "the card read stays where it was"
    assert after["scrolled"] > before["scrolled"], "the new cards above pushed the scroll down"
    assert page.errors == []


def test_the_server_tells_an_open_stream_of_each_new_version(
    watching: str, seed_notes: Path
) -> None:
    events = watching.replace(BOOK, "preview-events")
    note = seed_notes / NOTE
    text = note.read_text()
    with urllib.request.urlopen(events, timeout=20) as stream:
        assert stream.headers["Content-Type"] == "text/event-stream"
        lines = iter(stream)
        first = next(line for line in lines if line.startswith(b"data: "))
        # saved until the stream tells of it: watch may have said it is watching a moment
        # before its watcher was armed, and a save in that moment is not seen
        saving = threading.Event()

        def save() -> None:
            for count in range(60):
                note.write_text(text.replace("bringing ML", f"shipping ML ({count})"))
                if saving.wait(0.5):
                    return

        threading.Thread(target=save, daemon=True).start()
        deadline = time.monotonic() + 30
        try:
            second = next(
                line for line in lines if line.startswith(b"data: ") or time.monotonic() > deadline
            )
        finally:
            saving.set()
    assert second.startswith(b"data: "), "no new version within 30 s"
    assert first != second and b"designing-machine-learning-systems" in second


def test_the_event_stream_is_served_only_to_the_local_host() -> None:
    assert allowed("127.0.0.1:8000", "/preview-events", 8000) == 200
    assert allowed("evil.example:8000", "/preview-events", 8000) == 403
