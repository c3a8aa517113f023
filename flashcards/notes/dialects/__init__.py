"""Dialects: syntax of the tools people write notes in (Hugo, Obsidian), rewritten into
plain Markdown before cards are extracted."""

from __future__ import annotations


class TextEdit:
    """Builds a rewritten text and, line by line, where in the original each line
    comes from, so that messages still point at the line the user wrote."""

    def __init__(self, original: str) -> None:
        self.original = original
        self.parts: list[str] = []
        self.origin = [0]  # origin[n]: the original line (0-based) of new line n
        self._cursor = (0, 0)  # an offset into the original, and its line

    def line_at(self, offset: int) -> int:
        """The original line (0-based) of ``offset``; offsets asked for only grow, so the
        whole text is counted once."""
        at, line = self._cursor
        line += self.original.count("\n", at, offset)
        self._cursor = (offset, line)
        return line

    def keep(self, start: int, end: int) -> None:
        """Copy ``original[start:end]`` unchanged (pieces come in order)."""
        text = self.original[start:end]
        line = self.line_at(start)
        self.parts.append(text)
        self.origin.extend(range(line + 1, line + 1 + text.count("\n")))

    def put(self, text: str, line: int) -> None:
        """Write ``text`` in place of something that stood on original ``line``."""
        self.parts.append(text)
        self.origin.extend([line] * text.count("\n"))

    def text(self) -> str:
        return "".join(self.parts)


def compose(outer: list[int] | None, inner: list[int] | None) -> list[int] | None:
    """The origin map of two rewrites in turn: ``inner`` maps onto ``outer``'s lines."""
    if outer is None or inner is None:
        return outer if inner is None else inner
    return [outer[min(line, len(outer) - 1)] for line in inner]
