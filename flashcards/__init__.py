"""flashcards: Markdown study notes to Anki decks that update in place."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .builder import build, check
    from .errors import BuildError, NoteError, Problem, Severity
    from .model import Note
    from .options import BuildOptions, ParseOptions
    from .parse import parse_note
    from .report import BuildReport

_EXPORTS = {
    "BuildError": "errors",
    "BuildOptions": "options",
    "BuildReport": "report",
    "Note": "model",
    "NoteError": "errors",
    "ParseOptions": "options",
    "Problem": "errors",
    "Severity": "errors",
    "build": "builder",
    "check": "builder",
    "parse_note": "parse",
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
