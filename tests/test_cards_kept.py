"""Cards a person keeps (issue 32), each shape on a small fixture of our own: what is not
study material makes no card (and says why), what is asked is a card, decks read as the
folders do, and a better deck keeps every GUID."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import AnkiCollection

from flashcards import build, parse_note
from flashcards.building.notefile import parse_file
from flashcards.cards.identity import guid_for
from flashcards.cli import cli
from flashcards.notes.model import Note
from flashcards.notes.text import plain_text
from flashcards.options import DEFAULT_OPTIONS

LIST = "- one thing here\n- another thing here\n- a third thing\n"


def cards(note: Note) -> list[str]:
    """What each card asks: a vocab term, or a checklist prompt (one per checklist)."""
    return [v.term for v in note.vocab] + [c.prompt for c in note.checklists]


def skipped(note: Note) -> str:
    return " | ".join(why for _, why in note.skipped)


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("CHANGELOG.md", "a changelog"),
        ("docs/release-notes.md", "release notes"),
        ("CONTRIBUTING.md", "contribution rules"),
        ("journals/2024_05_01.md", "a journal"),
        ("2024-05-01.md", "a journal day"),
        ("vault/daily.journal.2021.06.20.md", "a journal"),
        ("vault/community.events.office-hours.2021.06.20.md", "meeting notes"),
        ("changelog 06.md", "a changelog"),
        ("cohorts/2024/homework.md", "homework"),
        ("docs/dev/releasing.md", "developer docs"),
    ],
)
def test_pages_that_are_not_study_material_make_no_cards(path: str, reason: str) -> None:
    bold = "The **three-way handshake** opens every TCP connection between two hosts."
    note = parse_note(f"# Something\n\n{bold}\n\nWhat changed:\n\n{LIST}", path)
    assert cards(note) == [] and note.clozes == ()
    assert skipped(note) == f"the note is {reason}"


def test_a_meeting_title_makes_no_cards() -> None:
    note = parse_note(f"# 2021-10-17 Office Hours\n\nTopics:\n\n{LIST}", "notes/ohs.md")
    assert cards(note) == [] and "meeting notes" in skipped(note)


def test_a_note_that_opted_into_inline_cards_is_never_left_out() -> None:
    note = parse_note("---\ntags: [flashcards]\n---\nWhat is TCP?::A transport\n", "TODO.md")
    assert note.vocab or note.clozes


@pytest.mark.parametrize("heading", ["Thanks", "References", "Further reading", "Agenda"])
def test_sections_that_hold_nothing_to_learn_make_no_cards(heading: str) -> None:
    note = parse_note(f"# Raft\n\n## {heading}\n\nThese:\n\n{LIST}", "raft.md")
    assert cards(note) == [] and "stands in" not in skipped(note)
    assert "These:" in skipped(note)


def test_release_entries_and_link_lists_are_not_clozes() -> None:
    text = (
        "# Tool\n\nFixed:\n\n- Sidebar resizes #6749\n- Sort filter works #6765\n"
        "- Zoom kept #6750\n\nRead:\n\n- [Raft paper](https://raft.github.io)\n"
        "- [Paxos made simple](https://example.org/paxos)\n- https://example.org/zab\n"
    )
    note = parse_note(text, "tool.md")
    assert cards(note) == []
    assert "a changelog (its items cite issues)" in skipped(note)
    assert "a list of links" in skipped(note) or "'Read:': a table of contents, links" in skipped(
        note
    )


def test_examples_prose_and_paragraph_long_items_are_not_clozes() -> None:
    long_item = " ".join(["word"] * 35)
    prose = " ".join(["sentence"] * 50)
    text = (
        f"# Queues\n\nFor example:\n\n{LIST}\n{prose} so:\n\n{LIST}\n"
        f"Reasons it fails:\n\n- {long_item}\n- {long_item}\n"
    )
    note = parse_note(text, "queues.md")
    assert cards(note) == []
    assert "a list of examples" in skipped(note)
    assert "a paragraph of prose above it" in skipped(note)
    assert "its items are paragraphs" in skipped(note)


def test_a_real_enumeration_is_still_a_cloze() -> None:
    note = parse_note(f"# Queues\n\nThree reasons to use a queue:\n\n{LIST}", "queues.md")
    assert cards(note) == ["Three reasons to use a queue:"]
    assert len(note.checklists[0].items) == 3


def test_a_section_word_or_a_sentence_is_no_term_but_a_declared_vocab_term_is() -> None:
    text = (
        "# Raft\n\n- **Features:** many things it does well here\n"
        "- **When you are a leader.** you send heartbeats often\n"
        "- **Term:** the election period of the cluster\n\n"
        "## Key Vocab\n\n- **Overview:** what the vocab section defines\n"
    )
    note = parse_note(text, "raft.md")
    assert cards(note) == ["Term", "Overview"]
    assert "'Features' is a section's heading, not a term" in skipped(note)
    assert "a sentence, not a term" in skipped(note)


def test_a_question_heading_over_its_answer_is_a_card() -> None:
    text = (
        "# Networking\n\n## What is idempotency?\n\nDoing it twice changes nothing more.\n\n"
        "**Why retry with backoff?**\n\nTo let an overloaded server recover.\n\n"
        "## Why does it matter?\n\n" + " ".join(["long"] * 130) + "\n"
    )
    note = parse_note(text, "net.md")
    assert [(v.term, v.context) for v in note.vocab] == [
        ("What is idempotency?", ("Networking",)),
        ("Why retry with backoff?", ("Networking", "What is idempotency?")),
    ]
    assert "'Why does it matter?': its answer is too long to recall" in skipped(note)


def test_a_heading_that_announces_parts_over_a_plain_list_is_a_checklist() -> None:
    text = f"# Microservices\n\n## Advantages\n\n{LIST}\n## Our team\n\n{LIST}"
    note = parse_note(text, "micro.md")
    assert [(c.prompt, c.context) for c in note.checklists] == [("Advantages", ("Microservices",))]


@pytest.mark.parametrize(
    ("path", "front_matter", "body", "deck"),
    [
        ("Systems/02-databases/index.md", "", "", "Systems::02 Databases"),
        ("Systems/ch5-replication.md", "", "", "Systems::Chapter 05 - Replication"),
        ("Systems/7 Habits of Reliable Teams.md", "", "", "Systems::7 Habits of Reliable Teams"),
        ("Systems/tcp-handshake.md", "", "# Notes\n\n", "Systems::Tcp handshake"),
        (
            "Systems/db-notes-lec6-7.md",
            "",
            "# Lecture 6 - Normalization\n\n# Lecture 7 - Hashing\n\n",
            "Systems::Db notes lec6 7",
        ),
        (
            "Systems/one-part.md",
            "",
            "# Lecture 6 - Normalization\n\n## 6.1 Keys\n\n",
            "Systems::Lecture 6 - Normalization",
        ),
        ("Systems/k3VqP9xLwT2mZrB8nYcQd.md", "", "## Raft basics\n\n", "Systems::Raft basics"),
        (
            "vault/courses.db101.lectures.lecture1.md",
            "id: abc\ntitle: Lecture 1\ncreated: 1\nupdated: 2\n",
            "",
            "Courses::Db101::Lectures::Lecture 1",
        ),
        ("3. Resources/Networking/tcp.md", "", "", "3 Resources::Networking::tcp"),
        (
            "Systems/0pUoWXrTC07Z9B1ijwosK.md",
            "",
            "The Dead Letter Queue is a queue.\n\n",
            "Systems::Dead Letter Queue",
        ),
        (
            "Systems/x.md",
            "book: designing-data-intensive-applications\ntitle: Chapter 3\n",
            "",
            "Designing Data Intensive Applications::Chapter 03",
        ),
        (  # two courses each have a Test 1; a heading of a number alone says less
            "CS 7637 - KBAI/Test 1/Lesson 08 - Learning by Recording Cases.md",
            "",
            "# Lesson 8\n\n",
            "CS 7637 KBAI::Test 1::Lesson 08 - Learning by Recording Cases",
        ),
        ("CS 6250/notes/Study Guide/Lesson 3.md", "", "", "CS 6250::Study Guide::Lesson 3"),
        ("Systems/Lesson 8.md", "", "# Lesson 8\n\n", "Systems::Lesson 8"),
    ],
)
def test_decks_read_as_the_folders_do(
    notes_dir: Path, path: str, front_matter: str, body: str, deck: str
) -> None:
    file = notes_dir / path
    file.parent.mkdir(parents=True, exist_ok=True)
    head = f"---\n{front_matter}---\n" if front_matter else ""
    file.write_text(f"{head}{body}Parts of it:\n\n{LIST}", encoding="utf-8")
    assert parse_file(file, DEFAULT_OPTIONS, notes_dir).deck == deck


def test_a_course_above_its_test_folder_is_shown_not_made_identity(notes_dir: Path) -> None:
    """The deck names the course above ``Test 1`` and the file name's subject; the book
    and chapter that GUIDs come from are those of earlier rounds."""
    file = notes_dir / "CS 7637 - KBAI" / "Test 1" / "Lesson 08 - Recording Cases.md"
    file.parent.mkdir(parents=True)
    file.write_text("# Lesson 8\n\n- **Case:** a past experience\n", encoding="utf-8")
    note = parse_file(file, DEFAULT_OPTIONS, notes_dir)
    assert note.deck == "CS 7637 KBAI::Test 1::Lesson 08 - Recording Cases"
    assert (note.book, note.chapter, note.title) == ("Test 1", "Lesson 8", note.title)


def test_a_better_deck_keeps_the_guids_identity_was_made_of(notes_dir: Path) -> None:
    """The deck reads ``02 Databases``; the GUID is the one ``Chapter 02`` had."""
    file = notes_dir / "Systems" / "02-databases" / "x.md"
    file.parent.mkdir(parents=True)
    file.write_text("## Key Vocab\n\n- **Index:** a lookup structure\n", encoding="utf-8")
    note = parse_file(file, DEFAULT_OPTIONS, notes_dir)
    assert (note.deck, note.book, note.chapter) == ("Systems::02 Databases", "Systems", "2")
    out = notes_dir.parent / "build"
    build([notes_dir], out)
    import sqlite3
    import zipfile

    with zipfile.ZipFile(out / "systems.apkg") as package:
        (out / "c.anki2").write_bytes(package.read("collection.anki2"))
    guids = {row[0] for row in sqlite3.connect(out / "c.anki2").execute("select guid from notes")}
    assert guids == {guid_for("Systems", "2", "vocab", "Index")}


def test_a_renamed_deck_keeps_note_ids_and_reviews_in_anki(
    notes_dir: Path, tmp_path: Path, anki: AnkiCollection, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Round 3 named this chapter ``Chapter 02``; this round ``02 Databases``. The same
    GUIDs: the note updates in place, its review stays, a file import leaves the card in
    the deck it had (ANKI_FACTS.md)."""
    old = notes_dir / "Systems" / "x.md"
    old.parent.mkdir(parents=True)
    old.write_text("---\nchapter: 2\n---\n## Key Vocab\n\n- **Index:** a lookup\n")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    build([notes_dir], tmp_path / "old")
    assert anki.import_apkg(tmp_path / "old" / "systems.apkg").new == 1
    (note,) = anki.notes()
    card = note.cards()[0]
    card.start_timer()
    anki.col.sched.answerCard(card, 3)
    assert anki.col.decks.name(card.did) == "Systems::Chapter 02"
    old.unlink()
    new = notes_dir / "Systems" / "02-databases" / "x.md"
    new.parent.mkdir()
    new.write_text("## Key Vocab\n\n- **Index:** a lookup structure\n")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225700")  # a later build
    build([notes_dir], tmp_path / "new")
    result = anki.import_apkg(tmp_path / "new" / "systems.apkg")
    assert (result.new, result.updated) == (0, 1)
    (again,) = anki.notes()
    assert again.id == note.id and "lookup structure" in again["Definition"]
    assert anki.col.db.scalar("select count() from revlog where cid = ?", card.id) == 1


