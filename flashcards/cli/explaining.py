"""``flashcards explain``: every card a note makes and every block that makes none, with
the reason, and where its deck and title came from (for a missing or wrong card)."""

from __future__ import annotations

from pathlib import Path

import click

from flashcards.cli.common import CONTEXT


def _shorten(text: str, width: int) -> str:
    from flashcards.cards.rows import clip

    return clip(" ".join(text.split()), width)


def explain_lines(note_path: Path, root: Path, line: int | None) -> list[str]:
    """The lines ``explain`` prints for the note at ``note_path`` under ``root``: one a
    card or skipped block (at ``line`` only, when given), after the note's deck."""
    from flashcards.building.notefile import parse_file
    from flashcards.options import DEFAULT_OPTIONS

    note = parse_file(note_path, DEFAULT_OPTIONS, root)
    entries: list[tuple[int, str, str]] = []
    for vocab in note.vocab:
        entries.append((vocab.line, "vocab", f"{_shorten(vocab.term, 40)} → definition card"))
    for checklist in note.checklists:
        count = len(checklist.items)
        what = f"{_shorten(checklist.prompt, 50)} → {count} cloze card{'s' * (count != 1)}"
        entries.append((checklist.line, "checklist", what))
    for cloze in note.clozes:
        entries.append((cloze.line, "cloze", f"{_shorten(cloze.text, 50)} → inline cloze"))
    for skipped_line, why in note.skipped:
        entries.append((skipped_line, "no card", why))
    for problem in note.problems:
        entries.append((problem.line, problem.severity.value, problem.message))
    if line is not None:
        starts = [at for at, _, _ in entries if at <= line]
        nearest = max(starts, default=None)
        entries = [entry for entry in entries if entry[0] == nearest]
    head = [
        f"{note.path}: deck '{note.deck}'; title '{note.title}'",
        f"  {note.origin}" if note.origin else "",
    ]
    body = [f"  {at or '-':>5}  {kind:<9}  {what}" for at, kind, what in sorted(entries)]
    if not body:
        body = ["  nothing here makes a card, and nothing was left out on purpose"]
    return [text for text in head if text] + body


@click.command(name="explain", context_settings=CONTEXT)
@click.argument("note", metavar="NOTE[:LINE]")
@click.option(
    "--root",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="The notes folder the note lies in (default: notes/ if the note is under it, "
    "else the note's folder): books and decks are named from its folders.",
)
def explain_command(note: str, root: Path | None) -> None:
    """Show every card NOTE makes and, for each block that makes none, why; with LINE,
    only what stands at that line of the note.

    \b
    Example:
      flashcards explain notes/chapter-01.md:57
    """
    from flashcards.errors import NoteError

    name, _, at = note.rpartition(":") if note.rpartition(":")[2].isdecimal() else (note, "", "")
    path = Path(name)
    if not path.is_file():
        raise click.UsageError(f"no note file '{name}'")
    if root is None:
        notes = Path("notes").resolve()
        root = notes if notes in path.resolve().parents else path.parent
    try:
        lines = explain_lines(path, root, int(at) if at else None)
    except NoteError as error:
        click.echo(str(error.problem), err=True)
        raise SystemExit(1) from None
    click.echo("\n".join(lines))
