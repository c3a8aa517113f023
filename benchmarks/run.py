"""``make bench``: build generated corpora of 1,000 and 10,000 notes, beside the floor.

For each corpus shape (``seed``: about 30 cards a note, 25 chapters a book; ``wide``:
about 52 cards a note, 20 chapters a book) and size it prints medians over several runs
of the whole process (start-up included): the floor (regular expressions and raw SQLite,
no Markdown parsing: the project's shared ``../shared/perf-floor`` where it is, else
``floor.py``), a full build with its CPU seconds (the process and its workers), a build
with nothing changed, a build after one note changed, and the peak memory (PSS of the
process and its workers) of a full build and of the floor; with our full build's time
as a ratio to the floor's (the two run in turns, and the ratio is the median of each
turn's: this machine's speed drifts too much between runs for two separate medians).
Then the preview of 1,000 wide notes: seconds to write it,
and in Chromium (when there is one) the seconds until a book page is ready
(DOMContentLoaded, its first cards on screen) and until a filter is applied; and the
live loop (``live_timing.py``): with ``watch --preview`` on those notes and a book page
open in Chromium, the seconds from a saved edit to its text on the page.

Last, the hostile shapes (``hostile.py``): one note of each dialect's markers repeated,
nested or never closed, built at 250,000 and 1,000,000 characters, with the ratio of
the two times (4 is linear, 16 quadratic).

``python benchmarks/run.py [SIZE ...] [--shape seed|wide] [--no-preview] [--no-hostile]``
"""

from __future__ import annotations

import compileall
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import NamedTuple

from hostile import bench as bench_hostile

CPU: list[float] = []  # the CPU seconds of each timed command, in order
HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
SIZES = (1000, 10000)
RUNS = {1000: 5, 10000: 5}


