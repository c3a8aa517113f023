"""The floor: the least any Python tool can do on this work, to quote our times against.

``python benchmarks/floor.py CORPUS OUT.apkg`` pulls vocab items and checklists out of
every note under CORPUS with regular expressions (no Markdown parser: it understands
only the shapes that ``generate.py`` writes), and writes one package with raw
``sqlite3`` (one in-memory database, one ``executemany`` per table, indexes after the
rows, a deflated zip). It skips everything that makes the tool correct: CommonMark,
sanitising, identities, state, media, errors.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import sys
import time
import zipfile
from pathlib import Path

from genanki.apkg_col import APKG_COL
from genanki.apkg_schema import APKG_SCHEMA

TITLE = re.compile(r'^title: "(.*)"$', re.M)
VOCAB = re.compile(r"^- \*\*(.+?):\*\*[ \t]*(.*(?:\n[ \t]+\S.*)*)", re.M)
CHECKLIST = re.compile(r"^- (.+:)\n((?:[ \t]{4}- .*\n?(?:[ \t]{8}- .*\n?)*)+)", re.M)
ITEM = re.compile(r"^ {4}- (.*)$", re.M)
INDEXES = [line + ";" for line in APKG_SCHEMA.split(";") if "CREATE INDEX" in line]


def main(corpus: Path, out: Path) -> None:
    now = int(time.time())
    notes, cards = [], []
    note_id = now * 1000
    for folder, _, files in os.walk(corpus):
        for name in sorted(files):
            text = Path(folder, name).read_text(encoding="utf-8")
            title = TITLE.search(text)
            deck = title.group(1) if title else name
            deck_id = int.from_bytes(hashlib.blake2b(deck.encode(), digest_size=4).digest())
            pairs = [(m.group(1), m.group(2)) for m in VOCAB.finditer(text)]
            for prompt, block in ((m.group(1), m.group(2)) for m in CHECKLIST.finditer(text)):
                items = ITEM.findall(block)
                for number, item in enumerate(items):
                    shown = "; ".join("[...]" if i == number else t for i, t in enumerate(items))
                    pairs.append((f"{prompt} {shown}", item))
            for front, back in pairs:
                note_id += 1
                guid = hashlib.blake2b(f"{deck}\x1f{front}".encode(), digest_size=8).hexdigest()
                notes.append((note_id, guid, 1, now, -1, "", f"{front}\x1f{back}", front, 0, 0, ""))
                cards.append(
                    (
                        note_id,
                        note_id,
                        deck_id,
                        0,
                        now,
                        -1,
                        0,
                        0,
                        note_id,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        "",
                    )
                )
    db = sqlite3.connect(":memory:")
    schema = "".join(part + ";" for part in APKG_SCHEMA.split(";") if "CREATE INDEX" not in part)
    db.executescript(schema)
    db.executescript(APKG_COL)
    db.execute("UPDATE col SET models = ?", (json.dumps({"1": {"id": 1, "name": "Floor"}}),))
    db.executemany("INSERT INTO notes VALUES (?,?,?,?,?,?,?,?,?,?,?)", notes)
    db.executemany("INSERT INTO cards VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", cards)
    db.commit()
    db.executescript("".join(INDEXES))
    data = db.serialize()
    db.close()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("collection.anki2", data)
        archive.writestr("media", "{}")
    print(len(cards))


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
