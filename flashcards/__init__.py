"""flashcards: Markdown study notes to Anki decks that update in place."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

from flashcards.freshness import run_sources_if_stale  # before any other module

run_sources_if_stale()

if TYPE_CHECKING:
    from flashcards.building.builder import build, check
    from flashcards.building.report import BuildReport
    from flashcards.errors import BuildError, NoteError, Problem, Severity
    from flashcards.notes.model import Note
    from flashcards.notes.parse import parse_note
    from flashcards.options import BuildOptions, ParseOptions

_EXPORTS = {
    "BuildError": "errors",
    "BuildOptions": "options",
    "BuildReport": "building.report",
    "Note": "notes.model",
    "NoteError": "errors",
    "ParseOptions": "options",
    "Problem": "errors",
    "Severity": "errors",
    "build": "building.builder",
    "check": "building.builder",
    "parse_note": "notes.parse",
}
__all__ = [
    "BuildError",
    "BuildOptions",
    "BuildReport",
    "Note",
    "NoteError",
    "ParseOptions",
    "Problem",
    "Severity",
    "__version__",
    "build",
    "check",
    "parse_note",
]


def __getattr__(name: str) -> Any:
    """The public API, imported when first used (so that ``flashcards build`` with nothing
    to do starts without loading the Markdown pipeline)."""
    if name not in _EXPORTS:
        raise AttributeError(f"module 'flashcards' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
