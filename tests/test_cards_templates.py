"""Cards a person keeps from notes written to a template (issue 32, set S's readers):
cheat-sheet arrows, labels repeated from list to list, summary boxes, hints that gave the
answer away, wikilinks in table rows, labels taken for terms and sub-points hidden with
the name they explain. Each shape on a fixture of our own."""

from __future__ import annotations

from pathlib import Path

from conftest import AnkiCollection

from flashcards import build, parse_note
from flashcards.cards.identity import guid_for, note_drafts
from flashcards.cards.render import checklist_fields
from flashcards.cards.rows import card_rows
from flashcards.notes.model import Note
from flashcards.notes.text import plain_text


def vocab(note: Note) -> dict[str, str]:
    return {v.term: plain_text(v.definition) for v in note.vocab}


def backs(note: Note) -> list[str]:
    return [row.back for row in card_rows([note], reverse=False) if row.kind == "checklist"]


def test_an_aliased_wikilink_in_a_table_row_keeps_every_value_in_its_column() -> None:
    text = (
        "# Queues\n\n## Costs\n\n| Implementation | Insert | Remove |\n| --- | --- | --- |\n"
        "| Unsorted [[List (ADT)|linked list]] | constant time | linear time |\n"
        "| Sorted [[Array\\|array]] | linear time | constant time |\n"
        "| `a|b` in code | linear time | linear time |\n"
    )
    note = parse_note(text, "queues.md")
    cards = vocab(note)
    assert cards["Unsorted linked list"] == "Insert: constant time Remove: linear time"
    assert cards["Sorted array"] == "Insert: linear time Remove: constant time"


def test_an_escaped_pipe_in_an_embed_still_sizes_the_image() -> None:
    text = (
        "# Heaps\n\n| Shape | What it is |\n| --- | --- |\n"
        "| Binary heap | a complete binary tree, each parent over its children "
        "![[heap.png\\|200]] |\n| Binomial heap | a forest of binomial trees of distinct orders |\n"
    )
    note = parse_note(text, "heaps.md")
    assert [image.src for image in note.images] == ["heap.png"]
    (card, _) = note.vocab
    (image,) = [n for n in card.definition[0].children if n.kind == "image"]
    assert image.text == "heap.png" and image.attr("width") == "200"


def test_a_cheat_sheet_arrow_sets_a_term_off_as_a_colon_does() -> None:
    text = (
        "# Priority queues\n\n## Operations\n\n"
        "- **Core ops** ➔ `add(element)` and `get_max()`, which removes the top.\n"
        "- **decrease_key** → raises an element's priority, used by Dijkstra.\n"
        "- **Heap choice** -> a binary heap gives logarithmic decrease-key.\n"
    )
    cards = vocab(parse_note(text, "pq.md"))
    assert cards["Core ops"] == "add(element) and get_max(), which removes the top."
    assert cards["decrease_key"] == "raises an element's priority, used by Dijkstra."
    assert cards["Heap choice"] == "a binary heap gives logarithmic decrease-key."


def test_labels_repeated_from_list_to_list_stay_in_view_and_their_facts_are_hidden() -> None:
    text = (
        "# Microkernels\n\n## Myths\n\n"
        "- **The border crossing myth:**\n"
        "    - **Assertion:** moving from user space to the kernel is inherently slow.\n"
        "    - **Debunking:** L3 crosses in 123 cycles, close to the 107 cycle minimum.\n"
        "- **The address space myth:**\n"
        "    - **Assertion:** switching address spaces costs too much in TLB flushes.\n"
        "    - **Debunking:** tagged TLBs and segment registers avoid the flush entirely.\n"
    )
    note = parse_note(text, "myths.md")
    assert len(note.checklists) == 2
    shown = checklist_fields(note, note.checklists[0])[0]
    assert "Assertion:" in shown.split("{{c1::")[0]
    assert "{{c1::moving from user space" in shown
    assert "Assertion" not in " ".join(backs(note))
    # a lead the note says once is the cue too, over a rest short enough to recall
    single = parse_note(text.split("- **The address")[0], "myth.md")
    assert backs(single)[0].startswith("moving from user space")


