r"""Whether a folder's own tool reads ``\(..\)`` and ``\[..\]`` as math.

CommonMark reads ``\(`` and ``\[`` as an escaped parenthesis and bracket, and so do
Obsidian, GitHub, Jekyll and a Hugo site by default: a note's ``see \[1\]`` shows
``see [1]``. Two tools make them math when their site is configured so, and a note in
such a site keeps its math on the card:

- an MkDocs site whose ``mkdocs.yml`` lists the ``pymdownx.arithmatex`` extension
  (``\(..\)`` inline and ``\[..\]`` display, unless its ``inline_syntax`` leaves out
  ``round`` or its ``block_syntax`` leaves out ``square``);
- a Hugo site whose configuration enables Goldmark's ``passthrough`` extension with
  ``\(``/``\)`` or ``\[``/``\]`` among its delimiters.
"""

from __future__ import annotations

import functools
import json
import os
import tomllib
from typing import Any, Final

from flashcards.notes.scan import HUGO_CONFIGS

MKDOCS_CONFIGS: Final = ("mkdocs.yml", "mkdocs.yaml")
ARITHMATEX: Final = "pymdownx.arithmatex"
ROUND: Final = "("  # \(..\) is math
SQUARE: Final = "["  # \[..\] is math


@functools.lru_cache(maxsize=1024)
def math_config(folder: str) -> tuple[str, str]:
    r"""``(configuration file, escaped openers it makes math)`` for the MkDocs or Hugo
    site that ``folder`` (absolute) lies in: the openers are ``"(["``, ``"("``, ``"["``
    or ``""``; ``("", "")`` outside such a site."""
    current = folder
    while True:
        for name in (*MKDOCS_CONFIGS, *HUGO_CONFIGS):
            path = os.path.join(current, name)
            if os.path.isfile(path):
                data = _read(path)
                openers = _arithmatex(data) if name in MKDOCS_CONFIGS else _passthrough(data)
                return path, openers
        parent = os.path.dirname(current)
        if parent == current:
            return "", ""
        current = parent


def _read(path: str) -> dict[str, Any]:
    """A configuration file's values (empty when it cannot be read)."""
    try:
        with open(path, "rb") as file:
            raw = file.read()
        if path.endswith(".toml"):
            data: Any = tomllib.loads(raw.decode("utf-8"))
        elif path.endswith(".json"):
            data = json.loads(raw)
        else:
            data = _yaml(raw.decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return {}
    return data if isinstance(data, dict) else {}


def _yaml(text: str) -> Any:
    """YAML with the tags MkDocs configurations carry (``!!python/name:...``,
    ``!ENV``) read as nothing, as a safe loader would not."""
    import yaml

    class Lenient(yaml.SafeLoader):
        """A safe loader that reads every unknown tag as ``None``."""

    Lenient.add_multi_constructor("", lambda loader, suffix, node: None)
    try:
        return yaml.load(text, Loader=Lenient)  # a safe loader
    except yaml.YAMLError as error:
        raise ValueError(str(error)) from None


def _arithmatex(config: dict[str, Any]) -> str:
    """The openers an MkDocs configuration's Arithmatex makes math."""
    for entry in config.get("markdown_extensions") or ():
        if entry == ARITHMATEX:
            return ROUND + SQUARE
        if isinstance(entry, dict) and ARITHMATEX in entry:
            options = entry[ARITHMATEX] if isinstance(entry[ARITHMATEX], dict) else {}
            inline = options.get("inline_syntax", ["dollar", "round"])
            block = options.get("block_syntax", ["dollar", "square", "begin"])
            return (ROUND if "round" in inline else "") + (SQUARE if "square" in block else "")
    return ""


def _passthrough(config: dict[str, Any]) -> str:
    """The openers a Hugo configuration's Goldmark passthrough makes math."""
    found: Any = config
    for key in ("markup", "goldmark", "extensions", "passthrough"):
        found = found.get(key) if isinstance(found, dict) else None
    if not isinstance(found, dict) or found.get("enable") is not True:
        return ""
    delimiters = found.get("delimiters")
    pairs = [
        pair
        for kind in ("inline", "block")
        for pair in (delimiters.get(kind) or () if isinstance(delimiters, dict) else ())
        if isinstance(pair, list) and len(pair) == 2
    ]
    return (ROUND if ["\\(", "\\)"] in pairs else "") + (SQUARE if ["\\[", "\\]"] in pairs else "")