def test_explain_shows_each_card_and_why_a_block_made_none(notes_dir: Path) -> None:
    file = notes_dir / "raft.md"
    file.write_text(f"# Raft\n\nFor example:\n\n{LIST}\nThree roles:\n\n{LIST}")
    runner = CliRunner()
    result = runner.invoke(cli, ["explain", str(file), "--root", str(notes_dir)])
    assert result.exit_code == 0, result.output
    assert f"{file}: deck 'Notes::Raft'; title 'Raft'" in result.output
    assert "'For example:': a list of examples; no cloze" in result.output
    assert "Three roles: → 3 cloze cards" in result.output
    at_line = runner.invoke(cli, ["explain", f"{file}:9", "--root", str(notes_dir)])
    assert "Three roles:" in at_line.output and "For example" not in at_line.output
    missing = runner.invoke(cli, ["explain", str(notes_dir / "nope.md")])
    assert missing.exit_code == 2 and "no note file" in missing.output


def test_steps_of_an_application_filler_and_the_authors_own_lists_are_not_clozes() -> None:
    many = "".join(f"- part number {n}\n" for n in range(13))
    text = (
        "# Obsidian\n\nTo enable it:\n\n- Open Settings\n- Press Ctrl+P\n- Relaunch Obsidian\n\n"
        "My tabs are:\n\n- jump\n- run\n- edit\n\n"
        f"All the parts:\n\n{many}\n"
        "It renders:\n\n- colors for headings\n- tables\n- and a lot more that I forget\n"
    )
    note = parse_note(text, "obsidian.md")
    assert [(c.prompt, len(c.items)) for c in note.checklists] == [("It renders:", 2)]
    assert "steps of working an application" in skipped(note)
    assert "personal notes" in skipped(note)
    assert "13 items, too many to recall one from the rest" in skipped(note)


