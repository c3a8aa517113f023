"""Every problem a note can have, each in its own fixture named after the case.

``tests/problems/CASE.md`` (or a folder ``CASE/``) is checked with ``flashcards check``
from inside ``tests/problems``; ``CASE.expected`` holds the exit code and the exact
lines printed. ``UPDATE_GOLDEN=1`` writes missing or changed expectations for review.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from flashcards.cli import cli

PROBLEMS = Path(__file__).parent / "problems"
CASES = sorted(
    p
    for p in PROBLEMS.iterdir()
    if p.suffix == ".md" or (p.is_dir() and not p.name.startswith("."))
)


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_problem_is_reported_exactly(case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(PROBLEMS)
    monkeypatch.setenv("NO_COLOR", "1")
    result = CliRunner().invoke(cli, ["check", case.name])
    actual = f"exit: {result.exit_code}\n{result.stderr}"
    assert "Traceback" not in result.output
    expected = case.with_name(case.stem + ".expected")
    if os.environ.get("UPDATE_GOLDEN"):
        expected.write_text(actual, encoding="utf-8")
    assert expected.exists(), f"no expectation for {case.name}; run UPDATE_GOLDEN=1 pytest"
    assert actual == expected.read_text(encoding="utf-8")
