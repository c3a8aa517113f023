"""Using every core for large builds: map a function over items in forked workers.

Forked workers inherit the parent's memory: the function, the items and anything large
(handed over through :func:`shared`) are never pickled. The workers take chunks of items
in turn, and only the results travel back, through a pipe each.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import pickle
import selectors
import signal
import struct
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
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
    # without fork (Windows), the map runs in this process: the same results, in order
    forks = os.name == "posix" and hasattr(os, "fork")
    return min(cores or 1, 8) if forks and (cores or 1) > 1 else 0


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
    Workers take ``chunk`` items at a time (by default, a share of them, at most
    :data:`MAX_CHUNK`), in the order of ``items``. An exception in a worker is raised
    here; a worker that dies raises :class:`BuildError`. No worker outlives the call."""
    global _shared
    _shared = shared
    try:
        count = workers()
        if len(items) < min_items or count < 2:
            return _collect(map(function, items), len(items), progress)
        # Small chunks: a worker that ends while another is mid-chunk idles for the rest of it
        chunk = chunk or max(1, min(len(items) // (count * 8), MAX_CHUNK))
        return _collect(_forked(function, items, count, chunk), len(items), progress)
    finally:
        _shared = None


_INDEX = struct.Struct("<q")
_FRAME = struct.Struct("<qQ")  # first item's index (or _DONE, _FAILED), pickle's length
_DONE, _FAILED = -1, -2
_WORKER_DIED = "a worker process stopped unexpectedly (out of memory?)"


def _forked(
    function: Callable[[Item], Result], items: Sequence[Item], count: int, chunk: int
) -> Iterator[Result]:
    """The results of ``function`` over ``items``, in order, from ``count`` workers.

    The index of the next chunk to take is a token in a pipe: a worker reads it (the
    others wait for it), writes back the one after, then works on its chunk."""
    pipes: dict[int, tuple[int, bytearray]] = {}  # a worker's pid: its pipe, bytes read
    parent = os.getpid()
    token = os.pipe()
    os.write(token[1], _INDEX.pack(0))
    try:
        for _ in range(min(count, -(-len(items) // chunk))):
            read_end, write_end = os.pipe()
            pid = _fork_worker()
            if pid == 0:  # the worker: it never returns
                for other, _ in pipes.values():
                    os.close(other)
                os.close(read_end)
                _work(function, items, chunk, (parent, *token), write_end)
            os.close(write_end)
            pipes[pid] = (read_end, bytearray())
        yield from _gather(pipes, len(items))
    finally:
        _stop(pipes)
        os.close(token[0])
        os.close(token[1])


def _fork_worker() -> int:
    """``os.fork()``, the worker ignoring Ctrl-C from its first instruction on: SIGINT is
    held off across the fork, so that a Ctrl-C never reaches a worker still in the
    interpreter's own after-fork hooks (which printed "Exception ignored" beside the
    parent's one line)."""
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        pid = os.fork()
        if pid == 0:  # Ctrl-C is the parent's to handle: the worker prints nothing
            signal.signal(signal.SIGINT, signal.SIG_IGN)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)  # a Ctrl-C held off arrives now
    return pid


def _work(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    chunk: int,
    token: tuple[int, int, int],
    pipe: int,
) -> None:
    """A worker's life: take the next chunk until none is left, send each chunk's
    results; then exit (never return into the parent's code)."""
    code = 0
    try:
        parent, token_in, token_out = token
        _worker_started(parent)
        while True:
            (start,) = _INDEX.unpack(os.read(token_in, _INDEX.size))  # atomic: one token
            os.write(token_out, _INDEX.pack(start + chunk))
            if start >= len(items):
                break
            results = [function(items[i]) for i in range(start, min(start + chunk, len(items)))]
            _send(pipe, start, pickle.dumps(results, pickle.HIGHEST_PROTOCOL))
        _send(pipe, _DONE, b"")
    except BaseException as error:  # handed to the parent, which raises it
        code = 1
        with contextlib.suppress(BaseException):
            _send(pipe, _FAILED, _pickled_error(error))
    finally:
        os._exit(code)


def _pickled_error(error: BaseException) -> bytes:
    """``error`` pickled with its traceback's text (or, if it cannot be, a stand-in)."""
    text = "".join(traceback.format_exception(error))
    try:
        return pickle.dumps((error, text))
    except Exception:  # one that cannot travel
        return pickle.dumps((RuntimeError(f"{type(error).__name__}: {error}"), text))


def _send(pipe: int, index: int, data: bytes) -> None:
    view = memoryview(_FRAME.pack(index, len(data)) + data)
    while view:
        view = view[os.write(pipe, view) :]


def _gather(pipes: dict[int, tuple[int, bytearray]], total: int) -> Iterator[Any]:
    """Read every worker's frames; yield the results in the order of the items."""
    buffers = {pipe: buffer for pipe, buffer in pipes.values()}
    waiting: dict[int, list[Any]] = {}  # results that came before those ahead of them
    done = 0
    with selectors.DefaultSelector() as selector:
        for pipe in buffers:
            selector.register(pipe, selectors.EVENT_READ)
        while selector.get_map():
            for key, _ in selector.select():
                buffer = buffers[key.fd]
                data = os.read(key.fd, 1 << 20)
                if not data:
                    selector.unregister(key.fd)
                    if not _ended_well(buffer):
                        raise BuildError(_WORKER_DIED)
                    continue
                buffer += data
                for index, results in _frames(buffer):
                    waiting[index] = results
                while done in waiting:
                    results = waiting.pop(done)
                    done += len(results)
                    yield from results
    if done != total:
        raise BuildError(_WORKER_DIED)


def _frames(buffer: bytearray) -> Iterator[tuple[int, list[Any]]]:
    """The whole frames at the start of ``buffer`` (removed from it); raises what a
    worker failed with."""
    while len(buffer) >= _FRAME.size:
        index, length = _FRAME.unpack_from(buffer)
        end = _FRAME.size + length
        if index == _DONE or len(buffer) < end:
            return
        data = bytes(buffer[_FRAME.size : end])
        del buffer[:end]
        if index == _FAILED:
            error, text = pickle.loads(data)
            raise error from _RemoteTraceback(text)
        yield index, pickle.loads(data)


def _ended_well(buffer: bytearray) -> bool:
    """Whether what is left of a closed pipe's bytes is the worker's last word."""
    return len(buffer) == _FRAME.size and _FRAME.unpack_from(buffer)[0] == _DONE


class _RemoteTraceback(Exception):
    """The traceback of an exception raised in a worker (shown as its cause)."""

    def __str__(self) -> str:
        return f"\n\nin the worker:\n{self.args[0]}"


def _stop(pipes: dict[int, tuple[int, bytearray]]) -> None:
    """End every worker (done or not) and wait for it, so that none is left writing."""
    for pid, (pipe, _) in pipes.items():
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
        os.close(pipe)
    for pid in pipes:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)


def _worker_started(parent: int) -> None:
    """Make a worker end with its parent: a parent killed outright (the OOM killer)
    takes its workers along instead of leaving them waiting forever, holding the output
    folder's lock."""
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
