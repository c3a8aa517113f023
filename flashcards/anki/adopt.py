"""Notes that Obsidian_to_Anki put into the user's Anki, taken over instead of doubled.

That plugin writes ``<!--ID: 1699...-->`` under each card it added: the id of the note in
the user's collection, of the plugin's own note types (Basic: Front, Back; Cloze: Text,
Back Extra). A package marks such a note with that id (its ``data`` column, which Anki
does not read). Before the package is imported into a collection file, the note is made
ours: Anki's own *Change Note Type* to our note type (cards, their scheduling and review
history kept; Anki then asks for a one-way full sync with AnkiWeb, as it does whenever a
note type is changed), our GUID, its cards moved into our deck, and a modification time
of 0, so that the import updates it in place with our fields and tags. Later builds find
it by GUID as any note of ours. AnkiConnect has no action to change a note's type, nor
its GUID: through it such notes are not taken over, and their package is not imported.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flashcards.anki.targets import PackageNote, Target

# Obsidian_to_Anki's note types' fields, in order, onto ours (Term, Definition, ... /
# Text, Prompt, Extra, ...): the first field is the question (or cloze text), the second
# the answer (or the cloze's extra)
_VOCAB_FIELDS = (0, 1)
_CLOZE_FIELDS = (0, -1, 1)


def adoptable_in(
    rows: dict[int, tuple[str, int]], notes: list[PackageNote]
) -> tuple[list[PackageNote], list[PackageNote]]:
    """Of ``notes`` (each with the id of a note to take over), those to take over and
    those whose note is not in the collection (``rows``: its notes by id, with GUID and
    note type); a note that already has our GUID is ours already."""
    taking = [n for n in notes if n.adopt in rows and rows[n.adopt][0] != n.guid]
    missing = [n for n in notes if n.adopt not in rows]
    return taking, missing


def taking_over(
    target: Target, book: str, notes: list[PackageNote], messages: list[str], known: Any
) -> tuple[list[PackageNote], set[str]]:
    """The notes of Obsidian_to_Anki in the collection that ``notes`` take over, and the
    GUIDs of those whose note is not there: they are added as new notes (said once, the
    first time)."""
    marked = [note for note in notes if note.adopt]
    if not marked:
        return [], set()
    taking, missing = target.adoptable(marked)
    first = [note for note in missing if note.guid not in known["notes"]]
    if first:
        messages.append(
            f"{book}: not in Anki, so added as new notes: {shown_ids(first)} that "
            "Obsidian_to_Anki had put there (an ID comment in the notes)"
        )
    return taking, {note.guid for note in missing}


def shown_ids(notes: list[PackageNote]) -> str:
    shown = ", ".join(str(note.adopt) for note in notes[:3]) + (", ..." if len(notes) > 3 else "")
    return f"{len(notes)} note{'s' if len(notes) != 1 else ''} ({shown})"


def adopt(col: Any, package: Path, notes: list[PackageNote]) -> None:
    """Make the notes of ``col`` that ``notes`` take over ours (see the module)."""
    _note_types_first(col, package, {note.mid for note in notes})
    for note in notes:
        row = col.db.first("select mid from notes where id = ?", note.adopt)
        if row is None:
            continue
        if row[0] != note.mid:
            _change_note_type(col, note.adopt, row[0], note.mid)
        col.db.execute(
            "update notes set guid = ?, mod = 0, usn = -1 where id = ?", note.guid, note.adopt
        )
        cards = col.db.list("select id from cards where nid = ?", note.adopt)
        col.set_deck(cards, col.decks.id(note.deck))


def _change_note_type(col: Any, note_id: int, old: int, new: int) -> None:
    """Anki's Change Note Type for one note: fields and templates by position."""
    old_type, new_type = col.models.get(old), col.models.get(new)
    request = col.models.change_notetype_info(old_notetype_id=old, new_notetype_id=new).input
    request.note_ids[:] = [note_id]
    mapping = _CLOZE_FIELDS if new_type["type"] == 1 else _VOCAB_FIELDS
    old_count = len(old_type["flds"])
    fields = [m if m < old_count else -1 for m in mapping]
    request.new_fields[:] = fields + [-1] * (len(new_type["flds"]) - len(fields))
    if new_type["type"] != 1:
        old_templates = len(old_type["tmpls"]) if old_type["type"] != 1 else 1
        wanted = [t if t < old_templates else -1 for t in range(len(new_type["tmpls"]))]
        request.new_templates[:] = wanted
    col.models.change_notetype_of_notes(request)


def _note_types_first(col: Any, package: Path, wanted: set[int]) -> None:
    """Our note types in ``col`` before any note is changed to them: a copy of the
    package with one note of each missing type (under a GUID of its own) is imported,
    and that note removed again (Anki adds a package's note types with its notes only)."""
    missing = [mid for mid in sorted(wanted) if col.models.get(mid) is None]
    if not missing:
        return
    with zipfile.ZipFile(package) as archive:
        data = archive.read("collection.anki2")
    db = sqlite3.connect(":memory:")
    try:
        db.deserialize(data)
        marks = ",".join("?" * len(missing))
        query = f"select min(id) from notes where mid in ({marks}) group by mid"
        keep = [i for (i,) in db.execute(query, missing)]
        kept = ",".join(str(i) for i in keep)
        db.execute(f"delete from notes where id not in ({kept})")
        db.execute(f"delete from cards where nid not in ({kept})")
        db.execute("update notes set guid = 'flashcards-note-type-' || id")
        db.commit()
        data = db.serialize()
    finally:
        db.close()
    from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest

    with tempfile.TemporaryDirectory() as folder:
        carrier = os.path.join(folder, "note-types.apkg")
        with zipfile.ZipFile(carrier, "w") as archive:
            archive.writestr("collection.anki2", data)
            archive.writestr("media", "{}")
        options = ImportAnkiPackageOptions()
        col.import_anki_package(ImportAnkiPackageRequest(package_path=carrier, options=options))
    col.remove_notes(col.db.list("select id from notes where guid like 'flashcards-note-type-%'"))
    col.models._clear_cache()
