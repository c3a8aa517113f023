"""Rebuild and re-import lose nothing: in-place updates, kept history, reproducible files."""

from __future__ import annotations

import ctypes
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import AnkiCollection, ImportResult, output_files

from flashcards import build
from flashcards.building import atomic, writing
from flashcards.errors import BuildError

APKG = "designing-machine-learning-systems.apkg"
NOTE = "designing-machine-learning-systems-chapter-01.md"
OLD_DEF = "a set of tools and best practices for bringing ML into production."
NEW_DEF = "tools and practices that bring ML into production and keep it there."


@pytest.fixture(autouse=True)
def same_second(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every build in these tests falls in the same second: the hard case for mod times."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")


def edit(note: Path, old: str, new: str) -> None:
    text = note.read_text(encoding="utf-8")
    assert old in text
    note.write_text(text.replace(old, new), encoding="utf-8")


def build_and_import(notes: Path, out: Path, anki: AnkiCollection) -> ImportResult:
    """Build ``notes`` into ``out`` and import the package, as the user does."""
    build([notes], out)
    return anki.import_apkg(out / APKG)


def schedule_of(anki: AnkiCollection, nid: int) -> list[tuple[Any, ...]]:
    cards = anki.col.db.all(
        "select id, did, due, ivl, type, queue, reps from cards where nid = ? order by ord", nid
    )
    revlog = anki.col.db.all(
        "select id, cid, ease, ivl from revlog where cid in (select id from cards where nid = ?)",
        nid,
    )
    return [*cards, *revlog]


def study(anki: AnkiCollection, nid: int) -> None:
    col = anki.col
    (cid,) = col.find_cards(f"nid:{nid}")
    col.decks.select(col.get_card(cid).did)
    card = col.get_card(cid)
    card.start_timer()
    col.sched.answerCard(card, 3)
    col.sched.set_due_date([cid], "7!")


def test_edited_definition_updates_in_place_and_keeps_history(
    seed_notes: Path, tmp_path: Path, anki: AnkiCollection
) -> None:
    out = tmp_path / "build"
    build_and_import(seed_notes, out, anki)
    mlops = anki.note_by_field("Term", "MLOps")
    study(anki, mlops.id)
    before = schedule_of(anki, mlops.id)
    assert any(row for row in before if len(row) == 4), "a revlog entry was recorded"

    edit(seed_notes / NOTE, OLD_DEF, NEW_DEF)
    result = build_and_import(seed_notes, out, anki)

    assert (result.new, result.updated, result.conflicting) == (0, 1, 0)
    note = anki.col.get_note(mlops.id)
    assert note.fields[1] == NEW_DEF
    assert schedule_of(anki, mlops.id) == before
    assert len(anki.col.find_notes("")) == 8


def test_rebuild_without_changes_imports_nothing(
    seed_notes: Path, tmp_path: Path, anki: AnkiCollection
) -> None:
    out = tmp_path / "build"
    build_and_import(seed_notes, out, anki)
    result = build_and_import(seed_notes, out, anki)
    assert (result.new, result.updated) == (0, 0)


def test_anki_side_edits_survive_until_the_source_changes(
    seed_notes: Path, tmp_path: Path, anki: AnkiCollection, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "build"
    build_and_import(seed_notes, out, anki)
    note = anki.note_by_field("Term", "MLOps")
    note.fields[1] = "my own wording"
    note.add_tag("marked")
    anki.col.update_note(note)

    build_and_import(seed_notes, out, anki)
    kept = anki.col.get_note(note.id)
    assert kept.fields[1] == "my own wording"
    assert "marked" in kept.tags

    time.sleep(1.1)  # Anki stamped the user's edit with the real clock
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(time.time())))
    edit(seed_notes / NOTE, OLD_DEF, NEW_DEF)
    result = build_and_import(seed_notes, out, anki)
    assert result.updated == 1
    assert anki.col.get_note(note.id).fields[1] == NEW_DEF


