"""A study guide's questions as headings, each answered by the bullets under it: the
bullets are the answer (one card), unless the question asks for parts or the bullets are
short names of parts (a cloze each)."""

from __future__ import annotations

from flashcards import parse_note
from flashcards.notes.text import plain_text


def _asked(text: str) -> list[tuple[str, str]]:
    note = parse_note(text, "lesson-02.md")
    return [(v.term, " ".join(plain_text(v.definition).split())) for v in note.vocab]


def test_a_question_heading_answered_by_one_bullet_is_one_card() -> None:
    text = (
        "# Lesson 2\n\n### What is a socket?\n\n"
        "- The interface between the application layer and the transport layer\n"
    )
    assert _asked(text) == [
        ("What is a socket?", "The interface between the application layer and the transport layer")
    ]


def test_bullets_that_explain_are_the_answer() -> None:
    text = (
        "# Lesson 2\n\n### Why does TCP slow down after a loss?\n\n"
        "- A lost segment means the network is congested\n"
        "- Sending less gives the queues of the routers time to drain\n"
    )
    ((question, answer),) = _asked(text)
    assert question == "Why does TCP slow down after a loss?"
    assert answer.startswith("A lost segment") and answer.endswith("time to drain")


def test_an_answer_with_nested_points_is_one_card() -> None:
    text = (
        "# Lesson 1\n\n### What are advantages and disadvantages of layers?\n\n"
        "- Advantages: scalability and modularity\n- Disadvantages:\n"
        "  1. layers depend on each other\n  2. work is duplicated\n"
    )
    assert [q for q, _ in _asked(text)] == ["What are advantages and disadvantages of layers?"]


def test_a_study_prompt_without_a_question_mark_asks_too() -> None:
    text = (
        "# Lesson 1\n\n### Explain a round of the model\n\n"
        "1. **Introduce** new nodes at random layers\n"
        "2. **Examine** every layer, top to bottom\n3. **Stop** at a given number of nodes\n"
    )
    assert [q for q, _ in _asked(text)] == ["Explain a round of the model"]


def test_a_question_over_short_names_of_parts_is_a_cloze_each() -> None:
    text = (
        "# Pipes\n\n### How are pipes different from files?\n\n"
        "- Nameless\n- Finite-sized buffer\n- No disk I/O\n"
    )
    note = parse_note(text, "pipes.md")
    assert note.vocab == ()
    assert [len(c.items) for c in note.checklists] == [3]


def test_a_question_that_asks_for_parts_keeps_a_cloze_each() -> None:
    text = (
        "# Lesson 3\n\n### What are the types of routing protocols?\n\n"
        "- Link-state protocols, where every router knows the whole map\n"
        "- Distance-vector protocols, where routers tell their neighbours\n"
    )
    note = parse_note(text, "lesson-03.md")
    assert note.vocab == () and [len(c.items) for c in note.checklists] == [2]


def test_an_answer_too_long_to_recall_is_left_to_the_list_rules() -> None:
    long_item = " ".join(["word"] * 130)
    text = f"# Lesson 4\n\n### What is BGP?\n\n- {long_item}\n"
    assert _asked(text) == []


def test_bullets_that_ask_questions_of_their_own_are_not_one_answer() -> None:
    text = "# Glossary?\n\n- What is an API?\n  - an interface between programs\n"
    assert [q for q, _ in _asked(text)] != ["Glossary?"]
