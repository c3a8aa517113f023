"""What a careful user trips on: the preview server's own address, the first build's
words, ``build --help`` telling what a build does with an error, and ``watch
--preview`` saying each warning once."""

from __future__ import annotations

import http.client
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from flashcards.cli import cli
from flashcards.preview.server import serve

SEED = "designing-machine-learning-systems-chapter-01.md"
WARNING = f"notes/{SEED}:21: warning: 8 terms have no definition"


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    return lambda *args: CliRunner().invoke(cli, list(args))


def test_the_preview_servers_own_address_leads_to_the_index(tmp_path: Path) -> None:
    (tmp_path / "preview.html").write_text("the index")
    server, address = serve(tmp_path)
    port = server.server_address[1]
    try:

        def get(path: str, host: str) -> http.client.HTTPResponse:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            connection.request("GET", path, headers={"Host": host})
            response = connection.getresponse()
            response.read()
            connection.close()
            return response

        root = get("/", f"127.0.0.1:{port}")
        assert (root.status, root.getheader("Location")) == (302, "/preview.html")
        assert address.endswith(root.getheader("Location") or "?")
        assert get("/", f"localhost:{port}").status == 302
        assert get("/", f"evil.example:{port}").status == 403, "another host: refused first"
        assert get("/?x=1", f"127.0.0.1:{port}").status == 302
        assert get("/preview-books/", f"127.0.0.1:{port}").status == 404, "no folder listing"
    finally:
        server.shutdown()


def test_the_first_build_says_nothing_of_a_missing_state(
    seed_notes: Path, run: Callable[..., Result], tmp_path: Path
) -> None:
    first = run("build")
    assert first.exit_code == 0
    assert "state" not in first.stderr, first.stderr
    assert "state" not in first.stdout
    again = run("build", "-v", "-o", "elsewhere")
    assert (
        "elsewhere/.flashcards-state.json: none yet (a first build here); every card is new"
        in again.stderr.splitlines()
    )
    (tmp_path / "build" / ".flashcards-state.json").write_text("{")
    damaged = run("build")
    assert "unreadable build state" in damaged.stderr, "a damaged state is still said"


def test_build_help_says_a_book_with_an_error_keeps_its_package(
    run: Callable[..., Result],
) -> None:
    said = " ".join(run("build", "--help").stdout.split())
    assert "nothing is written" not in said
    assert "keeps the package its last build wrote" in said
    assert "the other books are written" in said


def test_watch_with_the_preview_prints_each_warning_once_a_rebuild(
    seed_notes: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    import flashcards.cli.watch

    def rebuild_twice(paths: object, rebuild: Callable[[], None], **_: object) -> None:
        rebuild()
        (seed_notes / SEED).write_text((seed_notes / SEED).read_text() + "\n")
        rebuild()

    monkeypatch.setattr(flashcards.cli.watch, "watch", rebuild_twice)
    result = run("watch", "--preview")
    assert result.exit_code == 0, result.output
    assert sum(line.startswith(WARNING) for line in result.stderr.splitlines()) == 2
    assert result.stdout.count("29 cards: build/preview.html") == 2, "the page is still said"
