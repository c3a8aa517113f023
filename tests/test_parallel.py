"""The forked map under every build: results in order, nothing pickled on the way out,
a worker's exception raised as itself, a dead worker a BuildError, no worker left."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from flashcards import BuildError
from flashcards.building import parallel

pytestmark = pytest.mark.skipif(parallel.workers() < 2, reason="needs two cores")


def children() -> set[int]:
    """The pids of this process's children (from /proc)."""
    pid = os.getpid()
    text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    return {int(child) for child in text.split()}


def square_in_worker(item: int) -> tuple[int, int]:
    return item * item, os.getpid()


@pytest.mark.parametrize(("count", "chunk"), [(3, None), (100, None), (1000, None), (57, 1)])
def test_results_come_back_in_order_from_the_workers(count: int, chunk: int | None) -> None:
    before = children()
    seen: list[tuple[int, int]] = []
    results = parallel.fork_map(
        square_in_worker,
        range(count),
        min_items=2,
        chunk=chunk,
        progress=lambda done, total: seen.append((done, total)),
    )
    assert [square for square, _ in results] == [n * n for n in range(count)]
    assert os.getpid() not in {pid for _, pid in results}, "the work was done in workers"
    assert seen == [(done, count) for done in range(1, count + 1)]
    assert children() == before, "no worker outlives the map"


def adder(n: int) -> Callable[[], int]:
    def add() -> int:
        return int(n + parallel.shared()["add"])

    return add


def call(make: Callable[[], int]) -> int:
    return make()


def test_items_and_shared_values_reach_the_workers_unpickled() -> None:
    items = [adder(n) for n in range(50)]  # local functions: pickle cannot take them
    results = parallel.fork_map(call, items, min_items=2, shared={"add": 1000})
    assert results == [n + 1000 for n in range(50)]
    assert parallel.shared() is None


def fails_on_7(item: int) -> int:
    if item == 7:
        raise OSError(28, "No space left on device")
    return item


def test_an_exception_in_a_worker_is_raised_as_itself() -> None:
    before = children()
    with pytest.raises(OSError, match="No space left on device") as raised:
        parallel.fork_map(fails_on_7, range(40), min_items=2, chunk=1)
    assert raised.value.errno == 28
    assert "fails_on_7" in str(raised.value.__cause__), "the worker's traceback is its cause"
    assert children() == before


def dies_on_7(item: int) -> int:
    if item == 7:
        os._exit(9)  # as the OOM killer would end it
    return item


def test_a_worker_that_dies_fails_the_map_and_no_worker_is_left() -> None:
    before = children()
    with pytest.raises(BuildError, match="a worker process stopped unexpectedly"):
        parallel.fork_map(dies_on_7, range(40), min_items=2, chunk=1)
    assert children() == before


def unpicklable_error(item: int) -> int:
    if item == 3:
        error = ValueError("cannot travel")
        error.payload = lambda: None  # type: ignore[attr-defined]
        raise error
    return item


def test_an_exception_that_cannot_be_pickled_still_says_what_it_was() -> None:
    with pytest.raises(RuntimeError, match="ValueError: cannot travel"):
        parallel.fork_map(unpicklable_error, range(10), min_items=2, chunk=1)


def open_descriptors() -> set[str]:
    return set(os.listdir("/proc/self/fd"))


def test_no_descriptor_is_left_open() -> None:
    before = open_descriptors()
    for _ in range(3):
        parallel.fork_map(square_in_worker, range(100), min_items=2)
    with pytest.raises(OSError):
        parallel.fork_map(fails_on_7, range(40), min_items=2, chunk=1)
    with pytest.raises(BuildError):
        parallel.fork_map(dies_on_7, range(40), min_items=2, chunk=1)
    assert open_descriptors() == before, "watch maps again and again in one process"


def test_few_items_run_here() -> None:
    results = parallel.fork_map(square_in_worker, range(3), min_items=4)
    assert {pid for _, pid in results} == {os.getpid()}


def test_check_reads_hundreds_of_notes_with_images_in_workers(tmp_path: Path) -> None:
    """``check`` brings each note's image files back from the workers: every value on
    the way (compiled ones among them) must survive the pipe. A note's media once did
    not (a compiled frozen dataclass does not unpickle), and ``check`` of a large folder
    with images stopped with a traceback."""
    from flashcards import check
    from flashcards.building.notefile import PARALLEL_MIN_FILES

    png = bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
    )
    for number in range(PARALLEL_MIN_FILES + 10):
        (tmp_path / f"n{number}.md").write_text(
            f"# Note {number}\n\n## Key Vocab\n\n- **Term {number}x:** ![](fig.png) a figure\n"
        )
    (tmp_path / "fig.png").write_bytes(png)
    report = check([tmp_path])
    assert report.errors == []
    assert sum(report.cards_by_deck.values()) == PARALLEL_MIN_FILES + 10
