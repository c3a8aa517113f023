"""What a card shows is exactly what the note says: for a note with every construct the
README lists, the visible text of each card as real Anki renders it equals the text of
its source item (golden file beside the note), and `flashcards list` shows the same."""

from __future__ import annotations

import html
import json
from html.parser import HTMLParser
from pathlib import Path

from conftest import AnkiCollection

from flashcards import build
from flashcards.building.builder import list_cards

CASE = Path(__file__).parent / "text" / "every-construct.md"
EXPECTED = json.loads(CASE.with_suffix(".expected.json").read_text(encoding="utf-8"))


class _TextOf(HTMLParser):
    """The visible text inside the first element whose class is ``wanted``."""

    def __init__(self, wanted: str) -> None:
        super().__init__(convert_charrefs=True)
        self.wanted, self.depth, self.done = wanted, 0, False
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth:
            self.depth += tag not in ("br", "img", "hr", "input")
            if tag in ("br", "li", "p", "td", "th", "tr"):
                self.parts.append(" ")
        elif not self.done and self.wanted in (dict(attrs).get("class") or "").split():
            self.depth = 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1
            self.done = self.depth == 0

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.parts.append(data)


def visible(html: str, wanted: str) -> str:
    parser = _TextOf(wanted)
    parser.feed(html)
    return " ".join("".join(parser.parts).split())


def test_every_construct_shows_its_exact_text_in_anki(
    notes_dir: Path, tmp_path: Path, anki: AnkiCollection
) -> None:
    (notes_dir / CASE.name).write_bytes(CASE.read_bytes())
    report = build([notes_dir], tmp_path / "build")
    assert report.problems == [], "no text is left out, so nothing is reported"
    anki.import_apkg(report.files[0])
    shown = {
        note["Term"]: visible(note.cards()[0].answer(), "definition")
        for note in anki.notes('"note:flashcards Vocab"')
    }
    assert shown == EXPECTED["vocab"]
    for note in anki.notes('"note:flashcards Checklist"'):
        answers = [visible(card.answer(), "cloze") for card in note.cards()]
        assert answers == EXPECTED["checklists"][html.unescape(note["Prompt"])]


def test_list_shows_what_anki_shows(notes_dir: Path) -> None:
    (notes_dir / CASE.name).write_bytes(CASE.read_bytes())
    rows, problems = list_cards([notes_dir])
    assert problems == []
    assert {r.front: r.back for r in rows if r.kind == "vocab"} == EXPECTED["vocab"]
    assert [r.back for r in rows if r.kind == "checklist"] == [
        item for items in EXPECTED["checklists"].values() for item in items
    ]


def test_html_that_cards_do_not_show_is_named(notes_dir: Path, tmp_path: Path) -> None:
    (notes_dir / "n.md").write_text(
        '---\ntitle: "B - Chapter 1"\n---\n## Key Vocab\n'
        "- **Script:** safe <script>alert(1)</script> text\n"
        '- **Frame:** a <iframe src="https://example.org"></iframe> frame\n'
        "- **Handler:** an <img src=x onerror=alert(1)> image\n"
        "- **Open:** a <style> never closed, and the text after it\n"
    )
    report = build([notes_dir], tmp_path / "build")
    assert [(p.line, p.message) for p in report.problems] == [
        (5, "HTML <script> is not allowed on cards; it is left out with its content"),
        (6, "HTML <iframe> is not allowed on cards; the tag is left out, its text stays"),
        (7, "image 'x' not found; the card shows its alt text"),  # raw <img> is packed too
        (8, "HTML <style> is not allowed on cards; the tag is left out, its text stays"),
    ]
    (shown,) = [r.back for r in list_cards([notes_dir])[0] if r.front == "Open"]
    assert shown == "a never closed, and the text after it"  # as the warning says


def test_tags_are_allowed_dangerous_or_text(notes_dir: Path, tmp_path: Path) -> None:
    (notes_dir / "n.md").write_text(
        '---\ntitle: "B - Chapter 1"\n---\n## Key Vocab\n'
        "- **Placeholder:** replace <title> with the book's <name>\n"
        "- **Quote:** she said <q>hello</q> and <center>left</center>\n"
    )
    rows, problems = list_cards([notes_dir])
    assert problems == []
    assert [row.back for row in rows] == [
        "replace <title> with the book's <name>",
        "she said hello and <center>left</center>",
    ]
