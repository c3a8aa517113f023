"""A user's life with the tool, as random sequences of steps checked against real Anki:
edit, add, delete, move and rename note files; full and partial builds, each imported;
edits made in Anki. After every step: no duplicate notes in Anki, a note whose source did
not change is never updated by an import (the user's edit survives), a changed note is
updated, and every package on disk agrees with the state."""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
import zipfile
from pathlib import Path

import pytest
from conftest import AnkiCollection
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, consumes, invariant, rule

from flashcards import build
from flashcards.building.manifest import load_manifest
from flashcards.building.stamps import load_book
from flashcards.building.state import STATE_FILE

FOLDERS = ("a", "b", "a/deep")
BOOKS = ("Systems", "Networks")
WORDS = st.sampled_from(["alpha", "beta", "gamma", "delta", "omega", "sigma"])


class NoteLife(RuleBasedStateMachine):
    files = Bundle("files")

    def __init__(self) -> None:
        super().__init__()
        self.root = Path(tempfile.mkdtemp())
        self.notes = self.root / "notes"
        self.out = self.root / "build"
        for folder in FOLDERS:
            (self.notes / folder).mkdir(parents=True)
        self.anki = AnkiCollection(self.root / "collection.anki2")
        self.clock = 1767225600
        self.chapters = 0
        self.names = 0
        # What each note file holds: its path -> (book, chapter, {term: definition}).
        self.sources: dict[Path, tuple[str, int, dict[str, str]]] = {}
        # What Anki was last given for each (deck, term): the source definition.
        self.imported: dict[tuple[str, str], str] = {}

    def teardown(self) -> None:
        self.anki.col.close()
        shutil.rmtree(self.root, ignore_errors=True)

    def tick(self) -> int:
        self.clock += 10
        return self.clock

    def write(self, path: Path) -> None:
        book, chapter, terms = self.sources[path]
        vocab = "".join(f"- **{term}:** {text}\n" for term, text in terms.items())
        path.write_text(f'---\ntitle: "{book} - Chapter {chapter}"\n---\n## Key Vocab\n{vocab}')

    # -- the notes ------------------------------------------------------------------

    @rule(target=files, folder=st.sampled_from(FOLDERS), book=st.sampled_from(BOOKS),
          terms=st.lists(WORDS, min_size=1, max_size=3, unique=True))  # fmt: skip
    def add(self, folder: str, book: str, terms: list[str]) -> Path:
        self.chapters += 1
        self.names += 1
        path = self.notes / folder / f"note{self.names}.md"
        self.sources[path] = (book, self.chapters, {t.title(): f"{t} at first" for t in terms})
        self.write(path)
        return path

    @rule(path=files, word=WORDS)
    def edit(self, path: Path, word: str) -> None:
        if path not in self.sources:
            return
        terms = self.sources[path][2]
        term = sorted(terms)[0]
        terms[term] = f"{terms[term]} {word}"
        self.write(path)

    @rule(path=consumes(files))
    def delete(self, path: Path) -> None:
        if path in self.sources:
            del self.sources[path]
            path.unlink()

    @rule(target=files, path=consumes(files), folder=st.sampled_from(FOLDERS))
    def move(self, path: Path, folder: str) -> Path:
        if path not in self.sources:
            return path
        self.names += 1
        target = self.notes / folder / f"note{self.names}.md"
        shutil.move(path, target)
        self.sources[target] = self.sources.pop(path)
        return target

    # -- builds, each imported as the user does -------------------------------------

    @rule(folder=st.sampled_from((".", *FOLDERS)))
    def build_and_import(self, folder: str) -> None:
        import os

        os.environ["SOURCE_DATE_EPOCH"] = str(self.tick())
        report = build([self.notes / folder], self.out)
        assert report.errors == [], report.errors
        self.check_packages_agree_with_state()
        for apkg in report.files:
            self.import_and_check(apkg)

    def import_and_check(self, apkg: Path) -> None:
        col = self.anki.col
        before = {nid: list(col.get_note(nid).fields) for nid in col.find_notes("")}
        self.anki.import_apkg(apkg)
        current = self.current_definitions()
        for deck, term, _ in package_notes(apkg):
            (nid,) = col.find_notes(f'"deck:{deck}" "Term:{term}"')
            definition = col.get_note(nid).fields[1]
            source = current[(deck, term)]
            if self.imported.get((deck, term)) == source:
                assert before.get(nid) == col.get_note(nid).fields, (
                    f"{deck} {term}: unchanged in the notes, yet the import changed it"
                )
            else:
                assert definition == source, f"{deck} {term}: the changed note was not updated"
                self.imported[(deck, term)] = source

    def current_definitions(self) -> dict[tuple[str, str], str]:
        return {
            (f"{book}::Chapter {chapter:02d}", term): text
            for book, chapter, terms in self.sources.values()
            for term, text in terms.items()
        }

    def check_packages_agree_with_state(self) -> None:
        manifest, message = load_manifest(self.out)
        assert message is None
        for apkg in self.out.glob("*.apkg"):
            stamps, message = load_book(self.out, apkg.stem, manifest)
            assert message is None
            for guid, id_, mod in package_stamps(apkg):
                stamp = stamps.get(guid)
                assert stamp is not None, f"{apkg.name}: a note the state does not know"
                assert (stamp.id, stamp.mod) == (id_, mod), f"{apkg.name}: differs from state"
        assert not list(self.out.glob(".*.tmp"))
        assert (self.out / STATE_FILE).exists()

    # -- the user in Anki -------------------------------------------------------------

    @rule(index=st.integers(0, 50))
    def edit_in_anki(self, index: int) -> None:
        col = self.anki.col
        nids = sorted(col.find_notes(""))
        if not nids:
            return
        note = col.get_note(nids[index % len(nids)])
        note.fields[1] = f"my own words {index}"
        col.update_note(note)
        col.db.execute("update notes set mod = ? where id = ?", self.tick(), note.id)

    @invariant()
    def no_duplicates_in_anki(self) -> None:
        col = self.anki.col
        rows = col.db.all("select n.flds, c.did from notes n join cards c on c.nid = n.id")
        seen = [(fields.split("\x1f")[0], did) for fields, did in rows]
        assert len(seen) == len(set(seen)), "a term has two notes in one deck"


