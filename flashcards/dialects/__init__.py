"""Dialects: syntax of the tools people write notes in (Hugo, Obsidian), rewritten into
plain Markdown before cards are extracted."""
