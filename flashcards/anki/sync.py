"""``flashcards sync``: bring the packages that ``build`` wrote into the user's Anki.

Two ways in: a running Anki with the AnkiConnect add-on (``importPackage``), or, with
Anki closed, the collection file itself through the official ``anki`` package (a backup
first). Either way Anki applies its own import rules: notes update in place, review
history is kept, an unchanged note is left alone. Only packages that changed since the
last sync into the same collection are imported (``.flashcards-sync.json`` remembers).

Pruning deletes the notes of cards that left the notes (a build of all notes found them
nowhere), only notes of our two note types that this tool put there (by GUID; through
AnkiConnect, which cannot see GUIDs, by the note id our package gave them), after asking,
and only on a picture it can trust: a full build, on a build state that was whole.

The counts are measured in the collection (before and after each import), and the tags
the user added in Anki are put back after an import replaced them.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zipfile
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flashcards.anki.adopt import shown_ids, taking_over
from flashcards.anki.decks import moves
from flashcards.anki.record import load_record, save_record
from flashcards.anki.targets import Gone, PackageNote, Seen, Target
from flashcards.building.manifest import load_manifest
from flashcards.building.stamps import load_book
from flashcards.building.state import book_of
from flashcards.cards.notetypes import BY_ID, anki_search


@dataclass
class BookSync:
    """What a sync did with one book's package."""

    book: str
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: bool = False  # unchanged since the last sync: not imported
    scheduled: int = 0  # cards of added notes that came with a review schedule
    adopted: int = 0  # notes Obsidian_to_Anki had put into Anki, taken over (updated)
    held: bool = False  # not imported: AnkiConnect cannot take over such notes
    moved: int = 0  # notes whose cards went to the deck the note names now


@dataclass
class SyncReport:
    """What ``sync`` did (or, with ``dry_run``, would do)."""

    target: str
    books: list[BookSync] = field(default_factory=list)
    gone: list[Gone] = field(default_factory=list)
    deleted: list[Gone] = field(default_factory=list)
    backup: Path | None = None
    messages: list[str] = field(default_factory=list)


def package_notes(path: Path) -> list[PackageNote]:
    """The notes in the package at ``path``, read from its collection."""
    with zipfile.ZipFile(path) as archive:
        data = archive.read("collection.anki2")
    db = sqlite3.connect(":memory:")
    try:
        db.deserialize(data)
        rows = db.execute("select guid, id, mod, mid, flds, tags, data from notes").fetchall()
        decks = json.loads(db.execute("select decks from col").fetchone()[0])
        card_decks = dict(db.execute("select nid, min(did) from cards group by nid").fetchall())
        reviews = dict(db.execute("select nid, count(*) from cards where type = 2 group by nid"))
    finally:
        db.close()
    names = {int(key): value["name"] for key, value in decks.items()}
    notes = []
    for guid, id_, mod, mid, fields, tags, data in rows:
        deck = names.get(card_decks.get(id_, 0), "")
        search = anki_search(BY_ID[mid], deck, fields.split("\x1f"))
        taken = int(data) if data.isdigit() else 0  # the Anki note it takes over, if any
        tagged = tuple(tags.split())
        notes.append(
            PackageNote(guid, id_, mod, search, tagged, reviews.get(id_, 0), taken, mid, deck)
        )
    return notes


def sync(
    out: Path,
    target: Target,
    *,
    prune: bool = False,
    confirm: Callable[[list[Gone]], bool] = lambda gone: False,
    dry_run: bool = False,
    untrusted: str | None = None,
) -> SyncReport:
    """Import into ``target`` every package in ``out`` that changed since the last sync
    into it (or whose notes the collection lost); with ``prune``, delete (after
    ``confirm``) the notes that left the notes, unless ``untrusted`` says why the build
    gives no picture to prune on."""
    report = SyncReport(target.description)
    record = load_record(out)
    known = record.setdefault(target.key, {"packages": {}, "notes": {}})
    changed = []
    packages = sorted(out.glob("*.apkg"))
    untrusted = untrusted or _unknown_packages(out, packages)
    for package in packages:
        digest = hashlib.sha256(package.read_bytes()).hexdigest()
        name = book_of(package.stem)  # the book's package name (con for con_.apkg)
        book = BookSync(name)
        report.books.append(book)
        if known["packages"].get(package.name) == digest:
            if _still_there(target, known, name):
                book.skipped = True
                continue
            report.messages.append(
                f"{name}: notes the last sync put into Anki are not there (a "
                "collection restored from a backup, or made anew?); importing it again"
            )
        notes = package_notes(package)
        taking, missing = taking_over(target, name, notes, report.messages, known)
        if taking and not target.collection:
            book.held = True
            report.messages.append(
                f"{name}: not imported: {shown_ids(taking)} of its notes are Obsidian_to_"
                "Anki's notes in Anki, which AnkiConnect cannot take over (it cannot change a "
                "note's type); close Anki and sync again (into the collection file), and "
                "they are updated in place"
            )
            continue
        book.adopted = len(taking)
        if dry_run:  # a sync measures what Anki did instead
            _guess(book, notes, known, {note.guid for note in taking})
            book.moved = len(moves(known["notes"], {note.guid: note.deck for note in notes}))
        changed.append((package, digest, notes, book, taking, missing))
    if untrusted is None:
        report.gone = _gone(out, known)
    elif prune:
        report.messages.append(f"nothing pruned: {untrusted}")
        prune = False
    if dry_run or (not changed and not (prune and report.gone)):
        return report
    with target.session() as session:
        for package, digest, notes, book, taking, missing in changed:
            if taking:
                target.adopt(session, package, taking)
            before = target.seen(session, notes)
            due = moves(known["notes"], {note.guid: note.deck for note in notes})
            target.import_package(session, package, any(note.reviews for note in notes))
            book.moved = target.move(session, due)
            after = target.seen(session, notes)
            _measure(book, notes, before, after, {note.guid for note in taking})
            _keep_user_tags(target, session, notes, before, after, known)
            known["packages"][package.name] = digest
            for note in notes:
                known["notes"][note.guid] = [
                    note.id if not note.adopt or note.guid in missing else note.adopt,
                    note.mod,
                    book_of(package.stem),
                    note.search,
                    " ".join(note.tags),
                    note.deck,
                ]
            save_record(out, record)
        if prune and report.gone and confirm(report.gone):
            ids = target.ours(session, report.gone)
            if ids:
                target.delete(session, ids)
            deleted = set(ids)
            report.deleted = [note for note in report.gone if note.id in deleted]
            for left in report.gone:  # gone from Anki too, or never put there by us
                known["notes"].pop(left.guid, None)
            save_record(out, record)
    report.backup = target.backup
    return report