def test_a_summary_box_is_no_term_but_an_aspect_is_asked_of_its_heading() -> None:
    text = (
        "# Linked nodes\n\n> [!abstract] Quick Revision\n"
        "> - **Objective:** store a collection as a chain of nodes, with no contiguity and no "
        "random access, reaching a position by walking the links.\n"
        "> - **Core components:** singly, doubly and circular lists of linked nodes, each "
        "node holding its item and a link to the next one.\n\n"
        "## ping\n\n- **Purpose**:\n"
        "    - Ping checks connectivity and measures the round trip time to a host.\n"
    )
    note = parse_note(text, "nodes.md")
    assert "Quick Revision" not in vocab(note)
    assert "ping: purpose" in vocab(note)
    assert any("names a section" in why for _, why in note.skipped)


def test_a_hint_before_a_callout_answer_is_on_the_back_not_the_front() -> None:
    text = (
        "# Hash tables\n\n> [!FAQ]- Why is rehashing only amortised constant time?\n"
        "> - **Core Insight Requirement:** the doubling is geometrically rare.\n"
        "> > [!SUCCESS]- Answer\n"
        "> > Each rehash doubles the table, so its cost spreads over the inserts before it.\n"
    )
    (card,) = parse_note(text, "hash.md").vocab
    assert card.term == "Why is rehashing only amortised constant time?"
    assert "geometrically rare" in plain_text(card.definition)
    assert plain_text(card.definition).startswith("Each rehash doubles")


def test_a_labelled_line_over_its_one_point_asks_nothing_unless_it_names_a_case() -> None:
    text = (
        "# Variables\n\n```c\nint x;\nx = 5;\n```\n\n"
        "- First line:\n    - A box tagged x, of type int, is set aside in memory.\n"
        "- Second line:\n    - Five is put into the box tagged x.\n\n"
        "## Deletion\n\n- Case 3.1: Sibling is red:\n"
        "    - Recolor the sibling black and the parent red, then rotate.\n"
    )
    note = parse_note(text, "variables.md")
    terms = [v.term for v in note.vocab]
    assert "First line" not in terms and "Second line" not in terms
    assert "Case 3.1: Sibling is red" in terms


def test_a_definition_label_under_an_outline_heading_defines_the_title() -> None:
    text = (
        "# Cryptographic hash functions\n\n## 📝 Core\n\n"
        "- **Definition** ➔ maps input of any length to a fixed-length digest.\n"
        "- **Uses** ➔ digital signatures, password storage and message codes.\n"
    )
    cards = vocab(parse_note(text, "hashes.md"))
    assert cards["Cryptographic hash functions"].startswith("maps input of any length")


def test_a_sub_point_stays_in_view_as_the_cue_for_the_name_it_explains() -> None:
    text = (
        "# GUIs\n\nWidgets are the components:\n\n"
        "- TextLabel\n    - Will display words\n- Button\n- TextField\n"
        "    - Will allow user input\n"
    )
    note = parse_note(text, "gui.md")
    (checklist,) = note.checklists
    shown = checklist_fields(note, checklist)[0]
    assert "{{c1::TextLabel}}" in shown and "Will display words" in shown.split("{{c2::")[0]
    assert "{{c1::TextLabel" in shown and "words}}" not in shown
    assert backs(note) == ["TextLabel", "Button", "TextField"]


def test_a_note_saved_under_two_names_makes_its_cards_once(
    notes_dir: Path, anki: AnkiCollection
) -> None:
    body = (
        "## Key Vocab\n\n- **Stack frame:** the memory a call keeps\n\n"
        "## Frames\n\nThe parts of a frame:\n\n- return address\n- saved registers\n"
        "- local variables\n"
    )
    course = notes_dir / "CSCA48"
    course.mkdir()
    (course / "frames.md").write_text(body, encoding="utf-8")
    (course / "frames copy.md").write_text(body, encoding="utf-8")
    (course / "heap.md").write_text(
        "# Next week\n\n## Key Vocab\n\n- **Heap:** memory a program asks for\n", encoding="utf-8"
    )
    report = build([notes_dir], notes_dir.parent / "build")
    said = [p.message for p in report.problems if "frames copy.md" in p.message]
    assert len(said) == 2 and any("makes the same card as" in message for message in said)
    (package,) = (notes_dir.parent / "build").glob("*.apkg")
    anki.import_apkg(package)
    assert sorted(note["Term"] for note in anki.notes("note:flashcards*Vocab")) == [
        "Heap",
        "Stack frame",
    ]
    assert len(anki.notes("note:flashcards*Checklist")) == 1


