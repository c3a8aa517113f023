"""The preview's times in a real browser (headless Chromium through Playwright), for
``make bench``: how long the index and a book page take to be ready, and a filter."""

from __future__ import annotations

import importlib.util
import shutil
import time
from pathlib import Path
from typing import NamedTuple

CHROMIUM = ("/usr/bin/chromium-headless-shell", "/usr/lib/chromium/chromium-headless-shell")


class Timing(NamedTuple):
    index: float  # seconds until the index page's DOMContentLoaded
    ready: float  # seconds until a book page's DOMContentLoaded with its first cards drawn
    nodes: int  # elements on the book page once ready
    filtered: float  # seconds to apply a filter on the book page and draw what it keeps


def time_pages(index: Path, book: Path) -> Timing | None:
    """Median times of opening ``index`` and ``book`` and filtering ``book``; ``None``
    where there is no Chromium or no Playwright."""
    executable = chromium()
    if executable is None:
        return None
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable)
        try:
            runs = [_once(browser, index, book) for _ in range(3)]
        finally:
            browser.close()
    runs.sort(key=lambda timing: timing.ready)
    return runs[1]


def chromium() -> str | None:
    """Debian's headless Chromium, where it and Playwright are installed."""
    if importlib.util.find_spec("playwright") is None:
        return None
    return shutil.which("chromium-headless-shell") or next(
        (path for path in CHROMIUM if Path(path).exists()), None
    )


def _once(browser: object, index: Path, book: Path) -> Timing:
    page = browser.new_page()  # type: ignore[attr-defined]
    try:
        start = time.perf_counter()
        page.goto(index.as_uri(), wait_until="domcontentloaded")
        opened_index = time.perf_counter() - start
        start = time.perf_counter()
        page.goto(book.as_uri(), wait_until="domcontentloaded")
        page.wait_for_selector("article.preview")
        ready = time.perf_counter() - start
        nodes = int(page.evaluate("document.getElementsByTagName('*').length"))
        filtered = float(
            page.evaluate(
                """() => new Promise(done => {
                const start = performance.now();
                window.flashcardsPreview.apply('kind:vocab model');
                requestAnimationFrame(() => setTimeout(
                  () => done((performance.now() - start) / 1000), 0));
              })"""
            )
        )
        return Timing(opened_index, ready, nodes, filtered)
    finally:
        page.close()
