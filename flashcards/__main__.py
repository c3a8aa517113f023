"""``python -m flashcards``."""

from flashcards.cli.commands import main

main()
