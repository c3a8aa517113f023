r"""A note's escaped brackets and parentheses (``see \[1\] and f\(x\)``) show on the card as
the note's own tool shows them: brackets, never math that Anki's MathJax typesets. They
are math only where the folder's tool makes them so (an MkDocs site with Arithmatex, a
Hugo site with Goldmark's passthrough); ``$..$`` is math everywhere."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import AnkiCollection

from flashcards import build
from flashcards.cards.render import render
from flashcards.notes.markdown import parse_markdown
from flashcards.notes.mathsites import math_config

NOTE = """\
# Notation

## Key Vocab

- **Citation:** see \\[1\\] and f\\(x\\), or $e^{i\\pi} = -1$
- **Backslash:** a path C:\\\\[drive\\\\] or a \\\\(group\\\\)
- **Display:** the sum \\[\\sum_i x_i\\] of all
"""
ARITHMATEX = """\
site_name: Notes
markdown_extensions:
  - admonition
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
  - pymdownx.arithmatex:
      generic: true
"""
HUGO_PASSTHROUGH = """\
[markup.goldmark.extensions.passthrough]
enable = true
[markup.goldmark.extensions.passthrough.delimiters]
block = [['\\[', '\\]'], ['$$', '$$']]
inline = [['\\(', '\\)']]
"""


def _definitions(anki: AnkiCollection) -> dict[str, str]:
    return {note["Term"]: note["Definition"] for note in anki.notes('"note:flashcards Vocab"')}


@pytest.mark.parametrize(
    "site, citation, display",
    [
        (None, r"see [1] and f(x), or \(e^{i\pi} = -1\)", r"the sum [\sum_i x_i] of all"),
        (
            ARITHMATEX,
            r"see \[1\] and f\(x\), or \(e^{i\pi} = -1\)",
            r"the sum \[\sum_i x_i\] of all",
        ),
    ],
    ids=["brackets-in-a-plain-folder", "math-in-an-mkdocs-site-with-arithmatex"],
)
def test_escaped_brackets_are_math_only_where_the_site_makes_them_math(
    write_note: Callable[..., Path],
    notes_dir: Path,
    tmp_path: Path,
    anki: AnkiCollection,
    site: str | None,
    citation: str,
    display: str,
) -> None:
    if site is not None:
        (notes_dir / "mkdocs.yml").write_text(site)
    write_note("docs/notation.md", NOTE)
    (apkg,) = build([notes_dir], tmp_path / "build").files
    anki.import_apkg(apkg)
    shown = _definitions(anki)
    assert shown["Citation"] == citation and shown["Display"] == display
    # a written backslash before ( or [ stands apart, so that MathJax finds no opener
    assert shown["Backslash"] == r"a path C:<span>\</span>[drive\] or a <span>\</span>(group\)"


def test_a_changed_site_configuration_reads_its_notes_again(
    write_note: Callable[..., Path], notes_dir: Path, tmp_path: Path, anki: AnkiCollection
) -> None:
    (notes_dir / "mkdocs.yml").write_text("site_name: Notes\n")
    write_note("docs/notation.md", NOTE)
    out = tmp_path / "build"
    build([notes_dir], out)
    (notes_dir / "mkdocs.yml").write_text(ARITHMATEX)
    (apkg,) = build([notes_dir], out).files
    anki.import_apkg(apkg)
    assert _definitions(anki)["Citation"].startswith(r"see \[1\] and f\(x\)")


@pytest.mark.parametrize(
    "name, config, openers",
    [
        ("mkdocs.yml", ARITHMATEX, "(["),
        ("mkdocs.yaml", "markdown_extensions: [pymdownx.arithmatex]\n", "(["),
        (
            "mkdocs.yml",
            "markdown_extensions:\n- pymdownx.arithmatex:\n    inline_syntax: [dollar]\n",
            "[",
        ),
        (
            "mkdocs.yml",
            "markdown_extensions:\n- pymdownx.arithmatex:\n    block_syntax: [dollar]\n",
            "(",
        ),
        ("mkdocs.yml", "site_name: x\nmarkdown_extensions: [admonition]\n", ""),
        ("mkdocs.yml", "site_name: [unclosed\n", ""),
        ("hugo.toml", HUGO_PASSTHROUGH, "(["),
        ("hugo.toml", HUGO_PASSTHROUGH.replace("true", "false"), ""),
        ("config.toml", "baseURL = 'https://example.org/'\n", ""),
        (
            "hugo.json",
            json.dumps(
                {
                    "markup": {
                        "goldmark": {
                            "extensions": {
                                "passthrough": {
                                    "enable": True,
                                    "delimiters": {"inline": [["\\(", "\\)"], ["$", "$"]]},
                                }
                            }
                        }
                    }
                }
            ),
            "(",
        ),
    ],
)
def test_the_site_configuration_says_which_escapes_are_math(
    tmp_path: Path, name: str, config: str, openers: str
) -> None:
    (tmp_path / name).write_text(config)
    folder = tmp_path / "content" / "chapter"
    folder.mkdir(parents=True)
    math_config.cache_clear()
    assert math_config(str(folder)) == (str(tmp_path / name), openers)


def test_a_folder_in_no_site_has_no_escaped_math(tmp_path: Path) -> None:
    math_config.cache_clear()
    assert math_config(str(tmp_path))[1] == ""


@pytest.mark.parametrize(
    "markdown, expected",
    [
        (r"a \\(b\) c", r"a <span>\</span>(b) c"),  # a written backslash, then ( and )
        (r"`\(x\)` is code", r"<code>\(x\)</code> is code"),  # MathJax skips code
        (
            "<div>\\(x\\) and \\[y\\]</div>\n",
            r"<div><span>\</span>(x\) and <span>\</span>[y\]</div>",
        ),
        ('<div title="\\(x\\)">y</div>\n', '<div title="\\(x\\)">y</div>'),
    ],
)
def test_no_backslash_before_a_bracket_is_left_for_mathjax(markdown: str, expected: str) -> None:
    assert render(parse_markdown(markdown)) == expected


ANKI_WEB = Path(__file__).resolve().parent.parent / ".venv/anki-mathjax/_aqt/data/web/js"


def test_anki_s_own_mathjax_typesets_only_the_math(browser: Any, tmp_path: Path) -> None:
    """The cards' HTML in Chromium with the MathJax and settings that Anki's desktop app
    ships (the ``aqt`` wheel's): only the note's math is typeset."""
    if not (ANKI_WEB / "mathjax.js").is_file():
        if os.environ.get("FLASHCARDS_REQUIRE_BROWSER"):
            pytest.fail(f"no Anki MathJax at {ANKI_WEB}: make test fetches it")
        pytest.skip("no Anki MathJax: `make test` fetches it (the aqt wheel)")
    settings = (ANKI_WEB / "mathjax.js").read_text(encoding="utf-8")
    vendor = ANKI_WEB / "vendor" / "mathjax"
    settings = settings.replace('"/_anki/js/vendor/mathjax"', json.dumps(vendor.as_uri()))
    fields = [render(parse_markdown(line)) for line in NOTE.splitlines()[4:]]
    fields.append(render(parse_markdown("<div>\\(x\\)</div>\n")))
    body = "".join(f'<div class="field">{field}</div>' for field in fields)
    page = tmp_path / "card.html"
    page.write_text(
        f"<!doctype html><meta charset=utf-8><script>{settings}</script>"
        f'<script src="{(vendor / "tex-chtml-full.js").as_uri()}"></script>{body}',
        encoding="utf-8",
    )
    tab = browser.new_page()
    try:
        tab.goto(page.as_uri())
        tab.wait_for_function("window.MathJax && MathJax.typesetPromise")
        tab.evaluate("MathJax.typesetPromise()")
        typeset = tab.evaluate(
            "[...document.querySelectorAll('.field')].map(f => "
            "[f.querySelectorAll('mjx-container').length, f.innerText])"
        )
    finally:
        tab.close()
    citation, backslash, display, raw = typeset
    assert citation[0] == 1 and citation[1].startswith("Citation: see [1] and f(x), or")
    assert backslash == [0, r"Backslash: a path C:\[drive\] or a \(group\)"]
    assert display == [0, r"Display: the sum [\sum_i x_i] of all"]
    assert raw == [0, r"\(x\)"]
