"""The card settings that the spaced-repetition plugin and Obsidian_to_Anki keep in a
vault (``.obsidian/plugins/.../data.json``) are read, as those tools read them, on small
vaults of our own; ``check -v`` says what was read, and a setting that cannot be honoured
is one warning naming it."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from flashcards.cli import cli
from flashcards.notes import regexcards
from flashcards.notes.plugins import O2A_SETTINGS, SR_SETTINGS
from flashcards.notes.regexcards import translate


def vault(root: Path, notes: dict[str, str], settings: dict[str, Any]) -> Path:
    """A vault at ``root``: its notes, and each plugin's data.json (by its path)."""
    (root / ".obsidian").mkdir(parents=True, exist_ok=True)
    for name, text in notes.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    for path, data in settings.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(json.dumps(data), encoding="utf-8")
    return root


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    monkeypatch.chdir(tmp_path)
    return lambda *args: CliRunner().invoke(cli, list(args))


def cards(run: Callable[..., Result], folder: str) -> list[tuple[str, str, str, str]]:
    result = run("list", folder, "--format", "json")
    assert result.exit_code == 0, result.output
    return [
        (c["deck"], c["kind"], c["front"], c["back"]) for c in json.loads(result.stdout)["cards"]
    ]


SR = {
    "settings": {
        "flashcardTags": ["#biology", "#study/spanish"],
        "flashcardTagsToIgnore": ["#biology/draft"],
        "singleLineCardSeparator": ";;",
        "singleLineReversedCardSeparator": ";;;",
        "multilineCardSeparator": "+?",
        "multilineReversedCardSeparator": "+??",
        "convertHighlightsToClozes": False,
        "convertBoldTextToClozes": True,
        "convertCurlyBracketsToClozes": True,
        "multilineCardEndMarker": "---",
    },
    "buryDate": "2024-05-01",
}
CELLS = """\
---
tags: [biology]
---
# Cells
Cell;;The unit of life
Nucleus;;;Holds the DNA
Hola::not a card here: the separator is ;;

What makes proteins?
+?
Ribosomes

The **mitochondrion** makes energy; ==this== is no cloze; {{ATP}} is its currency.
"""


def test_the_spaced_repetition_plugins_tags_separators_and_clozes_make_the_cards(
    tmp_path: Path, run: Callable[..., Result]
) -> None:
    vault(
        tmp_path / "v",
        {
            "Cells.md": CELLS,
            "Draft.md": CELLS.replace("[biology]", "[biology/draft]"),
            "Spanish.md": "#study/spanish/verbs\n\nSer;;to be\n",
            "Other.md": "#flashcards\n\nNot;;read: #flashcards is no flashcard tag here\n",
        },
        {SR_SETTINGS: SR},
    )
    made = cards(run, "v")
    cells = [c for c in made if c[0].startswith("V")]
    assert cells == [
        ("V::Cells", "vocab", "Cell", "The unit of life"),
        ("V::Cells", "vocab", "Nucleus", "Holds the DNA"),
        ("V::Cells", "vocab-reverse", "Holds the DNA", "Nucleus"),
        ("V::Cells", "vocab", "What makes proteins?", "Ribosomes"),
        ("V::Cells", "cloze", "The [...] makes energy; this is no cloze; ATP is its currency.",
         "mitochondrion"),
        ("V::Cells", "cloze", "The mitochondrion makes energy; this is no cloze; [...] is its "
         "currency.", "ATP"),
    ]  # fmt: skip
    assert ("verbs", "vocab", "Ser", "to be") in made, "a tag below a flashcard tag names the deck"
    assert len(made) == 7, "the ignored tag and #flashcards (not in the settings) make none"


def test_check_verbose_says_what_was_read_and_warns_once_of_what_is_not_honoured(
    tmp_path: Path, run: Callable[..., Result]
) -> None:
    vault(tmp_path / "v", {"Cells.md": CELLS, "Two.md": CELLS}, {SR_SETTINGS: SR})
    result = run("check", "v", "-v")
    assert result.exit_code == 0, result.output
    settings = f"v/{SR_SETTINGS}"
    assert (
        f"{settings}: spaced-repetition plugin: flashcard tags #biology #study/spanish "
        "(not #biology/draft); separators ;; ;;; +? +??; clozes: bold, curly; folders as "
        "decks: no"
    ) in result.output
    warned = [line for line in result.output.splitlines() if "multilineCardEndMarker" in line]
    assert warned == [
        f"{settings}: warning: multilineCardEndMarker: not honoured; a multi-line card's "
        "answer ends at the end of its paragraph"
    ]


def test_a_scheduling_algorithm_whose_schedules_do_not_come_along_is_one_warning(
    tmp_path: Path, run: Callable[..., Result]
) -> None:
    settings = {"settings": {"algorithm": "FSRS"}}
    vault(tmp_path / "v", {"A.md": "#flashcards\n\nA::B\n", "B.md": "#flashcards\n\nC::D\n"},
          {SR_SETTINGS: settings})  # fmt: skip
    output = run("check", "v").output
    assert output.count("warning: algorithm: only the plugin's own (SM-2-OSR) schedules") == 1


