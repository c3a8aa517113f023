"""Faults a build must survive with nothing lost: edits saved while it runs, a full disk,
a killed parent, Ctrl-C, two builds at once, and a damaged state file."""

from __future__ import annotations

import importlib
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import AnkiCollection, output_files

from flashcards import build
from flashcards.building.state import STATE_FILE
from flashcards.errors import BuildError

ROOT = Path(__file__).resolve().parent.parent
APKG = "designing-machine-learning-systems.apkg"
NOTE = "designing-machine-learning-systems-chapter-01.md"
OLD_DEF = "a set of tools and best practices for bringing ML into production."
NEW_DEF = "tools and practices that bring ML into production and keep it there."


def edit(note: Path, old: str, new: str) -> None:
    text = note.read_text(encoding="utf-8")
    assert old in text
    note.write_text(text.replace(old, new), encoding="utf-8")


def leftovers(out: Path) -> list[str]:
    """Temporary files and spill folders in ``out`` (and in its stamps folder)."""
    found = [p.name for p in out.iterdir() if p.name.endswith(".tmp") or "-spill-" in p.name]
    stamps = out / ".flashcards-books"
    if stamps.is_dir():
        found += [f"{stamps.name}/{p.name}" for p in stamps.iterdir() if p.name.endswith(".tmp")]
    return sorted(found)


def many_notes(folder: Path, count: int) -> None:
    for number in range(count):
        (folder / f"n{number:04}.md").write_text(
            f'---\ntitle: "Book {number % 7} - Chapter {number}"\n---\n'
            f"## Key Vocab\n- **Term {number}:** meaning {number}\n"
        )


