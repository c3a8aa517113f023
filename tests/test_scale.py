"""A build at scale: workers take books end to end, so the parent holds no rendered card
and memory follows the largest book, not the corpus; a killed worker leaves nothing.
(Speed itself is measured by ``make bench``, never here.)"""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import output_files
from test_faults import leftovers

from flashcards import BuildError, build
from flashcards.building import bookwork, parallel

WRITE_BOOK = bookwork.write_book

MARKER = "qzxvmarker"


def many_books(folder: Path, books: int, chapters: int, terms: int = 30) -> Path:
    """``books`` books of ``chapters`` chapter notes, every definition holding MARKER."""
    for book in range(books):
        for chapter in range(1, chapters + 1):
            path = folder / f"book-{book:03}" / f"chapter-{chapter:02}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            vocab = "".join(
                f"- **Term {chapter}-{n}:** the {MARKER} meaning of term {n}, "
                f"with some words to render and **some emphasis** to keep\n"
                for n in range(terms)
            )
            checklist = "".join(f"    - question {n} of chapter {chapter}?\n" for n in range(5))
            path.write_text(
                f'---\ntitle: "Book {book} - Chapter {chapter}"\n---\n## Key Vocab\n{vocab}\n'
                f"## Ideas\n\n- Before starting, ask:\n{checklist}",
                encoding="utf-8",
            )
    return folder


parallel_only = pytest.mark.skipif(parallel.workers() < 2, reason="needs two cores")


@parallel_only
def test_the_parent_receives_no_rendered_card(
    notes_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    many_books(notes_dir, books=8, chapters=30)  # enough files and books for workers
    received: list[Any] = []
    real = parallel._collect

    def collect(results: Any, total: int, progress: Any) -> list[Any]:
        collected = real(results, total, progress)
        received.append(collected)
        return collected

    monkeypatch.setattr(parallel, "_collect", collect)
    out = tmp_path / "build"
    report = build([notes_dir], out)
    assert not report.errors and len(report.files) == 8
    assert len(received) == 2, "files were read, then books written, by workers"
    assert len(received[0]) == 240 and len(received[1]) == 8
    sent = pickle.dumps(received)
    assert MARKER.encode() not in sent, "no rendered card came back to the parent"
    assert b"<b>some emphasis</b>" not in sent
    import zipfile

    with zipfile.ZipFile(out / "book-0.apkg") as package:
        assert MARKER.encode() in package.read("collection.anki2"), "the cards were written"


PEAK = """
import resource, sys
from pathlib import Path
from flashcards import build
report = build([Path(sys.argv[1])], Path(sys.argv[2]))
assert not report.errors, report.errors
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
      resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def peak_kb(notes: Path, out: Path) -> tuple[int, int]:
    """The peak resident memory (kB) of a build's parent and of its largest worker."""
    done = subprocess.run(
        [sys.executable, "-c", PEAK, str(notes), str(out)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    parent, child = done.stdout.split()
    return int(parent), int(child)


@parallel_only
def test_memory_follows_the_largest_book_not_the_number_of_books(tmp_path: Path) -> None:
    few = many_books(tmp_path / "few", books=5, chapters=50)
    many = many_books(tmp_path / "many", books=25, chapters=50)  # 5 times the cards
    few_parent, few_worker = peak_kb(few, tmp_path / "few-build")
    many_parent, many_worker = peak_kb(many, tmp_path / "many-build")
    # Holding the cards of 20 more books would take about 200 MB; a file's summary
    # (names, problems) and a book's entry are all the parent keeps of them.
    assert many_parent - few_parent < 20_000, (few_parent, many_parent)
    assert many_worker - few_worker < 20_000, (few_worker, many_worker)


@parallel_only
def test_a_killed_book_worker_fails_the_build_and_leaves_nothing(
    notes_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    many_books(notes_dir, books=6, chapters=2, terms=2)
    out = tmp_path / "build"
    build([notes_dir], out)
    before = output_files(out)
    for note in notes_dir.rglob("*.md"):
        note.write_text(note.read_text().replace("meaning", "sense"))
    monkeypatch.setattr(bookwork, "write_book", dies_on_book_3)
    with pytest.raises(BuildError, match="a worker process stopped unexpectedly"):
        build([notes_dir], out)
    assert leftovers(out) == []
    assert output_files(out) == before


def dies_on_book_3(job: Any) -> Any:
    """A book worker that writes its files, then dies on book 3 (as the OOM killer would
    end it); at module level, so that the worker can be handed it."""
    result = WRITE_BOOK(job)
    if job.book == "book-3":
        os._exit(9)
    return result


def test_a_spill_folder_left_by_a_killed_build_is_removed(seed_notes: Path, tmp_path: Path) -> None:
    out = tmp_path / "build"
    build([seed_notes], out)
    left = out / ".flashcards-spill-999999999-x"  # no such process
    left.mkdir()
    (left / "1").write_bytes(b"cards")
    (seed_notes / "designing-machine-learning-systems-chapter-01.md").touch()
    build([seed_notes], out)
    assert not left.exists()
    assert leftovers(out) == []
    assert json.loads((out / ".flashcards-state.json").read_text())["version"]


def test_a_full_disk_while_spilling_is_a_build_error_and_changes_nothing(
    seed_notes: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "build"
    build([seed_notes], out)
    before = output_files(out)
    (seed_notes / "designing-machine-learning-systems-chapter-01.md").touch()
    from flashcards.building import spill

    def no_room(self: Any, data: bytes) -> Any:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(spill._Writer, "append", no_room)
    with pytest.raises(BuildError, match=r"cannot write to .*: No space left on device"):
        build([seed_notes], out)
    assert leftovers(out) == []
    assert output_files(out) == before
