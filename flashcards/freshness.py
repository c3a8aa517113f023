"""The compiled modules run only while they are as new as their sources.

``make`` compiles the per-card modules (``setup.py``) beside their sources, and Python
imports an extension module before a source. After a ``git pull`` or an edit, run
without ``make``, those would be the old code: old rules, or an import that fails. So
when any compiled module is older than its source, or the compiled modules are only
half there (a compile moving them in), every module of the package is imported from its
source instead (all of them: compiled modules call one another directly), and one line
says so.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from importlib.machinery import (
    EXTENSION_SUFFIXES,
    SOURCE_SUFFIXES,
    FileFinder,
    ModuleSpec,
    SourceFileLoader,
)
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from types import ModuleType

PACKAGE = os.path.dirname(os.path.abspath(__file__))


def stale_modules(package: str = PACKAGE) -> tuple[list[str], bool]:
    """The sources under ``package`` that changed since they were compiled, and whether
    the compiled modules are only half there: ``tools/compile.py`` moves them in one by
    one, their shared library last, and takes it away first (then all of them count)."""
    stale, compiled, shared = [], [], False
    for folder, _, names in os.walk(package):
        for name in names:
            suffix = next((s for s in EXTENSION_SUFFIXES if name.endswith(s)), None)
            if suffix is None:
                continue
            if "__mypyc" in name:  # the shared library, which has no source of its own
                shared = True
                continue
            source = os.path.join(folder, name[: -len(suffix)] + ".py")
            compiled.append(source)
            try:
                if os.stat(source).st_mtime > os.stat(os.path.join(folder, name)).st_mtime:
                    stale.append(source)
            except OSError:  # gone while we looked
                stale.append(source)
    return (stale, False) if shared or not compiled else (compiled, True)


class SourcesOnly:
    """Finds the package's modules as sources (or their bytecode), never compiled (a
    finder of ``sys.meta_path``; importing ``importlib.abc`` to say so costs 7 ms a start)."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if not fullname.startswith(f"{__package__}.") or path is None:
            return None
        for entry in path:
            spec = FileFinder(entry, (SourceFileLoader, SOURCE_SUFFIXES)).find_spec(fullname)
            if spec is not None:
                return spec
        return None


def run_sources_if_stale() -> None:
    """Import the package's modules from their sources when a compiled one is stale."""
    stale, half = stale_modules()
    if stale and not any(isinstance(finder, SourcesOnly) for finder in sys.meta_path):
        sys.meta_path.insert(0, SourcesOnly())
        shown = os.path.relpath(stale[0], os.path.dirname(PACKAGE))
        more = f" and {len(stale) - 1} more" if len(stale) > 1 else ""
        why = (
            "the compiled modules are not all there (a compile under way?)"
            if half
            else f"{shown}{more} changed since it was compiled"
        )
        print(
            f"flashcards: {why}; running the sources (slower) until `make deck` compiles "
            "them again",
            file=sys.stderr,
        )
