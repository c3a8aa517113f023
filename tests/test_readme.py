"""The examples of the README and of every page in docs/ are run, and their links
followed, so they cannot go stale. Each fenced block has a checker (a block of a kind no
test reads fails ``test_every_example_is_checked``)."""

from __future__ import annotations

import json
import re
import shlex
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import AnkiCollection

from flashcards.anki.stats import CardStats
from flashcards.cli import cli
from flashcards.notes.config import KEYS, find_config
from flashcards.notes.markdown import parse_markdown
from flashcards.notes.model import Node
from flashcards.notes.parse import parse_note

ROOT = Path(__file__).resolve().parent.parent
PAGES = {
    path.relative_to(ROOT).as_posix(): path.read_text(encoding="utf-8")
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
}
LINKED = [*PAGES, "CHANGELOG.md", "benchmarks/README.md"]  # pages whose links are followed
README = "README.md"
# The blocks each test reads: (page or None for every page, language) and how many.
CHECKED = {
    (README, "markdown"): 1,  # the note example, with the cards and warnings it gives
    (README, ""): 1,  # the warnings it gives
    (README, "console"): 1,  # every command, each run
    ("docs/commands.md", "json"): 1,  # list's JSON shape
    ("docs/configuration.md", "yaml"): 1,  # every configuration key
    ("docs/sync.md", ""): 1,  # a line of stats
    ("docs/coming-from-other-tools.md", ""): 2,  # what sync --dry-run and check -v say
}


def fenced(page: str) -> list[tuple[str, str]]:
    """The page's fenced code blocks, as (language, text), read by the parser."""
    return [
        (node.text, "".join(child.text for child in node.children))
        for node in parse_markdown(PAGES[page])
        if node.kind == "code_block"
    ]


def blocks(page: str, language: str) -> list[str]:
    return [text for kind, text in fenced(page) if kind == language]


def test_every_example_is_checked() -> None:
    found: dict[tuple[str, str], int] = {}
    for page in PAGES:
        for language, _ in fenced(page):
            if language != "sh":  # every page's shell lines: test_shell_lines_are_real
                found[page, language] = found.get((page, language), 0) + 1
    assert found == CHECKED, "a new example needs a test here"


