"""Exclusive locks on open files that the system lets go of when the process ends, on
each system: ``flock`` where there is ``fcntl`` (Linux, macOS, the BSDs), a lock on the
file's first byte through ``msvcrt`` on Windows. Where there is neither, nothing is
locked (:func:`try_lock` says so) and the tool runs as it would with one process."""

from __future__ import annotations

import os
import time
from types import ModuleType
from typing import Final


def _module(name: str) -> ModuleType | None:
    try:
        return __import__(name)
    except ImportError:
        return None


_fcntl: Final = _module("fcntl")
_msvcrt: Final = _module("msvcrt") if _fcntl is None else None
# Only flock takes a folder's descriptor (Windows cannot open a folder): elsewhere a
# folder is held through a file in it
FOLDERS_LOCKABLE: Final = _fcntl is not None
WAIT_SECONDS: Final = 0.1  # how often Windows is asked again for a lock another holds


def can_lock() -> bool:
    """Whether this system has a lock :func:`try_lock` can take."""
    return _fcntl is not None or _msvcrt is not None


def try_lock(descriptor: int) -> bool | None:
    """Lock the open file ``descriptor`` (opened for writing on Windows) if no other
    process holds it: True when locked, False when another holds it, None when this
    system has no such lock."""
    if _fcntl is not None:
        try:
            _fcntl.flock(descriptor, _fcntl.LOCK_EX | _fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True
    if _msvcrt is not None:
        os.lseek(descriptor, 0, os.SEEK_SET)
        try:
            _msvcrt.locking(descriptor, _msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    return None


def lock(descriptor: int) -> None:
    """Wait until ``descriptor`` is locked (at once where there is no lock)."""
    if _fcntl is not None:
        _fcntl.flock(descriptor, _fcntl.LOCK_EX)
        return
    while try_lock(descriptor) is False:
        time.sleep(WAIT_SECONDS)
