"""The output-stage floor: genanki writing already-rendered cards, with no parsing.

``python benchmarks/genanki_floor.py CARDS.json OUT_DIR`` writes one package per book
with genanki's own ``Package.write_to_file``, from the fields that flashcards rendered.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

import genanki

from flashcards.notetypes import CHECKLIST, VOCAB, NoteType
from flashcards.package import deck_id


def model(note_type: NoteType) -> genanki.Model:
    return genanki.Model(
        note_type.id,
        note_type.name,
        fields=[{"name": name} for name in note_type.fields],
        templates=[{"name": t.name, "qfmt": t.front, "afmt": t.back} for t in note_type.templates],
        model_type=genanki.Model.CLOZE if note_type.is_cloze else genanki.Model.FRONT_BACK,
    )


def main(cards_file: Path, out: Path) -> None:
    models = {VOCAB.id: model(VOCAB), CHECKLIST.id: model(CHECKLIST)}
    books: dict[str, dict[str, genanki.Deck]] = defaultdict(dict)
    for row in json.loads(cards_file.read_text(encoding="utf-8")):
        decks = books[row["book"]]
        if row["deck"] not in decks:
            decks[row["deck"]] = genanki.Deck(deck_id(row["deck"]), row["deck"])
        note = genanki.Note(
            model=models[row["model"]], fields=row["fields"], tags=row["tags"], guid=row["guid"]
        )
        decks[row["deck"]].add_note(note)
    out.mkdir(parents=True, exist_ok=True)
    for book, decks in books.items():
        genanki.Package(list(decks.values())).write_to_file(out / f"{book}.apkg")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