@pytest.mark.parametrize("label", ["Step 3", "2.4.3", "pg 133", "Tool 27", "Phase 1"])
def test_a_number_or_a_label_is_no_term(label: str) -> None:
    note = parse_note(f"# Book\n\n- **{label}:** what the page says of it\n- **x:** y z\n", "b.md")
    assert label not in [v.term for v in note.vocab]


def test_a_table_that_defines_gives_a_card_a_row_and_one_of_figures_none() -> None:
    text = (
        "# foam lint\n\n| Rule | What it checks |\n| --- | --- |\n"
        "| missing-heading | a note without a title heading |\n"
        "| stale-definitions | link definitions nothing uses |\n\n"
        "| Year | Sales |\n| --- | --- |\n| 2021 | 12 |\n| 2022 | 14 |\n"
    )
    note = parse_note(text, "lint.md")
    assert [(v.term, v.context) for v in note.vocab] == [
        ("missing-heading", ("foam lint",)),
        ("stale-definitions", ("foam lint",)),
    ]


def test_a_lead_its_description_gives_away_hides_the_description(notes_dir: Path) -> None:
    from flashcards.cards.render import checklist_fields

    text = (
        "# Obsidian\n\nCore plugins:\n\n- **Search vault** - search your vault for any text\n"
        "- **Backlinks** - the notes that link to the current one\n"
    )
    note = parse_note(text, "core.md")
    field = checklist_fields(note, note.checklists[0])[0]
    assert "<strong>Search vault</strong> - {{c1::search your vault" in field
    assert "<strong>Backlinks</strong> - {{c2::the notes that link" in field  # the cue: set AA


def test_a_paragraph_that_defines_a_bold_term_is_a_card() -> None:
    text = (
        "# Startups\n\nA **pivot** is a change of strategy without a change of vision.\n\n"
        "We tried a **pivot** once and it went badly for everyone involved there.\n"
    )
    note = parse_note(text, "startups.md")
    assert [(v.term, plain_text(v.definition)) for v in note.vocab] == [
        ("pivot", "A pivot is a change of strategy without a change of vision.")
    ]


def test_course_admin_sections_make_no_cards() -> None:
    note = parse_note(f"# Course\n\n## Deliverables\n\nSubmit:\n\n{LIST}", "course.md")
    assert cards(note) == [] and "course admin" in skipped(note)


