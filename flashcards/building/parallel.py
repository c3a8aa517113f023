"""Using every core for large builds: map a function over items in forked workers.

Forked workers inherit the parent's memory, so large inputs are handed over through
:func:`shared` instead of being pickled; only the items and results travel.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from typing import Any, TypeVar

from flashcards.errors import BuildError

Item = TypeVar("Item")
Result = TypeVar("Result")
Progress = Callable[[int, int], None]

_shared: Any = None
MAX_CHUNK = 64  # items handed to a worker at once (a 10,000-note build: 0.1 s of work)


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
    chunk: int | None = None,
) -> list[Result]:
    """``[function(item) for item in items]``, in forked workers when there are at least
    ``min_items`` items and more than one core; ``progress(done, total)`` as results come.
    Items go to workers ``chunk`` at a time (by default, a share of them, at most
    :data:`MAX_CHUNK`)."""
    global _shared
    _shared = shared
    try:
        count = workers()
        if len(items) < min_items or count < 2:
            return _collect(map(function, items), len(items), progress)
        # Small chunks: a worker that ends while another is mid-chunk idles for the rest of it
        chunk = chunk or max(1, min(len(items) // (count * 8), MAX_CHUNK))
        pool = ProcessPoolExecutor(
            count, get_context("fork"), initializer=_worker_started, initargs=(os.getpid(),)
        )
        try:
            results = _collect(pool.map(function, items, chunksize=chunk), len(items), progress)
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        pool.shutdown()
        return results
    except BrokenProcessPool:
        raise BuildError("a worker process stopped unexpectedly (out of memory?)") from None
    finally:
        _shared = None


def _worker_started(parent: int) -> None:
    """Make a worker end with its parent: Ctrl-C is the parent's to handle (the worker
    prints nothing), and a parent killed outright (the OOM killer) takes its workers
    along instead of leaving them waiting forever, holding the output folder's lock."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    else:
        threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent died before the above took effect
        os._exit(1)


_PR_SET_PDEATHSIG = 1


def _exit_with(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.25)
    os._exit(1)


def _collect(results: Iterable[Result], total: int, progress: Progress | None) -> list[Result]:
    collected = []
    for result in results:
        collected.append(result)
        if progress is not None:
            progress(len(collected), total)
    return collected
