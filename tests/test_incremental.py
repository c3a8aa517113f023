"""A build reads only what changed: nothing at all when nothing changed (a scan of sizes
and times), and only the files of the books whose notes changed otherwise; it writes
only those books' packages and state."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import pytest

from flashcards import BuildOptions, build
from flashcards.building.state import BOOKS_FOLDER, STATE_FILE

PNG = b"\x89PNG\r\n\x1a\n-one-"


@pytest.fixture
def library(notes_dir: Path) -> Path:
    for book in ("Alpha", "Beta", "Gamma"):
        for chapter in (1, 2, 3):
            folder = notes_dir / book.lower()
            folder.mkdir(exist_ok=True)
            (folder / f"ch{chapter}.md").write_text(
                f'---\ntitle: "{book} - Chapter {chapter}"\n---\n## Key Vocab\n'
                f"- **Term {chapter}:** meaning {chapter}\n"
            )
    return notes_dir


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    import flashcards.building.notefile as notefile

    read: list[str] = []
    real = notefile.process_file

    def counting(file: tuple[str, str], **options: Any) -> Any:
        path = Path(file[0])
        read.append(f"{path.parent.name}/{path.name}")
        return real(file, **options)

    monkeypatch.setattr(notefile, "process_file", counting)
    return read


def times(out: Path) -> dict[str, int]:
    return {str(p.relative_to(out)): p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}


def test_an_unchanged_build_reads_no_note_and_writes_nothing(
    library: Path, tmp_path: Path, reads: list[str]
) -> None:
    out = tmp_path / "build"
    first = build([library], out)
    assert len(reads) == 9 and len(first.files) == 3
    before = times(out)
    reads.clear()
    again = build([library], out)
    assert reads == []
    assert again.nothing_changed
    assert (again.unchanged_notes, sum(again.cards_by_deck.values())) == (9, 9)
    assert again.cards_by_deck == first.cards_by_deck
    after = times(out)
    del before[STATE_FILE], after[STATE_FILE]  # dated to the build, never rewritten
    assert after == before


def test_one_changed_note_reads_and_writes_only_its_book(
    library: Path, tmp_path: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "build"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    build([library], out)
    before = times(out)
    reads.clear()
    # a minute later: a build that gives no card a new id rewrites no file for ids
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000060")
    import flashcards.building.bookwork as builder

    loaded: list[str] = []
    real_load = builder.load_book

    def loading(folder: Path, book: str, manifest: Any) -> Any:
        loaded.append(book)
        return real_load(folder, book, manifest)

    monkeypatch.setattr(builder, "load_book", loading)
    note = library / "beta" / "ch2.md"
    note.write_text(note.read_text().replace("meaning 2", "a new meaning"))
    report = build([library], out)
    assert sorted(reads) == ["beta/ch1.md", "beta/ch2.md", "beta/ch3.md"]
    assert loaded == ["beta"], "only the changed book's stamps are loaded"
    assert report.files == [out / "beta.apkg"]
    assert (len(report.notes), report.unchanged_notes) == (3, 6)
    assert sum(report.cards_by_deck.values()) == 9
    after = times(out)
    changed = sorted(name for name in after if after[name] != before.get(name))
    assert changed == [f"{BOOKS_FOLDER}/beta.json", STATE_FILE, "beta.apkg"]


def test_a_changed_image_reads_its_note_again(
    library: Path, tmp_path: Path, reads: list[str]
) -> None:
    note = library / "gamma" / "ch1.md"
    note.write_text(note.read_text() + "- **Picture:** ![p](p.png)\n")
    (library / "gamma" / "p.png").write_bytes(PNG)
    out = tmp_path / "build"
    build([library], out)
    reads.clear()
    (library / "gamma" / "p.png").write_bytes(PNG + b"-two-")
    report = build([library], out)
    assert sorted(reads) == ["gamma/ch1.md", "gamma/ch2.md", "gamma/ch3.md"]
    assert report.files == [out / "gamma.apkg"]


def packed_media(package: Path) -> list[str]:
    with zipfile.ZipFile(package) as archive:
        return sorted(json.loads(archive.read("media")).values())


def test_an_image_added_after_the_warning_reads_its_note_again(
    library: Path, tmp_path: Path, reads: list[str]
) -> None:
    note = library / "gamma" / "ch1.md"
    note.write_text(note.read_text() + "- **Picture:** a view ![p](img/p.png)\n")
    out = tmp_path / "build"
    first = build([library], out)
    assert [p.message for p in first.problems] == [
        "image 'img/p.png' not found; the card shows its alt text"
    ]
    reads.clear()
    assert build([library], out).nothing_changed, "still missing: nothing to read"
    assert reads == []
    (library / "gamma" / "img").mkdir()
    (library / "gamma" / "img" / "p.png").write_bytes(PNG)
    report = build([library], out)
    assert sorted(reads) == ["gamma/ch1.md", "gamma/ch2.md", "gamma/ch3.md"]
    assert (report.problems, report.files) == ([], [out / "gamma.apkg"])
    assert len(packed_media(out / "gamma.apkg")) == 1
    assert build([library], out).nothing_changed


def test_a_vault_image_added_anywhere_after_the_warning_reads_its_note_again(
    notes_dir: Path, vault_missing_image: Path, tmp_path: Path, reads: list[str]
) -> None:
    vault = vault_missing_image
    out = tmp_path / "build"
    first = build([notes_dir], out)  # in this process, as watch builds again and again
    assert [p.message for p in first.problems] == [
        "image 'plug.png' not found in the vault; the card shows its alt text"
    ]
    (vault / "Hidden.png").write_bytes(PNG)  # another name: nothing to read again
    (vault / ".trash").mkdir()
    (vault / ".trash" / "plug.png").write_bytes(PNG)  # where Obsidian does not look
    reads.clear()
    assert build([notes_dir], out).nothing_changed and reads == []
    (vault / "Files" / "Pictures").mkdir(parents=True)
    (vault / "Files" / "Pictures" / "plug.png").write_bytes(PNG)
    report = build([notes_dir], out)
    assert reads == ["Topics/Sockets.md"]
    assert report.problems == []
    (package,) = report.files
    assert len(packed_media(package)) == 1


def test_an_image_recorded_missing_is_checked_in_the_state(library: Path, tmp_path: Path) -> None:
    note = library / "gamma" / "ch1.md"
    note.write_text(note.read_text() + "- **Picture:** a view ![p](p.png)\n")
    out = tmp_path / "build"
    build([library], out)
    state = json.loads((out / STATE_FILE).read_text())
    (images,) = state["files"]["images"].values()
    assert images == [[str((library / "gamma" / "p.png").resolve()), -1, 0]]
    images[0][1] = -3  # no such mark
    (out / STATE_FILE).write_text(json.dumps(state))
    (message,) = build([library], out).messages
    assert "unreadable build state" in message


def test_new_options_a_removed_package_or_a_new_note_rebuild_what_they_touch(
    library: Path, tmp_path: Path, reads: list[str]
) -> None:
    out = tmp_path / "build"
    build([library], out)
    reads.clear()
    assert len(build([library], out, BuildOptions(reverse=True)).files) == 3
    assert len(reads) == 9
    reads.clear()
    (out / "alpha.apkg").unlink()
    assert build([library], out, BuildOptions(reverse=True)).files == [out / "alpha.apkg"]
    assert sorted(reads) == ["alpha/ch1.md", "alpha/ch2.md", "alpha/ch3.md"]
    reads.clear()
    (library / "gamma" / "ch4.md").write_text(
        '---\ntitle: "Gamma - Chapter 4"\n---\n## Key Vocab\n- **Four:** four\n'
    )
    report = build([library], out, BuildOptions(reverse=True))
    assert report.files == [out / "gamma.apkg"]
    assert len(reads) == 4


NO_CHANGE = """
import sqlite3
import sys
import tempfile
from flashcards.cli import main
sys.argv = ["flashcards", "build", sys.argv[1], "-o", sys.argv[2]]
try:
    main()
