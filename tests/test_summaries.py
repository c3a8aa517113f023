"""Many warnings of a kind about one note are one line (flashcards/summaries.py); the
terminal's and the preview's lines are checked in test_cli.py and test_preview.py."""

from __future__ import annotations

from flashcards.errors import NoteError, Problem, warning
from flashcards.summaries import summed, summed_lines


def _undefined(path: str, line: int, term: str) -> Problem:
    return warning(path, line, f"'{term}' has no definition; no card made")


def test_a_kind_is_summed_per_note_with_the_first_names_at_the_first_place() -> None:
    terms = ["Bayes' rule", "a", "b", "c", "d"]  # a name may hold a quote
    problems = [
        _undefined("a.md", 3, "x"),
        warning("a.md", 4, "date 'soon' is not a date (YYYY-MM-DD); ignored"),
        *(_undefined("a.md", 10 + i, term) for i, term in enumerate(terms)),
        _undefined("b.md", 1, "y"),
        _undefined("b.md", 2, "z"),
        NoteError("c.md", 1, "'q' is broken").problem,
        NoteError("c.md", 2, "'r' is broken").problem,
        NoteError("c.md", 3, "'s' is broken").problem,
    ]
    lines = summed(problems)
    assert [str(line.problem) for line in lines] == [
        "a.md:3: warning: 6 terms have no definition, so no card: x, Bayes' rule, a, …",
        "a.md:4: warning: date 'soon' is not a date (YYYY-MM-DD); ignored",
        "b.md:1: warning: 'y' has no definition; no card made",
        "b.md:2: warning: 'z' has no definition; no card made",
        "c.md:1: error: 'q' is broken",
        "c.md:2: error: 'r' is broken",
        "c.md:3: error: 's' is broken",
    ], "errors are each shown; two of a kind are not many"
    assert lines[0].members == (problems[0], *problems[2:7])
    assert sum(len(line.members) for line in lines) == len(problems)


def test_a_kind_without_words_of_its_own_is_told_by_its_message() -> None:
    problems = [
        warning("a.md", line, f"image '{name}' is larger than 10 MB; not packed")
        for line, name in ((1, "a.png"), (2, "b.png"), (3, "c.png"))
    ]
    assert summed_lines(problems) == [
        warning(
            "a.md",
            1,
            "3 warnings \"image '…' is larger than 10 MB; not packed\": a.png, b.png, c.png",
        )
    ]
