"""What reading notes learns of their folders, cached for one read of the notes: which
vault, graph or site a folder lies in, a site's settings, a vault's files by name.

A long-running process (``watch``, or a program using the library) reads the notes
many times while files come and go, so every read starts afresh: :func:`forget_folders`.
"""

from __future__ import annotations

from flashcards.notes import mathsites, place
from flashcards.notes.dialects import hugo, jekyll, obsidian

_CACHES = (
    place._folder_place,
    place.marked_folder,
    mathsites.math_config,
    obsidian.vault_root,
    obsidian._files_by_name,
    hugo.site_root,
    jekyll.site_config,
)


def forget_folders() -> None:
    """Forget what earlier reads in this process learned of folders."""
    for cached in _CACHES:
        cached.cache_clear()
