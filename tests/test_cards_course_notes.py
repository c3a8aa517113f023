"""Cards a person keeps from course notes, from what set AA's readers found (issue 32):
terse numbered sections of a video course, labelled list items, a day's to-do note and
bold stress in prose. Each shape on a fixture of our own."""

from __future__ import annotations

from pathlib import Path

from flashcards import parse_note
from flashcards.building.notefile import parse_file
from flashcards.notes.dialects import bullets
from flashcards.notes.model import Note
from flashcards.notes.text import plain_text
from flashcards.options import DEFAULT_OPTIONS

COURSE = (
    "# Section 9: Queues\n\n"
    "# 101: Mailbox Overview\n"
    "- a managed queue that holds messages between services\n"
    "- producers send, consumers poll\n"
    "- retention of up to fourteen days\n"
    "- messages are deleted once read\n"
    "- scales to any number of producers\n"
    "- billed per million requests\n\n"
    "# 102: Mailbox hands on\n"
    "- go to the console and create a queue\n"
    "- send a test message from the page\n"
    "- poll it from a second tab\n"
    "- delete the queue again\n"
    "- check the bill for the requests\n"
    "- close the console afterwards\n\n"
    "# 103: Good to know\n"
    "- the first thousand requests are free\n"
    "- messages bigger than a page are split\n"
    "- a dead letter queue keeps what fails\n"
    "- delays of up to a quarter of an hour\n"
    "- ordering only in the strict kind\n"
    "- one region each, never global\n"
)


def vocab(note: Note) -> dict[str, str]:
    return {v.term: plain_text(v.definition) for v in note.vocab}


def test_a_numbered_course_section_over_many_remarks_is_asked_by_its_topic() -> None:
    note = parse_note(COURSE, "queues.md")
    assert vocab(note) == {"Mailbox": "a managed queue that holds messages between services"}
    # the title's own list is the note's intro, not a topic's remarks
    titled = COURSE.replace("# 101: Mailbox Overview\n", "")
    assert "Section 9: Queues" not in vocab(parse_note(titled, "queues.md"))


def test_a_topics_first_remark_must_say_what_it_is() -> None:
    keyed = COURSE.replace("- a managed queue that", "- kind: a managed queue that")
    keyed = keyed.replace("- producers send,", "- roles: producers send,")
    keyed = keyed.replace("- retention of", "- retention: up to").replace(
        "- messages are", "- use: "
    )
    assert "Mailbox" not in vocab(parse_note(keyed, "queues.md"))
    ticked = COURSE.replace("- a managed queue", "- [ ] a managed queue")
    assert "Mailbox" not in vocab(parse_note(ticked, "queues.md"))


def test_a_days_to_do_or_the_course_information_makes_no_cards() -> None:
    text = (
        "# Tools to use\n\n"
        "- **Editor:** a code editor with the course's extension for C\n"
        "- **Timer:** twenty-five minutes of focus, then five minutes of rest\n"
    )
    assert len(parse_note(text, "Tools.md").vocab) == 2
    for name in ("Daily To-Do.md", "To do list.md", "todo.md", "Course Information.md"):
        assert parse_note(text, name).vocab == (), name


def test_a_little_word_set_in_capitals_is_stress_not_a_cloze() -> None:
    text = "# Forms\n\nErrors are shown only when a field is invalid **AND** touched by the user.\n"
    assert parse_note(text, "forms.md").clozes == ()
    named = "# Forms\n\nErrors are shown once the **touched flag** of a field is set by the user.\n"
    assert len(parse_note(named, "forms.md").clozes) == 1


def test_the_course_speaking_of_itself_is_no_cloze() -> None:
    text = (
        "# Wrap-up\n\nIndeed, this class has been far less of a C class and far more of a "
        "**programming class**, so that you can follow future trends.\n"
    )
    assert parse_note(text, "wrap.md").clozes == ()


def test_a_table_of_two_lists_side_by_side_is_a_checklist_a_column() -> None:
    text = (
        "# Storage\n\n## Who does what\n\n| Provider | Customer |\n|---|---|\n"
        "| replaces faulty disks in place | sets up the backup schedule |\n"
        "| keeps replicas in two zones | encrypts the data at rest |\n"
        "| patches the storage hosts | decides who may read the data |\n"
    )
    note = parse_note(text, "storage.md")
    assert note.vocab == (), "a row pairs two duties, neither the other's definition"
    assert [c.prompt for c in note.checklists] == ["Provider", "Customer"]
    assert [len(c.items) for c in note.checklists] == [3, 3]
    # a glossary's names are shorter than what it says of them: term cards as before
    glossary = (
        text.replace("replaces faulty disks in place", "Replicas")
        .replace("keeps replicas in two zones", "Zones")
        .replace("patches the storage hosts", "Patching")
    )
    assert len(parse_note(glossary, "storage.md").vocab) == 3


def test_a_projects_readme_counts_its_sections_not_their_steps(tmp_path: Path) -> None:
    steps = "".join(f"### {n}. Step {n}\n\nRun the step.\n\n" for n in range(1, 7))
    readme = tmp_path / "README.md"
    readme.write_text(
        "# Clinic Desk\n\nA panel for clinics.\n\n## Introduction\n\nIt manages visits.\n\n"
        "## Features\n\n- **Dashboard:** totals of the day's visits and doctors\n"
        "- **Users:** add, edit or remove patient and doctor profiles\n\n"
        f"## Setup Instructions\n\n{steps}## Usage\n\n- **Login:** enter your credentials\n\n"
        "## Conclusion\n\nIt helps.\n"
    )
    note = parse_file(readme, DEFAULT_OPTIONS, tmp_path)
    assert (note.vocab, note.checklists) == ((), ())


