"""Run first by every Python process with this folder on ``PYTHONPATH``: the calls that
only POSIX systems have are taken away, as on Windows (``tests/test_platforms.py`` runs
the end-to-end tests so, so that a POSIX-only call cannot come back unseen)."""

import os
import select
import sys

for name in ("fork", "forkpty", "posix_fadvise", "syncfs", "sched_getaffinity"):
    if hasattr(os, name):
        delattr(os, name)
for name in ("epoll", "poll", "devpoll", "kqueue"):
    if hasattr(select, name):
        delattr(select, name)
sys.modules.pop("fcntl", None)
sys.modules["fcntl"] = None  # type: ignore[assignment]  # `import fcntl` raises ImportError
os.environ["FLASHCARDS_POSIXLESS"] = "1"
