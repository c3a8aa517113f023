"""Lists that name things and say what each is, as chapter notes write them without bold:
commands in code (`` `grep`: search text ``), components after a dash (``Core - the unit
that computes``); and the marks a paste leaves (a no-break space after ``##``, a
zero-width no-break space inside a line)."""

from __future__ import annotations

from flashcards import parse_note
from flashcards.cards.render import checklist_fields
from flashcards.notes.text import plain_text

COMMANDS = (
    "- `grep`: search files for lines that match a pattern\n"
    "- `sort`: sort the lines of a text file\n"
    "- `uniq`: report or omit repeated lines\n"
)


def _vocab(text: str) -> list[tuple[str, str]]:
    note = parse_note(text, "ch_4.md")
    return [(v.term, plain_text(v.definition)) for v in note.vocab]


def test_commands_in_code_each_with_what_it_does_are_terms() -> None:
    assert _vocab(f"# Chapter 4\n\n## Text tools\n\n{COMMANDS}") == [
        ("grep", "search files for lines that match a pattern"),
        ("sort", "sort the lines of a text file"),
        ("uniq", "report or omit repeated lines"),
    ]


def test_components_each_defined_after_a_dash_are_terms() -> None:
    text = (
        "# Chapter 1\n\n### Parts of a computer\n\n"
        "- CPU - the hardware that executes instructions\n"
        "- Core - the basic computation unit of the CPU\n"
        "- Multicore - several computing cores on one chip\n"
    )
    assert _vocab(text) == [
        ("CPU", "the hardware that executes instructions"),
        ("Core", "the basic computation unit of the CPU"),
        ("Multicore", "several computing cores on one chip"),
    ]


def test_a_list_of_steps_after_dashes_is_no_glossary() -> None:
    text = "# Setup\n\n- First - open the settings page\n- Then - pick a theme\n"
    assert _vocab(text) == []


def test_a_labelled_list_of_commands_hides_the_command_not_the_whole_line() -> None:
    note = parse_note(f"# Chapter 4\n\nThe commands of this chapter:\n\n{COMMANDS}", "ch_4.md")
    (checklist,) = note.checklists
    text = checklist_fields(note, checklist)[0]
    assert "<li>{{c1::<code>grep</code>}}: search files for lines" in text


def test_a_heading_marked_with_a_no_break_space_is_a_heading() -> None:
    note = parse_note(f"# Chapter 5\n\n##\u00a0Commands introduced:\n\n{COMMANDS}", "ch_5.md")
    assert [v.term for v in note.vocab] == ["grep", "sort", "uniq"]
    assert all("##" not in " ".join(v.context) for v in note.vocab)
    assert note.vocab[0].context[-1] == "Commands introduced:"


def test_a_no_break_space_inside_code_is_kept() -> None:
    text = "# Shell\n\n```\n##\u00a0not a heading\n```\n\nIts parts:\n\n- a\n- b\n"
    note = parse_note(text, "shell.md")
    assert [c.prompt for c in note.checklists] == ["Its parts:"]


def test_a_zero_width_no_break_space_inside_a_line_is_dropped() -> None:
    text = (
        "# Processes\n\n- **Running:** \ufeffexecuting, or waiting to be scheduled\n"
        "- **Stopped:** suspended by a signal\n"
    )
    assert _vocab(text)[0] == ("Running", "executing, or waiting to be scheduled")


def test_a_papers_links_in_brackets_are_links_not_wikilinks() -> None:
    text = (
        "# Attention Is All You Need [[pdf]](https://example.org/a.pdf) "
        "[[video]](https://example.org/v)\n\n## Model\n\nIts parts:\n\n"
        "- an encoder [[1]](https://example.org/e)\n- a decoder\n"
    )
    note = parse_note(text, "014_attention.md")
    assert note.title == "Attention Is All You Need"
    (checklist,) = note.checklists
    assert checklist.context == ("Attention Is All You Need", "Model")
    shown = checklist_fields(note, checklist)[0]
    assert '<a href="https://example.org/e" rel="noopener noreferrer">[1]</a>' in shown


def test_a_paragraph_that_opens_with_a_bold_term_and_a_colon_says_the_term_once() -> None:
    text = (
        "# Terminologies\n\n**Static RAM (SRAM)**: faster but less dense than DRAM\n\n"
        "A **pivot** is a change of strategy.\n"
    )
    assert _vocab(text) == [
        ("Static RAM (SRAM)", "faster but less dense than DRAM"),
        ("pivot", "A pivot is a change of strategy."),
    ]


def test_a_table_of_units_and_their_sizes_is_a_card_a_row_without_empty_cells() -> None:
    text = (
        "# Storage\n\n| Unit | Size | Description |\n| --- | --- | --- |\n"
        "| bit | itself | holds only 0 or 1 |\n| kilobyte | 1024 bytes | - |\n"
        "| megabyte | 1024 ^ 2 bytes | N/A |\n"
    )
    assert _vocab(text) == [
        ("bit", "Size: itself Description: holds only 0 or 1"),
        ("kilobyte", "Size: 1024 bytes"),
        ("megabyte", "Size: 1024 ^ 2 bytes"),
    ]


def test_a_table_of_a_change_measured_before_and_after_makes_no_cards() -> None:
    text = (
        "# Refactor\n\n| Metric | Before | After |\n| --- | --- | --- |\n"
        "| Inline styles | 5 instances | none left |\n| Theme usage | no theme | most parts |\n"
    )
    assert _vocab(text) == []
