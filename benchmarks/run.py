"""``make bench``: build generated corpora of 1,000 and 10,000 notes, beside the floor.

For each size it prints medians over several runs of the whole process (start-up
included): the floor (``floor.py``: regular expressions and raw SQLite, no Markdown
parsing), a full build, a build with nothing changed, a build after one note changed,
and the peak memory (PSS of the process and its workers) of a full build and of the
floor; with each of our times as a ratio to the floor's.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
SIZES = (1000, 10000)
RUNS = {1000: 5, 10000: 3}


def timed(command: list[str], *, sample: bool = False) -> tuple[float, float]:
    """Wall seconds of ``command``, and with ``sample`` its peak memory (MB, else 0).

    Memory is the proportional set size (PSS) of the process and its workers, sampled
    every 20 ms from /proc: forked workers share most of their pages with the parent, so
    adding up their RSS would count those pages several times. Sampling costs CPU, so
    timed runs do not sample.
    """
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, *command], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    peak = 0
    while sample and process.poll() is None:
        peak = max(peak, _tree_pss_kb(process.pid))
        time.sleep(0.02)
    process.wait()
    wall = time.perf_counter() - start
    if process.returncode != 0:
        raise RuntimeError(f"{command} failed: {process.stderr.read() if process.stderr else ''}")
    return wall, peak / 1024


def _tree_pss_kb(pid: int) -> int:
    """PSS of ``pid`` and its descendants, in kB (0 where /proc cannot tell)."""
    total = 0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            for line in Path(f"/proc/{current}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
                    break
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        pending.extend(int(child) for child in children)
    return total


def corpus(size: int) -> Path:
    folder = OUT / f"corpus-{size}"
    if not folder.exists():
        subprocess.run(
            [sys.executable, str(HERE / "generate.py"), str(size), str(folder)], check=True
        )
    return folder


def median_run(command: list[str], runs: int, out: Path) -> tuple[float, float]:
    """Median wall time of ``runs`` fresh builds, and the peak memory of one more."""
    walls = []
    for _ in range(runs):
        shutil.rmtree(out, ignore_errors=True)
        walls.append(timed(command)[0])
    shutil.rmtree(out, ignore_errors=True)
    return statistics.median(walls), timed(command, sample=True)[1]


def main() -> None:
    sizes = [int(arg) for arg in sys.argv[1:]] or list(SIZES)
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; medians")
    header = (
        f"{'notes':>6} {'cards':>7} | {'floor s':>7} {'peak MB':>7} | {'full s':>6} {'x':>5}"
        f" {'peak MB':>7} | {'no change s':>11} | {'one note s':>10}"
    )
    print(header)
    print("-" * len(header))
    for size in sizes:
        notes = corpus(size)
        out = OUT / f"build-{size}"
        runs = RUNS.get(size, 3)
        floor_file = OUT / f"floor-{size}.apkg"
        floor = median_run([str(HERE / "floor.py"), str(notes), str(floor_file)], runs, floor_file)
        cards = int(subprocess.run(
            [sys.executable, str(HERE / "floor.py"), str(notes), str(floor_file)],
            check=True, capture_output=True, text=True,
        ).stdout)  # fmt: skip
        command = ["-m", "flashcards", "build", str(notes), "-o", str(out), "-q"]
        ours = median_run(command, runs, out)
        timed(command)  # leaves the state that the next builds start from
        unchanged = statistics.median(timed(command)[0] for _ in range(5))
        one = statistics.median(one_note_changed(notes, command) for _ in range(5))
        print(
            f"{size:>6} {cards:>7} | {floor[0]:>7.2f} {floor[1]:>7.0f} |"
            f" {ours[0]:>6.2f} {ours[0] / floor[0]:>4.1f}x {ours[1]:>7.0f} |"
            f" {unchanged:>11.2f} | {one:>10.2f}",
            flush=True,
        )


def one_note_changed(notes: Path, command: list[str]) -> float:
    """Seconds for a build after one note was edited (the edit is undone after)."""
    note = sorted(notes.rglob("*.md"))[len(list(notes.rglob("*.md"))) // 2]
    text = note.read_text(encoding="utf-8")
    note.write_text(text + "\n- one more statement\n", encoding="utf-8")
    try:
        return timed(command)[0]
    finally:
        note.write_text(text, encoding="utf-8")
        timed(command)


if __name__ == "__main__":
    main()
