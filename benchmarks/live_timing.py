"""The live loop a writer feels, for ``make bench``: with ``watch --preview`` running and
a book page open in headless Chromium, the seconds from saving an edited note to its new
text on the open page.

The edit is the first card's definition of a book's first chapter (a card the page draws
at once); the saved file is written in place, as most editors save. Each save's text is
new, so each is a real change; saves are a random 1-2 s apart, so that a page that polls
is caught at any point of its interval.

``python benchmarks/live_timing.py NOTES`` (a folder that may be edited: it is copied)
"""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import NamedTuple

from browser_timing import chromium

FIRST_DEFINITION = re.compile(r"^(- \*\*[^*\n]+:\*\* )", re.MULTILINE)
SAVES = 5

SHOWN = "m => document.querySelector('main').textContent.includes(m)"


class Live(NamedTuple):
    median: float  # seconds from the save to the new text on the page, median of SAVES
    slowest: float
    reloaded: bool  # whether the page reloaded to show it (else it was updated in place)


def time_live_loop(notes: Path) -> Live | None:
    """Save an edit ``SAVES`` times with ``watch --preview`` on a copy of ``notes``, and
    time each until the open page shows it; ``None`` without Chromium or Playwright."""
    executable = chromium()
    if executable is None:
        return None
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "notes"
        shutil.copytree(notes, folder)
        note = min(folder.rglob("*.md"))
        process = subprocess.Popen(
            [sys.executable, "-m", "flashcards", "watch", str(folder), "-o",
             str(Path(scratch) / "build"), "--preview"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
            env={**os.environ, "NO_COLOR": "1"},
        )  # fmt: skip
        try:
            address = _address(process)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=executable)
                try:
                    return _saves(browser, address, note)
                finally:
                    browser.close()
        finally:
            process.send_signal(signal.SIGINT)
            process.communicate(timeout=30)


def _address(process: subprocess.Popen[str]) -> str:
    """The book pages' address, once the watcher has built and is watching."""
    assert process.stderr is not None
    address = ""
    for line in process.stderr:
        if line.startswith("preview at "):
            address = line.split()[-1]
        if "watching for changes" in line and address:
            threading.Thread(target=process.stderr.read, daemon=True).start()
            return address
    raise RuntimeError("watch --preview stopped before it was watching")


def _saves(browser: object, address: str, note: Path) -> Live:
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(address, wait_until="domcontentloaded")
    page.click("section.book a.open")  # the first book: the note's own
    page.wait_for_selector("article.preview")
    page.evaluate("window.notReloaded = true")
    time.sleep(1.5)  # a page that polls has read the version once
    original = note.read_text(encoding="utf-8")
    times = []
    for save in range(SAVES):
        marker = f"livemarker{save}x{time.time_ns() % 100000}"
        start = time.perf_counter()
        note.write_text(FIRST_DEFINITION.sub(rf"\g<1>{marker} ", original, 1), encoding="utf-8")
        try:
            page.wait_for_function(SHOWN, arg=marker, polling="raf")
        except Exception:  # the page reloaded while it was asked
            page.wait_for_function(SHOWN, arg=marker, polling="raf")
        times.append(time.perf_counter() - start)
        time.sleep(1 + random.random())
    reloaded = not page.evaluate("window.notReloaded === true")
    page.close()
    return Live(statistics.median(times), max(times), reloaded)


if __name__ == "__main__":
    print(time_live_loop(Path(sys.argv[1])))