def test_terse_lecture_lines_that_open_term_colon_are_cards() -> None:
    text = (
        "cryptography: a way to give formal guarantees when an attacker is present\n\n"
        "usually the algorithms are public and the keys private\n\n"
        "one-time pad (xor): secure as long as each pad is used only once\n\n"
        "today: we cover symmetric encryption and its security game\n\n"
        "Note: the midterm covers everything up to this lecture\n"
    )
    cards = vocab(parse_note(text, "lec_5.md"))
    assert cards == {
        "cryptography": "a way to give formal guarantees when an attacker is present",
        "one-time pad (xor)": "secure as long as each pad is used only once",
    }


def test_prose_that_now_and_then_runs_past_a_colon_is_no_glossary() -> None:
    essay = "".join(
        f"Paragraph {n} of the essay goes on about the design of the system at length.\n\n"
        for n in range(6)
    )
    text = (
        f"# On design\n\n{essay}Bottom line: keep the interfaces small and the modules deep\n\n"
        "Critical question: who owns the data when two services both write to it\n"
    )
    assert parse_note(text, "essay.md").vocab == ()
    alone = "# Design\n\nBottom line: keep the interfaces small and the modules deep\n"
    assert parse_note(alone, "design.md").vocab == ()


def test_a_keyword_in_code_and_what_it_does_is_a_card_but_a_part_of_an_example_is_not() -> None:
    text = (
        "# Functions\n\n## Modifiers\n\n- Argument types must be written out\n"
        "- `tailrec` can be added in front of a recursive function to make it a loop\n"
        "- `inline` causes the function to be copied into every call site\n\n"
        "## The example\n\n- `maximum` is the identifier.\n- `int` is the return value.\n"
    )
    cards = vocab(parse_note(text, "functions.md"))
    assert sorted(cards) == ["inline", "tailrec"]
    assert cards["inline"] == "inline causes the function to be copied into every call site"


def test_a_front_shown_better_keeps_the_guid_earlier_rounds_gave_it() -> None:
    """A hint moved behind, a definition label's outline heading passed over: the front
    says it better, and the GUID is the one its old front was made of (its reviews stay)."""
    text = (
        "# Hash tables\n\n> [!FAQ]- Why is rehashing only amortised constant time?\n"
        "> - **Core Insight Requirement:** the doubling is geometrically rare.\n"
        "> > [!SUCCESS]- Answer\n"
        "> > Each rehash doubles the table, so its cost spreads over the inserts before it.\n\n"
        "## 📝 Core\n\n- **Definition:** maps input of any length to a fixed-length digest.\n"
    )
    note = parse_note(text, "hash.md")
    old_fronts = [
        "Why is rehashing only amortised constant time? "
        "Core Insight Requirement: the doubling is geometrically rare.",
        "📝 Core",
    ]
    drafts = note_drafts(note, reverse=False)
    assert [d.label for d in drafts] == [
        "Why is rehashing only amortised constant time?",
        "Hash tables",
    ]
    assert [d.note.guid for d in drafts] == [
        guid_for(note.book, note.chapter, "vocab", front) for front in old_fronts
    ]


def test_a_published_site_beside_the_notes_is_not_read_again(tmp_path: Path) -> None:
    """Dendron publishes a vault as a Next.js site: ``docs/_next/`` and each note again as
    ``docs/data/notes/<id>.md``, with no title. Those copies make no cards; a repository
    of the published site alone is read (its notes are nowhere else)."""
    from flashcards.notes.scan import note_files

    (tmp_path / "docs" / "_next" / "static").mkdir(parents=True)
    (tmp_path / "docs" / "data" / "notes").mkdir(parents=True)
    (tmp_path / "docs" / "data" / "notes" / "A7xepQ0F4n4aClxouyd2K.md").write_text("x\n")
    (tmp_path / "README.md").write_text("# My garden\n", encoding="utf-8")
    alone = [Path(file).name for file, _, _ in note_files([str(tmp_path)])]
    assert alone == ["README.md", "A7xepQ0F4n4aClxouyd2K.md"]
    (tmp_path / "vault").mkdir()
    for name in ("tech.lang.rust.md", "tech.lang.go.md"):
        (tmp_path / "vault" / name).write_text("# Rust\n", encoding="utf-8")
    skipped: list[tuple[str, str]] = []
    found = [
        Path(file).relative_to(tmp_path) for file, _, _ in note_files([str(tmp_path)], skipped)
    ]
    assert found == [
        Path("README.md"),
        Path("vault/tech.lang.go.md"),
        Path("vault/tech.lang.rust.md"),
    ]
    assert [(Path(f).name, "_next" in why) for f, why in skipped] == [("docs", True)]
    docs = tmp_path / "docs"
    assert len(list(note_files([str(docs)]))) == 1, "pointed at, the site is read"


