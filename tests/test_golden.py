"""Golden cases: each ``tests/cases/NAME.md`` beside ``NAME.expected.json``.

The expectation pins the cards a note yields (rendered fields included) and every
problem it reports. A case without an expectation fails; ``UPDATE_GOLDEN=1 pytest``
writes the missing or changed ones for review.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from flashcards.cards.render import checklist_fields, vocab_fields
from flashcards.notes.load import decode
from flashcards.notes.model import Note
from flashcards.notes.parse import parse_note

CASES = Path(__file__).parent / "cases"


def summarize(note: Note) -> dict[str, Any]:
    return {
        "title": note.title,
        "book": note.book,
        "chapter": note.chapter,
        "deck": note.deck,
        "tags": list(note.all_tags),
        "draft": note.draft,
        "vocab": [
            {
                "line": v.line,
                "context": list(v.context),
                "term": v.term,
                "fields": list(vocab_fields(note, v, reverse=False)),
            }
            for v in note.vocab
        ],
        "checklists": [
            {
                "line": c.line,
                "context": list(c.context),
                "prompt": c.prompt,
                "items": len(c.items),
                "fields": list(checklist_fields(note, c)),
            }
            for c in note.checklists
        ],
        "bare_terms": [[b.term, b.line] for b in note.bare_terms],
        "problems": [str(p) for p in note.problems],
    }


@pytest.mark.parametrize("case", sorted(CASES.glob("*.md")), ids=lambda p: p.stem)
def test_case_matches_expectation(case: Path) -> None:
    note = parse_note(decode(case.read_bytes(), case.name), case.name)
    actual = summarize(note)
    expected_path = case.with_suffix(".expected.json")
    if os.environ.get("UPDATE_GOLDEN"):
        expected_path.write_text(json.dumps(actual, indent=2, ensure_ascii=False) + "\n")
    assert expected_path.exists(), f"no expectation for {case.name}; run UPDATE_GOLDEN=1 pytest"
    assert actual == json.loads(expected_path.read_text(encoding="utf-8"))


def test_seed_note_yields_the_cards_the_user_expects() -> None:
    """The user's own note, stated by hand (independent of the golden file)."""
    case = CASES / "seed-dmls-chapter-01.md"
    note = parse_note(case.read_text(encoding="utf-8"), case.name)
    assert note.deck == "Designing Machine Learning Systems::Chapter 01"
    assert [v.term for v in note.vocab] == ["MLOps", "ML Systems Design", "Machine Learning"]
    ml = vocab_fields(note, note.vocab[2], reverse=False)[1]
    assert ml == (
        "<ol><li>learn</li><li>complex patterns</li><li>from existing data</li>"
        "<li>to make predictions</li><li>on unseen data</li></ol>"
    )
    assert [b.term for b in note.bare_terms] == [
        "supervised learning",
        "holistic approach",
        "production ML",
        "research ML",
        "zero-shot learning or zero-data learning",
        "few-shot learning",
        "continual learning",
        "online learning",
    ]
    assert [len(c.items) for c in note.checklists] == [5, 4, 6, 8, 3]
    assert note.checklists[1].prompt == "Before starting an ML project, ask:"
    assert note.checklists[1].context == (
        "Major Ideas",
        "When and When Not to Use Machine Learning",
    )
    texts = " ".join(checklist_fields(note, c)[0] for c in note.checklists)
    assert "ML can't solve all problems" not in texts
    assert note.card_count == 29
    assert (
        "seed-dmls-chapter-01.md:33: warning: 'online learning' has no definition; "
        "no card made" in [str(p) for p in note.problems]
    )
