"""Ways into the user's Anki: sync (AnkiConnect or the collection file) and stats.

Modules here import the official ``anki`` package absolutely; this folder never
shadows it."""
