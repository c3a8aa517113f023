"""What the CLI prints: problems, summaries, progress. Colour only on a terminal,
never when ``NO_COLOR`` is set."""

from __future__ import annotations

import os
import re
import sys
import time
from dataclasses import dataclass, field, replace

import click

from flashcards.building.report import BuildReport
from flashcards.building.state import file_stem
from flashcards.errors import Problem, Severity
from flashcards.summaries import summed_lines

_GONE = (
    "Gone from the notes since the last build (Anki keeps them; search and delete them "
    "there if you want):"
)
_LEFT = (
    "No longer in the notes this build read (moved to notes it did not read, or removed: "
    "a build of all your notes decides; Anki keeps them meanwhile):"
)
SHOWN = 20  # how many warnings, decks and files a build lists before summing them up
_STYLE = {Severity.ERROR: {"fg": "red", "bold": True}, Severity.WARNING: {"fg": "yellow"}}


def plural(count: int, word: str) -> str:
    """``1 note``, ``2 notes``."""
    return f"{count} {word}{'' if count == 1 else 's'}"


@dataclass
class Console:
    """Prints for one command run at the chosen verbosity (-1 quiet, 0 normal, 1 verbose)."""

    verbosity: int = 0
    color: bool | None = field(default=None)
    pruning: bool = False  # a sync --prune: cards gone from the notes leave Anki too

    def __post_init__(self) -> None:
        if os.environ.get("NO_COLOR"):
            self.color = False

    def info(self, message: str, *, err: bool = False) -> None:
        if self.verbosity >= 0:
            click.echo(message, err=err, color=self.color)

    def detail(self, message: str) -> None:
        if self.verbosity > 0:
            click.echo(message, err=True, color=self.color)

    def problem(self, problem: Problem) -> None:
        if problem.severity is Severity.WARNING and self.verbosity < 0:
            return
        where = f"{problem.path}:{problem.line}" if problem.line else problem.path
        label = click.style(f"{problem.severity.value}:", **_STYLE[problem.severity])  # type: ignore[arg-type]
        click.echo(f"{where}: {label} {problem.message}", err=True, color=self.color)

    def fail(self, message: str) -> None:
        click.echo(
            click.style("Error:", fg="red", bold=True) + f" {message}", err=True, color=self.color
        )

    def report(self, report: BuildReport, *, wrote: bool) -> bool:
        """Print ``report``; False when it has errors.

        Unless verbose, a build shows at most :data:`SHOWN` warnings (many of a kind about
        one note in one line), decks and files; a check shows every problem.
        """
        brief = wrote and self.verbosity <= 0
        problems = summed_lines(report.problems) if brief else report.problems
        shown, alike = 0, _repeated(problems) if brief else {}
        hidden = 0
        for problem in problems:
            if problem.severity is Severity.WARNING and brief:
                kind = _kind(problem.message)
                if kind in alike:  # one line for a kind of warning many notes have
                    if alike[kind] == 0:
                        continue
                    problem = replace(
                        problem, message=f"{problem.message} (and {alike[kind] - 1} more like it)"
                    )
                    alike[kind] = 0
                if shown >= SHOWN:
                    hidden += 1
                    continue
                shown += 1
            self.problem(problem)
        if brief and hidden and self.verbosity == 0:
            self.info(
                f"... and {hidden} more warnings: 'flashcards check' lists them all",
                err=True,
            )
        if report.unchanged_warnings:
            self.info(
                f"{plural(report.unchanged_warnings, 'warning')} in "
                f"{plural(report.unchanged_warned_notes, 'unchanged note')} "
                "(flashcards check lists them)",
                err=True,
            )
        errors = plural(len(report.errors), "error")
        if report.errors and (not wrote or not (report.files or report.unchanged)):
            self.fail(f"{errors} in notes{_not_written(report, wrote)}")
            return False
        for message in report.messages:
            self.info(message, err=True)
        for note in report.notes:
            origin = f" ({note.origin})" if note.origin else ""
            self.detail(f"read {note.path} -> {note.deck}{origin}")
        for detail in report.details:
            self.detail(detail)
        decks = report.cards_by_deck
        drafts = (
            f" ({plural(report.skipped_drafts, 'draft')} skipped)" if report.skipped_drafts else ""
        )
        lead = "nothing changed since the last build: " if report.nothing_changed else ""
        notes = len(report.notes) + report.unchanged_notes
        self.info(
            f"{lead}{plural(notes, 'note')}, {plural(sum(decks.values()), 'card')} "
            f"in {plural(len(decks), 'deck')}{drafts}"
        )
        listed = sorted(decks.items())
        for deck, count in listed if not brief else listed[:SHOWN]:
            self.info(f"  {deck}: {count}")
        if brief and len(listed) > SHOWN:
            self.info(f"  ... and {len(listed) - SHOWN} more decks")
        written, same = report.files, report.unchanged
        if brief and len(written) + len(same) > SHOWN:
            folder = (written or same)[0].parent
            self.info(
                f"wrote {plural(len(written), 'package')} to {folder} ({len(same)} unchanged)"
            )
        else:
            for path in written:
                self.info(f"wrote {path}")
            for path in same:
                self.info(f"unchanged {path}")
        for path in report.deleted:
            self.info(f"removed {path} (its book has no notes left)")
        gone = "Gone from the notes since the last build:" if self.pruning else _GONE
        for heading, cards in ((gone, report.removed), (_LEFT, report.left)):
            if cards:
                self.info(heading)
                for card in cards:
                    self.info(f"  {card.search}")
        if report.errors:
            self.fail(f"{errors} in notes{_not_written(report, wrote)}")
        return not report.errors


def show_problems(console: Console, problems: list[Problem]) -> None:
    """Print ``problems``, many of a kind about one note in one line unless verbose."""
    for problem in problems if console.verbosity > 0 else summed_lines(problems):
        console.problem(problem)


def _kind(message: str) -> str:
    """What a warning says, its quoted names and numbers left out: warnings of one kind."""
    return re.sub(r"\d+", "N", re.sub(r"'[^']*'", "'…'", message))


def _repeated(problems: list[Problem]) -> dict[str, int]:
    """The kinds of warning that several notes have, more than three times, with how
    many there are (a build prints each such kind once)."""
    counts: dict[str, int] = {}
    notes: dict[str, set[str]] = {}
    for problem in problems:
        if problem.severity is Severity.WARNING:
            kind = _kind(problem.message)
            counts[kind] = counts.get(kind, 0) + 1
            notes.setdefault(kind, set()).add(problem.path)
    return {kind: n for kind, n in counts.items() if n > 3 and len(notes[kind]) > 1}


def _not_written(report: BuildReport, wrote: bool) -> str:
    """What a build with errors did not write: the books in error (left as they were),
    or everything when no other book was written."""
    if not wrote:
        return ""
    if not (report.files or report.unchanged):
        return "; nothing written"
    if report.held:
        books = ", ".join(f"{file_stem(book)}.apkg" for book in report.held)
        return f"; left as the last build wrote them: {books}"
    return "; those notes were left out"


class ProgressBar:
    """A progress bar on stderr that appears only on a terminal, once a second has passed."""

    def __init__(self, console: Console, delay: float = 1.0) -> None:
        self.console = console
        self.start = time.monotonic()
        self.delay = delay
        self.shown = False
        self.enabled = console.verbosity >= 0 and sys.stderr.isatty()

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or time.monotonic() - self.start < self.delay:
            return
        width = 30
        filled = width * done // max(total, 1)
        click.echo(
            f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} notes", err=True, nl=False
        )
        self.shown = True
        if done == total:
            click.echo(err=True)