except SystemExit as exit:
    heavy = [m for m in ("flashcards.notes.markdown", "flashcards.building.builder",
                         "pyromark", "nh3") if m in sys.modules]
    print("loaded:", heavy, "exit:", exit.code, file=sys.stderr)
"""


def test_the_command_with_nothing_changed_loads_no_markdown_machinery(
    seed_notes: Path, tmp_path: Path
) -> None:
    out = tmp_path / "build"
    build([seed_notes], out)
    done = subprocess.run(
        [sys.executable, "-c", NO_CHANGE, str(seed_notes), str(out)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert done.stderr.splitlines() == [
        "8 warnings in 1 unchanged note (flashcards check lists them)",
        "loaded: [] exit: 0",
    ]
    assert done.stdout.splitlines()[0] == (
        "nothing changed since the last build: 1 note, 29 cards in 1 deck"
    )


def test_a_draft_left_out_before_is_read_when_drafts_are_wanted(
    notes_dir: Path, tmp_path: Path
) -> None:
    (notes_dir / "draft.md").write_text(
        '---\ntitle: "Drafty - Chapter 1"\ndraft: true\n---\n## Key Vocab\n- **D:** d\n'
    )
    out = tmp_path / "build"
    skipping = build([notes_dir], out, BuildOptions(skip_drafts=True))
    assert (skipping.files, skipping.skipped_drafts) == ([], 1)
    assert build([notes_dir], out, BuildOptions(skip_drafts=True)).nothing_changed
    wanted = build([notes_dir], out)
    assert wanted.files == [out / "drafty.apkg"]
    assert build([notes_dir], out).nothing_changed


def test_a_changed_site_configuration_reads_the_site_notes_again(
    notes_dir: Path, tmp_path: Path
) -> None:
    site = notes_dir / "blog"
    (site / "_posts").mkdir(parents=True)
    (site / "_config.yml").write_text("title: Tech notes\n")
    (site / "_posts" / "2024-03-02-consistency.md").write_text(
        '---\ntitle: "Consistency"\n---\n## Key Vocab\n'
        "- **Blog:** where {{ site.title }} are kept\n"
    )
    out = tmp_path / "build"
    build([notes_dir], out)
    assert build([notes_dir], out).nothing_changed
    (site / "_config.yml").write_text("title: Field notes\n")
    report = build([notes_dir], out)
    assert not report.nothing_changed
    ((_, back),) = card_texts(next(out.glob("*.apkg")))
    assert back == "where Field notes are kept"


def card_texts(package: Path) -> list[tuple[str, str]]:
    with zipfile.ZipFile(package) as archive, tempfile.TemporaryDirectory() as folder:
        archive.extract("collection.anki2", folder)
        with contextlib.closing(sqlite3.connect(Path(folder, "collection.anki2"))) as db:
            rows = db.execute("SELECT flds FROM notes").fetchall()
    return [tuple(flds.split("\x1f")[:2]) for (flds,) in rows]
