"""Identity is a contract with every collection that imported our decks.

If a test here fails, do not update the expected values: Anki matches note types by
id and schema (field and template names and order) and notes by GUID. A changed id,
field or template name creates a second note type ("Name+") and strands every
existing note (it never updates again); a changed GUID formula duplicates every
card and orphans its review history. Template text and CSS may change freely.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zipfile
from pathlib import Path

import genanki
import pytest
from hypothesis import given
from hypothesis import strategies as st

from flashcards import build
from flashcards.building.apkg import deck_id
from flashcards.cards.identity import anki_note, base91, guid_for
from flashcards.cards.notetypes import CHECKLIST, VOCAB, NoteType
from flashcards.notes import model
from flashcards.notes.model import identity_key

WHY = "note types are a frozen contract: changing this strands every user's existing notes"

PINNED = [
    (
        VOCAB,
        1797163214,
        "flashcards Vocab",
        ("Term", "Definition", "Example", "Hint", "Context", "Source", "Reverse", "Extra"),
        ("Term → Definition", "Definition → Term"),
    ),
    (
        CHECKLIST,
        1797163215,
        "flashcards Checklist",
        ("Text", "Prompt", "Extra", "Hint", "Context", "Source"),
        ("Checklist item",),
    ),
]


@pytest.mark.parametrize(
    "note_type, id_, name, fields, templates", PINNED, ids=["vocab", "checklist"]
)
def test_note_type_schema_is_frozen(
    note_type: NoteType,
    id_: int,
    name: str,
    fields: tuple[str, ...],
    templates: tuple[str, ...],
) -> None:
    assert note_type.id == id_, WHY
    assert note_type.name == name, WHY
    assert note_type.fields == fields, WHY
    assert tuple(t.name for t in note_type.templates) == templates, WHY


def test_guids_come_from_stable_keys_only() -> None:
    assert guid_for("Designing Machine Learning Systems", "1", "vocab", "MLOps") == "qW!$&Y,r7b"
    assert (
        guid_for(
            "Designing Machine Learning Systems",
            "1",
            "checklist",
            "Before starting an ML project, ask:",
        )
        == "H<3qsc7T&X"
    )
    assert guid_for("Statistics Cheat Sheet", None, "vocab", "p-value") == "j[ko4Cg-Ig"
    # Case and spacing of the key do not matter; the chapter and kind do.
    assert guid_for("designing machine  learning systems", "1", "vocab", "mlops") == "qW!$&Y,r7b"
    assert guid_for("Designing Machine Learning Systems", "2", "vocab", "MLOps") != "qW!$&Y,r7b"


@given(
    st.text(), st.one_of(st.none(), st.text()), st.sampled_from(["vocab", "checklist"]), st.text()
)
def test_guid_formula_is_genankis(book: str, chapter: str | None, kind: str, key: str) -> None:
    expected = genanki.guid_for(
        "flashcards", identity_key(book), chapter or "", kind, identity_key(key)
    )
    assert guid_for(book, chapter, kind, key) == expected


@given(st.integers(0, 2**64 - 1) | st.sampled_from([0, 1, 90, 91, 2**32 - 1, 2**32, 2**64 - 1]))
def test_base91_is_genankis_base91(number: int) -> None:
    digits, rest = [], number
    while rest > 0:  # genanki's own loop, on one 64-bit number
        rest, digit = divmod(rest, 91)
        digits.append(genanki.util.BASE91_TABLE[digit])
    assert base91(number >> 32, number & 0xFFFFFFFF) == "".join(reversed(digits))


TEXTS = st.text(st.characters(exclude_categories=("Cs",)), max_size=10)  # what UTF-8 holds


@given(TEXTS, st.lists(TEXTS, min_size=8, max_size=8), st.lists(TEXTS, max_size=3))
def test_content_hash_formula_is_kept(deck: str, fields: list, tags: list) -> None:
    """The hash in every stamp: a changed formula would give every card a new time, so
    Anki would take every note again as edited."""
    note = anki_note("g", VOCAB, deck, "b", tuple(fields), tuple(tags), (0,), "p.md", 1)
    text = "\x1e".join((str(VOCAB.id), deck, *fields, *tags))
    assert note.content_hash == hashlib.blake2b(text.encode(), digest_size=10).hexdigest()


def test_content_hash_of_a_context_with_a_breadcrumb() -> None:
    fields = ("TCP", "a protocol", "", "", "Networking › Key Vocab", "Book, Chapter 1", "", "")
    note = anki_note("g", VOCAB, "Book::Chapter 01", "Book", fields, ("book::chapter-01",), (0,),
                     "p.md", 1)  # fmt: skip
    assert note.content_hash == "e2ecd1ea8e209035ccdf"  # blake2b-80 of the UTF-8


def test_identity_keys_are_the_same_once_their_memory_is_full() -> None:
    texts = [f"Cafe\u0301  {n} ONE" for n in range(3)]  # NFC, case-folded, one space
    expected = [f"caf\u00e9 {n} one" for n in range(3)]
    assert [identity_key(text) for text in texts] == expected
    for n in range(70_000):  # past the 65,536 kept: the memory is emptied, and refilled
        identity_key(f"another term {n}")
    assert len(model._IDENTITY_KEYS) <= 1 << 16
    assert [identity_key(text) for text in texts] == expected


def test_deck_ids_derive_from_names() -> None:
    assert deck_id("Designing Machine Learning Systems::Chapter 01") == 1190146596
    assert deck_id("designing machine learning systems::chapter 01") == 1190146596


def test_package_carries_the_pinned_note_types(seed_notes: Path, tmp_path: Path) -> None:
    (apkg,) = build([seed_notes], tmp_path / "out").files
    with zipfile.ZipFile(apkg) as archive:
        (tmp_path / "c.anki2").write_bytes(archive.read("collection.anki2"))
    db = sqlite3.connect(tmp_path / "c.anki2")
    (models_json,) = db.execute("SELECT models FROM col").fetchone()
    guids = {row[0] for row in db.execute("SELECT guid FROM notes")}
    db.close()
    models = json.loads(models_json)
    for note_type, id_, name, fields, templates in PINNED:
        model = models[str(id_)]
        assert model["name"] == name, WHY
        assert tuple(f["name"] for f in model["flds"]) == fields, WHY
        assert tuple(t["name"] for t in model["tmpls"]) == templates, WHY
        assert model["type"] == (1 if note_type.is_cloze else 0)
    assert {"qW!$&Y,r7b", "H<3qsc7T&X"} <= guids