def test_captions_numbered_notes_examples_and_chapter_previews_make_no_cards() -> None:
    text = (
        "# Area\n\n> **Figure 4.2.1** A comparison of areas drawn with left and right "
        "endpoints.\n\n### Note 12\n\nRunning cargo update only pulls the newest patch "
        "release of each crate.\n\n### Initial Condition Example\n\nFind the particular "
        "solution given that the curve passes through the point (2, 4).\n\n"
        "> **Disclaimer**: the theorem has two parts, and the book covers them in the opposite "
        "order of most other sources.\n\n"
        "Here are the topics we'll cover in this chapter:\n\n- ownership\n- borrowing\n"
        "- slices\n"
    )
    note = parse_note(text, "area.md")
    assert (note.vocab, note.checklists, note.clozes) == ((), (), ())


def test_a_bold_stress_in_prose_is_no_cloze_but_a_bold_term_is() -> None:
    def hidden(paragraph: str) -> list[str]:
        note = parse_note(f"# Notes\n\n{paragraph}\n", "n.md")
        return [plain_text(n.children) for c in note.clozes for n in c.content if n.kind == "cloze"]

    assert hidden("PCA finds the eigen**vectors** of the covariance matrix of the data.") == []
    assert hidden("Random forests are **really flexible** on tabular data of many kinds.") == []
    assert hidden("Outliers should be avoided and maybe **removed** from the training data.") == []
    said_again = "A **public property** is made, and the value is read through the public property."
    assert hidden(said_again) == []
    assert hidden("The **three-way handshake** opens every TCP connection between hosts.") == [
        "three-way handshake"
    ]
    again = "Each node keeps its **balance factor**, and a rotation repairs the Balance factor."
    assert hidden(again) == ["balance factor", "Balance factor"], "hidden where said again"


def test_a_formula_the_definition_leads_into_is_on_its_back() -> None:
    text = (
        "# Location\n\n### Percentile Equation\n\nWhere $k$ is the percentile, $i$ the index "
        "of the value in question, and $n$ the total number of values,\n\n"
        "$$i = k(n+1)$$\n\n### Median\n\nThe median is the middle value of the sorted data, "
        "half of the values below it.\n\n$$m = x_{(n+1)/2}$$\n"
    )
    cards = {v.term: v.definition for v in parse_note(text, "location.md").vocab}
    assert [n.kind for n in cards["Percentile Equation"][-1].children] == ["display_math"]
    assert all(block.kind == "paragraph" for block in cards["Median"])
    assert len(cards["Median"]) == 1, "a definition that ends on a full stop is whole"


def test_a_list_of_a_books_chapters_is_a_table_of_contents() -> None:
    text = (
        "# The Go Programming Language\n\n## Chapter Notes\n\n1. **Tutorial**\n"
        "    - Chapter 1. Hello, World\n    - Chapter 2. Command-Line Arguments\n"
        "    - Chapter 3. Finding Duplicate Lines\n"
    )
    note = parse_note(text, "README.md")
    assert note.checklists == () and note.vocab == ()


def test_a_question_heading_that_says_it_asks_about_the_heading_above() -> None:
    text = (
        "# Calculus\n\n## Limits\n\n### What is it?\n\nA limit is the value a function "
        "approaches as its input approaches some value.\n"
    )
    note = parse_note(text, "calculus.md")
    (card,) = note.vocab
    assert card.term == "What is Limits?"
    (draft,) = note_drafts(note, reverse=False)
    assert draft.note.guid == guid_for(note.book, note.chapter, "vocab", "What is it?")


def test_a_section_that_describes_itself_or_sets_up_a_tool_defines_nothing() -> None:
    text = (
        "# Unix\n\n## System Calls\n\nA quick explanation of the components of a Unix "
        "system and how system calls pass between them.\n\n## Installing CoffeeScript\n\n"
        "CoffeeScript compiles to JavaScript, and it runs anywhere that Node runs today.\n"
    )
    assert parse_note(text, "unix.md").vocab == ()