def test_a_list_of_the_authors_files_makes_no_cards() -> None:
    text = (
        "# Week 2\n\n## Code\n\n1. scrabble.c - scores two words and says which player wins\n"
        "2. readability.c - works out the grade level of a given text\n"
        "3. caesar.c - encrypts a message with a key given by the user\n"
    )
    note = parse_note(text, "week2.md")
    assert (note.vocab, note.checklists) == ((), ())
    named = text.replace("scrabble.c", "Scrabble").replace("readability.c", "Readability")
    assert len(parse_note(named.replace("caesar.c", "Caesar"), "week2.md").vocab) == 3


def test_a_folder_named_files_or_concepts_names_no_book(tmp_path: Path) -> None:
    for folder in ("Files", "Concepts", "code_examples"):  # (a vault's Topics names a book)
        path = tmp_path / "Week 1 C" / folder / "Section 1.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("# Section 1\n\n- **%p:** prints a pointer's address in hexadecimal\n")
        assert parse_file(path, DEFAULT_OPTIONS, tmp_path).deck.startswith("Week 1 C"), folder


def test_a_bold_claim_or_a_figures_number_is_no_term() -> None:
    text = (
        "# Linked lists\n\n"
        "- **Insertion is easy — tack onto the front**: build a node, point it at the old head\n"
        "- **Lookup is bad**: walk the nodes one at a time from the head until one matches\n"
        "- **Images 5–7**: six bytes for a string of five letters and its terminator\n"
    )
    assert vocab(parse_note(text, "lists.md")) == {}
    named = text.replace("Insertion is easy — tack onto the front", "Insertion")
    assert "Insertion" in vocab(parse_note(named.replace("Lookup is bad", "Lookup"), "l.md"))


def test_a_control_character_never_reaches_a_field() -> None:
    # Anki separates a note's fields with \x1f: one in a note split its field in two
    text = "# T\n\n## Key Vocab\n\n- **Term:** a definition of it\x1f here\x07\n"
    note = parse_note(text, "t.md")
    assert vocab(note) == {"Term": "a definition of it here"}


def test_bullets_pasted_as_characters_are_a_list() -> None:
    text = (
        "# Functions\n\n## Three kinds of loops\n\n● for, a counted loop\n"
        "• while, until a test fails\n"
        "▪ do-while, which runs once at least\n\n```\n● kept as written in code\n```\n"
    )
    note = parse_note(text, "functions.md")
    (checklist,) = note.checklists
    assert [plain_text(item.content)[:5] for item in checklist.items] == ["for, ", "while", "do-wh"]
    assert "```\n● kept as written in code\n```" in bullets.rewrite(text)  # code left alone
    assert "●" not in plain_text(checklist.items[0].content)


def test_a_task_sets_folder_and_an_agents_specs_make_no_cards(tmp_path: Path) -> None:
    text = "# Answers\n\n- **Heap:** a tree where each parent is at most its children\n"
    text += "- **Stack:** a list where the last item in is the first item out\n"
    for folder in ("Assignment 2/Final", "docs/superpowers/specs", "Midterm 1 Review"):
        path = tmp_path / folder / "400396038-answers.md"
        path.parent.mkdir(parents=True)
        path.write_text(text)
        cards = len(parse_file(path, DEFAULT_OPTIONS, tmp_path).vocab)
        assert cards == (2 if folder.startswith("Midterm") else 0), folder


def test_a_heading_that_names_a_way_of_doing_is_no_term() -> None:
    text = (
        "# Quartiles\n\n## Finding quartiles\n\n"
        "Finding quartiles begins by finding the median of the data, then each half's.\n"
    )
    assert vocab(parse_note(text, "q.md")) == {}
    named = text.replace("## Finding quartiles", "## Quartiles").replace("Finding q", "Q")
    assert "Quartiles" in vocab(parse_note(named.replace("begins by", "are found by"), "q.md"))


def test_a_vocab_sections_label_like_term_stays_the_term() -> None:
    # found by the property test: ``Syntax`` is an aspect label elsewhere
    text = "# Chapter 7\n\n## Key Vocab\n\n- **Syntax**: the rules of a language's form\n"
    assert vocab(parse_note(text, "c.md")) == {"Syntax": "the rules of a language's form"}


def test_a_runbook_makes_no_cards() -> None:
    text = "# RDS\n\n- **Engine:** PostgreSQL 16 on the smallest free-tier instance class\n"
    text += "- **Port:** the default one, noted down for the restore script later on\n"
    assert len(parse_note(text, "rds.md").vocab) == 2
    for name in ("aws_rds_setup.md", "Runbook - RDS.md", "Database Setup.md"):
        assert parse_note(text, name).vocab == (), name


def test_a_code_graphs_generated_pages_make_no_cards() -> None:
    body = "# check_size()\n\n## Members\n\n- **check_size():** caps a graph file's size in bytes\n"
    body += "- **load_graph():** reads the graph file back into memory again\n"
    assert len(parse_note(body, "check_size.md").vocab) == 2
    node = '---\nsource_file: "src/cap.py"\ntype: "code"\ncommunity: "cap.py"\n---\n'
    community = "---\ntype: community\ncohesion: 1.00\nmembers: 2\n---\n"
    for front in (node, community):
        assert parse_note(front + body, "check_size.md").vocab == ()
