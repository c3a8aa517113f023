"""MDX (Docusaurus and others): Markdown with JavaScript around it. ``import`` and
``export`` statements and ``{/* comments */}`` leave nothing; JSX components
(``<Tabs>``, ``<TabItem value="a">``, ``<Figure />``) are left out with one warning that
names them, and the text between their tags stays. Line for line; code is untouched."""

from __future__ import annotations

import re
from typing import Final

from flashcards.notes.dialects.lines import code_lines

_STATEMENT: Final = re.compile(r"^(?:import|export)\b")
_COMPONENT: Final = re.compile(r"</?([A-Z][\w.]*)(?:\s[^<>]*?)?/?>")
_OPEN_TAG: Final = re.compile(r"<([A-Z][\w.]*)(?:\s[^<>]*)?$")  # a tag whose attributes go on
_COMMENT: Final = re.compile(r"\{/\*.*?\*/\}")


def applies(path: str) -> bool:
    """Whether the note at ``path`` is MDX."""
    return path.lower().endswith(".mdx")


def rewrite(body: str) -> tuple[str, list[tuple[int, str]]]:
    """``body`` as Markdown (the same number of lines), and a warning (line from 0,
    message) naming the components left out."""
    lines = body.split("\n")
    in_code = code_lines(body)
    names: dict[str, int] = {}
    open_until: str | None = None  # a statement's or a tag's end still to come
    for number, line in enumerate(lines):
        if number in in_code:
            continue
        if open_until is not None:
            end = line.find(open_until)
            lines[number] = "" if end < 0 else line[end + len(open_until) :]
            if end >= 0:
                open_until = None
            continue
        if _STATEMENT.match(line):
            balance = line.count("{") - line.count("}")
            lines[number] = ""
            open_until = "}" if balance > 0 else None
            continue
        line = _COMMENT.sub("", line)
        for match in _COMPONENT.finditer(line):
            names.setdefault(match.group(1), number)
        line = _COMPONENT.sub("", line)
        tail = _OPEN_TAG.search(line)
        if tail:
            names.setdefault(tail.group(1), number)
            line, open_until = line[: tail.start()], ">"
        lines[number] = line if line.strip() else ""
    warnings = []
    if names:
        listed = ", ".join(f"<{name}>" for name in names)
        warnings.append(
            (min(names.values()), f"MDX components left out, their text kept: {listed}")
        )
    return "\n".join(lines), warnings
