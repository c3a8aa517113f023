"""Using every core for large builds: map a function over items in forked workers.

Forked workers inherit the parent's memory, so large inputs are handed over through
:func:`shared` instead of being pickled; only the items and results travel.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from typing import Any, TypeVar

from .errors import BuildError

Item = TypeVar("Item")
Result = TypeVar("Result")
Progress = Callable[[int, int], None]

_shared: Any = None


def shared() -> Any:
    """The ``shared`` value of the :func:`fork_map` call that started this worker."""
    return _shared


def workers() -> int:
    """How many worker processes a parallel map uses (0: run serially)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return min(cores or 1, 8) if os.name == "posix" and (cores or 1) > 1 else 0


def fork_map(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    *,
    min_items: int,
    shared: Any = None,
    progress: Progress | None = None,
) -> list[Result]:
    """``[function(item) for item in items]``, in forked workers when there are at least
    ``min_items`` items and more than one core; ``progress(done, total)`` as results come."""
    global _shared
    _shared = shared
    try:
        count = workers()
        if len(items) < min_items or count < 2:
            return _collect(map(function, items), len(items), progress)
        chunk = max(1, len(items) // (count * 8))
        with ProcessPoolExecutor(count, mp_context=get_context("fork")) as pool:
            return _collect(pool.map(function, items, chunksize=chunk), len(items), progress)
    except BrokenProcessPool:
        raise BuildError("a worker process stopped unexpectedly (out of memory?)") from None
    finally:
        _shared = None


def _collect(results: Iterable[Result], total: int, progress: Progress | None) -> list[Result]:
    collected = []
    for result in results:
        collected.append(result)
        if progress is not None:
            progress(len(collected), total)
    return collected