def test_readme_note_example_gives_the_cards_and_warnings_it_shows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    example = blocks(README, "markdown")[0]
    note = parse_note(example, "notes/example.md")
    assert [v.term for v in note.vocab] == ["MLOps", "Machine Learning"]
    assert [(c.prompt, len(c.items), c.ordered) for c in note.checklists] == [
        ("Before starting an ML project, ask:", 2, False),
        ("To frame an ML problem, in order:", 3, True),
    ]
    assert note.deck == "Designing Machine Learning Systems::Chapter 01"
    assert note.all_tags == ("designing-machine-learning-systems::chapter-01", "mlops")

    shown = blocks(README, "")[0].strip().splitlines()
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "example.md").write_text(example, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check"])
    assert result.exit_code == 0
    assert result.stderr.strip().splitlines() == shown


def test_readme_command_examples_run(
    seed_notes: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    base = tmp_path / "Anki2"  # sync and stats find the user's (closed) collection here
    (base / "User 1").mkdir(parents=True)
    AnkiCollection(base / "User 1" / "collection.anki2").col.close()
    monkeypatch.setenv("ANKI_BASE", str(base))
    monkeypatch.setenv("ANKICONNECT_URL", "http://127.0.0.1:9")
    (console,) = blocks(README, "console")
    commands = [line[2:].split("#")[0].split(">")[0] for line in console.splitlines()]
    assert {shlex.split(c)[1] for c in commands} == set(cli.commands)  # type: ignore[attr-defined]
    for command in commands:
        args = [arg for arg in shlex.split(command)[1:] if arg != "--open"]
        if args[0] == "watch":
            continue  # it runs until Ctrl-C: tests/test_watch.py drives it
        result = CliRunner().invoke(cli, args)
        # The user's note lists undefined bare terms: warnings, which --strict makes errors.
        expected = 1 if "--strict" in args else 0
        assert result.exit_code == expected, f"{command}: {result.output}"


def test_list_json_matches_the_documented_shape(
    seed_notes: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (documented,) = (json.loads(b) for b in blocks("docs/commands.md", "json"))
    result = CliRunner().invoke(cli, ["list", "--format", "json"])
    actual = json.loads(result.stdout)
    assert actual.keys() == documented.keys() and actual["version"] == documented["version"]
    example = documented["cards"][0]
    kinds = {c["kind"] for c in actual["cards"]}
    assert kinds == {"vocab", "checklist"}
    for card in actual["cards"]:
        assert card.keys() == example.keys()
        for key, value in example.items():
            assert type(card[key]) is type(value), key
        assert all(isinstance(tag, str) for tag in card["tags"])
    assert actual["cards"][0] == {**example, "tags": actual["cards"][0]["tags"]}
    assert set(example["tags"]) <= set(actual["cards"][0]["tags"])


def test_the_documented_configuration_is_every_key_and_builds(
    seed_notes: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (documented,) = blocks("docs/configuration.md", "yaml")
    assert set(yaml.safe_load(documented)) == set(KEYS), "every key, and only real ones"
    (seed_notes / "flashcards.yaml").write_text(documented, encoding="utf-8")
    config = find_config(seed_notes)
    assert (config.extra_tags, config.packages) == (("reading",), "book")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["build"])
    assert result.exit_code == 0, result.output


def test_the_documented_stats_line_is_what_stats_prints() -> None:
    (shown,) = blocks("docs/sync.md", "")
    found = re.fullmatch(
        r"(.+):(\d+): '(.+)' lapses (\d+), again (\d+)% of (\d+) reviews, ease (\d+)%\n", shown
    )
    assert found, shown
    path, line, label, lapses, rate, reviews, ease = found.groups()
    again = round(int(rate) * int(reviews) / 100)
    card = CardStats(label, "Deck", path, int(line), int(lapses), again, int(reviews),
                     float(ease), None)  # fmt: skip
    assert card.describe() + "\n" == shown


def test_shell_lines_are_real(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each `sh` line is a make target of the Makefile, or an install from the clone with
    an extra the package has (tests/test_package.py installs the wheel)."""
    targets = set(re.findall(r"^([a-z-]+):", (ROOT / "Makefile").read_text(), re.MULTILINE))
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extras = set(project["optional-dependencies"])
    lines = [
        line.split("#")[0].strip()
        for page in PAGES
        for text in blocks(page, "sh")
        for line in text.splitlines()
    ]
    assert lines
    for line in lines:
        words = shlex.split(line)
        if words[0] == "make":
            assert len(words) == 2 and words[1] in targets, line
        elif words[0] == "flashcards":  # a command and options the tool has
            monkeypatch.chdir(tmp_path)
            for folder in (word for word in words[2:] if word.endswith("/")):
                (tmp_path / folder).mkdir(exist_ok=True)
            command = cli.commands[words[1]]  # type: ignore[attr-defined]
            command.make_context(words[1], words[2:])
        elif words == ["python", "-m", "build"]:
            continue
        else:
            assert words[:-1] in (["pipx", "install"], ["uv", "tool", "install"],
                                  ["pip", "install"]), line  # fmt: skip
            spec = re.fullmatch(r"\.(?:\[(\w+)\])?", words[-1])
            assert spec and (spec[1] is None or spec[1] in extras), line


def _anchor(heading: str) -> str:
    """The anchor GitHub gives a heading."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def _links(nodes: list[Node]) -> Iterator[str]:
    """The targets of the links and images among ``nodes`` and their descendants."""
    for node in nodes:
        if node.kind in ("link", "image"):
            yield node.text
        yield from _links(list(node.children))


def test_every_link_between_pages_leads_somewhere() -> None:
    followed = 0
    for page in LINKED:
        for target in _links(parse_markdown((ROOT / page).read_text(encoding="utf-8"))):
            if re.match(r"[a-z]+:", target):
                continue  # a web address
            file, _, anchor = target.partition("#")
            path = (ROOT / page).parent / file if file else ROOT / page
            assert path.resolve().is_file(), f"{page}: {target}"
            if anchor:
                headings = re.findall(r"^#+ (.+)$", path.read_text(encoding="utf-8"), re.M)
                assert anchor in {_anchor(h) for h in headings}, f"{page}: {target}"
            followed += 1
    assert followed > 20


def test_the_switch_pages_output_says_what_the_tool_says() -> None:
    """The lines docs/coming-from-other-tools.md shows are the tool's own words: each
    message's fixed part is in the package's source."""
    source = " ".join(p.read_text(encoding="utf-8") for p in (ROOT / "flashcards").rglob("*.py"))
    phrases = [
        "taken over from Obsidian_to_Anki",
        "cards with a review schedule",
        "not honoured",
        "folders as decks",
    ]
    shown = "".join(text for _, text in fenced("docs/coming-from-other-tools.md"))
    for phrase in phrases:
        assert phrase in shown and phrase in source, phrase
