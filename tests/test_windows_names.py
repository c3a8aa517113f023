"""Book names Windows cannot hold as file names (``: ? * " < > |``, trailing dots, its
device names CON, NUL, COM1...) still give packages, stamps and preview pages it can
write; every other name keeps the files it had, and a package named so by a version
before is taken over at no cost (its stamps kept)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import AnkiCollection
from test_sync import notes_of, synced, user  # noqa: F401 - fixtures

from flashcards import build
from flashcards.building.state import WINDOWS_DEVICES, book_of, file_stem
from flashcards.cli import cli
from flashcards.notes.model import package_name

_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


def windows_can_hold(name: str) -> bool:
    """Whether Windows can create a file of this name (its own rules, written out)."""
    base = name.split(".")[0].rstrip(" ").casefold()
    devices = {"con", "prn", "aux", "nul"} | {
        f"{port}{digit}" for port in ("com", "lpt") for digit in "0123456789¹²³"
    }
    return not _FORBIDDEN.search(name) and not name.endswith((".", " ")) and base not in devices


BOOKS = ["CON", "aux", "Com1", "lpt²", 'What? A "Book" <x>|y*: z.', "Ends in dots...  ", "nul.apkg"]


def _note(book: str) -> str:
    quoted = book.replace('"', '\\"')
    return f'---\nbook: "{quoted}"\n---\n## Key Vocab\n\n- **Term:** a definition\n'


@pytest.mark.parametrize("book", BOOKS)
def test_every_book_gets_a_package_name_windows_can_hold(book: str) -> None:
    stem = file_stem(package_name(book))
    assert windows_can_hold(f"{stem}.apkg") and windows_can_hold(f"{stem}.json")
    assert book_of(stem) == package_name(book)


@pytest.mark.parametrize("name", ["console", "con-notes", "aux-lines", "com10", "lpt", "notes"])
def test_a_name_every_system_holds_keeps_its_files(name: str) -> None:
    assert file_stem(name) == name and book_of(name) == name


def test_no_two_books_share_a_file() -> None:
    # a package name is a slug, which never holds "_": con_ is no other book's name
    assert all("_" not in package_name(f"{device} x") for device in WINDOWS_DEVICES)
    assert len({file_stem(d) for d in WINDOWS_DEVICES} | set(WINDOWS_DEVICES)) == 2 * len(
        WINDOWS_DEVICES
    )


def test_a_build_writes_only_files_windows_can_hold_and_anki_shows_the_names(
    write_note: Callable[..., Path], notes_dir: Path, tmp_path: Path, anki: AnkiCollection
) -> None:
    for number, book in enumerate(BOOKS):
        write_note(f"book{number}.md", _note(book))
    out = tmp_path / "build"
    report = build([notes_dir], out)
    assert report.problems == []
    written = [path.name for path in out.rglob("*")]
    assert len(report.files) == len(BOOKS)
    assert [name for name in written if not windows_can_hold(name)] == []
    assert "con_.apkg" in written and "com1_.apkg" in written and "con_.json" in written
    for package in report.files:
        anki.import_apkg(package)
    decks = {name for name in anki.col.decks.all_names_and_ids() for name in [name.name]}
    assert {"CON", "aux", "Com1"} <= {deck.split("::")[0] for deck in decks}


def test_a_package_an_earlier_version_named_con_apkg_is_taken_over_with_its_stamps(
    write_note: Callable[..., Path],
    notes_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    write_note("con.md", _note("CON"))
    out = tmp_path / "build"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    (package,) = build([notes_dir], out).files
    first = package.read_bytes()
    stamps = out / ".flashcards-books"
    # as a version before this one left it, on a system that could hold the names
    package.rename(out / "con.apkg")
    (stamps / "con_.json").rename(stamps / "con.json")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")  # a note stamped anew would show
    (again,) = build([notes_dir], out).files
    assert again == out / "con_.apkg"
    assert again.read_bytes() == first, "the same cards with the same stamps: nothing lost"
    assert not (out / "con.apkg").exists() and not (stamps / "con.json").exists()
    assert (stamps / "con_.json").is_file()
    third = build([notes_dir], out)
    assert third.files == [] and third.unchanged == [out / "con_.apkg"], "settled"


def test_sync_takes_con_apkg_as_the_book_con_and_knows_it_the_next_time(
    user: Path,  # noqa: F811 - a fixture
    tmp_path: Path,
) -> None:
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "con.md").write_text(_note("CON"))
    first = CliRunner().invoke(cli, ["sync"])
    assert first.exit_code == 0, first.output
    assert "  con: 1 added, 0 updated, 0 unchanged" in synced(first)
    again = CliRunner().invoke(cli, ["sync"])
    assert again.exit_code == 0 and "not there" not in again.output
    assert "  con: unchanged since the last sync" in synced(again)
    assert len(notes_of(user)) == 1
