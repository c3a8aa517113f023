"""The package people install: built from a clean copy of the repository (wheel and
sdist), installed into a fresh virtualenv outside the repository without a compiler,
and used there: every command, sync into a closed collection with the ``anki`` extra."""

from __future__ import annotations

import email
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import SEED_NOTE

from flashcards import __version__

ROOT = Path(__file__).resolve().parent.parent
CHECKOUT = (ROOT / ".git").exists() and shutil.which("git") is not None


def _clean_copy(to: Path) -> Path:
    """The repository's files as a fresh clone has them (with this work tree's edits): no
    virtualenv, compiled modules, build output or caches."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT, capture_output=True, check=True,
    ).stdout.decode().split("\0")  # fmt: skip
    for name in filter(None, listed):
        if (ROOT / name).is_file():
            (to / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, to / name)
    return to


def _run(*command: str | Path, cwd: Path) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["ANKICONNECT_URL"] = "http://127.0.0.1:9"  # no Anki running: the closed collection
    done = subprocess.run(
        [str(c) for c in command], cwd=cwd, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, f"{command}: {done.stdout}{done.stderr}"
    return done.stdout


@pytest.mark.skipif(not CHECKOUT, reason="builds from a git checkout of the repository")
def test_the_wheel_from_a_clean_clone_installs_and_runs_outside_the_repository(
    tmp_path: Path,
) -> None:
    source = _clean_copy(tmp_path / "clone")
    dist = tmp_path / "dist"
    _run(sys.executable, "-m", "build", "--outdir", dist, source, cwd=tmp_path)
    (wheel,) = dist.glob("*.whl")
    (sdist,) = dist.glob("*.tar.gz")
    assert wheel.name == f"flashcards-{__version__}-py3-none-any.whl", "pure Python"
    assert sdist.name == f"flashcards-{__version__}.tar.gz"
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        meta = email.message_from_bytes(
            archive.read(f"flashcards-{__version__}.dist-info/METADATA")
        )
        scripts = archive.read(f"flashcards-{__version__}.dist-info/entry_points.txt")
    assert "flashcards/cards/card.css" in names and not [n for n in names if n.endswith(".so")]
    assert (meta["Name"], meta["Version"], meta["License-Expression"]) == (
        "flashcards", __version__, "MIT",
    )  # fmt: skip
    assert meta["Summary"] == "Turn Markdown study notes into Anki decks that update in place."
    assert "Topic :: Education" in meta.get_all("Classifier")
    assert meta.get_all("Provides-Extra") == ["anki", "dev"]
    assert b"flashcards = flashcards.cli:main" in scripts

    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp_path)
    _run(sys.executable, "-m", "pip", "--python", venv / "bin" / "python", "install",
         "--quiet", "--only-binary", ":all:", f"{wheel}[anki]", cwd=tmp_path)  # fmt: skip
    tool = venv / "bin" / "flashcards"
    work = tmp_path / "work"
    (work / "notes").mkdir(parents=True)
    (work / "notes" / SEED_NOTE.name).write_bytes(SEED_NOTE.read_bytes())
    where = _run(venv / "bin" / "python", "-c", "import flashcards; print(flashcards.__file__)",
                 cwd=work)  # fmt: skip
    assert Path(where.strip()).is_relative_to(venv), "the installed package, not the repository"
    assert _run(tool, "--version", cwd=work).startswith(f"flashcards {__version__}: ")
    assert "wrote build/designing-machine-learning-systems.apkg" in _run(tool, "build", cwd=work)
    for command in ("check", "list", "preview"):
        _run(tool, command, cwd=work)
    collection = tmp_path / "Anki2" / "User 1" / "collection.anki2"
    collection.parent.mkdir(parents=True)
    _run(venv / "bin" / "python", "-c",
         f"from anki.collection import Collection; Collection({str(collection)!r}).close()",
         cwd=work)  # fmt: skip
    synced = _run(tool, "sync", "--collection", collection, cwd=work)
    assert "designing-machine-learning-systems: 8 added" in synced
    _run(tool, "stats", "--collection", collection, cwd=work)
