"""Reading the notes a build needs: each file read (in parallel when many), each book
read whole, and everything they say summed up in one report."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path

from flashcards.building.books import book_clashes
from flashcards.building.notefile import FileResult, process_files
from flashcards.building.plan import Plan
from flashcards.building.report import BuildReport
from flashcards.building.spill import SpillRef
from flashcards.building.state import (
    within,
)
from flashcards.cards.identity import (
    AnkiNote,
    defined_terms,
    term_digest,
    unpack_terms,
)
from flashcards.cards.settle import settle_guids
from flashcards.errors import Problem, Severity, warning
from flashcards.notes.extract.vocab import undefined_term
from flashcards.notes.media import Media
from flashcards.notes.model import BareTerm
from flashcards.options import BuildOptions


@dataclass
class Read:
    """What reading found: the report, the Anki notes, media by book, the files read."""

    report: BuildReport
    anki: list[AnkiNote]
    media: dict[str, dict[str, Media]]  # by book file name
    files: list[tuple[str, FileResult]]  # every note file read, with what it gave


def read_planned(plan: Plan, options: BuildOptions, spill_folder: str) -> Read:
    """Read the notes the plan names, then the other known files of every book they
    belong to (wherever they are), so that each book is read whole. Their rendered
    cards wait in ``spill_folder`` (:mod:`flashcards.building.spill`)."""
    files = sorted(plan.read.items())
    read_options = options.read_options()
    results = process_files(
        files, read_options, progress=options.progress, spill_folder=spill_folder
    )
    read = list(zip((path for path, _ in files), results, strict=True))
    batch = read
    while batch:
        books = {r.note.package for _, r in batch if r.note is not None}
        plan.touched |= books
        extra = plan.files_of(books)
        for file in extra:
            plan.read[file] = plan.root_of(file)
        files = [(file, plan.root_of(file)) for file in extra]
        results = process_files(files, read_options, spill_folder=spill_folder) if files else []
        batch = list(zip((path for path, _ in files), results, strict=True))
        read += batch
    outside = sum(1 for path, _ in read if not within(path, plan.given))
    result = summed_up(collect(read), options)
    if outside:
        result.report.messages.append(
            f"also read {plural(outside, 'note file')} of the same books outside "
            f"{', '.join(_shown(p) for p in plan.given)}, so that their packages stay whole"
        )
    return result


def _shown(path: str) -> str:
    from flashcards.building.notefile import shown_path

    return shown_path(Path(path))


def read_files(files: Iterable[tuple[Path, Path]], options: BuildOptions) -> Read:
    paths = [(str(path), str(root)) for path, root in files]
    results = process_files(paths, options.read_options(), progress=options.progress)
    return collect(list(zip((path for path, _ in paths), results, strict=True)))


def collect(read: list[tuple[str, FileResult]]) -> Read:
    report = BuildReport()
    media: dict[str, dict[str, Media]] = defaultdict(dict)
    for _, result in read:
        report.problems.extend(result.problems)
        if result.skipped_draft:
            report.skipped_drafts += 1
        elif result.note is not None:
            report.notes.append(result.note)
            media[result.note.package].update((m.name, m) for m in result.media)
    report.problems.extend(book_clashes(report.notes))
    _terms_defined_elsewhere(read, report)
    anki, clashes = settle_guids(draft for _, result in read for draft in result.drafts)
    report.problems.extend(clashes)
    report.cards_by_deck = cards_by_deck(anki)
    return Read(report, anki, media, read)


def spilled_by_book(
    files: Iterable[tuple[str, FileResult]],
) -> tuple[dict[str, list[SpillRef]], dict[str, int]]:
    """Where the cards of each book's files wait in the spill folder (in reading order),
    and how many note ids each book may need."""
    refs: dict[str, list[SpillRef]] = defaultdict(list)
    ids: dict[str, int] = defaultdict(int)
    for _, result in files:
        if result.note is not None and result.spilled is not None:
            refs[result.note.package].append(result.spilled)
            ids[result.note.package] += result.ids
    return refs, ids


def cards_by_deck(anki: Iterable[AnkiNote]) -> dict[str, int]:
    """How many cards ``anki`` notes make in each deck."""
    counts: dict[str, int] = {}
    for note in anki:
        counts[note.deck] = counts.get(note.deck, 0) + len(note.card_ords)
    return counts


def summed_up(read: Read, options: BuildOptions) -> Read:
    syntax = options.parse.syntax  # what another tool's settings said, and where
    read.report.details += syntax.read
    read.report.problems += [warning(path, 0, message) for path, message in syntax.unhonoured]
    read.report.problems = sorted(
        as_errors(read.report.problems, options.strict), key=attrgetter("path", "line")
    )
    return read


def _terms_defined_elsewhere(read: list[tuple[str, FileResult]], report: BuildReport) -> None:
    """A bare term that another note of the same book defines has a card: its warning
    goes, and a detail (``-v``) says where the definition is."""
    bare = [
        (result.note.book, result.note.path, term)
        for _, result in read
        if result.note is not None
        for term in result.bare_terms
    ]
    if not bare:
        return
    wanted = {term_digest(book, term.term) for book, _, term in bare}
    where: dict[bytes, tuple[str, int]] = {}
    for _, result in read:
        if result.note is None:
            continue
        packed = result.defined if result.spilled else defined_terms(result.drafts)
        for digest, line in unpack_terms(packed):
            if digest in wanted and digest not in where:
                where[digest] = (result.note.path, line)
    dropped, report.details = defined_elsewhere(
        bare, lambda book, term: where.get(term_digest(book, term))
    )
    report.problems = [p for p in report.problems if p not in dropped]


def defined_elsewhere(
    bare: Iterable[tuple[str, str, BareTerm]],
    find: Callable[[str, str], tuple[str, int] | None],
) -> tuple[set[Problem], list[str]]:
    """Of the ``(book, note path, term)`` listed bare, those that ``find(book, term)``
    locates: their warnings, to drop, and a line saying where each is defined."""
    dropped: set[Problem] = set()
    details: list[str] = []
    for book, path, term in bare:
        where = find(book, term.term)
        if where is not None:
            dropped.add(undefined_term(path, term))
            details.append(f"{path}:{term.line}: '{term.term}' is defined in {where[0]}:{where[1]}")
    return dropped, details


def as_errors(problems: list[Problem], strict: bool) -> list[Problem]:
    """With ``strict``, every warning becomes an error."""
    if not strict:
        return problems
    return [Problem(p.path, p.line, Severity.ERROR, p.message) for p in problems]


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"
