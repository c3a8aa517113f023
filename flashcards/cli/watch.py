"""``flashcards watch``: rebuild on every change until Ctrl-C."""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path

from flashcards.cli.console import Console


def watch(
    paths: Sequence[Path],
    rebuild: Callable[[], None],
    *,
    debounce_ms: int,
    console: Console,
    output: Path | None = None,
) -> None:
    """Build once, then again after each batch of changes to notes, images or config;
    never for what a build writes into ``output`` (which may lie among the notes). The
    watcher starts before the first build, and "watching" is said once it listens: a
    note saved at any moment after the command starts is built."""
    import watchfiles

    logging.getLogger("watchfiles").setLevel(logging.ERROR)  # its own Ctrl-C line: ours is enough
    batches = watchfiles.watch(
        *paths,
        debounce=debounce_ms,
        step=QUIET_MS,
        watch_filter=_relevant_outside(output),
        raise_interrupt=False,
        rust_timeout=READY_MS,
        yield_on_timeout=True,
    )
    try:
        # The watcher is up once it first answers: a save from then on is never missed,
        # during the first build either (its changes wait for the next batch).
        if next(batches, None) is not None:
            rebuild()
            console.info("watching for changes (Ctrl-C to stop)", err=True)
            for changes in batches:
                if changes:
                    changed = sorted({Path(path).name for _, path in changes})
                    console.info(f"changed: {', '.join(changed)}", err=True)
                    rebuild()
    except KeyboardInterrupt:
        pass
    console.info("stopped watching", err=True)


# How long the watcher waits for a change before it answers with none: its first answer
# says it is watching; later ones only wake the loop.
READY_MS = 200


# A save is over once nothing changed for this long. vim, ed, a write in place and a
# temporary file renamed over the note each gave all their events within 1 ms here
# (watchfiles' own default waits 50 ms, a tenth of the loop from save to page).
QUIET_MS = 20

_SCRATCH_SUFFIXES = (".tmp", "~", ".apkg", ".swp", ".swo", ".swx", ".part", ".crdownload")
_SED_TEMPORARY = re.compile(r"sed[A-Za-z0-9]{6}")


def _relevant_outside(output: Path | None) -> Callable[[object, str], bool]:
    """:func:`_relevant`, and not inside the output folder."""
    if output is None:
        return _relevant
    inside = os.path.abspath(output).rstrip(os.sep) + os.sep
    return lambda change, path: (
        _relevant(change, path) and not (os.path.abspath(path) + os.sep).startswith(inside)
    )


def _relevant(change: object, path: str) -> bool:
    """Notes, their images and the configuration; not hidden files, output, or the scratch
    files of editors and tools (vim's ``.swp`` and ``4913``, emacs' ``.#x`` and ``#x#``,
    ``x~`` backups, ``sed -i``'s ``sedXXXXXX``)."""
    name = Path(path).name
    return not (
        name.startswith(".")
        or name.endswith(_SCRATCH_SUFFIXES)
        or name == "4913"
        or (name.startswith("#") and name.endswith("#"))
        or _SED_TEMPORARY.fullmatch(name) is not None
    )