def test_italic_terms_make_a_glossary_and_an_outline_of_the_text_no_cloze() -> None:
    text = (
        "# Economics\n\n- *Scarcity*: wants exceed the resources to meet them\n"
        "- *Opportunity cost*: the value of the best alternative given up\n\n"
        "This chapter discusses:\n\n- supply\n- demand\n- prices\n"
    )
    note = parse_note(text, "econ.md")
    assert [v.term for v in note.vocab] == ["Scarcity", "Opportunity cost"]
    assert note.checklists == () and "an outline of the text" in skipped(note)


def test_a_checklist_is_asked_with_the_notes_title() -> None:
    from flashcards.cards.render import checklist_fields

    text = "---\ntitle: OSI layers\n---\n## Definition\n\nThis layer:\n\n" + LIST
    note = parse_note(text, "osi.md")
    assert checklist_fields(note, note.checklists[0])[4] == "OSI layers"  # generic: left out
    raft = parse_note("---\ntitle: Raft\n---\n## Elections\n\nThree roles:\n\n" + LIST, "r.md")
    assert checklist_fields(raft, raft.checklists[0])[4] == "Raft › Elections"
    same = parse_note("# Raft\n\n## Elections\n\nThree roles:\n\n" + LIST, "r.md")
    assert checklist_fields(same, same.checklists[0])[4] == "Raft › Elections"  # not twice
    text = '---\ntitle: "Raft - Chapter 2"\n---\n## Elections\n\nThree roles:\n\n' + LIST
    chapter = parse_note(text, "r.md")  # a title that only numbers a chapter: the deck says it
    assert checklist_fields(chapter, chapter.checklists[0])[4] == "Elections"
    dated = parse_note("# Raft\n\n## Day 19 - Oct 23, 2019\n\nThree roles:\n\n" + LIST, "r.md")
    assert checklist_fields(dated, dated.checklists[0])[4] == "Raft"  # a date names nothing


def test_a_term_is_asked_with_the_heading_it_sits_under() -> None:
    """A lecture's ``Types of Mistakes`` over ``rule-based`` and its line: the front says
    what the term is a kind of; a vocab section's heading or a date says nothing."""
    from flashcards.cards.render import vocab_fields

    text = (
        "# HCI\n\n## Week 3\n\n### Types of Mistakes\n\n"
        "- rule-based\n  - the wrong rule applied\n- knowledge-based\n  - a wrong model\n"
    )
    note = parse_note(text, "hci.md")
    assert [v.term for v in note.vocab] == ["rule-based", "knowledge-based"]
    assert vocab_fields(note, note.vocab[0], reverse=False)[5] == "HCI › Types of Mistakes"
    plain = parse_note("# HCI\n\n## Key Vocab\n\n- **Affordance:** what a thing invites\n", "h.md")
    assert vocab_fields(plain, plain.vocab[0], reverse=False)[5] == "HCI"
    named = parse_note("# HCI\n\n## Affordance\n\n- **Affordance:** what it invites\n", "h.md")
    assert vocab_fields(named, named.vocab[0], reverse=False)[5] == "HCI"  # the term itself


def test_mirrored_items_placeholders_and_syllabi_make_no_cards() -> None:
    text = (
        "# Quicksort\n\nThe steps:\n\n- sort left side\n- sort right side\n- merge\n\n"
        "## Key Vocab\n\n- **Heap:** Notes\n"
    )
    note = parse_note(text, "qs.md")
    assert cards(note) == []
    assert "its items mirror each other" in skipped(note)
    assert "'Heap': its definition is a placeholder" in skipped(note)
    syllabus = parse_note(f"# AP Calc AB Syllabus\n\nUnits:\n\n{LIST}", "calc/syllabus-ab.md")
    assert cards(syllabus) == [] and skipped(syllabus) == "the note is course admin"


def test_a_term_defined_a_few_words_into_a_paragraph_is_a_card() -> None:
    note = parse_note("# Algebra\n\nHere the **unit** of a ring is its identity.\n", "a.md")
    assert [v.term for v in note.vocab] == ["unit"]


@pytest.mark.parametrize(
    ("name", "an_id"),
    [("k3VqP9xLwT2mZrB8nYcQd", True), ("550e8400-e29b-41d4-a716-446655440000", True),
     ("ProjectAlpha2024Notes", False), ("deadbeefcafe", False), ("tcp-handshake", False),
     ("Lec40-Mon_Apr_24", False), ("x9Kq-P2zLm_W8vRt3Yb", True)],
)  # fmt: skip
def test_an_id_is_told_from_a_name(name: str, an_id: bool) -> None:
    from flashcards.notes.shown import is_id

    assert is_id(name) is an_id


def test_remarks_under_a_statement_and_rows_that_repeat_their_name_make_no_cards() -> None:
    text = (
        "# Security\n\n- A MAC is a short tag computed from a message and a key\n"
        "    - it also proves where the message came from to the reader\n"
        "    - code from the internet is often signed this way\n\n"
        "| Function | What it does |\n| --- | --- |\n| `min/max` | returns the min/max |\n"
        "| `floor` | rounds down to the nearest whole number |\n"
    )
    note = parse_note(text, "macs.md")
    assert note.checklists == ()
    assert [v.term for v in note.vocab] == ["floor"]
    assert "remarks under a statement, not its parts" in skipped(note)
    assert "a row that says its name again" in skipped(note)


