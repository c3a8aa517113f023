"""The files a build writes: packages, the stamps of the books it rebuilt, and the
manifest; all or none (temporary files first, renamed in order, the manifest last)."""

from __future__ import annotations

import os
from collections import defaultdict
from pathlib import Path

from flashcards.building.atomic import discard, make_durable, replace_all, write_temporary
from flashcards.building.bookwork import BookResult
from flashcards.building.manifest import manifest_bytes
from flashcards.building.notefile import FileResult
from flashcards.building.plan import Plan
from flashcards.building.report import BuildReport
from flashcards.building.stamps import GRAVEYARD, NEXT_ID
from flashcards.building.state import (
    STATE_FILE,
    FileEntry,
    Manifest,
    book_path,
    former_paths,
    package_path,
    within,
)


class Writing:
    """The files a build writes: packages, the stamps of the books it rebuilt, and the
    manifest; all or none (temporary files first, renamed in order, the manifest last)."""

    def __init__(self, out: Path, plan: Plan) -> None:
        self.out = out
        self.plan = plan
        old = plan.manifest
        self.manifest = Manifest(
            old.roots, old.next_id, dict(old.models), dict(old.books), dict(old.files)
        )
        self.packages: list[Path] = []
        self.unchanged: list[Path] = []
        self.deleted: list[Path] = []
        self.package_renames: list[tuple[Path, Path]] = []
        self.stamp_renames: list[tuple[Path, Path]] = []
        self.graveyard: bytes | None = None
        self.removals: list[Path] = []

    def book(self, result: BookResult) -> None:
        """Take in the files that a book worker wrote for one book."""
        book = result.book
        path = package_path(self.out, book)
        for former in former_paths(self.out, book):  # named so by a version before
            if former.suffix == ".json" and result.stamps is None and former.exists():
                self.stamp_renames.append((former, book_path(self.out, book)))  # kept
            else:
                self.removals.append(former)
        if result.gone:
            if book in self.manifest.books:
                del self.manifest.books[book]
                self.removals += [path, book_path(self.out, book)]
                self.deleted.append(path)
            return
        if result.stamps is not None:
            self.stamp_renames.append((result.stamps, book_path(self.out, book)))
        if result.entry is not None:
            self.manifest.books[book] = result.entry
        if result.package is not None:
            self.package_renames.append((result.package, path))
            self.packages.append(path)
        elif result.unchanged:
            self.unchanged.append(path)

    def record_files(self, files: list[tuple[str, FileResult]], report: BuildReport) -> None:
        """Remember every note file read (and forget those gone from the paths read)."""
        kept = self.manifest.files
        for file in [f for f in kept if within(f, self.plan.given) and f not in self.plan.scanned]:
            del kept[file]
        warnings: dict[str, int] = defaultdict(int)
        for problem in report.warnings:
            warnings[problem.path] += 1
        for path, result in files:
            if result.note is None or result.signature is None:
                continue
            kept[os.path.abspath(path)] = FileEntry(
                result.signature,
                result.note.package,
                warnings[result.note.path],
                result.skipped_draft,
                result.read_with,
            )
        books = self.manifest.books
        for file, entry in list(kept.items()):
            if entry.book not in books:  # a draft's book that no build wrote
                kept[file] = FileEntry(entry.stat, "", entry.warnings, entry.draft, entry.read_with)

    def write(self) -> None:
        """Rename every file into place, the manifest last; on failure, none."""
        renames = self.package_renames + sorted(self.stamp_renames, key=lambda r: str(r[1]))
        try:
            if self.manifest.next_id > self.plan.manifest.next_id:
                # first of all: whatever is renamed after it holds no id beyond it
                target = book_path(self.out, NEXT_ID)
                data = str(self.manifest.next_id).encode()
                renames.insert(0, (write_temporary(target, data, synced=False), target))
            if self.graveyard is not None:
                target = book_path(self.out, GRAVEYARD)
                renames.append((write_temporary(target, self.graveyard, synced=False), target))
            state = self.out / STATE_FILE
            renames.append(
                (write_temporary(state, manifest_bytes(self.manifest), synced=False), state)
            )
            make_durable([temporary for temporary, _ in renames])  # the workers' too
        except BaseException:
            discard(temporary for temporary, _ in renames)
            raise
        replace_all(renames[:-1])
        for path in self.removals:
            path.unlink(missing_ok=True)
        replace_all(renames[-1:])


def folder_for_stamps(folder: Path) -> None:
    """The books' stamps folder, made anew if something else stands in its place (a
    damaged state is replaced, never left to fail every later build)."""
    if folder.exists() and not folder.is_dir():
        folder.unlink()
    folder.mkdir(exist_ok=True)
