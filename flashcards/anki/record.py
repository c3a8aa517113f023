"""The sync record (``.flashcards-sync.json`` in the output folder): by target, the
digest of each package imported there and, for each note put there, its id, mod, book,
Anki search and the tags this tool wrote on it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from flashcards.building.atomic import write_atomically
from flashcards.building.statecheck import dumps

SYNC_FILE = ".flashcards-sync.json"


def load_record(out: Path) -> dict[str, Any]:
    """What earlier syncs did, by target; empty when the file is missing or damaged in
    any way (then every package is imported again, which Anki's rules make harmless, and
    nothing is pruned until a sync has recorded what it put there)."""
    try:
        data = json.loads((out / SYNC_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return {}
    targets = data.get("targets") if isinstance(data, dict) else None
    if not isinstance(targets, dict):
        return {}
    return {key: value for key, value in targets.items() if _sound(value)}


def save_record(out: Path, targets: dict[str, Any]) -> None:
    """Write the record whole (atomically)."""
    write_atomically(out / SYNC_FILE, dumps({"version": 1, "targets": targets}, sort_keys=True))


def _sound(target: Any) -> bool:
    if not isinstance(target, dict) or set(target) != {"packages", "notes"}:
        return False
    packages, notes = target["packages"], target["notes"]
    return (
        isinstance(packages, dict)
        and all(isinstance(v, str) for v in packages.values())
        and isinstance(notes, dict)
        and all(
            isinstance(v, list)
            and len(v) in (4, 5, 6)  # the tags written since records of 5, the deck of 6
            and type(v[0]) is int
            and type(v[1]) is int
            and all(isinstance(item, str) for item in v[2:])
            for v in notes.values()
        )
    )