def package_notes(apkg: Path) -> list[tuple[str, str, str]]:
    """(deck, term, definition) of each vocab note in ``apkg``."""
    import json

    with collection(apkg) as db:
        decks = json.loads(db.execute("select decks from col").fetchone()[0])
        names = {int(k): v["name"] for k, v in decks.items()}
        rows = db.execute(
            "select n.flds, min(c.did) from notes n join cards c on c.nid = n.id group by n.id"
        ).fetchall()
    return [(names[did], *flds.split("\x1f")[:2]) for flds, did in rows]


def package_stamps(apkg: Path) -> list[tuple[str, int, int]]:
    with collection(apkg) as db:
        return db.execute("select guid, id, mod from notes").fetchall()


class collection:
    def __init__(self, apkg: Path) -> None:
        self.folder = tempfile.TemporaryDirectory()
        with zipfile.ZipFile(apkg) as archive:
            archive.extract("collection.anki2", self.folder.name)
        self.db = sqlite3.connect(Path(self.folder.name) / "collection.anki2")

    def __enter__(self) -> sqlite3.Connection:
        return self.db

    def __exit__(self, *exc: object) -> None:
        self.db.close()
        self.folder.cleanup()


@pytest.fixture(autouse=True)
def restore_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # undone after the test


NoteLife.TestCase.settings = settings(
    max_examples=60,
    stateful_step_count=14,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
test_a_life_with_the_tool = NoteLife.TestCase