def test_an_item_that_is_only_a_picture_stays_in_view_with_no_card() -> None:
    text = "# Boxes\n\nThe kinds of boxes:\n\n- ![](boxes.png)\n- block boxes\n- inline boxes\n"
    note = parse_note(text, "boxes.md")
    assert backs(note) == ["block boxes", "inline boxes"]


def test_a_generated_app_readme_is_a_projects_readme() -> None:
    sections = [
        "## Available Scripts", "### `npm start`", "### `npm test`", "### `npm run build`",
        "### `npm run eject`", "## Learn More", "### Code Splitting",
        "### Analyzing the Bundle Size", "### Making a Progressive Web App",
        "### Advanced Configuration", "### Deployment", "### `npm run build` fails to minify",
    ]  # fmt: skip
    body = "".join(
        f"{heading}\n\nRuns the app, or says where the docs went.\n\n" for heading in sections
    )
    text = (
        f"# Getting Started with Create React App\n\nBootstrapped with Create React App.\n\n{body}"
    )
    note = parse_note(text, "section-11/README.md")
    assert note.vocab == () and "a project's README" in " ".join(why for _, why in note.skipped)


def test_a_note_to_self_is_neither_an_item_to_hide_nor_a_definition() -> None:
    text = (
        "# Public keys\n\nA certificate holds:\n\n- a public key\n- the subject's name\n"
        "- TODO: REVIEW THIS\n\n## Key Vocab\n\n- **CSR:** TODO fill in from the talk\n"
        "- **CA:** the authority that signs certificates\n"
    )
    note = parse_note(text, "pki.md")
    assert backs(note) == ["a public key", "the subject's name"]
    assert [v.term for v in note.vocab] == ["CA"]


def test_a_note_on_tls_certificates_is_a_subject_a_course_certificate_page_is_not() -> None:
    text = "# Certificates\n\nA certificate holds:\n\n- a public key\n- the subject's name\n"
    assert backs(parse_note(text, "pki/certificates.md")) == ["a public key", "the subject's name"]
    assert backs(parse_note(text, "course/CERTIFICATES.md")) == []


def test_a_projects_daily_logs_and_meeting_notes_make_no_cards() -> None:
    text = (
        "# Synthetic data\n\n## Method\n\nThe steps of the method:\n\n- mix the events\n"
        "- reweight them\n- compare with data\n\n# Daily Logs\n\n## 31 March 2025 Monday\n\n"
        "Ran the jobs today:\n\n- the first batch\n- the second batch\n- the third batch\n\n"
        "# Meeting notes\n\nWe agreed on:\n\n- the plots\n- the binning\n- the deadline\n"
    )
    note = parse_note(text, "Run3 Synthetic Data.md")
    assert [c.prompt for c in note.checklists] == ["The steps of the method:"]


def test_a_missing_picture_without_alt_text_leaves_no_file_name_on_the_card() -> None:
    text = (
        "# Spec\n\n- ![[Pasted image 20231212170725.png]] Graduate constraints:\n"
        "    - a foreign key references Student\n    - a foreign key references Professor\n"
        "- ![the schema diagram](missing.png) Relations:\n    - Student\n    - Professor\n"
    )
    note = parse_note(text, "spec.md")
    unread = {"Pasted image 20231212170725.png": "", "missing.png": ""}  # as a build finds them
    shown = " ".join(checklist_fields(note, c, media=unread)[0] for c in note.checklists)
    assert "Pasted image" not in shown and "the schema diagram" in shown


def test_a_section_that_opens_by_saying_only_that_more_follows_defines_nothing() -> None:
    text = (
        "# PyTorch\n\n## Disabling gradients\n\nThere are several mechanisms for turning off "
        "gradient tracking, each suited to a different use.\n\n## Email\n\nUses many "
        "protocols to send and fetch the messages of a mailbox.\n\n## x86 Registers\n\n"
        "There are 16 general purpose registers in the 64-bit x86 architecture.\n"
    )
    assert [v.term for v in parse_note(text, "torch.md").vocab] == ["x86 Registers"]


def test_a_map_of_content_named_with_an_underscore_is_still_one() -> None:
    text = "# FIT1008\n\nThe parts of the unit:\n\n- complexity\n- linked structures\n- sorting\n"

    def skipped(path: str) -> str:
        return " ".join(why for _, why in parse_note(text, path).skipped)

    assert "a map of content" in skipped("10_Units/FIT1008_MOC.md")
    assert skipped("10_Units/Mocha testing.md") == skipped("10_Units/democracy.md") == ""
