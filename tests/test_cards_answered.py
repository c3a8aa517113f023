"""Questions the author answered under a label (``Q: … / A: …``): each pair is a card as
written, however the labels are set (plain, bold, ``Question:``) and wherever the answer
stands (the next line, the next paragraph, the item nested under it or after it)."""

from __future__ import annotations

from flashcards import parse_note
from flashcards.notes.text import plain_text


def _pairs(text: str) -> list[tuple[str, str]]:
    note = parse_note(text, "recursion.md")
    return [(v.term, " ".join(plain_text(v.definition).split())) for v in note.vocab]


def test_a_question_and_its_answer_on_the_next_line_is_one_card() -> None:
    text = (
        "# Recursion\n\n## Tail calls\n\n"
        "**Q:** What is tail call optimisation?\n**A:** Reusing the caller's frame.\n\n"
        "Q: Why does Python not do it?\nA: Tracebacks stay whole.\n"
        "Q: Which languages do?\nA: Scheme, by its standard.\n"
    )
    assert _pairs(text) == [
        ("What is tail call optimisation?", "Reusing the caller's frame."),
        ("Why does Python not do it?", "Tracebacks stay whole."),
        ("Which languages do?", "Scheme, by its standard."),
    ]


def test_the_answer_may_be_the_next_paragraph_with_a_worded_label() -> None:
    text = (
        "# Recursion\n\nQuestion: What is mutual recursion?\n\n"
        "Answer: Two functions that call each other.\n\n**Q1. What ends a recursion?**\n\n"
        "**A.** Its base case.\n"
    )
    assert _pairs(text) == [
        ("What is mutual recursion?", "Two functions that call each other."),
        ("What ends a recursion?", "Its base case."),
    ]


def test_in_a_list_the_answer_is_the_item_under_or_after_the_question() -> None:
    text = (
        "# Recursion\n\n- Q: What is a stack overflow?\n  - A: The call stack ran out of room.\n"
        "- Q: What grows the stack?\n- A: Each call not yet returned.\n"
    )
    assert _pairs(text) == [
        ("What is a stack overflow?", "The call stack ran out of room."),
        ("What grows the stack?", "Each call not yet returned."),
    ]


def test_the_heading_above_is_not_made_a_term_for_the_exchange() -> None:
    text = "# Recursion\n\n## Base case\n\nQ: What must every recursion have?\nA: A base case.\n"
    assert _pairs(text) == [("What must every recursion have?", "A base case.")]


def test_a_question_put_to_a_person_or_left_unanswered_is_no_card() -> None:
    text = (
        "# Interview\n\nQ: What is your favourite language?\nA: Python, for its clarity.\n\n"
        "Q: What is a closure?\n\nIt is left for next week, with the A-levels.\n"
    )
    assert _pairs(text) == []