def test_a_subject_named_like_a_project_file_is_still_a_subject() -> None:
    for path in ("notes/Security.md", "notes/history.md", "notes/Resources.md"):
        assert cards(parse_note(f"# Topic\n\nThree kinds:\n\n{LIST}", path)), path
    assert cards(parse_note(f"# Topic\n\nThree kinds:\n\n{LIST}", "SECURITY.md")) == []
    for path in (
        "DEPLOYMENT.md",
        "app/WORKFLOW.md",
        "INSTALL.md",
        ".kiro/steering/api.md",
        "oop/AGENDA.md",
        "arrays/agenda_2.md",
        "arrays/agenda2.md",
    ):
        assert cards(parse_note(f"# Topic\n\nThree kinds:\n\n{LIST}", path)) == [], path
    for path in ("devops/Deployment.md", "linux/Installation.md", "deployment/blue-green.md"):
        assert cards(parse_note(f"# Topic\n\nThree kinds:\n\n{LIST}", path)), path


def test_a_bold_line_names_its_list_plain_glossaries_and_mind_maps() -> None:
    text = (
        "# Docker\n\n**docker diff**\n\n- A: a file was added\n- D: a file was deleted\n"
        "- C: a file was changed\n\n## Domain-driven design\n\n"
        "- Model: a system of abstractions of the domain\n"
        "- Domain: the sphere of knowledge the software is about\n"
        "- Core Domain: the part of the domain that matters most\n"
    )
    note = parse_note(text, "docker.md")
    assert [c.prompt for c in note.checklists] == ["docker diff"]
    assert [v.term for v in note.vocab] == ["Model", "Domain", "Core Domain"]
    two = parse_note("# X\n\n## Y\n\n- Next: Tuesday at noon\n- Room: the big one\n", "x.md")
    assert two.vocab == ()  # two plain 'Label: value' lines are no glossary
    mind = parse_note(f"# Book\n\nParts:\n\n{LIST}", "mindmap - learning ddd.md")
    assert cards(mind) == [] and "map of content" in skipped(mind)


def test_a_term_marked_in_a_list_of_notes_is_a_card() -> None:
    """``**CDN:** an edge cache`` among plain notes: a term its author marked, as in a
    glossary; a label (``**Note:**``) and a short setting are not."""
    text = (
        "# Caching\n\n## Where caches live\n\n- caches sit at many layers\n"
        "- **CDN:** an edge cache close to users\n- **Note:** this matters a great deal\n"
        "- **Port:** 443\n- browsers cache too\n"
    )
    note = parse_note(text, "caching.md")
    assert [v.term for v in note.vocab] == ["CDN"]
    assert "'Note' is a section's heading, not a term" in skipped(note)


def test_a_problem_statement_solved_below_makes_no_cards() -> None:
    """A coding exercise: the statement's rules and examples are not what the note
    teaches; the solution's list is."""
    text = (
        "---\ntitle: 71. simplify path\n---\n\nGiven a path, simplify it. Its rules:\n\n"
        "- It must start with a slash.\n- It must not end with a slash.\n\n"
        "## Solution\n\nKey steps:\n\n- split on slash\n- pop on two dots\n- join again\n"
    )
    note = parse_note(text, "71-simplify-path.md")
    assert [c.prompt for c in note.checklists] == ["Key steps:"]
    assert "a problem's statement, solved below" in skipped(note)
    sectioned = (
        "# Two Sum\n\n## Problem\n\nFind two numbers:\n\n- they add to target\n"
        "- their indexes differ\n\n### Example 1\n\nInput: 2, 7\n\n### Constraints\n\n"
        "- two numbers:\n  - at least two\n  - at most ten\n\n"
        "## Approach\n\nLook-ups:\n\n- store the complement\n- check each number\n"
    )
    assert [c.prompt for c in parse_note(sectioned, "two-sum.md").checklists] == ["Look-ups:"]


def test_a_solution_heading_deep_in_long_notes_changes_nothing() -> None:
    """Lecture notes with a ``Solution`` section far down are not an exercise."""
    sections = "".join(f"## Topic {n}\n\nParts:\n\n- one part\n- other part\n\n" for n in range(5))
    note = parse_note(f"# Course\n\nIntro text.\n\n{sections}## Solution\n\nDone.\n", "c.md")
    assert len(note.checklists) == 5


def test_an_answer_hidden_in_a_callout_is_its_questions_card() -> None:
    """``> [!answer]- Show Answer`` under the question: the author's own card, never a
    term called "Show Answer"."""
    text = (
        "# Code review\n\n## Question 7 - Disagreement\n\n"
        "> You disagree with a comment. How do you handle it?\n\n"
        "> [!answer]- Show Answer\n> Best practice:\n> - defer to the author\n"
        "> - offer an alternative\n\n## Question 8\n\nWhat is LGTM?\n\n"
        "> [!answer]-\n> Looks good to me.\n"
    )
    note = parse_note(text, "review.md")
    assert [v.term for v in note.vocab] == [
        "You disagree with a comment. How do you handle it?",
        "What is LGTM?",
    ]
    assert note.checklists == ()


