"""``python -m flashcards``."""

from .cli import main

main()
