"""Cards: the notes' model made into Anki notes (HTML fields, identity, note types)."""
