"""What a hostile user (or an unlucky one) puts in front of the tool: impossible front
matter, files that are not files, names that are not UTF-8, a preview server asked by
another host, an output folder among the notes. Each is a message, never a traceback."""

from __future__ import annotations

import http.client
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from flashcards.cli import cli
from flashcards.preview.server import allowed, serve

VOCAB = "## Key Vocab\n- **a:** b\n"


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes").mkdir()
    return lambda *args: CliRunner().invoke(cli, list(args))


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("2024-02-30", "'2024-02-30' that cannot be read (day is out of range for month)"),
        ("2024-13-01", "'2024-13-01' that cannot be read (month must be in 1..12)"),
        ("2024-01-01T25:00:00", "'2024-01-01T25:00:00' that cannot be read (hour must be"),
        ("9" * 5000, "'" + "9" * 40 + "…' that cannot be read (a number too long to read)"),
    ],
)
def test_impossible_front_matter_values_are_located_errors(
    run: Callable[..., Result], tmp_path: Path, value: str, said: str
) -> None:
    (tmp_path / "notes" / "x.md").write_text(f'---\ntitle: "B - Chapter 1"\ndate: {value}\n---\n')
    for command in ("build", "check", "list", "preview"):
        result = run(command)
        assert result.exit_code == 1, (command, result.output)
        assert "Traceback" not in result.output
        assert f"notes/x.md:3: error: front matter has {said}" in result.stderr


def test_deeply_nested_front_matter_and_configuration_are_errors(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    deep = "[" * 3000 + "]" * 3000
    (tmp_path / "notes" / "x.md").write_text(f'+++\ntitle = "B - Chapter 1"\nx = {deep}\n+++\n')
    result = run("check")
    assert result.exit_code == 1
    assert "notes/x.md:1: error: front matter is nested too deeply to read" in result.stderr
    (tmp_path / "notes" / "flashcards.yaml").write_text(f"output: {deep}\n")
    configured = run("check")
    assert configured.exit_code == 2
    assert "flashcards.yaml: nested too deeply to read" in configured.stderr
    (tmp_path / "notes" / "flashcards.yaml").write_text("output: 2024-02-30\n")
    dated = run("check")
    assert dated.exit_code == 2
    assert "flashcards.yaml:1: '2024-02-30' cannot be read" in dated.stderr


def test_only_regular_files_are_read(run: Callable[..., Result], tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    (notes / "good.md").write_text('---\ntitle: "B - Chapter 1"\n---\n' + VOCAB)
    os.mkfifo(notes / "fifo.md")  # reading it would wait for ever
    (notes / "zero.md").symlink_to("/dev/zero")  # reading it would fill the memory
    (notes / "loop.md").symlink_to("loop.md")
    result = run("build")
    assert result.exit_code == 1
    assert "notes/fifo.md: error: is not a regular file" in result.stderr
    assert "notes/zero.md: error: is not a regular file" in result.stderr
    assert "notes/loop.md: error: cannot be read: Too many levels of symbolic links" in (
        result.stderr
    )
    assert "Traceback" not in result.output


def test_a_file_name_that_is_not_utf8_builds_and_previews(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    name = os.fsdecode(b"caf\xe9.md")
    (tmp_path / "notes" / name).write_text('---\ntitle: "B - Chapter 1"\n---\n' + VOCAB)
    built = run("build")
    assert built.exit_code == 0, built.output
    assert "nothing changed since the last build" in run("build").stdout
    assert run("preview").exit_code == 0
    listed = run("list")
    assert "notes/caf\ufffd.md:5" in listed.stdout


def test_the_preview_server_answers_only_its_own_host_and_files(tmp_path: Path) -> None:
    (tmp_path / "preview.html").write_text("page")
    (tmp_path / "secret.apkg").write_text("cards")
    server, address = serve(tmp_path)
    port = server.server_address[1]
    try:

        def get(path: str, host: str) -> int:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            connection.request("GET", path, headers={"Host": host})
            status = connection.getresponse().status
            connection.close()
            return status

        assert address.endswith("/preview.html")
        assert get("/preview.html", f"127.0.0.1:{port}") == 200
        assert get("/preview.html", f"localhost:{port}") == 200
        assert get("/preview.html", f"evil.example:{port}") == 403
        assert get("/", f"127.0.0.1:{port}") == 302, "to the page, never a folder listing"
        assert get("/secret.apkg", f"127.0.0.1:{port}") == 404
        assert get("/preview-media/../secret.apkg", f"127.0.0.1:{port}") == 404
    finally:
        server.shutdown()
    assert allowed("127.0.0.1:80", "/preview-media/x.png", 80) == 200
    assert allowed(None, "/preview.html", 80) == 403


def test_watch_never_reacts_to_its_own_output_among_the_notes(
    seed_notes: Path, tmp_path: Path
) -> None:
    out = seed_notes / "build"  # the output folder inside the watched notes
    process = subprocess.Popen(
        [sys.executable, "-m", "flashcards", "watch", str(seed_notes), "-o", str(out),
         "--preview", "--debounce", "100"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    try:
        time.sleep(4)
    finally:
        process.terminate()
        _, stderr = process.communicate(timeout=15)
    assert "watching for changes" in stderr
    assert "changed:" not in stderr, "its own output made it rebuild"


def test_stats_deck_ignores_case_as_anki_does() -> None:
    from flashcards.anki.stats import _in_deck

    assert _in_deck("Designing ML::Chapter 01", "designing ml")
    assert _in_deck("Designing ML", "DESIGNING ML")
    assert not _in_deck("Designing MLOps", "designing ml")


def test_a_read_only_collection_is_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flashcards.anki.collection import CollectionError, opened

    collection = tmp_path / "collection.anki2"
    collection.write_bytes(b"")
    real = os.access
    monkeypatch.setattr(
        os, "access", lambda path, mode: False if mode == os.W_OK else real(path, mode)
    )  # as root, chmod would not stop a write
    with (
        pytest.raises(CollectionError, match=r"cannot be written .* read-only"),
        opened(collection),
    ):
        pass
