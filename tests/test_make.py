"""``make deck`` rebuilds exactly when a note (or anything under notes/) changed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import wait_for

ROOT = Path(__file__).resolve().parent.parent


def make_deck(notes: Path, out: Path) -> str:
    done = subprocess.run(
        [
            "make",
            "-s",
            "-C",
            str(ROOT),
            "deck",
            f"NOTES={notes}",
            f"OUT={out}",
            f"VENV={sys.prefix}",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_deck_builds_only_when_notes_change(seed_notes: Path, tmp_path: Path) -> None:
    out = tmp_path / "build"
    assert "wrote" in make_deck(seed_notes, out)
    assert make_deck(seed_notes, out).splitlines()[0] == (
        "nothing changed since the last build: 1 note, 29 cards in 1 deck"
    )

    time.sleep(0.01)
    new = seed_notes / "chapter-02.md"
    new.write_text('---\ntitle: "Book - Chapter 2"\n---\n## Key Vocab\n- **A:** b\n')
    os.utime(new, (0, 0))  # an old copied file: the folder's change still counts
    assert "wrote" in make_deck(seed_notes, out)
    assert "nothing changed" in make_deck(seed_notes, out)

    time.sleep(0.01)
    new.write_text('---\ntitle: "Book - Chapter 2"\n---\n## Key Vocab\n- **A:** c\n')
    assert "wrote" in make_deck(seed_notes, out)

    time.sleep(0.01)
    new.touch()  # saved again without a change: one build finds nothing to write
    assert "unchanged" in make_deck(seed_notes, out)
    assert "nothing changed" in make_deck(seed_notes, out)


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_deck_after_reinstalling_the_tool_says_nothing_changed(
    seed_notes: Path, tmp_path: Path
) -> None:
    """`make test` reinstalls the package (pip rewrites .venv/bin/flashcards): that is no
    change to the notes."""
    out = tmp_path / "build"
    make_deck(seed_notes, out)
    os.utime(Path(sys.prefix) / "bin" / "flashcards")
    assert make_deck(seed_notes, out).startswith("nothing changed since the last build")


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_a_first_make_deck_writes_the_deck_and_compiles_afterwards_in_the_background(
    seed_notes: Path, tmp_path: Path
) -> None:
    """On a fresh clone the compile (a minute) must not stand before the first deck: the
    build runs on plain Python, then the compile starts and `make` returns without it."""
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    real = Path(sys.prefix) / "bin"
    (venv / "bin" / "python").write_text(  # the compile waits until the test lets it go
        '#!/bin/sh\nif [ "$1" = tools/compile.py ]; then\n  touch "$2/compile-started"\n'
        '  while [ ! -e "$2/release" ]; do sleep 0.05; done\n  touch "$2/.compiled"; exit 0\n'
        f'fi\nexec {real / "python"} "$@"\n'
    )
    (venv / "bin" / "flashcards").write_text(f'#!/bin/sh\nexec {real / "flashcards"} "$@"\n')
    for tool in ("python", "flashcards"):
        (venv / "bin" / tool).chmod(0o755)
    out = tmp_path / "build"
    command = ["make", "-s", "-C", str(ROOT), "deck", f"NOTES={seed_notes}", f"OUT={out}"]
    first = subprocess.run(
        [*command, f"VENV={venv}"], capture_output=True, text=True, check=True, timeout=60
    )
    assert first.stdout.splitlines()[-2:] == [
        f"wrote {out}/designing-machine-learning-systems.apkg",
        "flashcards: compiling the modules every card passes through in the background "
        f"(later builds take a sixth less CPU; {venv}/compile.log)",
    ]
    wait_for(lambda: (venv / "compile-started").exists())
    assert not (venv / ".compiled").exists(), "make returned while the compile runs"

    again = subprocess.run([*command, f"VENV={venv}"], capture_output=True, text=True, check=True)
    assert again.stdout.startswith("nothing changed since the last build"), "no waiting"
    (venv / "release").touch()
    wait_for(lambda: (venv / ".compiled").exists())
    done = subprocess.run([*command, f"VENV={venv}"], capture_output=True, text=True, check=True)
    assert "compiling" not in done.stdout, "compiled: no compile is due"