def make_deck(notes: Path, out: Path) -> str:
    done = subprocess.run(
        ["make", "-s", "-C", str(ROOT), "deck", f"NOTES={notes}", f"OUT={out}",
         f"VENV={sys.prefix}"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return done.stdout


def test_an_edit_saved_while_the_build_reads_reaches_the_next_make_deck(
    seed_notes: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "build"
    import flashcards.building.notefile as notefile

    real = notefile.parse_file

    def read_then_edit(path: Path, options: object, root: Path | None = None) -> object:
        note = real(path, options, root)  # type: ignore[arg-type]
        if path.name == NOTE:
            edit(path, OLD_DEF, NEW_DEF)  # saved after the build read the old text
        return note

    monkeypatch.setattr(notefile, "parse_file", read_then_edit)
    report = build([seed_notes], out)
    assert report.messages[-1].endswith(
        f"{NOTE} changed while the build read it; the next build reads it again"
    )
    assert (seed_notes / NOTE).stat().st_mtime_ns > (out / STATE_FILE).stat().st_mtime_ns
    monkeypatch.undo()
    assert "wrote" in make_deck(seed_notes, out)
    assert NEW_DEF.encode() in _collection_text(out / APKG)
    assert "nothing changed" in make_deck(seed_notes, out)


def test_the_state_is_dated_to_when_reading_began(
    seed_notes: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An edit saved after the build read the note but before it finished is newer
    than the state, so `make deck` (find -newer) sees it."""
    out = tmp_path / "build"
    import flashcards.building.notefile as notefile

    real = notefile.parse_file
    read_at: list[int] = []

    def reading(path: Path, options: object, root: Path | None = None) -> object:
        read_at.append(time.time_ns())
        return real(path, options, root)  # type: ignore[arg-type]

    monkeypatch.setattr(notefile, "parse_file", reading)
    build([seed_notes], out)
    assert (out / STATE_FILE).stat().st_mtime_ns < read_at[0]


def _collection_text(apkg: Path) -> bytes:
    import zipfile

    with zipfile.ZipFile(apkg) as archive:
        return archive.read("collection.anki2")


def test_a_full_disk_while_writing_the_state_replaces_no_package(
    seed_notes: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "build"
    build([seed_notes], out)
    before = output_files(out)
    edit(seed_notes / NOTE, OLD_DEF, NEW_DEF)
    build_module = importlib.import_module("flashcards.building.writing")
    real = build_module.write_temporary

    def no_room_for_the_state(path: Path, data: bytes, *, synced: bool = True) -> Path:
        if path.name == STATE_FILE:
            raise OSError(28, "No space left on device")
        return real(path, data, synced=synced)

    monkeypatch.setattr(build_module, "write_temporary", no_room_for_the_state)
    with pytest.raises(BuildError, match="No space left on device"):
        build([seed_notes], out)
    assert output_files(out) == before
    monkeypatch.undo()
    assert build([seed_notes], out).files == [out / APKG], "the next build writes the edit"


STALLED_WORKERS = """
import sys, time
from pathlib import Path
import flashcards.building.notefile as notefile
def stall(file, **options):
    print("reading", flush=True)
    time.sleep(120)
notefile.process_file = stall
from flashcards.cli import main
sys.argv = ["flashcards", "build", sys.argv[1], "-o", sys.argv[2]]
main()
"""


def children_of(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def start_stalled_build(notes: Path, out: Path) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-c", STALLED_WORKERS, str(notes), str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline().startswith("reading")
    return process


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_workers_end_within_a_second_when_the_build_is_killed(
    notes_dir: Path, tmp_path: Path
) -> None:
    many_notes(notes_dir, 240)  # enough for worker processes
    process = start_stalled_build(notes_dir, tmp_path / "build")
    try:
        workers = children_of(process.pid)
        assert workers, "the build started worker processes"
        process.kill()  # the parent alone, as the OOM killer does
        process.wait(timeout=10)
        deadline = time.monotonic() + 1.0
        while any(alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert not any(alive(w) for w in workers), "workers outlived their parent"
    finally:
        os.killpg(process.pid, signal.SIGKILL) if alive(process.pid) else None
        process.communicate()


def test_ctrl_c_prints_one_line_and_leaves_nothing_behind(notes_dir: Path, tmp_path: Path) -> None:
    many_notes(notes_dir, 240)
    out = tmp_path / "build"
    process = start_stalled_build(notes_dir, out)
    os.killpg(process.pid, signal.SIGINT)  # what the terminal does: every process in it
    _, stderr = process.communicate(timeout=20)
    assert process.returncode == 130
    assert stderr.strip() == "interrupted"  # after the newline that ends the ^C echo
    assert leftovers(out) == []


KILLED_WHILE_RENAMING = """
import os, sys, time
from pathlib import Path
import flashcards.building.atomic as atomic
def stall(src, dst):
    print("writing", flush=True)
    time.sleep(120)
atomic.os.replace = stall
from flashcards import build
build([Path(sys.argv[1])], Path(sys.argv[2]))
"""


def start_build_stalled_before_renaming(notes: Path, out: Path) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-c", KILLED_WHILE_RENAMING, str(notes), str(out)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "writing"
    return process


def test_the_next_build_removes_what_a_killed_build_left(
    seed_notes: Path, tmp_path: Path, anki: AnkiCollection
) -> None:
    out = tmp_path / "build"
    build([seed_notes], out)
    edit(seed_notes / NOTE, OLD_DEF, NEW_DEF)
    process = start_build_stalled_before_renaming(seed_notes, out)
    process.kill()
    process.wait(timeout=10)
    assert leftovers(out), "the killed build left its temporary files"
    report = build([seed_notes], out)
    assert leftovers(out) == []
    assert report.files == [out / APKG]
    assert anki.import_apkg(out / APKG).new == 8
    assert anki.note_by_field("Term", "MLOps").fields[1] == NEW_DEF


def test_a_second_build_into_the_same_folder_waits_for_the_first(
    seed_notes: Path, tmp_path: Path
) -> None:
    out = tmp_path / "build"
    build([seed_notes], out)
    edit(seed_notes / NOTE, OLD_DEF, NEW_DEF)
    first = start_build_stalled_before_renaming(seed_notes, out)
    said: list[str] = []
    waiting = threading.Event()

    def notify(message: str) -> None:
        said.append(message)
        waiting.set()

    from flashcards import BuildOptions

    second = threading.Thread(target=build, args=([seed_notes], out, BuildOptions(notify=notify)))
    second.start()
    try:
        assert waiting.wait(10)
        assert said == [f"waiting for another build into {out} to finish..."]
        time.sleep(0.2)
        assert second.is_alive(), "the second build waits while the first holds the folder"
    finally:
        first.kill()
        first.wait(timeout=10)
    second.join(20)
    assert not second.is_alive()
    assert leftovers(out) == []
    assert NEW_DEF.encode() in _collection_text(out / APKG)


# -- a damaged state is never trusted in part and never a traceback ------------------

BOOK_STAMPS = ".flashcards-books/designing-machine-learning-systems.json"


def damage(path: Path, change: Callable[[dict[str, Any]], object]) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))
    change(document)
    path.write_text(json.dumps(document), encoding="utf-8")


def set_stamp(index: int, value: object) -> Callable[[dict[str, Any]], None]:
    def change(document: dict[str, Any]) -> None:
        document["stamps"][sorted(document["stamps"])[0]][index] = value

    return change


def duplicate_id(document: dict[str, Any]) -> None:
    first, second = sorted(document["stamps"])[:2]
    document["stamps"][second][2] = document["stamps"][first][2]


BOOK_DAMAGE: dict[str, Callable[[dict[str, Any]], object]] = {
    "id-as-text": set_stamp(2, "1767225600000"),
    "id-null": set_stamp(2, None),
    "id-float": set_stamp(2, 1.5),
    "id-too-large": set_stamp(2, 2**63 - 1),
    "id-negative": set_stamp(2, -4),
    "id-true": set_stamp(2, True),
    "mod-as-text": set_stamp(1, "soon"),
    "mod-too-large": set_stamp(1, 2**63 - 1),
    "hash-number": set_stamp(0, 7),
    "source-out-of-range": set_stamp(4, 99),
    "short-stamp": lambda d: d["stamps"][sorted(d["stamps"])[0]].pop(),
    "duplicate-id": duplicate_id,
    "stamps-a-list": lambda d: d.update(stamps=[]),
    "unknown-version": lambda d: d.update(version=99),
}
MANIFEST_DAMAGE: dict[str, Callable[[dict[str, Any]], object]] = {
    "roots-not-text": lambda d: d.update(roots=[1]),
    "unknown-version": lambda d: d.update(version=99),
    "next-id-text": lambda d: d.update(next_id="7"),
    "model-mod-null": lambda d: next(iter(d["models"].values())).__setitem__(1, None),
    "file-sizes-short": lambda d: d["files"]["sizes"].pop(),
    "file-time-text": lambda d: d["files"]["times"].__setitem__(0, "now"),
    "file-of-unknown-book": lambda d: d["files"]["books"].__setitem__(0, 99),
    "file-draft-number": lambda d: d["files"]["drafts"].__setitem__(0, 0),
    "book-decks-a-list": lambda d: next(iter(d["books"].values())).__setitem__(4, []),
    "books-a-list": lambda d: d.update(books=[]),
}


def rebuilt_after_damage(
    target: str,
    change: Callable[[dict[str, Any]], object] | None,
    seed_notes: Path,
    out: Path,
    anki: AnkiCollection,
    monkeypatch: pytest.MonkeyPatch,
) -> tuple[list[str], tuple[int, int, int]]:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    build([seed_notes], out)
    anki.import_apkg(out / APKG)
    if change is not None:
        damage(out / target, change)
    else:
        (out / target).write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    os.utime(seed_notes / NOTE)  # saved again, unchanged: its book is rebuilt
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225700")
    report = build([seed_notes], out)
    result = anki.import_apkg(out / APKG)
    assert build([seed_notes], out).messages == [], "the state written is sound again"
    return report.messages, (result.new, result.updated, result.duplicate)


@pytest.mark.parametrize("change", BOOK_DAMAGE, ids=list(BOOK_DAMAGE))
def test_a_damaged_book_state_is_used_like_a_missing_one(
    change: str, seed_notes: Path, tmp_path: Path, anki: AnkiCollection,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    out = tmp_path / "build"
    messages, counts = rebuilt_after_damage(
        BOOK_STAMPS, BOOK_DAMAGE[change], seed_notes, out, anki, monkeypatch
    )
    (message,) = messages
    assert message.startswith(f"{out}/{BOOK_STAMPS}: unreadable build state (")
    assert message.endswith("); the notes of this book are stamped as changed")
    assert counts == (0, 8, 0)


@pytest.mark.parametrize("change", MANIFEST_DAMAGE, ids=list(MANIFEST_DAMAGE))
def test_a_damaged_manifest_is_used_like_a_missing_one(
    change: str, seed_notes: Path, tmp_path: Path, anki: AnkiCollection,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    out = tmp_path / "build"
    messages, counts = rebuilt_after_damage(
        STATE_FILE, MANIFEST_DAMAGE[change], seed_notes, out, anki, monkeypatch
    )
    (message,) = messages
    assert message.startswith(f"{out}/{STATE_FILE}: unreadable build state (")
    assert message.endswith("); every note is stamped as changed")
    assert counts == (0, 8, 0)


@pytest.mark.parametrize("target", [STATE_FILE, BOOK_STAMPS])
def test_a_state_nested_100000_deep_is_refused_without_a_traceback(
    target: str, seed_notes: Path, tmp_path: Path, anki: AnkiCollection,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    out = tmp_path / "build"
    messages, counts = rebuilt_after_damage(target, None, seed_notes, out, anki, monkeypatch)
    assert len(messages) == 1 and "unreadable build state" in messages[0]
    assert counts == (0, 8, 0)


def test_a_version_3_state_is_carried_forward(
    seed_notes: Path, tmp_path: Path, anki: AnkiCollection, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Users upgrading keep their stamps: nothing is re-imported over their edits."""
    out = tmp_path / "build"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    build([seed_notes], out)
    anki.import_apkg(out / APKG)
    manifest = json.loads((out / STATE_FILE).read_text(encoding="utf-8"))
    book = json.loads((out / BOOK_STAMPS).read_text(encoding="utf-8"))
    stamps = {
        guid: [digest, mod, id_, "designing-machine-learning-systems", search, source]
        for guid, (digest, mod, id_, search, source) in book["stamps"].items()
    }
    stamps.update(
        {key: [d, mod, id_, "", "", -1] for key, (d, mod, id_) in manifest["models"].items()}
    )
    version_3 = {"version": 3, "sources": book["sources"], "stamps": stamps}
    shutil.rmtree(out / ".flashcards-books")
    (out / STATE_FILE).write_text(json.dumps(version_3), encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225700")
    report = build([seed_notes], out)
    assert report.messages == []
    result = anki.import_apkg(out / APKG)
    assert (result.new, result.updated) == (0, 0)


def test_a_file_where_the_stamps_folder_belongs_is_replaced(
    seed_notes: Path, tmp_path: Path, anki: AnkiCollection, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "build"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    build([seed_notes], out)
    anki.import_apkg(out / APKG)
    shutil.rmtree(out / ".flashcards-books")
    (out / ".flashcards-books").write_text("not a folder")
    os.utime(seed_notes / NOTE)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225700")
    report = build([seed_notes], out)
    (message,) = report.messages
    assert message.endswith("missing; the notes of this book are stamped as changed")
    assert (out / BOOK_STAMPS).is_file()
    assert anki.import_apkg(out / APKG).updated == 8
    assert build([seed_notes], out).messages == []


def test_a_build_with_nothing_to_do_still_removes_what_a_killed_build_left(
    seed_notes: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "build"
    build([seed_notes], out)
    (out / ".clock.x1y2.tmp").write_text("")  # killed between making and removing it
    (out / f".{APKG}.k9z8.tmp").write_bytes(b"half a package")
    monkeypatch.chdir(tmp_path)
    from click.testing import CliRunner

    from flashcards.cli import cli

    result = CliRunner().invoke(cli, ["build", str(seed_notes), "-o", "build"])
    assert result.stdout.startswith("nothing changed since the last build")
    assert leftovers(out) == []


KILLED_BEFORE_THE_MANIFEST = """
import os, sys, time
from pathlib import Path
import flashcards.building.atomic as atomic
real = os.replace
def stall(src, dst):
    if str(dst).endswith(".flashcards-state.json"):
        print("renaming the manifest", flush=True)
        time.sleep(120)
    real(src, dst)
atomic.os.replace = stall
from flashcards import build
build([Path(sys.argv[1])], Path(sys.argv[2]))
"""


def _vocab_note(path: Path, book: str, terms: list[str]) -> None:
    items = "".join(f"- **{term}:** what {term} means\n" for term in terms)
    path.write_text(f'---\ntitle: "{book} - Chapter 1"\n---\n## Key Vocab\n{items}')


def _ids(apkg: Path, table: str) -> list[int]:
    import sqlite3
    import zipfile

    with zipfile.ZipFile(apkg) as archive:
        data = archive.read("collection.anki2")
    db = sqlite3.connect(":memory:")
    db.deserialize(data)
    ids = [row[0] for row in db.execute(f"SELECT id FROM {table}")]
    db.close()
    return ids


def test_no_two_notes_share_an_id_after_a_build_killed_before_its_manifest(
    notes_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # every build in one second
    out = tmp_path / "build"
    alpha, beta = notes_dir / "alpha.md", notes_dir / "beta.md"
    _vocab_note(alpha, "Alpha", ["a1", "a2"])
    _vocab_note(beta, "Beta", ["b1", "b2"])
    build([notes_dir], out)
    _vocab_note(alpha, "Alpha", ["a1", "a2", "n1", "n2", "n3", "n4", "n5"])
    killed = subprocess.Popen(
        [sys.executable, "-c", KILLED_BEFORE_THE_MANIFEST, str(notes_dir), str(out)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert killed.stdout is not None
    assert killed.stdout.readline().strip() == "renaming the manifest"
    killed.kill()
    killed.wait(timeout=10)  # alpha's package and stamps are renamed; the manifest is not
    _vocab_note(alpha, "Alpha", ["a1", "a2", "n1", "m1"])  # fewer notes than it had
    _vocab_note(beta, "Beta", ["b1", "b2", "b3", "b4"])
    report = build([notes_dir], out)
    assert sorted(p.name for p in report.files) == ["alpha.apkg", "beta.apkg"]
    for table in ("notes", "cards"):
        ids = _ids(out / "alpha.apkg", table) + _ids(out / "beta.apkg", table)
        assert len(ids) == len(set(ids)), f"every one of the {table} has an id of its own"
