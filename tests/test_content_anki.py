"""Card content end to end: images packed as media, and what Anki shows is safe."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import AnkiCollection

from flashcards import build, check
from flashcards.building.builder import read_cards
from flashcards.building.notefile import shown_path

PNG_RED = b"\x89PNG\r\n\x1a\n-red-"
PNG_BLUE = b"\x89PNG\r\n\x1a\n-blue-"

RICH_NOTE = """\
---
title: "Rich Book - Chapter 1"
---
## Key Vocab

- **Euler's identity:** $e^{i\\pi} + 1 = 0$, also written \\(e^{i\\pi} = -1\\).
- **Diagram:** see ![the diagram](img/diagram.png) <script>alert(1)</script>
- **Hash map:** `std::unordered_map<K, V>` costs $5 and $10 <img src=x onerror=alert(1)>
- **Code:**
  ```python
  print("hi")
  ```

## Ideas

- Checks before merging:
    - tests pass $$n^2$$
    - [review](javascript:alert(1)) done
    - no {{c9::sneaky}} clozes
"""


def test_rich_note_imports_with_math_media_and_no_active_content(
    write_note: Callable[..., Path], notes_dir: Path, tmp_path: Path, anki: AnkiCollection
) -> None:
    write_note("rich.md", RICH_NOTE, dedent=False)
    (notes_dir / "img").mkdir()
    (notes_dir / "img" / "diagram.png").write_bytes(PNG_RED)
    (apkg,) = build([notes_dir], tmp_path / "build").files
    anki.import_apkg(apkg)

    euler = anki.note_by_field("Term", "Euler's identity").cards()[0]
    assert r"\(e^{i\pi} + 1 = 0\)" in euler.answer()
    assert r"also written (e^{i\pi} = -1)." in euler.answer()  # escaped: parentheses
    hash_map = anki.note_by_field("Term", "Hash map").cards()[0]
    assert "<code>std::unordered_map&lt;K, V&gt;</code> costs $5 and $10" in hash_map.answer()
    diagram = anki.note_by_field("Term", "Diagram").cards()[0]
    media = Path(anki.col.media.dir())
    stored = [p.name for p in media.iterdir()]
    assert len(stored) == 1 and stored[0].startswith("diagram-")
    assert (media / stored[0]).read_bytes() == PNG_RED
    assert f'src="{stored[0]}"' in diagram.answer()

    checklist = anki.notes('"Prompt:Checks before merging:"')[0]
    cards = checklist.cards()
    assert len(cards) == 3, "the {{c9::...}} in prose made no card"
    assert r"\[n^2\]" in cards[1].question()
    assert "{&#123;c9:&#58;sneaky}&#125;" in cards[0].question()
    for note in anki.notes():
        for card in note.cards():
            for side in (card.question(), card.answer()):
                assert "<script>alert" not in side
                assert "onerror" not in side
                assert "javascript:" not in side


def test_same_image_name_in_two_folders_keeps_both(
    write_note: Callable[..., Path], notes_dir: Path, tmp_path: Path, anki: AnkiCollection
) -> None:
    for folder, data in (("a", PNG_RED), ("b", PNG_BLUE)):
        write_note(
            f"{folder}/note.md",
            f"""\
            ---
            title: "Pictures - Chapter {1 if folder == "a" else 2}"
            ---
            ## Key Vocab
            - **Picture {folder}:** ![d](diagram.png)
            """,
        )
        (notes_dir / folder / "diagram.png").write_bytes(data)
    (apkg,) = build([notes_dir], tmp_path / "build").files
    anki.import_apkg(apkg)
    media = Path(anki.col.media.dir())
    for folder, data in (("a", PNG_RED), ("b", PNG_BLUE)):
        answer = anki.note_by_field("Term", f"Picture {folder}").cards()[0].answer()
        name = answer.split('src="')[1].split('"')[0]
        assert (media / name).read_bytes() == data


@pytest.mark.parametrize(
    "src, message",
    [
        ("missing.png", "image 'missing.png' not found"),
        ("../outside.png", "image '../outside.png' is outside the notes folder; not read"),
        (
            "/etc/hostname",
            "image '/etc/hostname' has an absolute path; give it relative to the note "
            "(in a Hugo site, it is looked up in static/ and assets/; in a Jekyll site, "
            "from the site's folder)",
        ),
        ("link.png", "image 'link.png' is outside the notes folder; not read"),
        (
            "data:image/png;base64,AAAA",
            "image 'data:image/png;base64,AAAA' is neither a local file nor an http(s) URL",
        ),
    ],
    ids=["missing", "parent-folder", "absolute", "symlink-out", "data-url"],
)
def test_bad_image_paths_are_warnings_never_read_and_show_their_alt_text(
    write_note: Callable[..., Path], notes_dir: Path, tmp_path: Path, src: str, message: str
) -> None:
    (tmp_path / "outside.png").write_bytes(PNG_RED)
    os.symlink(tmp_path / "outside.png", notes_dir / "link.png")
    write_note(
        "n.md",
        f"""\
        ---
        title: "Pictures - Chapter 1"
        ---
        ## Key Vocab
        - **Picture:** ![d]({src})
        """,
    )
    report = check([notes_dir])
    assert report.errors == []
    assert [str(p) for p in report.warnings] == [
        f"{shown_path(notes_dir / 'n.md')}:5: warning: {message}; the card shows its alt text"
    ]
    built = build([notes_dir], tmp_path / "build")
    assert built.errors == [] and built.files == [tmp_path / "build" / "pictures.apkg"]
    _, notes, _ = read_cards([notes_dir])
    assert [note.fields[1] for note in notes] == ["d"], "the alt text, never a broken image"


def test_remote_images_stay_links_and_are_not_packed(
    write_note: Callable[..., Path], notes_dir: Path, tmp_path: Path, anki: AnkiCollection
) -> None:
    write_note(
        "n.md",
        """\
        ---
        title: "Pictures - Chapter 1"
        ---
        ## Key Vocab
        - **Remote:** ![d](https://example.org/d.png)
        """,
    )
    (apkg,) = build([notes_dir], tmp_path / "build").files
    anki.import_apkg(apkg)
    answer = anki.note_by_field("Term", "Remote").cards()[0].answer()
    assert 'src="https://example.org/d.png"' in answer
    assert list(Path(anki.col.media.dir()).iterdir()) == []


def test_an_image_link_with_a_query_or_fragment_keeps_its_real_suffix(
    write_note: Callable[..., Path], notes_dir: Path, tmp_path: Path, anki: AnkiCollection
) -> None:
    write_note(
        "note.md",
        """\
        ---
        title: "Pictures - Chapter 1"
        ---
        ## Key Vocab
        - **Query:** ![d](fig.png?raw=true)
        - **Fragment:** ![d](fig.png#zoom)
        """,
    )
    (notes_dir / "fig.png").write_bytes(PNG_RED)
    report = build([notes_dir], tmp_path / "build")
    assert report.problems == []
    anki.import_apkg(report.files[0])
    for term in ("Query", "Fragment"):
        answer = anki.note_by_field("Term", term).cards()[0].answer()
        name = answer.split('src="')[1].split('"')[0]
        assert name.startswith("fig-") and name.endswith(".png"), name
        assert (Path(anki.col.media.dir()) / name).read_bytes() == PNG_RED


def test_an_image_that_is_not_what_its_name_says_is_reported_and_not_packed(
    write_note: Callable[..., Path], notes_dir: Path, tmp_path: Path
) -> None:
    write_note(
        "note.md",
        """\
        ---
        title: "Pictures - Chapter 1"
        ---
        ## Key Vocab
        - **Text:** ![d](notes.png)
        - **Swapped:** ![d](photo.jpg)
        - **Fine:** ![d](fine.png)
        """,
    )
    (notes_dir / "notes.png").write_text("just some text, not a picture\n")
    (notes_dir / "photo.jpg").write_bytes(PNG_RED)
    (notes_dir / "fine.png").write_bytes(PNG_BLUE)
    report = build([notes_dir], tmp_path / "build")
    assert [(p.line, p.severity.value, p.message) for p in report.problems] == [
        (5, "warning", "image 'notes.png' is not a PNG image (it holds text); not packed"),
        (
            6,
            "warning",
            "image 'photo.jpg' is not a JPEG image (its bytes are a PNG image: rename it); "
            "not packed",
        ),
    ]
    import zipfile

    with zipfile.ZipFile(report.files[0]) as archive:
        assert len(archive.namelist()) == 3  # the collection, the media index, fine.png


def test_an_image_over_the_size_limit_is_left_out_with_a_warning(
    write_note: Callable[..., Path], notes_dir: Path, tmp_path: Path
) -> None:
    write_note(
        "note.md",
        """\
        ---
        title: "Pictures - Chapter 1"
        ---
        ## Key Vocab
        - **Big:** ![d](big.png)
        """,
    )
    (notes_dir / "big.png").write_bytes(PNG_RED + b"\0" * 2_000_000)
    (notes_dir / "flashcards.yaml").write_text("max_image_mb: 1\n")
    from click.testing import CliRunner

    from flashcards.cli import cli

    result = CliRunner().invoke(cli, ["build", str(notes_dir), "-o", str(tmp_path / "b")])
    assert result.exit_code == 0
    assert (
        f"{shown_path(notes_dir / 'note.md')}:5: warning: image 'big.png' is larger than 1 MB; "
        "not packed (shrink it, or raise 'max_image_mb' in the configuration)" in result.stderr
    )
    (notes_dir / "flashcards.yaml").write_text("max_image_mb: 3\n")
    result = CliRunner().invoke(cli, ["build", str(notes_dir), "-o", str(tmp_path / "b")])
    assert "warning" not in result.stderr
