"""Which notes a build must read and which books it must write, from a scan of sizes
and times against the manifest of the last build (cheap to import: when nothing
changed, this is all a build does)."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from flashcards import __version__
from flashcards.building.manifest import load_manifest
from flashcards.building.report import BuildReport
from flashcards.building.state import (
    STATE_FILE,
    BookEntry,
    FileEntry,
    Manifest,
    package_path,
    within,
)
from flashcards.cards.notetypes import note_types_hash
from flashcards.notes.scan import (
    Skipped,
    Stat,
    note_files,
    read_with_now,
    stat_of,
)
from flashcards.options import BuildOptions


@dataclass
class Plan:
    """What a build of ``given`` (absolute note paths) into ``out`` has to do."""

    out: Path
    manifest: Manifest
    message: str | None
    fingerprint: str
    given: list[str]
    scanned: dict[str, tuple[str, Stat | None]]  # note file -> (its root, its stat)
    read: dict[str, str] = field(default_factory=dict)  # note file -> root, to read
    touched: set[str] = field(default_factory=set)  # books (package names) to write
    full: bool = False
    manifest_stat: Stat | None = None  # the manifest file as this plan read it
    skipped: Skipped = field(default_factory=list)  # folders left out, and why

    @property
    def nothing_to_do(self) -> bool:
        """Whether every note, image, option and package is as the last build left it."""
        return not self.read and not self.touched and self.message is None

    def root_of(self, file: str) -> str:
        """The notes folder that ``file`` is read under (images must lie inside it)."""
        if file in self.scanned:
            return self.scanned[file][0]
        holding = [r for r in self.manifest.roots if within(file, [r]) and r != file]
        return max(holding, key=len) if holding else os.path.dirname(file)

    def files_of(self, books: Iterable[str]) -> list[str]:
        """The known note files of ``books`` that still exist and are not read yet."""
        wanted = set(books)
        return sorted(
            file
            for file, entry in self.manifest.files.items()
            if entry.book in wanted and file not in self.read and os.path.isfile(file)
        )

    def unchanged_files(self) -> list[str]:
        """The note files in the paths asked for that this build does not read."""
        return [file for file in self.scanned if file not in self.read]


def make_plan(paths: Iterable[Path], out: Path, options: BuildOptions) -> Plan:
    """Compare the notes under ``paths`` with what the last build into ``out`` read."""
    manifest_stat = stat_of(str(out / STATE_FILE))
    manifest, message = load_manifest(out)
    given = [os.path.abspath(path) for path in paths]
    skipped: Skipped = []
    scanned = {file: (root, stat) for file, root, stat in note_files(given, skipped)}
    plan = Plan(out, manifest, message, fingerprint(options), given, scanned)
    plan.skipped = skipped
    plan.manifest_stat = manifest_stat
    plan.full = manifest.is_full_build(given)
    now = read_with_now()
    for file, (root, stat) in scanned.items():
        entry = manifest.files.get(file)
        if (
            options.strict
            or entry is None
            or stat != entry.stat
            or (entry.draft and not options.skip_drafts)  # left out last time, wanted now
            or (entry.read_with and _read_with_changed(entry, now))
        ):
            plan.read[file] = root
            if entry is not None and entry.book:
                plan.touched.add(entry.book)
    for file, entry in manifest.files.items():
        if file not in scanned and within(file, given) and entry.book:
            plan.touched.add(entry.book)  # the file was deleted (or is no note any more)
    in_scope = {manifest.files[f].book for f in scanned if f in manifest.files} - {""}
    for book in in_scope - plan.touched:
        known = manifest.books.get(book)
        if (
            known is None
            or known.options != plan.fingerprint
            or stat_of(str(package_path(out, book))) != known.stat
            or (plan.full and known.unplaced)
        ):
            plan.touched.add(book)
    if plan.full:  # a full build decides the cards that left their files, wherever
        plan.touched.update(book for book, known in manifest.books.items() if known.unplaced)
    if manifest.carried:  # a state from before the manifest: every book is new here
        plan.touched.update(manifest.carried)
    for file in plan.files_of(plan.touched):
        plan.read[file] = plan.root_of(file)
    return plan


def _read_with_changed(entry: FileEntry, now: Callable[[str, int], object]) -> bool:
    """Whether a file the note was read with changed (an image it showed, its site's
    configuration), or an image it looked for is there now."""
    return any(
        now(path, size) != ((size, mtime) if size >= 0 else False)
        for path, size, mtime in entry.read_with
    )


def unchanged_report(plan: Plan) -> BuildReport:
    """What a build that found nothing to do says: the totals of the last build."""
    report = BuildReport(nothing_changed=True, full=plan.full)
    count_unchanged(plan, report, plan.manifest.books, rebuilt=set())
    return report


def count_unchanged(
    plan: Plan, report: BuildReport, books: Mapping[str, BookEntry], rebuilt: set[str]
) -> None:
    """Add the notes this build did not read, and the books it did not write (all but
    ``rebuilt``), to the report's totals."""
    unchanged = [plan.manifest.files[file] for file in plan.unchanged_files()]
    report.unchanged_notes = sum(not entry.draft for entry in unchanged)
    report.skipped_drafts += sum(entry.draft for entry in unchanged)
    report.unchanged_warnings = sum(entry.warnings for entry in unchanged)
    report.unchanged_warned_notes = sum(1 for entry in unchanged if entry.warnings)
    for book in sorted({entry.book for entry in unchanged if entry.book} - rebuilt):
        report.unchanged.append(package_path(plan.out, book))
        for deck, count in books[book].decks.items():
            report.cards_by_deck[deck] = report.cards_by_deck.get(deck, 0) + count


def fingerprint(options: BuildOptions) -> str:
    """Equal exactly when two builds would turn the same notes into the same packages:
    the tool's version, the note types, and every option that shapes a card."""
    text = repr((__version__, note_types_hash(), options.read_options()))
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()
