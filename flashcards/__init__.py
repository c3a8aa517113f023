"""flashcards: Markdown study notes to Anki decks that update in place."""

from __future__ import annotations

__version__ = "0.1.0"

from .build import BuildOptions, BuildReport, build, check  # noqa: E402
from .errors import BuildError, NoteError, Problem, Severity  # noqa: E402
from .model import Note  # noqa: E402
from .parse import ParseOptions, parse_note  # noqa: E402

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
