"""The card settings another tool keeps in an Obsidian vault, read so that the user need
not repeat them: the spaced-repetition plugin's flashcard tags, separators, cloze
options and folder decks; Obsidian_to_Anki's custom regular expressions, default deck
and tags, folder decks and tags, and its in-note markers.

A setting that changes what a card is and that this tool cannot honour is one warning
naming it; what was read, and from where, is a detail (``check -v``).
"""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

from flashcards.notes.place import marked_folder
from flashcards.notes.regexcards import translate
from flashcards.options import DEFAULT_SYNTAX, CardSyntax

SR_SETTINGS = os.path.join(".obsidian", "plugins", "obsidian-spaced-repetition", "data.json")
O2A_SETTINGS = os.path.join(".obsidian", "plugins", "obsidian-to-anki-plugin", "data.json")
_CLOZES = {  # the spaced-repetition plugin's cloze patterns for its three switches
    "==[123;;]answer[;;hint]==": "highlights",
    "**[123;;]answer[;;hint]**": "bold",
    "{{[123;;]answer[;;hint]}}": "curly",
}
_SEPARATORS = {
    "singleLineCardSeparator": "single",
    "singleLineReversedCardSeparator": "single_reversed",
    "multilineCardSeparator": "multi",
    "multilineReversedCardSeparator": "multi_reversed",
}
_SYNTAX_LINES = {
    "Begin Note": "begin_note",
    "End Note": "end_note",
    "Target Deck Line": "target_deck_line",
    "File Tags Line": "file_tags_line",
    "Delete Note Line": "delete_line",
}


def plugin_syntax(notes_root: Path) -> CardSyntax:
    """The card syntax of the vault at or above ``notes_root`` (the defaults when it has
    neither tool's settings)."""
    vault = marked_folder(os.path.abspath(notes_root), ".obsidian", is_dir=True)
    if vault is None:
        return DEFAULT_SYNTAX
    syntax = replace(DEFAULT_SYNTAX, vault=vault)
    sr, o2a = _shown(os.path.join(vault, SR_SETTINGS)), _shown(os.path.join(vault, O2A_SETTINGS))
    notes: list[tuple[str, str]] = []
    read: list[str] = []
    if os.path.isfile(sr):
        data = _settings(sr, notes, "settings")
        if data is not None:
            syntax = _spaced_repetition(syntax, data, sr, notes, read)
    if os.path.isfile(o2a):
        data = _settings(o2a, notes, "settings")
        if data is not None:
            whole = _json(o2a) or {}
            fields = whole.get("fields_dict") if isinstance(whole, dict) else None
            syntax = _obsidian_to_anki(syntax, data, fields or {}, o2a, notes, read)
    return replace(syntax, read=tuple(read), unhonoured=tuple(notes))


def _shown(path: str) -> str:
    """``path`` relative to the working folder when it lies inside it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive
        return path
    return path if relative.startswith("..") else relative


def _json(path: str) -> Any:
    try:
        with open(path, encoding="utf-8") as file:
            return json.load(file)
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return None


def _settings(path: str, notes: list[tuple[str, str]], key: str) -> dict[str, Any] | None:
    """The settings object of a plugin's data.json (its ``key`` member where it has one)."""
    data = _json(path)
    if not isinstance(data, dict):
        notes.append((path, "cannot be read as the plugin's settings (JSON); its defaults apply"))
        return None
    inner = data.get(key)
    return inner if isinstance(inner, dict) else data


def _text(data: dict[str, Any], key: str, default: str) -> str:
    value = data.get(key, default)
    return value if isinstance(value, str) else default


