"""``flashcards watch`` rebuilds on change, survives a bad note, and stops cleanly."""

from __future__ import annotations

import queue
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import wait_for

APKG = "designing-machine-learning-systems.apkg"
NOTE = "designing-machine-learning-systems-chapter-01.md"


def test_watch_rebuilds_reports_bad_notes_and_stops_on_ctrl_c(
    seed_notes: Path, tmp_path: Path
) -> None:
    out = tmp_path / "build"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "flashcards",
            "watch",
            str(seed_notes),
            "-o",
            str(out),
            "--debounce",
            "100",
        ],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: queue.Queue[str] = queue.Queue()
    seen: list[str] = []
    assert process.stderr is not None
    threading.Thread(target=lambda: [lines.put(x) for x in process.stderr], daemon=True).start()  # type: ignore[union-attr]

    def said(text: str) -> bool:
        while not lines.empty():
            seen.append(lines.get())
        return any(text in line for line in seen)

    try:
        wait_for(lambda: said("watching for changes"))
        first = (out / APKG).read_bytes()
        note = seed_notes / NOTE
        note.write_text(note.read_text().replace("bringing ML into production", "shipping ML"))
        wait_for(lambda: (out / APKG).read_bytes() != first)

        (seed_notes / "broken.md").write_text("---\ntitle: [\n---\n")
        wait_for(lambda: said("broken.md:3: error: front matter is not valid YAML"))
        assert process.poll() is None, "a bad note must not stop the watcher"

        said("")
        before = len(seen)
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=15) == 0
        wait_for(lambda: said("stopped watching"), 5)
        assert seen[before:] == ["stopped watching\n"], "Ctrl-C prints one line"
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()


@pytest.mark.parametrize(
    "name",
    [".chapter.md.swp", "chapter.md.swp", "chapter.md.swx", "chapter.md~", ".#chapter.md",
     "#chapter.md#", "4913", "sedA1b2C3", "x.apkg", ".flashcards-state.json.ab12.tmp"],
)  # fmt: skip
def test_watch_ignores_the_scratch_files_of_editors_and_tools(name: str) -> None:
    from flashcards.cli.watch import _relevant

    assert not _relevant(None, f"/notes/{name}")


@pytest.mark.parametrize("name", ["chapter.md", "fig.png", "flashcards.yaml", "sed-notes.md"])
def test_watch_sees_notes_images_and_configuration(name: str) -> None:
    from flashcards.cli.watch import _relevant

    assert _relevant(None, f"/notes/{name}")


def test_a_note_saved_during_the_first_build_is_built_again(tmp_path: Path) -> None:
    """The watcher listens before the first build starts: a save while it runs is not
    lost (it once started after it, and after saying "watching")."""
    from flashcards.cli.console import Console
    from flashcards.cli.watch import watch

    note = tmp_path / "a.md"
    note.write_text("# A\n")
    builds: list[str] = []

    def rebuild() -> None:
        builds.append(note.read_text())
        if len(builds) == 1:
            note.write_text("# A, saved during the first build\n")
        else:
            signal.raise_signal(signal.SIGINT)  # the second build seen: stop

    timer = threading.Timer(20, signal.raise_signal, (signal.SIGINT,))  # never hang
    timer.start()
    try:
        watch([tmp_path], rebuild, debounce_ms=50, console=Console(verbosity=-1))
    finally:
        timer.cancel()
    assert builds == ["# A\n", "# A, saved during the first build\n"]
