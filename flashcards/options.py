"""What a build is asked to do: plain values, cheap to import (the fast path needs them)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

Progress = Callable[[int, int], None]
DEFAULT_MAX_IMAGE_BYTES = 20 * 1024 * 1024
DEFAULT_DECK_PATTERN = "{book}::{chapter}"


@dataclass(frozen=True)
class CardSyntax:
    """How inline cards are written: the defaults of Obsidian's spaced-repetition plugin
    and of Obsidian_to_Anki, or what their settings in the vault say
    (:mod:`flashcards.notes.plugins` reads them)."""

    tags: tuple[str, ...] = ("flashcards",)  # a note tagged so (or below) opts in
    ignored_tags: tuple[str, ...] = ()  # ... unless it is tagged so
    single: str = "::"
    single_reversed: str = ":::"
    multi: str = "?"
    multi_reversed: str = "??"
    highlights: bool = True  # ==text== is a cloze
    bold: bool = False  # **text** is a cloze
    curly: bool = False  # {{text}} is a cloze
    folder_decks: bool = False  # a note's folders name its deck
    # Obsidian_to_Anki: (note type, card kind, Python pattern) of each custom regex
    regexps: tuple[tuple[str, str, str], ...] = ()
    default_deck: str = ""
    default_tags: tuple[str, ...] = ()
    folder_deck_map: tuple[tuple[str, str], ...] = ()  # (folder from the vault, deck)
    folder_tag_map: tuple[tuple[str, tuple[str, ...]], ...] = ()
    begin_note: str = "START"
    end_note: str = "END"
    target_deck_line: str = "TARGET DECK"
    file_tags_line: str = "FILE TAGS"
    delete_line: str = "DELETE"
    vault: str = ""  # the folder whose .obsidian settings were read
    # for check -v and the warnings: what was read, and what cannot be honoured
    read: tuple[str, ...] = field(default=(), compare=False, repr=False)
    unhonoured: tuple[tuple[str, str], ...] = field(default=(), compare=False, repr=False)


DEFAULT_SYNTAX = CardSyntax()


@dataclass(frozen=True)
class ParseOptions:
    """What the parser looks for; the defaults fit the common note styles."""

    vocab_headings: tuple[str, ...] = (
        "key vocab",
        "key vocabulary",
        "vocab",
        "vocabulary",
        "glossary",
        "key terms",
        "terms",
        "definitions",
    )
    words_labels: tuple[str, ...] = ("words",)
    deck_pattern: str = DEFAULT_DECK_PATTERN
    extra_tags: tuple[str, ...] = ()
    packages: str = "book"  # one package per "book", per top-level "folder", or "one"
    inline_cards: bool = False  # every note's Q::A lines and ==clozes== are cards
    syntax: CardSyntax = DEFAULT_SYNTAX


DEFAULT_OPTIONS = ParseOptions()


@dataclass(frozen=True)
class ReadOptions:
    """How note files are read into cards."""

    parse: ParseOptions = DEFAULT_OPTIONS
    reverse: bool = False
    skip_drafts: bool = False
    max_image_bytes: int = DEFAULT_MAX_IMAGE_BYTES
    sequence: str = "overlapping"  # ordered checklists: "overlapping" or "all"


SEQUENCES = ("overlapping", "all")
PACKAGES = ("book", "folder", "one")


@dataclass(frozen=True)
class BuildOptions:
    """Choices of a build; the defaults are what ``make deck`` does."""

    reverse: bool = False
    skip_drafts: bool = False
    strict: bool = False
    parse: ParseOptions = DEFAULT_OPTIONS
    max_image_bytes: int = DEFAULT_MAX_IMAGE_BYTES
    sequence: str = "overlapping"
    progress: Progress | None = field(default=None, compare=False)
    notify: Callable[[str], None] | None = field(default=None, compare=False)

    def read_options(self) -> ReadOptions:
        """How each note file is read."""
        return ReadOptions(
            self.parse, self.reverse, self.skip_drafts, self.max_image_bytes, self.sequence
        )
