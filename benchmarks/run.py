"""``make bench``: build generated corpora of 100, 1,000 and 10,000 notes and time them.

For each size it prints the median over several runs of the whole process (start-up
included): wall time, cards per second and peak memory (PSS of the process and its
workers), beside the same figures for genanki writing the same rendered cards with no
parsing (the floor of the output stage). It also times a rebuild with nothing changed, as
``make deck`` does it (nothing to do) and as ``flashcards build`` does it (everything again).
"""

from __future__ import annotations

import json
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
SIZES = (100, 1000, 10000)
RUNS = {100: 5, 1000: 5, 10000: 3}


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


def dump_cards(notes: Path, target: Path) -> int:
    """Write the rendered cards of ``notes`` for the genanki floor; return the card count."""
    from flashcards.cards import settle_guids
    from flashcards.load import find_notes
    from flashcards.model import slugify
    from flashcards.notefile import ReadOptions, process_files

    results = process_files(list(find_notes([notes])), ReadOptions())
    anki, _ = settle_guids(d for r in results for d in r.drafts)
    rows = [
        {
            "book": slugify(n.book),
            "deck": n.deck,
            "model": n.note_type.id,
            "fields": list(n.fields),
            "tags": list(n.tags),
            "guid": n.guid,
        }
        for n in anki
    ]
    target.write_text(json.dumps(rows), encoding="utf-8")
    return sum(len(n.card_ords) for n in anki)


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
        f"{'notes':>6} {'cards':>7} | {'flashcards s':>12} {'cards/s':>8} {'peak MB':>8} |"
        f" {'genanki s':>9} {'cards/s':>8} {'peak MB':>8} | {'no-change':>9} {'make deck':>9}"
    )
    print(header)
    print("-" * len(header))
    results = {}
    for size in sizes:
        notes = corpus(size)
        out = OUT / f"build-{size}"
        cards_file = OUT / f"cards-{size}.json"
        cards = dump_cards(notes, cards_file)
        runs = RUNS.get(size, 3)
        command = ["-m", "flashcards", "build", str(notes), "-o", str(out), "-q"]
        ours = median_run(command, runs, out)
        floor_out = OUT / f"genanki-{size}"
        floor = median_run(
            [str(HERE / "genanki_floor.py"), str(cards_file), str(floor_out)], runs, floor_out
        )
        timed(command)  # leaves the state that rebuilds start from
        rebuild = statistics.median(timed(command)[0] for _ in range(3))
        make_noop = statistics.median(make_deck(notes, out) for _ in range(3))
        results[size] = ours[0]
        print(
            f"{size:>6} {cards:>7} | {ours[0]:>12.2f} {cards / ours[0]:>8.0f} {ours[1]:>8.0f} |"
            f" {floor[0]:>9.2f} {cards / floor[0]:>8.0f} {floor[1]:>8.0f} |"
            f" {rebuild:>9.2f} {make_noop:>9.2f}",
            flush=True,
        )
    if 1000 in results and 10000 in results:
        print(f"10,000 notes / 1,000 notes: {results[10000] / results[1000]:.1f}x")


def make_deck(notes: Path, out: Path) -> float:
    """Seconds for ``make deck`` when nothing changed since the last build."""
    start = time.perf_counter()
    subprocess.run(
        ["make", "-s", "deck", f"NOTES={notes}", f"OUT={out}"],
        check=True,
        cwd=ROOT,
        capture_output=True,
    )
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
