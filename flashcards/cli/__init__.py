"""The command line: thin click commands over the library."""

from flashcards.cli.commands import cli, main

__all__ = ["cli", "main"]