def test_a_cornell_table_gives_a_card_for_each_answered_cue() -> None:
    text = (
        "# Kafka\n\n## Brokers\n\n| Cue / Question | Notes |\n| --- | --- |\n"
        "| What does ZooKeeper store? | The cluster's metadata. |\n"
        "| Why an odd ensemble? | |\n| Quorum | A majority of the ensemble. |\n"
        "| Why shard? (one node is not enough) | |\n"
    )
    note = parse_note(text, "kafka.md")
    assert [v.term for v in note.vocab] == ["What does ZooKeeper store?", "Quorum", "Why shard?"]
    assert plain_text(note.vocab[2].definition) == "one node is not enough"
    assert "'Why an odd ensemble?': not answered yet" in skipped(note)


def test_a_speakers_label_is_no_term() -> None:
    note = parse_note("# Call\n\n- **Participant 2:** what do you mean by that\n", "c.md")
    assert note.vocab == ()


def test_a_books_citation_is_no_defined_term() -> None:
    note = parse_note("# Ch 2\n\n> _Kafka: The Guide_, 2nd Edition — Shapira\n", "k.md")
    assert note.vocab == ()
    note = parse_note("# Ch 2\n\n*Dune*, by Frank Herbert, 1965.\n", "d.md")
    assert note.vocab == ()


def test_a_heading_defined_in_the_notes_under_it_is_a_card() -> None:
    """``### Affordance`` over lecture bullets, one of which says what an affordance
    is: that sentence is the card; a heading no line defines makes none."""
    text = (
        "# HCI\n\n### Affordance\n\n- a term from Norman\n"
        "- an affordance is the relationship between an object and a person. It is not "
        "a property.\n- eg a cup handle\n\n### Signifiers\n\nSignifiers are perceivable "
        "indicators of where to act.\n\n### Mapping\n\n- from one set to another\n"
    )
    note = parse_note(text, "hci.md")
    assert [(v.term, plain_text(v.definition)) for v in note.vocab] == [
        ("Affordance", "an affordance is the relationship between an object and a person."),
        ("Signifiers", "Signifiers are perceivable indicators of where to act."),
    ]


def test_a_command_and_the_sentence_that_explains_it_are_a_card() -> None:
    """Cheat-sheet notes: a one-line command with what it does below it, or the line
    that asks for it above; a program, a label and a sentence going on are not."""
    text = (
        "# nmap\n\n```\nnmap --script vuln host\n```\n\nChecks for known vulnerabilities.\n\n"
        "To list the hosts of a subnet:\n\n```\nnmap -sL 10.0.0.0/24\n```\n\n"
        "Output:\n\n```\nHost is up\n```\n\n```\n$ ls\n```\n\nRuby has another operator too.\n\n"
        "```\nfor x in y:\n    print(x)\n    done()\n```\n\nThis loops over y.\n"
    )
    note = parse_note(text, "nmap.md")
    assert [v.term for v in note.vocab] == [
        "nmap --script vuln host",
        "To list the hosts of a subnet",
    ]


def test_a_list_that_shows_the_way_round_the_notes_is_no_checklist() -> None:
    text = (
        "# Home\n\nTo begin, try starting from one of these notes:\n\n"
        "- [[reading]]: what I read\n- [[systems]]: distributed systems\n"
    )
    note = parse_note(text, "home.md")
    assert note.checklists == () and "a way round the notes" in skipped(note)


def test_a_templates_placeholder_is_no_title(tmp_path: Path) -> None:
    """A Templater note left as it was made (``title: "<% tp.file.cursor() %>"``) is
    titled by its file name."""
    note = tmp_path / "design-instagram.md"
    note.write_text('---\ntitle: "<% tp.file.cursor() %>"\n---\n\nText:\n\n- a\n- b\n')
    assert parse_file(note, DEFAULT_OPTIONS, tmp_path).title == "Design instagram"


def test_gitbook_blocks_leave_no_tags_on_cards() -> None:
    text = (
        '# Hosts\n\n## Files\n\n{% hint style="info" %}\n- **hosts:** maps names to addresses\n'
        "{% endhint %}\n\n- **resolv.conf:** names the DNS servers\n\n"
        '{% embed url="https://example.com/hosts" %}\n'
    )
    note = parse_note(text, "hosts.md")
    assert [plain_text(v.definition) for v in note.vocab] == [
        "maps names to addresses",
        "names the DNS servers",
    ]


def test_a_heading_that_asks_without_a_question_mark_announces_its_list() -> None:
    text = "# HCI\n\n#### What can we do to avoid slips\n\n- use forcing functions\n- keep clear\n"
    note = parse_note(text, "hci.md")
    assert [c.prompt for c in note.checklists] == ["What can we do to avoid slips"]


def test_a_heading_inside_a_callout_ends_with_it() -> None:
    note = parse_note("> [!note] Box\n> ## Inside\n> text\n\nA paragraph after it.\n", "box.md")
    assert note.vocab == ()


def test_a_name_over_one_image_is_a_card_of_the_image() -> None:
    """Logseq's ``- #Pic`` over one image (a crash once: no item had text)."""
    note = parse_note("# Person\n\n- Portrait\n\t- ![](https://example.com/p.jpg)\n", "p.md")
    assert [v.term for v in note.vocab] == ["Portrait"]


