"""Optional configuration: ``flashcards.yaml`` at the notes root, or ``[tool.flashcards]``
in ``pyproject.toml``. Command-line options win over it; without it, defaults apply."""

from __future__ import annotations

import string
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from flashcards.notes.model import DECK_PATTERN_FIELDS, identity_key
from flashcards.options import (
    DEFAULT_MAX_IMAGE_BYTES,
    DEFAULT_OPTIONS,
    DEFAULT_SYNTAX,
    PACKAGES,
    SEQUENCES,
    CardSyntax,
    ParseOptions,
)

CONFIG_FILE = "flashcards.yaml"
_LISTS = ("vocab_headings", "words_labels", "extra_tags")
_FLAGS = ("reverse", "skip_drafts", "inline_cards")
_TEXTS = ("deck", "output")
_CHOICES = {"sequence": SEQUENCES, "packages": PACKAGES}
_NUMBERS = ("max_image_mb",)
KEYS = (*_LISTS, *_FLAGS, *_TEXTS, *_NUMBERS, *_CHOICES)


class ConfigError(Exception):
    """The configuration file is wrong: the message names the file, the key and the fix."""


@dataclass(frozen=True)
class Config:
    """Settings from the configuration file; ``None`` where it says nothing."""

    source: str | None = None
    vocab_headings: tuple[str, ...] | None = None
    words_labels: tuple[str, ...] | None = None
    extra_tags: tuple[str, ...] | None = None
    reverse: bool | None = None
    skip_drafts: bool | None = None
    deck: str | None = None
    output: str | None = None
    max_image_mb: float | None = None
    sequence: str | None = None
    packages: str | None = None
    inline_cards: bool | None = None
    syntax: CardSyntax = DEFAULT_SYNTAX  # the card settings of other tools in the vault

    def max_image_bytes(self) -> int:
        """The largest image packed into a deck."""
        if self.max_image_mb is None:
            return DEFAULT_MAX_IMAGE_BYTES
        return int(self.max_image_mb * 1024 * 1024)

    def parse_options(self) -> ParseOptions:
        """What the parser should look for under this configuration."""
        options = DEFAULT_OPTIONS
        if self.vocab_headings is not None:
            options = replace(options, vocab_headings=tuple(map(identity_key, self.vocab_headings)))
        if self.words_labels is not None:
            options = replace(options, words_labels=tuple(map(identity_key, self.words_labels)))
        if self.extra_tags:
            options = replace(options, extra_tags=self.extra_tags)
        if self.deck is not None:
            options = replace(options, deck_pattern=self.deck)
        if self.packages is not None:
            options = replace(options, packages=self.packages)
        if self.inline_cards:
            options = replace(options, inline_cards=True)
        if self.syntax is not DEFAULT_SYNTAX:
            options = replace(options, syntax=self.syntax)
        return options


def find_config(notes_root: Path, project: Path = Path(".")) -> Config:
    """The configuration for notes under ``notes_root``: its ``flashcards.yaml``, else
    ``[tool.flashcards]`` of ``project/pyproject.toml``, else the defaults; with the
    card settings of other tools in the Obsidian vault the notes lie in."""
    from flashcards.notes.plugins import plugin_syntax

    return replace(_config_file(notes_root, project), syntax=plugin_syntax(notes_root))


def _config_file(notes_root: Path, project: Path) -> Config:
    candidate = notes_root / CONFIG_FILE
    if candidate.is_file():
        import yaml

        try:
            text = candidate.read_text(encoding="utf-8")
            data = yaml.safe_load(text)
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            raise ConfigError(f"{candidate}: cannot be read: {_first_line(exc)}") from None
        except (ValueError, OverflowError) as exc:
            from flashcards.notes.load import unreadable_value

            line, value = unreadable_value(text)
            raise ConfigError(
                f"{candidate}:{line + 1}: '{value}' cannot be read ({_first_line(exc)})"
            ) from None
        except (RecursionError, MemoryError):
            raise ConfigError(f"{candidate}: nested too deeply to read; flatten it") from None
        return config_from_mapping({} if data is None else data, str(candidate))
    pyproject = project / "pyproject.toml"
    if pyproject.is_file():
        import tomllib  # here, not at the top: 3 ms of every start, and most notes have none

        try:
            table = tomllib.loads(pyproject.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"{pyproject}: cannot be read: {_first_line(exc)}") from None
        except (RecursionError, MemoryError):
            raise ConfigError(f"{pyproject}: nested too deeply to read; flatten it") from None
        section = table.get("tool", {}).get("flashcards")
        if section is not None:
            return config_from_mapping(section, f"{pyproject} [tool.flashcards]")
    return Config()


def config_from_mapping(data: Any, source: str) -> Config:
    """Validate ``data`` (from ``source``) into a :class:`Config`."""
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: must be keys and values; allowed keys: {', '.join(KEYS)}")
    values: dict[str, Any] = {}
    for key, value in data.items():
        name = str(key).replace("-", "_")
        if name in _LISTS:
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{source}: '{key}' must be a list of text, not {value!r}")
            values[name] = tuple(value)
        elif name in _FLAGS:
            if not isinstance(value, bool):
                raise ConfigError(f"{source}: '{key}' must be true or false, not {value!r}")
            values[name] = value
        elif name in _NUMBERS:
            if (
                isinstance(value, bool)
                or not isinstance(value, int | float)
                or not 0 < value <= 100_000
            ):
                raise ConfigError(
                    f"{source}: '{key}' must be a number above 0 (megabytes), not {value!r}"
                )
            values[name] = float(value)
        elif name in _CHOICES:
            if value not in _CHOICES[name]:
                allowed = " or ".join(_CHOICES[name])
                raise ConfigError(f"{source}: '{key}' must be {allowed}, not {value!r}")
            values[name] = value
        elif name in _TEXTS:
            if not isinstance(value, str) or not value.strip():
                raise ConfigError(f"{source}: '{key}' must be text, not {value!r}")
            values[name] = value
        else:
            raise ConfigError(f"{source}: unknown key '{key}'; allowed keys: {', '.join(KEYS)}")
    if "deck" in values:
        _check_deck_pattern(values["deck"], source)
    return Config(source=source, **values)


def _check_deck_pattern(pattern: str, source: str) -> None:
    allowed = ", ".join("{" + f + "}" for f in DECK_PATTERN_FIELDS)
    try:
        fields = [f for _, f, _, _ in string.Formatter().parse(pattern) if f is not None]
    except ValueError as exc:
        message = f"{source}: 'deck' is not a valid pattern ({exc}); use {allowed}"
        raise ConfigError(message) from None
    unknown = [f for f in fields if f not in DECK_PATTERN_FIELDS]
    if unknown:
        raise ConfigError(f"{source}: 'deck' uses {{{unknown[0]}}}; allowed: {allowed}")


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
