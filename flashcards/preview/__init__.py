"""The preview: every card as Anki shows it, on a page and its local server."""
