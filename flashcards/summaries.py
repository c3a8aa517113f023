"""Many warnings of one kind about one note, told as one line: how many, and the first
few names (``8 terms have no definition, so no card: few-shot learning, …``). The
terminal and the preview show these lines; ``-v`` and ``flashcards check`` list every
warning."""

from __future__ import annotations

import re
from dataclasses import dataclass

from flashcards.errors import Problem, Severity

AT_LEAST = 3  # warnings of one kind about one note that are summed up in one line
NAMES_SHOWN = 3  # the names such a line gives before "…"

# Warnings that come many to a note, each with how a line tells several of them.
_TOLD = {
    "'…' has no definition; no card made": "{n} terms have no definition, so no card",
    "'…' has an empty definition; no card made": "{n} terms have an empty definition, so no card",
    "checklist '…' has no items with text; no card made": (
        "{n} checklists have no items with text, so no card"
    ),
    "image '…' not found; the card shows its alt text": (
        "{n} images not found, so their cards show the alt text"
    ),
}
_NAMED = re.compile(r"(?P<before>[^']*)'(?P<name>.+)'(?P<after>[^']*)", re.DOTALL)


@dataclass(frozen=True)
class Summed:
    """One line for ``members`` (one warning, or several of a kind about one note)."""

    problem: Problem
    members: tuple[Problem, ...]


def _kind_and_name(problem: Problem) -> tuple[str, str] | None:
    """A warning's kind (its message, the name it quotes left out) and that name; None for
    an error or a warning that names nothing."""
    found = _NAMED.fullmatch(problem.message)
    if problem.severity is not Severity.WARNING or found is None:
        return None
    return f"{found['before']}'…'{found['after']}", found["name"]


def _told(kind: str, members: list[Problem]) -> Problem:
    """The one line for several warnings of ``kind`` about one note, at the first's place."""
    told = _TOLD.get(kind, '{n} warnings "' + kind.replace("{", "{{").replace("}", "}}") + '"')
    names = [named[1] for named in map(_kind_and_name, members) if named]
    shown = ", ".join([*names[:NAMES_SHOWN], *(["…"] if len(names) > NAMES_SHOWN else [])])
    first = members[0]
    return Problem(first.path, first.line, first.severity, f"{told.format(n=len(names))}: {shown}")


def summed(problems: list[Problem]) -> list[Summed]:
    """``problems`` in their order, the warnings of a kind that one note has
    :data:`AT_LEAST` times told in one line where the first of them was."""
    kinds = [_kind_and_name(problem) for problem in problems]
    alike: dict[tuple[str, str], list[Problem]] = {}
    for problem, named in zip(problems, kinds, strict=True):
        if named:
            alike.setdefault((problem.path, named[0]), []).append(problem)
    result = []
    for problem, named in zip(problems, kinds, strict=True):
        members = alike[problem.path, named[0]] if named else [problem]
        if len(members) < AT_LEAST:
            result.append(Summed(problem, (problem,)))
        elif named and members[0] is problem:
            result.append(Summed(_told(named[0], members), tuple(members)))
    return result


def summed_lines(problems: list[Problem]) -> list[Problem]:
    """The lines :func:`summed` gives for ``problems``."""
    return [line.problem for line in summed(problems)]
