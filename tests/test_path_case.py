"""An image linked in another case than its file's (``images/fig.png`` for
``Images/Fig.PNG``) is found on every system, as the default file systems of Windows and
macOS find it, so that the same notes give the same package everywhere; a link that two
files match but for case finds neither, and the file spelled as linked always wins."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import AnkiCollection

from flashcards import build

PNG_RED = b"\x89PNG\r\n\x1a\n-red-"
PNG_BLUE = b"\x89PNG\r\n\x1a\n-blue-"
NOTE = """\
# Figures

## Key Vocab

- **Diagram:** ![the diagram](images/fig.png)
"""


def _media(anki: AnkiCollection) -> list[bytes]:
    return [path.read_bytes() for path in sorted(Path(anki.col.media.dir()).iterdir())]


def test_an_image_linked_in_another_case_is_packed_as_windows_and_macos_find_it(
    write_note: Callable[..., Path], notes_dir: Path, tmp_path: Path, anki: AnkiCollection
) -> None:
    write_note("figures.md", NOTE)
    (notes_dir / "Images").mkdir()
    (notes_dir / "Images" / "Fig.PNG").write_bytes(PNG_RED)
    report = build([notes_dir], tmp_path / "build")
    assert [p.message for p in report.problems] == []
    anki.import_apkg(report.files[0])
    assert _media(anki) == [PNG_RED]
    card = anki.note_by_field("Term", "Diagram")
    assert '<img src="fig-' in card["Definition"], "named as linked, as on Windows and macOS"


def test_two_files_that_differ_only_in_case_leave_the_link_unfound_unless_one_is_spelled_so(
    write_note: Callable[..., Path], notes_dir: Path, tmp_path: Path
) -> None:
    write_note("figures.md", NOTE.replace("images/fig.png", "images/FIG.png"))
    (notes_dir / "images").mkdir()
    (notes_dir / "images" / "Fig.png").write_bytes(PNG_RED)
    (notes_dir / "images" / "fig.PNG").write_bytes(PNG_BLUE)
    report = build([notes_dir], tmp_path / "build")
    assert [p.message for p in report.problems] == [
        "image 'images/FIG.png' not found; the card shows its alt text"
    ]
    (notes_dir / "images" / "FIG.png").write_bytes(PNG_BLUE)  # spelled as linked
    again = build([notes_dir], tmp_path / "build")
    assert again.problems == []


def test_a_notes_folder_typed_in_another_case_is_spelled_as_on_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where case is ignored (Windows, macOS) ``notes`` is the folder ``Notes``: spelled
    as on disk, a build finds what the last one read. Where case counts, a path that is
    there is spelled so already, and two folders that differ only in case stay two."""
    from flashcards.notes.scan import as_on_disk

    (tmp_path / "Study" / "Notes" / "Week 1").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    assert as_on_disk(Path("study/notes/week 1")) == Path("Study/Notes/Week 1")
    assert as_on_disk(tmp_path / "study" / "NOTES") == tmp_path / "Study" / "Notes"
    assert as_on_disk(Path("./Study/../study/notes")) == Path("./Study/../Study/Notes")
    (tmp_path / "Study" / "notes").mkdir()
    assert as_on_disk(Path("Study/notes")) == Path("Study/notes")
    assert as_on_disk(Path("Study/NOTES")) == Path("Study/NOTES"), "two alike: left as typed"
    assert as_on_disk(Path("nowhere/notes")) == Path("nowhere/notes")
