"""A package's zip archive: what ``zipfile`` (and so Anki's importer) reads back from it is
what went in, whichever deflater wrote it."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import zipfile

import pytest

from flashcards.building import archive

ENTRIES = [
    ("collection.anki2", b"SQLite format 3\x00" + bytes(range(256)) * 400),
    ("media", b'{"0": "diagram.png", "1": "empty.png"}'),
    ("0", os.urandom(20_000)),  # an image: deflates to nothing smaller
    ("1", b""),
]


def _read_back(blob: bytes) -> list[tuple[str, bytes, tuple[int, ...], int, int]]:
    with zipfile.ZipFile(io.BytesIO(blob)) as zipped:
        assert zipped.testzip() is None  # every entry's CRC matches its data
        return [
            (
                info.filename,
                zipped.read(info),
                info.date_time,
                info.external_attr >> 16,
                info.compress_type,
            )
            for info in zipped.infolist()
        ]


def test_the_archive_holds_the_entries_in_order_with_fixed_times_and_modes() -> None:
    read = _read_back(archive.zip_bytes(ENTRIES))
    assert [(name, data) for name, data, *_ in read] == ENTRIES
    assert {(time, mode, method) for _, _, time, mode, method in read} == {
        ((1980, 1, 1, 0, 0, 0), 0o644, zipfile.ZIP_DEFLATED)
    }


def test_equal_entries_give_equal_bytes() -> None:
    assert archive.zip_bytes(ENTRIES) == archive.zip_bytes(list(ENTRIES))


@pytest.mark.skipif(not archive.FAST, reason="ISA-L is not installed on this machine")
def test_isa_l_writes_what_zipfile_would_have_written_but_for_the_deflated_bytes() -> None:
    fast, plain = archive.zip_bytes(ENTRIES), archive._zipfile_bytes(ENTRIES)
    assert fast != plain  # ISA-L deflated it, not zlib
    assert _read_back(fast) == _read_back(plain)


@pytest.mark.skipif(shutil.which("unzip") is None, reason="no Info-ZIP unzip here")
def test_info_zip_finds_the_archive_sound(tmp_path) -> None:
    path = tmp_path / "book.apkg"
    path.write_bytes(archive.zip_bytes(ENTRIES))
    tested = subprocess.run(["unzip", "-t", str(path)], capture_output=True, text=True)
    assert tested.returncode == 0, tested.stdout
    assert "No errors detected" in tested.stdout


def test_without_isa_l_zipfile_writes_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archive, "isal_zlib", None)
    assert archive.zip_bytes(ENTRIES) == archive._zipfile_bytes(ENTRIES)


def test_an_archive_too_large_for_plain_zip_fields_is_written_by_zipfile(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(archive, "_PLAIN_LIMIT", 1000)  # as if past 4 GB
    assert archive.zip_bytes(ENTRIES) == archive._zipfile_bytes(ENTRIES)
