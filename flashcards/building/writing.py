"""The files a build writes: packages, the stamps of the books it rebuilt, and the
manifest; all or none (temporary files first, renamed in order, the manifest last)."""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

from flashcards.building.apkg import (
    Package,
    StampedNote,
    package_fingerprint,
    write_temporary_packages,
)
from flashcards.building.atomic import discard, replace_all, write_temporary
from flashcards.building.manifest import manifest_bytes
from flashcards.building.notefile import FileResult
from flashcards.building.plan import Plan
from flashcards.building.report import BuildReport
from flashcards.building.stamps import book_bytes
from flashcards.building.state import (
    BOOKS_FOLDER,
    STATE_FILE,
    BookEntry,
    FileEntry,
    Manifest,
    Stamp,
    book_path,
    within,
)
from flashcards.cards.notetypes import NoteType
from flashcards.notes.media import Media
from flashcards.notes.scan import stat_of


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
        self.fingerprint = plan.fingerprint
        self.packages: list[Package] = []
        self.unchanged: list[Path] = []
        self.deleted: list[Path] = []
        self.stamp_files: dict[str, bytes] = {}
        self.removals: list[Path] = []

    def book(
        self,
        book: str,
        notes: list[StampedNote],
        media: list[Media],
        type_mods: list[tuple[NoteType, int]],
        stamps: dict[str, Stamp],
        before: dict[str, Stamp],
    ) -> None:
        """Plan the files of one rebuilt ``book``."""
        path = self.out / f"{book}.apkg"
        if not notes and not stamps and self.plan.full:
            # A full build found no note of this book: it is gone, and its files too.
            if book in self.manifest.books:
                del self.manifest.books[book]
                self.removals += [path, book_path(self.out, book)]
                self.deleted.append(path)
            return
        if stamps != before or book not in self.manifest.books:
            self.stamp_files[book] = book_bytes(stamps)
        old = self.manifest.books.get(book)
        if not notes:  # a partial build: its notes left the files it read; keep the rest
            if old is not None:
                self.manifest.books[book] = replace(old, unplaced=_unplaced(stamps))
            return
        package = Package(path, notes, media)
        fingerprint = package_fingerprint(package, type_mods)
        decks: dict[str, int] = {}
        for stamped in notes:
            deck = stamped.note.deck
            decks[deck] = decks.get(deck, 0) + len(stamped.note.card_ords)
        same = old is not None and old.package == fingerprint and stat_of(str(path)) == old.stat
        if same and old is not None:
            self.unchanged.append(path)
            stat = old.stat
        else:
            self.packages.append(package)
            stat = (0, 0)  # known once written
        self.manifest.books[book] = BookEntry(
            notes[0].note.book, self.fingerprint, fingerprint, stat, decks, _unplaced(stamps)
        )

    def record_files(self, files: list[tuple[Path, FileResult]], report: BuildReport) -> None:
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
                result.images,
            )
        books = self.manifest.books
        for file, entry in list(kept.items()):
            if entry.book not in books:  # a draft's book that no build wrote
                kept[file] = FileEntry(entry.stat, "", entry.warnings, entry.draft, entry.images)

    def write(self, type_mods: list[tuple[NoteType, int]]) -> None:
        temporaries = write_temporary_packages(self.packages, type_mods)
        renames = [(t, p.path) for t, p in zip(temporaries, self.packages, strict=True)]
        try:
            for temporary, package in zip(temporaries, self.packages, strict=True):
                stat = stat_of(str(temporary))
                assert stat is not None
                books = self.manifest.books
                books[package.path.stem] = replace(books[package.path.stem], stat=stat)
            if self.stamp_files:
                _folder_for_stamps(self.out / BOOKS_FOLDER)
            for book, data in sorted(self.stamp_files.items()):
                target = book_path(self.out, book)
                renames.append((write_temporary(target, data), target))
            state = self.out / STATE_FILE
            renames.append((write_temporary(state, manifest_bytes(self.manifest)), state))
        except BaseException:
            discard(temporary for temporary, _ in renames)
            raise
        replace_all(renames[:-1])
        for path in self.removals:
            path.unlink(missing_ok=True)
        replace_all(renames[-1:])


def _folder_for_stamps(folder: Path) -> None:
    """The books' stamps folder, made anew if something else stands in its place (a
    damaged state is replaced, never left to fail every later build)."""
    if folder.exists() and not folder.is_dir():
        folder.unlink()
    folder.mkdir(exist_ok=True)


def _unplaced(stamps: dict[str, Stamp]) -> int:
    """How many of a book's stamps belong to cards that left their file."""
    return sum(1 for stamp in stamps.values() if not stamp.source)
