"""Cards a person keeps from Zettelkasten and evergreen notes (issue 32, set AE's readers):
a note of one concept, named by its file and opening with what it is, makes its card; a
Zettelkasten id before a title is no part of the deck a person sees, nor of anything that
would cost a review. Each shape on a fixture of our own."""

from __future__ import annotations

import pytest

from flashcards import parse_note
from flashcards.notes.model import Note
from flashcards.notes.text import plain_text


def vocab(note: Note) -> dict[str, str]:
    return {v.term: plain_text(v.definition) for v in note.vocab}


OPENING = "It is defined as the *number of hops* a packet may still take. A router lowers it."


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("vault/Time To Live.md", f"---\ntags: [networking]\n---\n{OPENING}\n\nMore on it.\n"),
        ("notes/time-to-live.md", f"# Time To Live\n\n{OPENING}\n\n$$t = t - 1$$\n"),
        ("notes/ttl.md", f"---\ntitle: Time To Live\n---\n{OPENING}\n"),
    ],
)
def test_a_note_of_one_concept_that_opens_with_what_it_is_makes_its_card(
    path: str, text: str
) -> None:
    note = parse_note(text, path)
    assert vocab(note) == {"Time To Live": OPENING.replace("*", "")}
    assert note.vocab[0].line == text.split("\n").index(OPENING) + 1


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("notes/Week 3.md", f"{OPENING}\n"),  # a part of a course, no concept
        ("notes/Notes.md", f"{OPENING}\n"),  # a generic name
        ("notes/Using Git Rebase.md", f"{OPENING}\n"),  # a way of doing
        ("notes/Time To Live.md", "In this note I collect what I read about routers and hops.\n"),
        ("notes/Time To Live.md", "You can set it on any socket before you send a packet.\n"),
        ("notes/Time To Live.md", f"## Overview\n\n{OPENING}\n"),  # a section's opening
        ("notes/Time To Live.md", "Hops.\n"),  # too short to say what it is
        ("notes/Time To Live.md", "While routers differ, each lowers a counter on every packet.\n"),
        ("notes/Time To Live.md", "This folder contains what I read about counters in packets.\n"),
        (
            "notes/Time To Live.md",
            "[Time to live explained in ten minutes](https://example.org/v).\n",
        ),
    ],
)
def test_a_title_over_text_that_does_not_say_what_it_is_makes_no_card(path: str, text: str) -> None:
    terms = vocab(parse_note(text, path))
    assert not any(word in term for term in terms for word in ("Live", "Week", "Notes", "Git"))


def test_an_opening_that_already_made_its_card_is_not_asked_twice() -> None:
    text = "A **packet** is a unit of data that a network carries between two hosts.\n"
    note = parse_note(text, "notes/Packets.md")
    assert "Packets" not in vocab(note)


def test_a_zettelkasten_id_is_left_off_the_title_and_deck_but_not_the_identity() -> None:
    text = "# 20260405151701 Secure Shell\n\n- **Port:** 22 by default, any if configured\n"
    note = parse_note(text, "Tools/Linux/20260405151638 SSH.md")
    assert note.title == "Secure Shell" and note.deck == "Linux::Secure Shell"
    assert note.chapter == "20260405151701 Secure Shell", "the GUIDs' chapter as before"
    named = parse_note("- **Port:** 22 by default\n", "Tools/202604051516 Secure Shell.md")
    assert named.title == "Secure Shell"
    dated = parse_note("- **Port:** 22 by default\n", "Tools/2026 Secure Shell.md")
    assert dated.title == "2026 Secure Shell", "a year is part of a name"


ITEMS = "- Variables and their scope\n- Loops over arrays\n- Functions that return values\n"


@pytest.mark.parametrize(
    "text",
    [
        f"# PowerShell\n\n## 🪜 Step-by-Step Learning Plan\n\n### Week 3\n\nTopics:\n\n{ITEMS}",
        f"# PowerShell\n\n## Scripting\n\nLearn:\n\n{ITEMS}",
        f"# PowerShell\n\n## Practice\n\nDo this every day:\n\n{ITEMS}",
        f"# PowerShell\n\n## 🔥 If You Want to Go Even Further\n\nMore:\n\n{ITEMS}",
        f"# PowerShell\n\n## Day 28 — Final Project\n\nFeatures:\n\n{ITEMS}",
        f"# PowerShell\n\nIn this lesson, you'll learn:\n\n{ITEMS}",
        f"# PowerShell\n\n## Roadmap\n\nThree stages:\n\n{ITEMS}",
    ],
)
def test_a_study_plan_and_what_a_lesson_will_teach_make_no_cards(text: str) -> None:
    note = parse_note(text, "notes/powershell.md")
    assert note.checklists == () and note.vocab == ()
    assert any("a study plan" in why for _, why in note.skipped)


def test_what_a_lesson_taught_and_a_learning_rate_still_make_cards() -> None:
    text = (
        "# Tuning\n\n## What You Learned\n\n- **Context window:** what the model can read at once\n"
        "- **Backoff:** waiting longer after each failed retry\n\n"
        f"## Learning rate\n\nThree schedules:\n\n{ITEMS}"
    )
    note = parse_note(text, "notes/tuning.md")
    assert set(vocab(note)) == {"Context window", "Backoff"}
    assert [c.prompt for c in note.checklists] == ["Three schedules:"]
