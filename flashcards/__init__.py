"""flashcards: Markdown study notes to Anki decks that update in place."""

from __future__ import annotations

__version__ = "0.1.0"

from .build import BuildOptions, BuildReport, build, check
from .errors import BuildError, NoteError, Problem, Severity
from .model import Note
from .parse import ParseOptions, parse_note

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
