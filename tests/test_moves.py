"""Moved notes, partial builds and books whose names clash: no stamp is lost, no
package silently loses cards, and no two books share a package, tag or deck."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import AnkiCollection

from flashcards import build, check
from flashcards.cli import cli

BOOK = '---\ntitle: "{book} - Chapter {chapter}"\n---\n## Key Vocab\n{terms}'


def note(book: str, chapter: int, *terms: str) -> str:
    vocab = "".join(f"- **{term}:** about {term.lower()}\n" for term in terms)
    return BOOK.format(book=book, chapter=chapter, terms=vocab)


@pytest.fixture(autouse=True)
def same_second(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")


@pytest.fixture
def two_folders(notes_dir: Path) -> tuple[Path, Path]:
    x, y = notes_dir / "x", notes_dir / "y"
    x.mkdir()
    y.mkdir()
    (x / "ch1.md").write_text(note("Systems", 1, "Latency", "Throughput"))
    (x / "ch2.md").write_text(note("Systems", 2, "Queue"))
    (y / "other.md").write_text(note("Other Book", 1, "Thing"))
    return x, y


def user_edits(anki: AnkiCollection, term: str) -> int:
    found = anki.note_by_field("Term", term)
    found.fields[1] = "my own words"
    anki.col.update_note(found)
    return int(found.id)


def test_moving_a_note_and_building_its_folders_one_by_one_keeps_anki_edits(
    notes_dir: Path, two_folders: tuple[Path, Path], tmp_path: Path, anki: AnkiCollection,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    x, y = two_folders
    out = tmp_path / "build"
    build([notes_dir], out)
    anki.import_apkg(out / "systems.apkg")
    edited = user_edits(anki, "Latency")

    shutil.move(x / "ch1.md", y / "ch1.md")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767229200")  # an hour later
    from_x = build([x], out)
    assert from_x.removed == [], "a partial build cannot know that a card left the notes"
    assert [s.search for s in from_x.left] == [  # in a stable order
        '"deck:Systems::Chapter 01" "Term:Latency"',
        '"deck:Systems::Chapter 01" "Term:Throughput"',
    ]
    from_y = build([y], out)
    assert (from_y.removed, from_y.left) == ([], [])
    assert from_y.messages == [
        f"also read 1 note file of the same books outside {y}, so that their packages stay whole"
    ]
    result = anki.import_apkg(out / "systems.apkg")
    assert (result.new, result.updated) == (0, 0), "unchanged notes keep their times"
    assert anki.col.get_note(edited).fields[1] == "my own words"
    full = build([notes_dir], out)
    assert (full.removed, full.left) == ([], [])
    assert anki.import_apkg(out / "systems.apkg").updated == 0


def test_a_partial_build_writes_the_whole_book(
    notes_dir: Path, two_folders: tuple[Path, Path], tmp_path: Path, anki: AnkiCollection
) -> None:
    x, y = two_folders
    (y / "ch3.md").write_text(note("Systems", 3, "Cache"))
    out = tmp_path / "build"
    build([notes_dir], out)
    (x / "ch1.md").write_text(note("Systems", 1, "Latency", "Throughput", "Jitter"))
    build([x / "ch1.md"], out)
    result = anki.import_apkg(out / "systems.apkg")
    assert result.new == 5, "Latency, Throughput, Jitter, Queue and Cache: the whole book"


def test_a_removed_note_is_gone_only_when_a_full_build_says_so(
    notes_dir: Path, two_folders: tuple[Path, Path], tmp_path: Path
) -> None:
    x, _ = two_folders
    out = tmp_path / "build"
    build([notes_dir], out)
    (x / "ch2.md").unlink()
    partial = build([x], out)
    assert [s.search for s in partial.left] == ['"deck:Systems::Chapter 02" "Term:Queue"']
    assert partial.removed == []
    assert build([x], out).left == [], "said once"
    full = build([notes_dir], out)
    assert [s.search for s in full.removed] == ['"deck:Systems::Chapter 02" "Term:Queue"']
    assert build([notes_dir], out).removed == [], "said once"


def test_a_card_moved_back_into_place_keeps_its_stamp(
    notes_dir: Path, two_folders: tuple[Path, Path], tmp_path: Path, anki: AnkiCollection,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    x, y = two_folders
    out = tmp_path / "build"
    build([notes_dir], out)
    anki.import_apkg(out / "systems.apkg")
    edited = user_edits(anki, "Queue")
    shutil.move(x / "ch2.md", y / "ch2.md")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767229200")
    build([x], out)
    shutil.move(y / "ch2.md", x / "ch2.md")
    build([x], out)
    build([notes_dir], out)
    assert anki.import_apkg(out / "systems.apkg").updated == 0
    assert anki.col.get_note(edited).fields[1] == "my own words"


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    monkeypatch.chdir(tmp_path)
    return lambda *args: CliRunner().invoke(cli, list(args))


def test_books_that_would_share_a_package_and_tag_stop_the_build(
    notes_dir: Path, run: Callable[..., Result]
) -> None:
    (notes_dir / "a.md").write_text(note("C++ Primer", 1, "Template"))
    (notes_dir / "b.md").write_text(note("C Primer", 1, "Pointer"))
    result = run("build")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "notes/b.md:2: error: book 'C Primer' and book 'C++ Primer' (notes/a.md:2) would "
        "share the package c-primer.apkg and the tag 'c-primer'; give one of them another "
        "name with 'book:' in its front matter"
    )
    assert not Path("build").exists()
    (notes_dir / "b.md").write_text(
        "---\ntitle: C Primer - Chapter 1\nbook: The C Primer\n---\n## Key Vocab\n- **P:** q\n"
    )
    assert run("build").exit_code == 0
    assert sorted(p.name for p in Path("build").glob("*.apkg")) == [
        "c-primer.apkg",
        "the-c-primer.apkg",
    ]


def test_books_that_differ_only_in_case_stop_the_build(notes_dir: Path) -> None:
    """Anki compares deck names without case: 'CAFÉ' and 'Café' would be one deck."""
    (notes_dir / "a.md").write_text(note("CAFÉ", 1, "Espresso"))
    (notes_dir / "b.md").write_text(note("Café", 2, "Latte"))
    (problem,) = check([notes_dir]).errors
    assert str(problem) == (
        f"{notes_dir}/b.md:2: error: book 'Café' and book 'CAFÉ' ({notes_dir}/a.md:2) would "
        "share the package café.apkg and the tag 'café'; give one of them another name "
        "with 'book:' in its front matter"
    )


def test_chapters_that_differ_only_in_case_stop_the_build(notes_dir: Path) -> None:
    (notes_dir / "a.md").write_text("---\nbook: B\nchapter: Intro\n---\n## Vocab\n- **A:** b\n")
    (notes_dir / "b.md").write_text("---\nbook: B\nchapter: INTRO\n---\n## Vocab\n- **C:** d\n")
    (problem,) = check([notes_dir]).errors
    assert str(problem) == (
        f"{notes_dir}/b.md:2: error: deck 'B::INTRO' and deck 'B::Intro' ({notes_dir}/a.md:2) "
        "are one deck in Anki, which ignores case; spell them the same way in both notes "
        "('book:' and 'chapter:' in the front matter set them)"
    )


def test_a_partial_build_sees_a_clash_with_a_book_it_did_not_read(
    notes_dir: Path, tmp_path: Path
) -> None:
    (notes_dir / "a").mkdir()
    (notes_dir / "b").mkdir()
    (notes_dir / "a" / "n.md").write_text(note("C++ Primer", 1, "Template"))
    out = tmp_path / "build"
    assert build([notes_dir], out).errors == []
    before = (out / "c-primer.apkg").read_bytes()
    (notes_dir / "b" / "n.md").write_text(note("C Primer", 1, "Pointer"))
    (problem,) = build([notes_dir / "b"], out).errors
    assert problem.message.startswith(
        f"book 'C++ Primer' and book 'C Primer' ({notes_dir}/b/n.md:2) would share"
    )
    assert (out / "c-primer.apkg").read_bytes() == before


def test_books_with_different_names_keep_their_files_tags_and_decks(notes_dir: Path) -> None:
    (notes_dir / "a.md").write_text(note("Deep Learning", 1, "Layer"))
    (notes_dir / "b.md").write_text(note("Deep Learning Systems", 1, "Kernel"))
    report = check([notes_dir])
    assert report.errors == []
    assert sorted(report.cards_by_deck) == [
        "Deep Learning Systems::Chapter 01",
        "Deep Learning::Chapter 01",
    ]


def test_leaving_drafts_out_keeps_their_stamps(
    notes_dir: Path, tmp_path: Path, anki: AnkiCollection, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flashcards import BuildOptions

    (notes_dir / "a.md").write_text(note("Systems", 1, "Latency"))
    (notes_dir / "b.md").write_text(
        note("Systems", 2, "Queue").replace("---\n## Key", "draft: true\n---\n## Key")
    )
    out = tmp_path / "build"
    build([notes_dir], out)
    anki.import_apkg(out / "systems.apkg")
    edited = user_edits(anki, "Queue")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767229200")
    skipping = build([notes_dir], out, BuildOptions(skip_drafts=True))
    assert (skipping.removed, skipping.left, skipping.skipped_drafts) == ([], [], 1)
    build([notes_dir], out)
    assert anki.import_apkg(out / "systems.apkg").updated == 0
    assert anki.col.get_note(edited).fields[1] == "my own words"


def test_a_full_build_removes_the_package_of_a_book_with_no_notes_left(
    notes_dir: Path, two_folders: tuple[Path, Path], tmp_path: Path
) -> None:
    _, y = two_folders
    out = tmp_path / "build"
    build([notes_dir], out)
    (y / "other.md").unlink()
    assert build([y], out).deleted == [], "a partial build removes nothing"
    assert (out / "other-book.apkg").exists()
    full = build([notes_dir], out)
    assert full.deleted == [out / "other-book.apkg"]
    assert [s.search for s in full.removed] == ['"deck:Other Book::Chapter 01" "Term:Thing"']
    assert sorted(p.name for p in out.glob("*.apkg")) == ["systems.apkg"]


def test_a_card_found_gone_then_back_keeps_its_anki_edits(
    notes_dir: Path, tmp_path: Path, anki: AnkiCollection, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A note moved out of the only folder builds knew: a full build of that folder calls
    its cards gone; when the note is built again, unchanged, its cards must not
    overwrite what the user did in Anki meanwhile (found by the life-with-the-tool
    state machine)."""
    deep = notes_dir / "a" / "deep"
    deep.mkdir(parents=True)
    (deep / "ch1.md").write_text(note("Systems", 1, "Alpha"))
    out = tmp_path / "build"
    build([deep], out)
    anki.import_apkg(out / "systems.apkg")
    shutil.move(deep / "ch1.md", notes_dir / "a" / "ch1.md")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767229200")
    gone = build([deep], out)
    assert [card.search for card in gone.removed] == ['"deck:Systems::Chapter 01" "Term:Alpha"']
    edited = user_edits(anki, "Alpha")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1867232800")  # later than the edit in Anki
    build([notes_dir], out)
    assert anki.import_apkg(out / "systems.apkg").updated == 0
    assert anki.col.get_note(edited).fields[1] == "my own words"
