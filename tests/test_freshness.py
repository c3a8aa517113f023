"""Compiled modules run only while they are as new as their sources (flashcards/freshness.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "flashcards"
COMPILED = sorted(PACKAGE.rglob("*.so"))
SHOW = (
    "import flashcards.notes.text as t, flashcards.cards.identity as i; "
    "print(t.__file__, i.__file__)"
)


def _run(root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(root), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        [sys.executable, "-c", SHOW], cwd=root, env=env, capture_output=True, text=True, check=True
    )


@pytest.mark.skipif(not COMPILED, reason="the package is not compiled here (make test compiles it)")
def test_a_source_edited_after_compiling_runs_every_module_from_source(tmp_path: Path) -> None:
    copy = tmp_path / "flashcards"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    fresh = _run(tmp_path)
    assert fresh.stderr == ""
    assert all(path.endswith(".so") for path in fresh.stdout.split()), fresh.stdout

    text = copy / "notes" / "text.py"
    later = next((copy / "notes").glob("text.*.so")).stat().st_mtime + 10
    os.utime(text, (later, later))
    stale = _run(tmp_path)

    assert all(path.endswith(".py") for path in stale.stdout.split()), stale.stdout
    assert stale.stderr == (
        "flashcards: flashcards/notes/text.py changed since it was compiled; running the "
        "sources (slower) until `make deck` compiles them again\n"
    )


@pytest.mark.skipif(not COMPILED, reason="the package is not compiled here (make test compiles it)")
def test_compiled_modules_half_there_run_every_module_from_source(tmp_path: Path) -> None:
    """tools/compile.py moves the modules in one by one, their shared library last: a run
    that starts before it is there runs the sources, never a mix."""
    copy = tmp_path / "flashcards"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    (shared,) = copy.glob("compiled__mypyc*.so")
    shared.unlink()
    half = _run(tmp_path)
    assert all(path.endswith(".py") for path in half.stdout.split()), half.stdout
    assert half.stderr == (
        "flashcards: the compiled modules are not all there (a compile under way?); running "
        "the sources (slower) until `make deck` compiles them again\n"
    )


@pytest.mark.skipif(
    not os.environ.get("CI") or shutil.which("gcc") is None,
    reason="only CI, with a C compiler, must have compiled the package",
)
def test_ci_runs_the_compiled_package() -> None:
    """``make test`` compiles the modules every card passes through. A compile that
    fails (mypyc's C for one new module once failed gcc's -Werror) leaves the tool a
    sixth slower and says so only in .venv/compile.log: in CI it fails here instead."""
    assert COMPILED, "the package did not compile: see .venv/compile.log"