def test_a_projects_readme_and_an_exam_question_make_no_cards(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(
        "# A Font\n\n## Features\n\n- readable:\n  - heavy bottoms\n  - wide gaps\n\n"
        "## Installation\n\nCopy it.\n\n## Contributing\n\n- open a pull request\n"
    )
    assert parse_file(readme, DEFAULT_OPTIONS, tmp_path).checklists == ()
    exam = parse_note(
        "---\nexam: Exam 5\npoints: 2.25\n---\n## Part a\n\nAnswer:\n\n- 702,100\n- 612,400\n",
        "q23.md",
    )
    assert exam.checklists == () and "an exam question" in skipped(exam)
    parts = parse_note(
        "# Q\n\n## Part b (0.5 points)\n\nSteps:\n\n- add paid\n- add case\n", "q.md"
    )
    assert parts.checklists == ()


def test_worked_numbers_a_label_and_an_address_make_no_cards() -> None:
    text = (
        "# Triangles\n\n## Diagonal\n\nThe diagonal:\n\n- AY 2014: 628,900 + 75,200 = 702,100\n"
        "- AY 2015: 453,800 + 154,800 = 612,400\n\n## Notes\n\n- transfers state\n"
        "- **Mechanism:** the old node sends its table\n"
        "- **readwise.io/chat:** a chat with your highlights\n- **#Bio/Short:** a composer\n"
    )
    note = parse_note(text, "t.md")
    assert note.checklists == () and note.vocab == ()
    assert "a calculation worked with its numbers" in skipped(note)


def test_a_counting_lead_is_shown_and_what_it_says_hidden() -> None:
    from flashcards.cards.render import checklist_fields

    text = (
        "# Cable\n\nThe pins:\n\n- **Pin 1:** VBUS, the five volt supply line\n"
        "- **Pin 2:** D-, the data line that carries minus\n"
        "- **Pin 3:** D+, the data line that carries plus\n"
    )
    note = parse_note(text, "c.md")
    hidden = "<strong>Pin 2:</strong> {{c2::D-, the data line that carries minus}}"
    assert hidden in checklist_fields(note, note.checklists[0])[0]


def test_an_outline_of_sections_is_read_as_sections() -> None:
    """Logseq writes a page as one outline, its headings inside blocks (``- ## Parts``):
    each heading is a heading, what its block holds is under it."""
    text = (
        "- # Markdown extra\n\t- A bundle of tools.\n\t- ## Components\n"
        "\t\t- **LSP server:** marksman, started by mason\n"
        "\t\t- **Formatters:** markdownlint and prettier, run on save\n"
    )
    note = parse_note(text, "markdown-extra.md")
    assert [(v.term, v.context) for v in note.vocab] == [
        ("LSP server", ("Markdown extra", "Components")),
        ("Formatters", ("Markdown extra", "Components")),
    ]


def test_a_definition_labelled_so_defines_its_heading() -> None:
    text = (
        "# Fine tuning\n\n## SFT\n\n- **Definition:** training a model further on labelled "
        "pairs\n- **Cost:** a few GPU hours for small models\n"
    )
    note = parse_note(text, "sft.md")
    assert [v.term for v in note.vocab][:1] == ["SFT"]


def test_a_tutorials_narration_and_a_table_of_contents_are_no_checklists() -> None:
    text = (
        "# Login\n\nNow we'll add the login:\n\n- copy the register action\n- paste it below\n\n"
        "# Book\n\n14 Categorical data:\n\n- 14.1 The experiment\n- 14.2 The chi-square test\n"
        "- 14.3 Goodness of fit\n"
    )
    note = parse_note(text, "login.md")
    assert note.checklists == ()
    assert "a tutorial's steps" in skipped(note) and "a table of contents" in skipped(note)


def test_a_course_readme_with_a_requirements_section_is_still_notes(tmp_path: Path) -> None:
    """A long README of lessons is study material: a project's README is told by its
    sections (install, usage, license, contributing) being a fair share of them."""
    lessons = "".join(f"## Lesson {n}\n\nParts:\n\n- one part\n- other part\n\n" for n in range(8))
    readme = tmp_path / "README.md"
    readme.write_text(f"# System design\n\n{lessons}## Requirements\n\n## License\n\nMIT.\n")
    assert len(parse_file(readme, DEFAULT_OPTIONS, tmp_path).checklists) == 8


def test_a_reading_list_and_the_authors_own_things_are_no_checklists() -> None:
    text = (
        "# Math\n\nSome topics and books to learn from:\n\n- Topology (Munkres)\n"
        "- Algebra (Aluffi)\n\n"
        "## Things I own\n\nChargers:\n\n- USB-C\n- Lightning\n"
    )
    note = parse_note(text, "math.md")
    assert note.checklists == ()
    assert "a reading list" in skipped(note) and "personal notes" in skipped(note)


def test_an_id_with_one_digit_is_no_title(tmp_path: Path) -> None:
    note = tmp_path / "YJG6pZqJMUiqZfcWrcFtB.md"
    note.write_text("Pipelines are the top-level component of CI.\n\nParts:\n\n- jobs\n- stages\n")
    assert parse_file(note, DEFAULT_OPTIONS, tmp_path).title == "Pipelines"


def test_a_label_of_one_side_of_a_heading_asks_that_side_of_it() -> None:
    text = (
        "# Metrics\n\n### Mean Squared Error\n\n- **Definition**: the mean of squared errors\n"
        "- **Formula**: $\\frac{1}{n} \\sum (y - \\hat{y})^2$\n- **Python**: `mean_squared_error`\n"
    )
    note = parse_note(text, "metrics.md")
    assert [v.term for v in note.vocab] == [
        "Mean Squared Error",
        "Mean Squared Error: formula",
    ]


def test_a_formula_and_the_line_that_introduces_it_are_a_card() -> None:
    text = (
        "# Loans\n\n- If the balance after n payments is B, then the drop payment is:\n\n"
        "> $$B(1+i)$$\n\n### Chi-square test\n\n#### Formula\n\n$$\\sum (O-E)^2/E$$\n\n"
        "Example:\n\n$$450 \\times 1.05$$\n"
    )
    note = parse_note(text, "loans.md")
    assert [v.term for v in note.vocab] == [
        "If the balance after n payments is B, then the drop payment is",
        "Chi-square test: formula",
    ]


def test_a_quiz_callout_with_its_answer_inside_is_a_card() -> None:
    text = (
        "> [!question] Django hashes passwords with PBKDF2 by default.\n"
        ">> [!success]- Answer\n>> True\n\n"
        "> [!question] Which status code means forbidden?\n> a) 401\n> b) 403\n"
        ">> [!success]- Answer\n>> b) 403\n"
    )
    note = parse_note(text, "quiz.md")
    assert [v.term for v in note.vocab] == [
        "Django hashes passwords with PBKDF2 by default.",
        "Which status code means forbidden? a) 401 b) 403",
    ]


def test_work_logs_line_labels_and_broken_links_make_no_cards(tmp_path: Path) -> None:
    logs = tmp_path / "codex_worklogs"
    logs.mkdir()
    (logs / "wallpaper.md").write_text("# Wallpaper\n\n- **result:** no change was needed\n")
    assert parse_file(logs / "wallpaper.md", DEFAULT_OPTIONS, tmp_path).vocab == ()
    text = (
        "# Review\n\n- **Lines 9-16:** the phases can be fixed classically\n"
        "- **Scenario B:** low recall matters most\n"
        "- [1.1 The problem](file:///home/a b.md): specialised vocabulary and ambiguity\n"
    )
    assert parse_note(text, "review.md").vocab == ()


def test_a_projects_plans_and_test_ids_make_no_cards(tmp_path: Path) -> None:
    plan = tmp_path / "gravity-build-plan.md"
    plan.write_text("# Build plan\n\nSteps:\n\n- write the solver\n- run the tests\n")
    assert parse_file(plan, DEFAULT_OPTIONS, tmp_path).checklists == ()
    note = parse_note("# Tests\n\n- **FG6.10:** the identity holds to 1e-16 residual\n", "t.md")
    assert note.vocab == ()


def test_a_bold_line_over_its_paragraph_is_a_term_card() -> None:
    text = (
        "# Forward proxy\n\n## Use cases\n\n**Anonymity**\n\nA forward proxy hides the "
        "client's address from the servers it reaches.\n\n**Filtering**\n\nIt blocks sites "
        "by policy.\n\nIndexing is an inverse map:\n\n- from words to the documents\n"
    )
    note = parse_note(text, "proxy.md")
    assert [v.term for v in note.vocab] == ["Anonymity", "Filtering", "Indexing is an inverse map"]


def test_a_work_ticket_a_papers_record_and_a_done_list_make_no_cards() -> None:
    ticket = parse_note(
        "---\ntype: task\nstatus: open\n---\n# Add login\n\nSteps:\n\n- model\n- view\n", "t.md"
    )
    assert ticket.checklists == () and "a work ticket" in skipped(ticket)
    paper = parse_note(
        "# Attention\n\n- **Authors:** Vaswani and others, at Google Brain\n"
        "- **Paper ID:** arXiv 1706.03762, the first version\n"
        "- **Transformer:** a model of attention alone, no recurrence\n\n"
        "## Done when\n\nChecks:\n\n- tests pass\n- docs written\n",
        "p.md",
    )
    assert [v.term for v in paper.vocab] == ["Transformer"] and paper.checklists == ()


def test_a_lettered_option_or_a_label_lead_stays_in_view() -> None:
    from flashcards.cards.render import checklist_fields

    text = (
        "# Q\n\nThe choices:\n\n- **A.** the cache is written through on every store\n"
        "- **B.** the cache is written back when a line is evicted\n"
    )
    note = parse_note(text, "q.md")
    assert "<strong>A.</strong> {{c1::" in checklist_fields(note, note.checklists[0])[0]


def test_a_sections_short_opening_paragraph_defines_its_heading() -> None:
    text = (
        "# Networks\n\n## Forward proxy\n\nA server between clients and the internet that "
        "sends their requests on their behalf.\n\n## Setup\n\nInstall squid and edit its "
        "configuration file before starting it up.\n\n## Reverse proxy\n\nIn this section we "
        "look at the other direction of proxying requests.\n"
    )
    note = parse_note(text, "proxy.md")
    assert [v.term for v in note.vocab] == ["Forward proxy"]


def test_a_bold_term_in_a_short_paragraph_is_a_cloze_of_it() -> None:
    from flashcards.cards.inline import cloze_fields

    text = (
        "# TCP\n\n## Connections\n\nThe **three-way handshake** opens every TCP connection "
        "before any data flows.\n\n**Note:** this is a label and should stay plain text "
        "here.\n\nIt is **not** sent twice over a connection that is open.\n\n"
        "Now, let's set up the **sliding window** for the demo app here.\n\n"
        "As a paid subscriber you get **premium courses** and every article there is.\n"
    )
    note = parse_note(text, "tcp.md")
    assert [c.text for c in note.clozes] == [
        "The three-way handshake opens every TCP connection before any data flows."
    ]
    assert "{{c1::three-way handshake}}" in cloze_fields(note, note.clozes[0])[0]
    assert note.vocab == ()  # the heading's own card gives way to the cloze