def _unknown_packages(out: Path, packages: list[Path]) -> str | None:
    """Why the build state gives no whole picture of ``out``: packages it does not know
    (a state damaged or lost, then rebuilt from part of the notes)."""
    manifest, _ = load_manifest(out)
    unknown = sorted(p.name for p in packages if book_of(p.stem) not in manifest.books)
    if not unknown or not manifest.books:
        return None
    return (
        f"the build state does not know {', '.join(unknown)}; a sync of all your notes "
        "puts that right"
    )


def _still_there(target: Target, known: dict[str, Any], book: str) -> bool:
    """Whether the collection still holds every note the last sync put there from
    ``book`` (by GUID in a file; by note id through AnkiConnect)."""
    recorded = [
        PackageNote(guid, value[0], value[1], value[3])
        for guid, value in known["notes"].items()
        if value[2] == book
    ]
    return target.present(recorded) == len(recorded)


def _guess(
    book: BookSync, notes: list[PackageNote], known: dict[str, Any], taking: set[str]
) -> None:
    """Counts from the record alone (what a dry run says); a real sync measures them."""
    for note in notes:
        before = known["notes"].get(note.guid)
        if note.guid in taking:
            continue  # counted as taken over
        if before is None:
            book.added += 1
            book.scheduled += note.reviews
        elif note.mod > before[1]:
            book.updated += 1
        else:
            book.unchanged += 1


def _measure(
    book: BookSync, notes: list[PackageNote], before: Seen, after: Seen, taking: set[str]
) -> None:
    """What Anki did, from the collection before and after the import."""
    book.added = book.updated = book.unchanged = book.scheduled = 0
    for note in notes:
        if note.guid not in after or note.guid in taking:
            continue  # not imported (Anki said why in its own log), or taken over
        if note.guid not in before:
            book.added += 1
            book.scheduled += note.reviews  # the first time only: then Anki's progress wins
        elif after[note.guid][0] != before[note.guid][0]:
            book.updated += 1
        else:
            book.unchanged += 1


def _keep_user_tags(
    target: Target,
    session: Any,
    notes: list[PackageNote],
    before: Seen,
    after: Seen,
    known: dict[str, Any],
) -> None:
    """Put back the tags the user gave a note in Anki, which an import replaced: the
    tags it had that this tool never wrote on it."""
    missing: dict[tuple[str, ...], list[PackageNote]] = defaultdict(list)
    for note in notes:
        if note.guid not in before or note.guid not in after:
            continue
        recorded = known["notes"].get(note.guid)
        if recorded is not None and len(recorded) == 5:
            ours = set(recorded[4].casefold().split())
        else:  # a record from before tags were kept: our tags are the book's
            ours = {t.casefold() for t in before[note.guid][1] if "::" in t}
        ours |= {tag.casefold() for tag in note.tags}
        kept = ours | {tag.casefold() for tag in after[note.guid][1]}
        lost = [t for t in before[note.guid][1] if t.casefold() not in kept]
        if lost:
            missing[tuple(sorted(lost))].append(note)
    for tags, tagged in missing.items():
        target.add_tags(session, tagged, list(tags))


def _gone(out: Path, known: dict[str, Any]) -> list[Gone]:
    """The notes this tool put into the collection whose cards no build keeps any more."""
    manifest, _ = load_manifest(out)
    current: set[str] = set()
    for book in manifest.books:
        stamps, message = load_book(out, book, manifest)
        if message:
            return []  # without every book's stamps, nothing can be called gone
        current.update(stamps)
    if not manifest.books:
        return []
    return [
        Gone(guid, value[0], value[2], value[3])
        for guid, value in sorted(known["notes"].items())
        if guid not in current
    ]
