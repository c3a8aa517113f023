"""Where a note file stands in its notes folder: the folders above it, the root's own
name, whether it lies in an Obsidian vault. Names that notes do not give themselves
(their book, their chapter) are read from here, as a person reads their own folder."""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePath

from flashcards.notes.mathsites import math_config

INDEX_STEMS = ("readme", "index", "_index")
# Folders that hold notes but name no book: the book is a folder above them.
GENERIC_FOLDERS = frozenset(
    {"chapters", "notes", "docs", "doc", "content", "src", "pages", "posts", "_posts",
     "wiki", "markdown", "md", "blog", "articles", "sections", "parts", "book", "files",
     "code_examples", "code-examples", "concepts"}
)  # fmt: skip
_CHAPTER = re.compile(
    r"^(?:(?:chapter|chap|ch)[\s._-]*(?P<a>\d{1,3})|(?P<b>\d{1,3})(?=$|[\s._-]))"
    r"(?:$|[\s._:–—-]+(?P<name>.*))$",
    re.IGNORECASE,
)
SITE_CONFIG = "_config.yml"  # a Jekyll site's configuration, which marks its folder
POST_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}-")  # a Jekyll post's date


@dataclass(frozen=True)
class Place:
    """A note file's place: ``folders`` from the notes root (not included) down to the
    note's own folder, the root's name, the file's stem, and whether Obsidian shows it."""

    root_name: str
    folders: tuple[str, ...]
    stem: str
    vault: bool = False
    graph: bool = False  # in a Logseq graph
    site: str = ""  # the Jekyll site it lies in (the folder with _config.yml)
    tex: str = ""  # the escaped openers, ( and [, its MkDocs or Hugo site makes math

    @property
    def is_index(self) -> bool:
        """A folder's own page (``README.md``, ``index.md``, ``_index.md``)."""
        return self.stem.casefold() in INDEX_STEMS

    def own_name(self) -> str:
        """The name the file gives the note: its folder's for an index page."""
        if self.is_index:
            return self.folders[-1] if self.folders else self.root_name
        return POST_DATE.sub("", self.stem)

    def chapter(self) -> tuple[str, str, tuple[str, ...]] | None:
        """``(number, the name it came from, the folders above it)`` when the file or a
        folder it lies in is named like a chapter (``ch05``, ``05-replication``,
        ``Chapter 5 - Replication``); the closest one wins."""
        names = [*self.folders] if self.is_index else [*self.folders, self.stem]
        for depth in range(len(names), 0, -1):
            match = _CHAPTER.match(names[depth - 1].strip())
            if match:
                number = match.group("a") or match.group("b")
                return str(int(number)), names[depth - 1], tuple(names[: depth - 1])
        return None

    def book_folder(self, folders: tuple[str, ...] | None = None) -> str:
        """The closest folder (of ``folders``, else of those the note lies in, an index
        page's own folder left out) whose name is neither generic nor a chapter's; else
        the root's name."""
        if folders is None:
            folders = self.folders[:-1] if self.is_index else self.folders
        for name in reversed(folders):
            if not is_generic_folder(name) and not _CHAPTER.match(name.strip()):
                return name  # a chapter names no book
        return self.root_name


def is_generic_folder(name: str) -> bool:
    """Whether a folder holds notes but names nothing (``notes``, ``docs``, a hidden one)."""
    return name.casefold() in GENERIC_FOLDERS or name.startswith(".")


def place_of(path: Path, root: Path) -> Place:
    """The place of the note at ``path`` under the notes ``root``."""
    root_name, folders, vault, graph, site, tex = _folder_place(str(path.parent), str(root))
    return Place(root_name, folders, path.stem, vault, graph, site, tex)


@functools.lru_cache(maxsize=4096)
def _folder_place(parent: str, root: str) -> tuple[str, tuple[str, ...], bool, bool, str, str]:
    """What a note's folder says of its place (worked out once per folder)."""
    try:
        folders = tuple(Path(parent).relative_to(root).parts)
    except ValueError:
        folders = ()
    folder = os.path.abspath(parent)
    return (
        Path(os.path.abspath(root)).name,
        folders,
        marked_folder(folder, ".obsidian", is_dir=True) is not None,
        marked_folder(folder, os.path.join("logseq", "config.edn")) is not None,
        marked_folder(folder, SITE_CONFIG) or "",
        math_config(folder)[1],
    )


def place_of_shown(path: str) -> Place:
    """A place read from a path alone (for a note parsed from text): its folders."""
    file = PurePath(path)
    folders = tuple(part for part in file.parent.parts if part not in (".", "/"))
    return Place("", folders, file.stem)


@functools.lru_cache(maxsize=8192)
def marked_folder(folder: str, marker: str, is_dir: bool = False) -> str | None:
    """The closest folder at or above ``folder`` (absolute) that holds ``marker`` (a
    tool's mark: ``.obsidian``, ``logseq/config.edn``, a Jekyll site's ``_config.yml``)."""
    candidate = os.path.join(folder, marker)
    if os.path.isdir(candidate) if is_dir else os.path.isfile(candidate):
        return folder
    parent = os.path.dirname(folder)
    return None if parent == folder else marked_folder(parent, marker, is_dir)
