"""Compile the modules every card passes through (``setup.py`` lists them) with mypyc.

``make`` runs this in the background after a build (``make deck`` writes the first
package with plain Python, then compiles) and in the foreground before ``make test``,
``make lint`` and ``make bench``. One compile at a time: a second waits for the first
(a lock in the virtualenv) and then finds the work done.

A build may start at any moment of a compile, so the package never holds a half set:
the old extension modules go first (the shared library first, so that ``freshness``
sees a set without it and runs the sources); the new ones are compiled outside the
package and moved in one by one, the shared library last. Without a C compiler the
plain Python keeps running and ``<venv>/compile.log`` says why.

Usage: ``python tools/compile.py VENV [SOURCE ...]`` (the sources whose change calls for
a compile: with none newer than ``VENV/.compiled``, nothing is done).
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "flashcards"
BUILT = ROOT / ".mypyc" / "lib"
TOOLS = ["setuptools>=77", "mypy>=1.10", "types-pyyaml", "types-pygments"]


def is_shared_library(path: Path) -> bool:
    """The group's one shared library (``compiled__mypyc…``); the others are the shims
    Python imports, each loading it."""
    return "__mypyc" in path.name


def compiled_in(folder: Path) -> list[Path]:
    """The extension modules under ``folder``, the shared library last."""
    return sorted(folder.rglob("*.so"), key=lambda path: (is_shared_library(path), str(path)))


def remove_compiled() -> None:
    """Take the package back to plain Python, the shared library first."""
    for path in reversed(compiled_in(PACKAGE)):
        path.unlink()


def install_compiled() -> None:
    """Move the new extension modules into the package, each atomically, the shared
    library last (a build that starts meanwhile runs the sources)."""
    for path in compiled_in(BUILT / "flashcards"):
        target = PACKAGE / path.relative_to(BUILT / "flashcards")
        partial = target.with_name(f".{target.name}.partial")
        shutil.copyfile(path, partial)
        os.replace(partial, target)  # now, newer than its source


def up_to_date(stamp: Path, sources: list[str]) -> bool:
    """Whether the last compile is newer than every source that calls for one."""
    try:
        done = stamp.stat().st_mtime
    except FileNotFoundError:
        return False
    return all(os.stat(source).st_mtime <= done for source in sources)


def compile_into(log: Path) -> bool:
    """Compile outside the package into :data:`BUILT`; whether every module compiled."""
    python = sys.executable
    with log.open("w") as out:
        steps = [
            [python, "-m", "pip", "install", "--quiet", *TOOLS],
            [python, "setup.py", "--quiet", "build_ext", "--build-lib", str(BUILT),
             "--build-temp", str(ROOT / ".mypyc" / "temp")],
        ]  # fmt: skip
        env = {**os.environ, "FLASHCARDS_COMPILE": "1"}
        return all(
            subprocess.run(step, cwd=ROOT, env=env, stdout=out, stderr=out).returncode == 0
            for step in steps
        )


def main(venv: Path, sources: list[str]) -> int:
    stamp = venv / ".compiled"
    with (venv / "compile.lock").open("w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print("flashcards: waiting for the compile under way", file=sys.stderr)
            fcntl.flock(lock, fcntl.LOCK_EX)
        if up_to_date(stamp, sources):
            return 0
        remove_compiled()
        shutil.rmtree(BUILT, ignore_errors=True)
        if compile_into(venv / "compile.log"):
            install_compiled()
        else:
            print(
                f"flashcards: not compiled (see {venv / 'compile.log'}); it runs as plain Python",
                file=sys.stderr,
            )
        stamp.touch()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), sys.argv[2:]))