def timed(command: list[str], *, sample: bool = False) -> tuple[float, float]:
    """Wall seconds of ``command``, and with ``sample`` its peak memory (MB, else 0).
    The CPU seconds it took (with its workers) are added to :data:`CPU`.

    Memory is the proportional set size (PSS) of the process and its workers, sampled
    every 20 ms from /proc: forked workers share most of their pages with the parent, so
    adding up their RSS would count those pages several times. Sampling costs CPU, so
    timed runs do not sample.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
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
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
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


SHARED_FLOOR = ROOT.parent / "shared" / "perf-floor" / "baseline_sqlite.py"


def floor_command(notes: Path, out: Path) -> list[str]:
    """The floor: the project's shared one (``../shared/perf-floor``, deflated, as the
    speed issue quotes it) where it is, else ``floor.py`` beside this file."""
    if SHARED_FLOOR.exists():
        return [str(SHARED_FLOOR), str(notes), str(out), "--deflate"]
    return [str(HERE / "floor.py"), str(notes), str(out)]


def cards_built(out: Path) -> int:
    """How many cards the build in ``out`` wrote (its state counts them by deck)."""
    books = json.loads((out / ".flashcards-state.json").read_text())["books"]
    return sum(sum(book[4].values()) for book in books.values())


def corpus(size: int, shape: str) -> Path:
    folder = OUT / (f"corpus-{size}" if shape == "seed" else f"{shape}-{size}")
    if not folder.exists():
        subprocess.run(
            [sys.executable, str(HERE / "generate.py"), str(size), str(folder), shape],
            check=True,
        )
    return folder


class Paired(NamedTuple):
    """Medians of the floor and our build, run in turns: the machine's speed drifts by up
    to a third within minutes, so each build is compared with the floor run just before."""

    floor: float  # wall seconds
    ours: float
    cpu: float  # our build's CPU seconds (with its workers)
    ratio: float  # the median of each turn's ratio
    floor_peak: float  # MB
    peak: float


def paired_runs(floor: tuple[list[str], Path], ours: tuple[list[str], Path], runs: int) -> Paired:
    """Fresh runs of the floor and of our build, in turns; then the peak memory of one
    more of each."""
    floors, walls, cpus = [], [], []
    for _ in range(runs):
        for (command, out), walls_of in ((floor, floors), (ours, walls)):
            shutil.rmtree(out, ignore_errors=True)
            walls_of.append(timed(command)[0])
        cpus.append(CPU[-1])
    peaks = []
    for command, out in (floor, ours):
        shutil.rmtree(out, ignore_errors=True)
        peaks.append(timed(command, sample=True)[1])
    ratios = [wall / floor_wall for wall, floor_wall in zip(walls, floors, strict=True)]
    return Paired(
        statistics.median(floors), statistics.median(walls), statistics.median(cpus),
        statistics.median(ratios), *peaks,
    )  # fmt: skip


def main() -> None:
    args = sys.argv[1:]
    shapes = ["seed", "wide"]
    if "--shape" in args:
        where = args.index("--shape")
        shapes = [args[where + 1]]
        del args[where : where + 2]
    preview = "--no-preview" not in args
    sizes = [int(arg) for arg in args if not arg.startswith("--")] or list(SIZES)
    # Timed as installed: byte-compiled (an editable install under PYTHONDONTWRITEBYTECODE
    # would otherwise compile every module on every run, 20 ms of a 0.2 s build)
    compileall.compile_dir(ROOT / "flashcards", quiet=1)
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; medians")
    floor = "../shared/perf-floor (deflated)" if SHARED_FLOOR.exists() else "benchmarks/floor.py"
    print(f"floor: {floor}; cards: what our build made")
    header = (
        f"{'shape':>5} {'notes':>6} {'cards':>7} | {'floor s':>7} {'peak MB':>7} |"
        f" {'full s':>6} {'cpu s':>6} {'x':>6} {'peak MB':>7} | {'no change s':>11} |"
        f" {'one note s':>10}"
    )
    print(header)
    print("-" * len(header))
    for shape in shapes:
        for size in sizes:
            bench_build(shape, size)
    if preview:
        bench_preview(corpus(1000, "wide"))
    if "--no-hostile" not in sys.argv:
        print()
        bench_hostile()


def bench_build(shape: str, size: int) -> None:
    notes = corpus(size, shape)
    out = OUT / f"build-{shape}-{size}"
    runs = RUNS.get(size, 3)
    floor_file = OUT / f"floor-{shape}-{size}.apkg"
    command = ["-m", "flashcards", "build", str(notes), "-o", str(out), "-q"]
    paired = paired_runs((floor_command(notes, floor_file), floor_file), (command, out), runs)
    timed(command)  # leaves the state that the next builds start from
    cards = cards_built(out)
    unchanged = statistics.median(timed(command)[0] for _ in range(5))
    one = statistics.median(one_note_changed(notes, command) for _ in range(5))
    print(
        f"{shape:>5} {size:>6} {cards:>7} | {paired.floor:>7.2f} {paired.floor_peak:>7.0f} |"
        f" {paired.ours:>6.2f} {paired.cpu:>6.1f} {paired.ratio:>5.2f}x {paired.peak:>7.0f} |"
        f" {unchanged:>11.2f} | {one:>10.2f}",
        flush=True,
    )


def bench_preview(notes: Path) -> None:
    """Time the preview of ``notes``: written, then (in Chromium) ready and filtered."""
    out = OUT / "preview"
    shutil.rmtree(out, ignore_errors=True)
    command = ["-m", "flashcards", "preview", str(notes), "-o", str(out)]
    walls = []
    for _ in range(3):
        shutil.rmtree(out, ignore_errors=True)
        walls.append(timed(command)[0])
    written = statistics.median(walls)
    books = sorted((out / "preview-books").glob("*.html"))
    size = sum(p.stat().st_size for p in books) / len(books) / 1e6
    index = (out / "preview.html").stat().st_size / 1e6
    print(
        f"preview of {notes.name}: written in {written:.2f} s; index page {index:.2f} MB,"
        f" {len(books)} book pages of {size:.1f} MB on average"
    )
    sys.path.insert(0, str(HERE))
    from browser_timing import time_pages

    timing = time_pages(out / "preview.html", books[0])
    if timing is None:
        print("  (no Chromium here: the page was not timed in a browser)")
        return
    print(
        f"  in Chromium: index ready in {timing.index:.2f} s; a book page ready in"
        f" {timing.ready:.2f} s ({timing.nodes} elements), a filter applied in"
        f" {timing.filtered:.2f} s"
    )
    from live_timing import SAVES, time_live_loop

    live = time_live_loop(notes)
    if live is not None:
        how = "reloaded" if live.reloaded else "updated in place"
        print(
            f"  live loop (watch --preview, {notes.name}): a save on the open page in"
            f" {live.median:.2f} s (median of {SAVES}; the slowest {live.slowest:.2f} s; {how})"
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