def test_new_note_adds_only_its_cards_and_removed_term_is_reported(
    seed_notes: Path, tmp_path: Path, anki: AnkiCollection
) -> None:
    out = tmp_path / "build"
    build_and_import(seed_notes, out, anki)
    (seed_notes / "chapter-02.md").write_text(
        '---\ntitle: "Designing Machine Learning Systems - Chapter 2"\n---\n'
        "## Key Vocab\n- **Data drift:** the input distribution changes over time.\n",
        encoding="utf-8",
    )
    edit(seed_notes / NOTE, "- **MLOps:** " + OLD_DEF + "\n", "")

    report = build([seed_notes], out)
    result = anki.import_apkg(out / APKG)

    assert (result.new, result.updated) == (1, 0)
    assert [s.search for s in report.removed] == [
        '"deck:Designing Machine Learning Systems::Chapter 01" "Term:MLOps"'
    ]
    assert len(anki.col.find_notes(report.removed[0].search)) == 1
    again = build([seed_notes], out)
    assert again.removed == []


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_same_inputs_and_state_give_byte_identical_packages(
    seed_notes: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    build([seed_notes], first)
    shutil.copytree(first, second)  # the state: the manifest and the books' stamps
    (second / APKG).unlink()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1867225600")  # a later clock changes nothing
    report = build([seed_notes], second)
    assert report.files == [second / APKG]
    assert sha256(second / APKG) == sha256(first / APKG)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    build([seed_notes], tmp_path / "fresh")  # no state, same clock
    assert sha256(tmp_path / "fresh" / APKG) == sha256(first / APKG)


def test_unchanged_packages_and_state_are_not_rewritten(seed_notes: Path, tmp_path: Path) -> None:
    out = tmp_path / "build"
    build([seed_notes], out)
    package_time = (out / APKG).stat().st_mtime_ns
    state = (out / ".flashcards-state.json").read_bytes()
    report = build([seed_notes], out)
    assert (report.files, report.unchanged) == ([], [out / APKG])
    assert (out / APKG).stat().st_mtime_ns == package_time
    assert (out / ".flashcards-state.json").read_bytes() == state  # only its time is new
    (out / APKG).unlink()
    assert build([seed_notes], out).files == [out / APKG], "a missing package is written again"


@pytest.mark.parametrize("sync", ["syncfs", "fsync"])
def test_failed_write_leaves_previous_package_whole(
    sync: str,
    seed_notes: Path,
    tmp_path: Path,
    anki: AnkiCollection,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The disk fills up while the written files are put on disk (one ``syncfs`` for
    them all on Linux, else an ``fsync`` each): nothing is renamed into place."""
    out = tmp_path / "build"
    build([seed_notes], out)
    before = sha256(out / APKG)
    edit(seed_notes / NOTE, OLD_DEF, NEW_DEF)

    def disk_full(fd: int) -> int:
        if sync == "syncfs":
            ctypes.set_errno(28)
            return -1
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic, "_syncfs", lambda: disk_full if sync == "syncfs" else None)
    monkeypatch.setattr(atomic.os, "fsync", disk_full)
    with pytest.raises(BuildError, match="No space left on device"):
        build([seed_notes], out)

    assert sha256(out / APKG) == before
    assert sorted(p.name for p in out.iterdir()) == [
        ".flashcards-books",
        ".flashcards-state.json",
        APKG,
    ]
    assert sorted(p.name for p in (out / ".flashcards-books").iterdir()) == [
        ".next-id.json",
        "designing-machine-learning-systems.json",
    ]
    assert anki.import_apkg(out / APKG).new == 8


@pytest.mark.skipif(not hasattr(os, "posix_fadvise"), reason="no posix_fadvise here")
def test_syncing_waits_only_for_what_the_build_keeps(
    seed_notes: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The spill folder (rendered cards between the two stages) is removed before the
    written files are put on disk, so its pages are never written; and each package
    began its way to disk as it was written (fadvise), so syncing finds little left."""
    out = tmp_path / "build"
    advised: list[int] = []
    real_advise = os.posix_fadvise

    def advise(descriptor: int, offset: int, length: int, advice: int) -> None:
        advised.append(advice)
        real_advise(descriptor, offset, length, advice)

    present: list[list[str]] = []
    real_durable = writing.make_durable

    def durable(paths: list[Path]) -> None:
        present.append(sorted(path.name for path in out.iterdir()))
        real_durable(paths)

    monkeypatch.setattr(atomic.os, "posix_fadvise", advise)
    monkeypatch.setattr(writing, "make_durable", durable)
    build([seed_notes], out)
    assert present, "the written files were put on disk"
    assert not [name for name in present[0] if name.startswith(".flashcards-spill-")]
    assert advised and set(advised) == {os.POSIX_FADV_DONTNEED}


KILLED_BUILD = """
import os, sys, time
from pathlib import Path
import flashcards.building.atomic as atomic
real_replace = os.replace
def stall(src, dst):
    print("writing", flush=True)
    time.sleep(60)
atomic.os.replace = stall
from flashcards import build
from flashcards.building import atomic
build([Path(sys.argv[1])], Path(sys.argv[2]))
"""


def test_killed_build_leaves_previous_package_importable(
    seed_notes: Path, tmp_path: Path, anki: AnkiCollection
) -> None:
    out = tmp_path / "build"
    build([seed_notes], out)
    before = sha256(out / APKG)
    edit(seed_notes / NOTE, OLD_DEF, NEW_DEF)
    with subprocess.Popen(
        [sys.executable, "-c", KILLED_BUILD, str(seed_notes), str(out)],
        stdout=subprocess.PIPE,
        text=True,
    ) as process:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "writing"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
    assert sha256(out / APKG) == before
    assert anki.import_apkg(out / APKG).new == 8


def test_unreadable_state_is_reported_and_the_build_still_succeeds(
    seed_notes: Path, tmp_path: Path, anki: AnkiCollection, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "build"
    build_and_import(seed_notes, out, anki)
    (out / ".flashcards-state.json").write_text("{not json", encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225700")

    report = build([seed_notes], out)

    (message,) = report.messages
    assert message.startswith(f"{out}/.flashcards-state.json: unreadable build state (")
    assert message.endswith("); every note is stamped as changed")
    result = anki.import_apkg(out / APKG)
    assert (result.new, result.updated) == (0, 8), "stamped with the build time: all update"


def test_same_prompt_twice_in_a_chapter_gives_two_stable_notes(
    seed_notes: Path, tmp_path: Path, anki: AnkiCollection
) -> None:
    (seed_notes / "twice.md").write_text(
        '---\ntitle: "Designing Machine Learning Systems - Chapter 3"\n---\n'
        "## Data\n- Parts:\n    - logs\n    - clicks\n"
        "## Models\n- Parts:\n    - trees\n    - nets\n",
        encoding="utf-8",
    )
    out = tmp_path / "build"
    assert build_and_import(seed_notes, out, anki).new == 10
    prompts = anki.notes('"Prompt:Parts:"')
    assert sorted(len(n.cards()) for n in prompts) == [2, 2]
    result = build_and_import(seed_notes, out, anki)
    assert (result.new, result.updated) == (0, 0)


def test_building_some_notes_keeps_the_other_books_state(
    seed_notes: Path, tmp_path: Path, anki: AnkiCollection, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = seed_notes / "sre.md"
    other.write_text('---\ntitle: "SRE - Chapter 1"\n---\n## Key Vocab\n- **SLO:** a target.\n')
    out = tmp_path / "build"
    build([seed_notes], out)
    anki.import_apkg(out / "sre.apkg")

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225900")
    partial = build([seed_notes / NOTE], out)  # only the first book
    assert partial.removed == []
    build([seed_notes], out)
    result = anki.import_apkg(out / "sre.apkg")
    assert (result.new, result.updated) == (0, 0), "the other book's notes kept their times"


def test_a_failure_while_writing_many_packages_replaces_none(
    notes_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for number in range(20):  # enough books for the parallel writer
        (notes_dir / f"b{number}.md").write_text(
            f'---\ntitle: "Book {number} - Chapter 1"\n---\n## Key Vocab\n- **T:** d\n'
        )
    out = tmp_path / "build"
    build([notes_dir], out)
    before = output_files(out)
    for note in notes_dir.iterdir():
        note.write_text(note.read_text().replace("**T:** d", "**T:** changed"))
    import flashcards.building.bookwork as package

    real = package.apkg_bytes

    def fail_on_book_7(notes: Any, note_types: Any, media: Any) -> bytes:
        if notes[0].note.book == "Book 7":
            raise OSError(28, "No space left on device")
        return real(notes, note_types, media)

    monkeypatch.setattr(package, "apkg_bytes", fail_on_book_7)
    with pytest.raises(BuildError, match="No space left on device"):
        build([notes_dir], out)
    assert output_files(out) == before


def test_a_deleted_note_file_is_reported_even_when_its_book_is_gone(
    seed_notes: Path, tmp_path: Path
) -> None:
    other = seed_notes / "sre.md"
    other.write_text('---\ntitle: "SRE - Chapter 1"\n---\n## Key Vocab\n- **SLO:** a target.\n')
    out = tmp_path / "build"
    build([seed_notes], out)
    other.unlink()
    report = build([seed_notes], out)
    assert [s.search for s in report.removed] == ['"deck:SRE::Chapter 01" "Term:SLO"']