def test_folders_as_decks(tmp_path: Path, run: Callable[..., Result]) -> None:
    settings = {"settings": {"flashcardTags": ["#flashcards"], "convertFoldersToDecks": True}}
    vault(tmp_path / "v", {"Bio/Cells/Cell.md": "#flashcards/x\n\nCell::Unit\n"},
          {SR_SETTINGS: settings})  # fmt: skip
    assert cards(run, "v") == [("Bio::Cells", "vocab", "Cell", "Unit")]


O2A = {
    "settings": {
        "CUSTOM_REGEXPS": {
            "Basic": r"^Q: (.+)\n(?<answer>(?:^(?!Q: ).+\n?)+)",
            "Cloze": r"^(.*\{\{c\d+::.+\}\}.*)$",
            "Basic (and reversed card)": r"^(\p{L}+) <-> (.+)$",
            "Basic (optional reversed card)": "",
        },
        "FOLDER_DECKS": {"Biology": "Science::Biology"},
        "FOLDER_TAGS": {"Biology": "bio school"},
        "Syntax": {"Target Deck Line": "TARGET DECK", "Delete Note Line": "DELETE"},
        "Defaults": {"Tag": "Obsidian_to_Anki", "Deck": "Default", "CurlyCloze": True},
    },
    "Added Media": [],
    "File Hashes": {},
    "fields_dict": {"Basic": ["Front", "Back"], "Cloze": ["Text", "Back Extra"]},
}
ORGANELLES = """\
# Organelles
Q: What is the powerhouse of the cell?
The mitochondrion.
<!--ID: 1700000000001-->

Q: What builds proteins?
The ribosome,
from amino acids.

Cells divide by {{c1::mitosis}}.

```
Q: not a card inside code
not an answer
```

START
Basic
Front: Gone?
Back: Yes.
DELETE
<!--ID: 1700000000009-->
END
"""


def test_obsidian_to_ankis_custom_regexps_folder_decks_and_tags(
    tmp_path: Path, run: Callable[..., Result]
) -> None:
    vault(tmp_path / "v", {"Biology/Organelles.md": ORGANELLES}, {O2A_SETTINGS: O2A})
    assert cards(run, "v") == [
        ("Science::Biology", "vocab", "What is the powerhouse of the cell?", "The mitochondrion."),
        ("Science::Biology", "vocab", "What builds proteins?", "The ribosome, from amino acids."),
        ("Science::Biology", "cloze", "Cells divide by [...].", "mitosis"),
    ]
    result = run("check", "v", "-v")
    settings = f"v/{O2A_SETTINGS}"
    problems = [line for line in result.output.splitlines() if ": warning: " in line]
    assert problems == [
        f"{settings}: warning: CUSTOM_REGEXPS 'Basic (and reversed card)': '\\p' has no "
        "equivalent in Python's regular expressions; its cards are not made",
        f"{settings}: warning: Defaults 'CurlyCloze': not honoured by flashcards",
        "v/Biology/Organelles.md:17: warning: DELETE: Obsidian_to_Anki would delete note "
        "1700000000009 from Anki; flashcards makes no card of it and deletes nothing in Anki "
        "(delete it there)",
    ]
    assert f"{settings}: Obsidian_to_Anki: 2 custom regular expression(s)" in result.output


def test_tags_of_obsidian_to_ankis_settings_and_file_tags_reach_anki(
    tmp_path: Path, run: Callable[..., Result]
) -> None:
    text = "TARGET DECK: Mine::Here\nFILE TAGS\nexam\n\n" + ORGANELLES
    vault(tmp_path / "v", {"Biology/Organelles.md": text}, {O2A_SETTINGS: O2A})
    result = run("list", "v", "--format", "json")
    made = json.loads(result.stdout)["cards"]
    assert {card["deck"] for card in made} == {"Mine::Here"}
    tags = {tag for card in made for tag in card["tags"]}
    assert {"obsidian-to-anki", "bio", "school", "exam"} <= tags


@pytest.mark.parametrize(
    ("javascript", "python"),
    [
        (r"(?<q>\w+)=\k<q>", r"(?P<q>\w+)=(?P=q)"),
        (r"a[^]b[]", r"a[\s\S]b(?!)"),
        (r"(?<=x)y(?<!z)", r"(?<=x)y(?<!z)"),
        (r"[[a]\/", r"[\[a]\/"),
    ],
)
def test_javascript_patterns_are_written_anew_for_python(javascript: str, python: str) -> None:
    assert translate(javascript) == (python, "")


def test_what_python_cannot_run_is_refused_with_the_reason() -> None:
    assert translate(r"(?<=a+)b")[1].startswith("cannot be run in Python (look-behind")
    assert translate(r"\cJ")[0] == ""


def test_a_pathological_pattern_is_stopped_and_said_once(
    tmp_path: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(regexcards, "BUDGET_SECONDS", 0.2)
    slow = {"settings": {"CUSTOM_REGEXPS": {"Basic": r"^((a+)+)b(x)"}}}
    vault(tmp_path / "v", {"Slow.md": "# Slow\n\n" + "a" * 60 + "\n\nQ::A\n"}, {O2A_SETTINGS: slow})
    result = run("check", "v")
    assert re.findall(r"v/Slow.md:\d+: warning: .*", result.output) == [
        "v/Slow.md:1: warning: Obsidian_to_Anki's regular expression for 'Basic' took over "
        "0.2 s on this note and was stopped; its cards here are not made"
    ]
