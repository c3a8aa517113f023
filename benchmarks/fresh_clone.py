"""A newcomer's first ``make deck``: seconds from a fresh clone to the first package.

Clones the repository's committed HEAD into a temporary folder and runs ``make deck``
there as a newcomer would (a new virtualenv, the install, the build of the sample note),
timing it until ``make`` returns with ``build/*.apkg`` written; then how long the compile
it starts in the background takes to finish, and a second ``make deck`` (now compiled).
The packages come from pip's cache, as they would on a second try; the first download
of all of them is the network's time, not the tool's.

``python benchmarks/fresh_clone.py [RUNS]`` (default 1). Not run by ``make bench``: it
measures the set-up, not the build (and the machine should be otherwise idle).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def one_run(folder: Path) -> tuple[float, float, float]:
    """Seconds to the first package, until the background compile is done, and of a
    second ``make deck``."""
    clone = folder / "flashcards"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    start = time.monotonic()
    subprocess.run(["make", "-s", "deck"], cwd=clone, check=True, capture_output=True)
    first = time.monotonic() - start
    packages = list((clone / "build").glob("*.apkg"))
    assert packages, "make deck wrote no package"
    while not (clone / ".venv" / ".compiled").exists():  # the background compile's stamp
        assert time.monotonic() - start < 900, "the background compile did not finish"
        time.sleep(0.2)
    compiled = time.monotonic() - start
    start = time.monotonic()
    again = subprocess.run(["make", "-s", "deck"], cwd=clone, check=True, capture_output=True)
    assert b"nothing changed" in again.stdout, again.stdout
    return first, compiled, time.monotonic() - start


def main(runs: int) -> None:
    results = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="flashcards-fresh-") as folder:
            results.append(one_run(Path(folder)))
    for label, values in zip(
        ("first package (make deck returns)", "background compile done", "second make deck"),
        zip(*results, strict=True),
        strict=True,
    ):
        print(f"{label:36} {statistics.median(values):6.1f} s  (runs: {len(values)})")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
