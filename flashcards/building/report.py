"""What a check or build found and did (plain values, cheap to import)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from flashcards.errors import Problem, Severity


@dataclass(frozen=True)
class NoteSummary:
    """What a report keeps of a note."""

    path: str
    title: str
    book: str
    deck: str
    draft: bool
    book_line: int = 1
    package: str = ""  # the .apkg stem its cards go into
    guessed: bool = False  # the book is named by the tool, not the user
    origin: str = ""  # where its book and chapter came from


@dataclass(frozen=True, slots=True)
class Gone:
    """A card that is no longer where a build looked: an Anki search that finds it."""

    book: str
    search: str


@dataclass
class BuildReport:
    """What a check or build found and did.

    ``removed`` are cards gone from the notes (a full build found them nowhere);
    ``left`` are cards that left the files a partial build read, which may have moved
    to files it did not read: they keep their stamps until a full build decides.
    Notes that a build did not read again (unchanged since the last one) are only
    counted: ``unchanged_notes``, and ``unchanged_warnings`` among them.
    """

    notes: list[NoteSummary] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    cards_by_deck: dict[str, int] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    removed: list[Gone] = field(default_factory=list)
    left: list[Gone] = field(default_factory=list)
    deleted: list[Path] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    details: list[str] = field(default_factory=list)  # shown with -v
    skipped_drafts: int = 0
    unchanged_notes: int = 0
    unchanged_warnings: int = 0
    unchanged_warned_notes: int = 0  # unchanged notes that have warnings
    nothing_changed: bool = False
    held: list[str] = field(default_factory=list)  # books not written: a note in error
    full: bool = False  # the build read every note path that builds here have read
    trusted_state: bool = True  # the last build's state was whole (not missing or damaged)

    @property
    def errors(self) -> list[Problem]:
        """The problems that stop a build."""
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        """The problems that are only reported."""
        return [p for p in self.problems if p.severity is Severity.WARNING]
