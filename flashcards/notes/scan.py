"""Finding note files and their sizes and times, without reading them (cheap to import:
the fast path of a build that finds nothing changed is this scan and nothing more)."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Final

NOTE_SUFFIXES: Final = (".md", ".markdown", ".mdx")
TOOL_FILES: Final = (".excalidraw.md",)  # drawings and such that only look like notes
# Folders of tools and packages, never of notes (a docs site's node_modules holds
# thousands of READMEs; a Logseq graph's logseq/ folder, backups of its pages).
TOOL_FOLDERS: Final = frozenset({"node_modules", "site-packages", "__pycache__", "venv", "_site"})
# A Hugo site (a folder with one of these) keeps its page templates in archetypes/ and
# its themes, each with a demo site of its own, in themes/: none of them are notes.
HUGO_CONFIGS: Final = (
    "hugo.toml",
    "hugo.yaml",
    "hugo.json",
    "config.toml",
    "config.yaml",
    "config.json",
)
_HUGO_TOOL_FOLDERS: Final = {"archetypes": "page templates", "themes": "themes"}
_QUARTZ_CONFIGS: Final = frozenset({"quartz.config.ts", "quartz.config.js"})  # notes in content/
Stat = tuple[int, int]  # size, modification time in ns
Skipped = list[tuple[str, str]]  # (folder or file left out, why), for ``-v``
# The size an image is recorded with when a note showed it but the file was not there:
# looked for at its path (MISSING_AT), or by name anywhere in a folder (MISSING_IN, an
# Obsidian vault's ``![[name]]``). A later build reads the note again once it appears.
MISSING_AT: Final = -1
MISSING_IN: Final = -2


def is_note_name(name: str) -> bool:
    """A note file's name: Markdown or MDX, not hidden, not a tool's own file (an
    Excalidraw drawing). A Hugo section page (``_index.md``) is a note: some sites keep
    whole chapters in them."""
    return (
        name.endswith(NOTE_SUFFIXES)
        and not name.startswith(".")
        and not name.lower().endswith(TOOL_FILES)
    )


def note_files(
    paths: Iterable[str], skipped: Skipped | None = None
) -> Iterator[tuple[str, str, Stat | None]]:
    """``(file, its root, its stat)`` for every note under ``paths``, each file once, in
    order (sorted within each path). A file given directly is its own root's only note.
    Hidden folders are skipped; folder symlinks are followed, each real folder once (a
    symlink loop ends there). A folder that cannot be listed is yielded with no stat, as
    an unreadable file is, so that reading it names it: it is never skipped unseen.
    Folders of templates (Obsidian's and Templater's, as their settings name them) hold
    no notes: they are left out, and added to ``skipped`` with why, as tool folders are."""
    seen: set[str] = set()
    for path in paths:
        if os.path.isdir(path):
            found, root = sorted(_walk(path, skipped)), path
        else:
            found, root = [(path, stat_of(path))], os.path.dirname(path) or "."
        for file, stat in found:
            if file not in seen:
                seen.add(file)
                yield file, root, stat


def _walk(root: str, skipped: Skipped | None) -> Iterator[tuple[str, Stat | None]]:
    """The notes under ``root``. A site built from notes (Dendron's Next.js export) is
    walked only when the notes it was built from are not there too (fewer than three
    notes elsewhere): a repository of the published site alone is that site's notes."""
    exports: list[str] = []
    found = 0
    for file, stat in _walk_folders([root], root, skipped, exports):
        found += 1
        yield file, stat
    if found >= _OWN_NOTES or not exports:
        if skipped is not None:
            skipped += [(folder, _EXPORT) for folder in exports]
        return
    yield from _walk_folders(exports, root, skipped, None)


_EXPORT: Final = "a site built from notes (its _next/): copies without titles, not the notes"
_OWN_NOTES: Final = 3


def _walk_folders(
    pending: list[str], root: str, skipped: Skipped | None, exports: list[str] | None
) -> Iterator[tuple[str, Stat | None]]:
    pending = list(pending)
    visited: set[tuple[int, int]] = set()
    templates: set[str] = set()
    while pending:
        folder = pending.pop()
        if folder in templates:
            if skipped is not None:
                skipped.append((folder, "templates (Obsidian's settings name the folder)"))
            continue
        try:
            status = os.stat(folder)
            if (status.st_dev, status.st_ino) in visited:
                continue  # a symlink back to a folder already walked
            visited.add((status.st_dev, status.st_ino))
            entries = list(os.scandir(folder))
        except OSError:
            yield folder, None
            continue
        names = {entry.name for entry in entries}
        built = _project_file(names) if folder != root else ""
        why = f"a software project ({built}): its docs, not notes" if built else ""
        if exports is not None and folder != root and "_next" in names and not why:
            exports.append(folder)  # Next.js's export, as Dendron publishes: walked last
            continue
        if why:
            if skipped is not None:
                skipped.append((folder, why))
            continue
        if ".obsidian" in names:
            templates |= template_folders(folder)
        if not names.isdisjoint(_QUARTZ_CONFIGS) and "content" in names:
            entries = _quartz_content(entries, skipped)
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_dir(follow_symlinks=True):
                    why = _tool_folder(entry.name, entry.path)
                    if why:
                        if skipped is not None:
                            skipped.append((entry.path, why))
                        continue
                    pending.append(entry.path)
                elif is_note_name(entry.name):
                    status = entry.stat()
                    yield entry.path, (status.st_size, status.st_mtime_ns)
            except OSError:
                yield entry.path, None


def _quartz_content(
    entries: list[os.DirEntry[str]], skipped: Skipped | None
) -> list[os.DirEntry[str]]:
    """Of a Quartz site's own folder, its notes: ``content/``. The rest is Quartz (its
    code, and its documentation in ``docs/``) and the site's README: skipped, said once."""
    kept = [entry for entry in entries if entry.name == "content"]
    if skipped is not None:
        skipped += sorted(
            (entry.path, "a Quartz site's own files (its notes are in content/)")
            for entry in entries
            if entry.name != "content" and not entry.name.startswith(".")
            and (is_note_name(entry.name) or entry.is_dir())
        )  # fmt: skip
    return kept


def as_on_disk(path: Path) -> Path:
    """``path`` spelled in the case its folders and file have on disk. Where the file
    system ignores case (as Windows' and macOS' do by default) ``notes`` and ``Notes``
    are one folder; spelled as on disk, the notes' paths are the same whichever the user
    typed, so a build finds what the last one read and does not read every note again.
    Where case counts, a path that exists is already so spelled, and nothing changes."""
    spelled: list[str] = []
    for name in path.parts:
        folder = os.path.join(*spelled) if spelled else "."
        if name not in (".", "..") and not os.path.isabs(name):
            try:
                names = os.listdir(folder)
            except OSError:
                return path
            if name not in names:
                alike = [other for other in names if other.casefold() == name.casefold()]
                name = alike[0] if len(alike) == 1 else name
        spelled.append(name)
    return Path(*spelled) if spelled else path


def files_by_name(folder: str) -> dict[str, list[str]]:
    """Every file under ``folder`` by its name, hidden folders (``.obsidian``, ``.trash``)
    left out: where Obsidian looks for an embed given by name."""
    found: dict[str, list[str]] = {}
    for parent, folders, files in os.walk(folder):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in files:
            found.setdefault(name, []).append(os.path.join(parent, name))
    return found


def read_with_now() -> Callable[[str, int], Stat | bool | None]:
    """What a file that a note was read with is now, given its path and the size recorded
    for it: its size and time; for an image looked for and not found (a size of
    :data:`MISSING_AT` or :data:`MISSING_IN`), whether it is there now. Each file and
    each folder is looked at once (a site's configuration stands beside all its notes)."""
    stats = functools.cache(stat_of)
    names = functools.cache(lambda folder: files_by_name(folder).keys())

    def now(path: str, size: int) -> Stat | bool | None:
        if size >= 0:
            return stats(path)
        if size == MISSING_AT:
            return os.path.isfile(path)
        folder, name = os.path.split(path)
        return name in names(folder)

    return now


def stat_of(path: str) -> Stat | None:
    """``(size, modification time in ns)`` of ``path``; None when it cannot be seen."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_size, status.st_mtime_ns


def _project_file(names: set[str]) -> str:
    """The build file that makes a folder (of file ``names``) a software project of its
    own (``package.json``, ``Cargo.toml``, ``pyproject.toml``, …), when it is no site of
    notes (MkDocs, Docusaurus, VitePress, Jekyll, Hugo, mdBook, Quartz); else ``""``.
    Inside a notes folder, such a project's README and docs tell how to build and run it:
    readers found them junk as cards (issue 32). The notes folder itself is never one: it
    is what was asked for."""
    if names.isdisjoint(PROJECT_FILES) and not any(n.endswith(_PROJECT_SUFFIXES) for n in names):
        return ""
    if not names.isdisjoint(SITE_FILES):
        return ""
    return min(n for n in names if n in PROJECT_FILES or n.endswith(_PROJECT_SUFFIXES))


PROJECT_FILES: Final = frozenset(
    {"package.json", "pyproject.toml", "setup.py", "Cargo.toml", "go.mod", "pom.xml",
     "build.gradle", "build.gradle.kts", "CMakeLists.txt", "composer.json", "Gemfile",
     "pubspec.yaml", "mix.exs", "Package.swift", "deno.json"}
)  # fmt: skip
_PROJECT_SUFFIXES: Final = (".csproj", ".fsproj", ".sln")
SITE_FILES: Final = frozenset(
    {"mkdocs.yml", "mkdocs.yaml", "docusaurus.config.js", "docusaurus.config.ts",
     "docusaurus.config.mjs", ".vitepress", ".vuepress", "_config.yml", "book.toml",
     "astro.config.mjs", "theme.config.tsx", "theme.config.jsx", "conf.py", "myst.yml",
     "_quarto.yml", *HUGO_CONFIGS, *_QUARTZ_CONFIGS}
)  # fmt: skip


def _tool_folder(name: str, path: str) -> str:
    """Why the folder ``name`` at ``path`` holds no notes ("": it may)."""
    if name in TOOL_FOLDERS:
        return "a folder of tools or packages, not notes"
    if name in _HUGO_TOOL_FOLDERS:
        site = os.path.dirname(path)
        if any(os.path.isfile(os.path.join(site, config)) for config in HUGO_CONFIGS):
            return f"a Hugo site's {_HUGO_TOOL_FOLDERS[name]}"
    if name == "logseq" and os.path.isfile(os.path.join(path, "config.edn")):
        return "Logseq's own folder (settings and backups)"
    return ""


_TEMPLATE_SETTINGS: Final = (
    (".obsidian/templates.json", "folder"),
    (".obsidian/plugins/templater-obsidian/data.json", "templates_folder"),
)


def template_folders(vault: str) -> set[str]:
    """The folders that Obsidian's Templates plugin and Templater take templates from,
    as their settings in ``vault/.obsidian`` name them."""
    import json

    found = set()
    for settings, key in _TEMPLATE_SETTINGS:
        try:
            with open(os.path.join(vault, settings), encoding="utf-8") as file:
                value = json.load(file).get(key)
        except (OSError, ValueError, AttributeError):
            continue
        if isinstance(value, str) and value.strip("/ "):
            found.add(os.path.normpath(os.path.join(vault, value.strip("/ "))))
    return found
