"""``build``, ``check`` and ``list``: the commands that read the notes and make cards."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import click

from flashcards.building.report import BuildReport
from flashcards.cli.common import (
    FORMATS,
    Selection,
    notes_arguments,
    output_folder,
    output_option,
)
from flashcards.cli.console import ProgressBar, show_problems
from flashcards.errors import BuildError


def run_build(selection: Selection, out: Path | None) -> BuildReport:
    """One build with its report printed (the books of notes in error are left as they
    were; ``report.errors`` says so). When nothing changed, the Markdown pipeline is not
    even imported: a scan of sizes and times says so."""
    from flashcards.building.plan import make_plan, unchanged_report

    config = selection.config()
    options = replace(selection.options(config), progress=ProgressBar(selection.console))
    folder = output_folder(out, config)
    try:
        plan = make_plan(selection.notes(), folder, options)
        if plan.nothing_to_do:
            from flashcards.building.outfolder import tidy

            tidy(folder)
            report = unchanged_report(plan)
        else:
            from flashcards.building.builder import build

            report = build(selection.notes(), folder, options, plan)
    except BuildError as error:
        raise click.ClickException(str(error)) from None
    selection.console.report(report, wrote=True)
    return report


@click.command(name="build")
@notes_arguments
@output_option
def build_command(selection: Selection, out: Path | None) -> None:
    """Build one .apkg per book from the notes in PATHS (default: notes/).

    Every note is read and checked first. A book with an error in one of its notes keeps
    the package its last build wrote (the error is printed, and the exit status is 1);
    the other books are written.

    \b
    Example:
      flashcards build notes/ -o build/
    """
    if run_build(selection, out).errors:
        raise SystemExit(1)


@click.command(name="check")
@notes_arguments
def check_command(selection: Selection) -> None:
    """Check the notes in PATHS (default: notes/) and report every problem; write nothing.

    \b
    Example:
      flashcards check notes/ --strict
    """
    from flashcards.building.builder import check

    report = check(selection.notes(), selection.options(selection.config()))
    if not selection.console.report(report, wrote=False):
        raise SystemExit(1)


@click.command(name="list")
@notes_arguments
@click.option("--format", "style", type=click.Choice(FORMATS), default="table",
              show_default=True, help="table for reading; json or csv for scripts.")  # fmt: skip
def list_command(selection: Selection, style: str) -> None:
    """List every card the notes in PATHS would make, without writing anything.

    \b
    Example:
      flashcards list notes/ --format json
    """
    from flashcards.building.builder import list_cards
    from flashcards.cards.rows import format_rows

    rows, problems = list_cards(selection.notes(), selection.options(selection.config()))
    show_problems(selection.console, problems)
    click.echo(format_rows(rows, style))
    if any(p.severity.value == "error" for p in problems):
        raise SystemExit(1)