def _spaced_repetition(
    syntax: CardSyntax,
    data: dict[str, Any],
    path: str,
    notes: list[tuple[str, str]],
    read: list[str],
) -> CardSyntax:
    tags = _tag_list(data.get("flashcardTags"))
    ignored = _tag_list(data.get("flashcardTagsToIgnore"))
    changes: dict[str, Any] = {"tags": tags or syntax.tags, "ignored_tags": ignored}
    for key, name in _SEPARATORS.items():
        value = _text(data, key, getattr(syntax, name)).strip()
        changes[name] = value or getattr(syntax, name)
    patterns = data.get("clozePatterns")
    if isinstance(patterns, list):
        kinds = {_CLOZES.get(str(p).strip(), "") for p in patterns}
        changes.update({kind: kind in kinds for kind in ("highlights", "bold", "curly")})
        other = [str(p) for p in patterns if str(p).strip() not in _CLOZES]
        if other:
            shown = ", ".join(other)
            notes.append((path, f"clozePatterns {shown}: not read; such text is no cloze"))
    else:
        changes["highlights"] = data.get("convertHighlightsToClozes", True) is True
        changes["bold"] = data.get("convertBoldTextToClozes", False) is True
        changes["curly"] = data.get("convertCurlyBracketsToClozes", False) is True
    changes["folder_decks"] = data.get("convertFoldersToDecks", False) is True
    if _text(data, "multilineCardEndMarker", "").strip():
        notes.append((path, "multilineCardEndMarker: not honoured; a multi-line card's answer "
                            "ends at the end of its paragraph"))  # fmt: skip
    if _text(data, "algorithm", "SM-2-OSR") != "SM-2-OSR":
        notes.append((path, "algorithm: only the plugin's own (SM-2-OSR) schedules come along; "
                            "cards scheduled by another (FSRS) start as new"))  # fmt: skip
    if _text(data, "dataStore", "NOTES") != "NOTES":
        notes.append((path, "dataStore: the review schedules are not kept in the notes, so "
                            "none come along; the cards start as new"))  # fmt: skip
    clozes = [name for name in ("highlights", "bold", "curly") if changes[name]]
    read.append(
        f"{path}: spaced-repetition plugin: flashcard tags "
        f"{' '.join('#' + tag for tag in changes['tags'])}"
        + (f" (not {' '.join('#' + tag for tag in ignored)})" if ignored else "")
        + f"; separators {changes['single']} {changes['single_reversed']} "
        f"{changes['multi']} {changes['multi_reversed']}; clozes: "
        f"{', '.join(clozes) or 'none'}; folders as decks: "
        f"{'yes' if changes['folder_decks'] else 'no'}"
    )
    return replace(syntax, **changes)


def _tag_list(value: Any) -> tuple[str, ...]:
    """``["#flashcards", "#Biology/cells"]`` as tag names without ``#``."""
    if isinstance(value, str):
        value = value.split()
    if not isinstance(value, list):
        return ()
    names = (str(tag).strip().lstrip("#").strip("/") for tag in value)
    return tuple(dict.fromkeys(name for name in names if name))


def _obsidian_to_anki(
    syntax: CardSyntax,
    data: dict[str, Any],
    fields: dict[str, Any],
    path: str,
    notes: list[tuple[str, str]],
    read: list[str],
) -> CardSyntax:
    regexps: list[tuple[str, str, str]] = []
    custom = data.get("CUSTOM_REGEXPS")
    for note_type, pattern in (custom if isinstance(custom, dict) else {}).items():
        if not isinstance(pattern, str) or not pattern.strip():
            continue
        translated, problem = translate(pattern)
        if problem:
            notes.append((path, f"CUSTOM_REGEXPS '{note_type}': {problem}; its cards are not made"))
            continue
        regexps.append((str(note_type), _kind(str(note_type)), translated))
    defaults = _member(data, "Defaults")
    deck = _text(defaults, "Deck", "").strip()
    tag = _text(defaults, "Tag", "").strip()
    changes: dict[str, Any] = {
        "regexps": tuple(regexps),
        "default_deck": "" if deck.casefold() == "default" else deck,
        "default_tags": tuple(tag.split()),
        "folder_deck_map": _folder_map(data.get("FOLDER_DECKS"), str),
        "folder_tag_map": _folder_map(data.get("FOLDER_TAGS"), lambda v: tuple(v.split())),
    }
    lines = _member(data, "Syntax")
    for key, name in _SYNTAX_LINES.items():
        changes[name] = _text(lines, key, getattr(syntax, name)).strip() or getattr(syntax, name)
    for key in ("CurlyCloze", "CurlyCloze - Highlights to Clozes", "Add Context", "Add File Link"):
        if defaults.get(key) is True:
            notes.append((path, f"Defaults '{key}': not honoured by flashcards"))
    read.append(
        f"{path}: Obsidian_to_Anki: {len(regexps)} custom regular expression(s)"
        + "".join(f" ({name}: {kind})" for name, kind, _ in regexps)
        + f"; default deck {changes['default_deck'] or '(this tool’s own)'}; default tags "
        f"{' '.join(changes['default_tags']) or 'none'}; folder decks "
        f"{len(changes['folder_deck_map'])}, folder tags {len(changes['folder_tag_map'])}"
    )
    return replace(syntax, **changes)


def _member(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key)
    return value if isinstance(value, dict) else {}


def _kind(note_type: str) -> str:
    """The card kind an Obsidian_to_Anki note type makes here."""
    folded = note_type.casefold()
    if "cloze" in folded:
        return "cloze"
    return "both" if "reversed" in folded else "basic"


def _folder_map(value: Any, convert: Any) -> tuple[tuple[str, Any], ...]:
    if not isinstance(value, dict):
        return ()
    return tuple(
        (str(folder).strip("/"), convert(target.strip()))
        for folder, target in value.items()
        if isinstance(target, str) and target.strip()
    )
