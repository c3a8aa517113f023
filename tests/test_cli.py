"""The command line, as a user meets it: exact messages and exit codes (CliRunner)."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from flashcards import __version__
from flashcards.cli import cli
from flashcards.freshness import PACKAGE, stale_modules

SEED = "designing-machine-learning-systems-chapter-01.md"


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """Run the CLI in ``tmp_path`` (where ``notes/`` lives)."""
    monkeypatch.chdir(tmp_path)

    def invoke(*args: str) -> Result:
        return CliRunner().invoke(cli, list(args))

    return invoke


def test_build_prints_a_summary_and_writes_one_package_per_book(
    seed_notes: Path, run: Callable[..., Result]
) -> None:
    result = run("build")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "1 note, 29 cards in 1 deck",
        "  Designing Machine Learning Systems::Chapter 01: 29",
        "wrote build/designing-machine-learning-systems.apkg",
    ]
    assert [line for line in result.stderr.splitlines() if ": warning: " in line] == [
        f"notes/{SEED}:21: warning: 8 terms have no definition, so no card: "
        "supervised learning, holistic approach, production ML, …"
    ], "eight warnings of a kind about one note: one line, with a count and the first names"
    assert Path("build/designing-machine-learning-systems.apkg").is_file()


def test_verbose_and_check_list_every_warning_of_a_kind(
    seed_notes: Path, run: Callable[..., Result]
) -> None:
    every = [
        f"notes/{SEED}:{line}: warning: '{term}' has no definition; no card made"
        for line, term in [
            (21, "supervised learning"), (26, "holistic approach"), (28, "production ML"),
            (29, "research ML"), (30, "zero-shot learning or zero-data learning"),
            (31, "few-shot learning"), (32, "continual learning"), (33, "online learning"),
        ]
    ]  # fmt: skip
    for args in (["build", "-v"], ["check"], ["list", "-v"]):
        result = run(*args)
        assert [line for line in result.stderr.splitlines() if ": warning: " in line] == every
    listed = run("list")
    assert [line for line in listed.stderr.splitlines() if ": warning: " in line] == [
        f"notes/{SEED}:21: warning: 8 terms have no definition, so no card: "
        "supervised learning, holistic approach, production ML, …"
    ]


def test_two_warnings_of_a_kind_are_each_shown_and_other_kinds_apart(
    notes_dir: Path, run: Callable[..., Result]
) -> None:
    (notes_dir / "a.md").write_text(
        "# A\n\n## Key Vocab\n\n- one\n- two\n- **P:** the figure ![](p.png)\n"
        "- **Q:** the figure ![](q.png)\n- **R:** the figure ![](r.png)\n",
        encoding="utf-8",
    )
    warned = [line for line in run("build").stderr.splitlines() if ": warning: " in line]
    assert warned == [
        "notes/a.md:5: warning: 'one' has no definition; no card made",
        "notes/a.md:6: warning: 'two' has no definition; no card made",
        "notes/a.md:7: warning: 3 images not found, so their cards show the alt text: "
        "p.png, q.png, r.png",
    ]


def test_quiet_build_prints_nothing_when_all_is_well(
    seed_notes: Path, run: Callable[..., Result]
) -> None:
    result = run("build", "-q")
    assert (result.exit_code, result.output) == (0, "")


def test_a_note_error_is_reported_with_its_line_and_the_other_notes_are_written(
    seed_notes: Path, run: Callable[..., Result]
) -> None:
    (seed_notes / "broken.md").write_text("---\ntitle: [unclosed\n---\n", encoding="utf-8")
    (seed_notes / "binary.md").write_bytes(b"\x00\x01\x02")
    result = run("build")
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert errors == [
        "notes/binary.md:1: error: the file holds a NUL byte: it is binary, not a text note",
        "notes/broken.md:3: error: front matter is not valid YAML: "
        "did not find expected ',' or ']'",
    ]
    assert result.stderr.splitlines()[-1] == "Error: 2 errors in notes; those notes were left out"
    assert Path("build/designing-machine-learning-systems.apkg").is_file(), "one broken note "
    "stops nothing else"


def test_strict_turns_warnings_into_errors(seed_notes: Path, run: Callable[..., Result]) -> None:
    result = run("check", "--strict")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == "Error: 8 errors in notes"
    assert (
        f"notes/{SEED}:21: error: 'supervised learning' has no definition; no card made"
        in result.stderr.splitlines()
    )


def test_missing_path_is_a_usage_error(tmp_path: Path, run: Callable[..., Result]) -> None:
    result = run("build", "nowhere")
    assert result.exit_code == 2
    assert "Path 'nowhere' does not exist." in result.stderr


def test_no_notes_folder_is_a_usage_error(run: Callable[..., Result]) -> None:
    result = run("check")
    assert result.exit_code == 2
    assert "Error: no notes folder here: give note files or folders as PATHS" in result.stderr


def test_output_folder_that_is_a_file_is_a_usage_error(
    seed_notes: Path, run: Callable[..., Result]
) -> None:
    Path("out").write_text("not a folder", encoding="utf-8")
    result = run("build", "-o", "out")
    assert result.exit_code == 2
    assert "Directory 'out' is a file." in result.stderr


def test_unwritable_output_folder_is_reported_without_traceback(
    seed_notes: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    result = run("build", "-o", "out")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == "Error: output folder out is not writable"
    assert "Traceback" not in result.output


def test_version_and_python_dash_m() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "flashcards", "--version"], capture_output=True, text=True
    )
    assert done.returncode == 0
    first, runs_on = done.stdout.splitlines()
    assert first == (
        f"flashcards {__version__}: Markdown study notes to Anki decks that update in place"
    )
    fresh = any(Path(PACKAGE).rglob("*.so")) and stale_modules() == ([], False)
    assert runs_on == (
        f"Python {platform.python_version()}, {'compiled' if fresh else 'plain Python'}, "
        f"anki {metadata.version('anki')}"
    )


def all_commands() -> list[tuple[str, click.Command]]:
    assert isinstance(cli, click.Group)
    return [(name, command) for name, command in cli.commands.items()]


@pytest.mark.parametrize("name, command", all_commands(), ids=lambda v: str(v))
def test_every_command_and_option_has_help(name: str, command: click.Command) -> None:
    assert command.help and "Example:" in command.help, f"'{name}' needs help with an example"
    for param in command.params:
        if isinstance(param, click.Option):
            assert param.help, f"option {param.opts} of '{name}' has no help"
    result = CliRunner().invoke(cli, [name, "-h"])
    assert result.exit_code == 0
    assert "Usage: " in result.output


def test_colour_on_a_terminal_but_never_with_no_color(
    seed_notes: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    coloured = CliRunner().invoke(cli, ["check"], color=True)
    assert "\x1b[33mwarning:\x1b[0m" in coloured.stderr
    piped = CliRunner().invoke(cli, ["check"])
    assert "\x1b[" not in piped.stderr
    monkeypatch.setenv("NO_COLOR", "1")
    plain = CliRunner().invoke(cli, ["check"], color=True)
    assert "\x1b[" not in plain.stderr
    assert f"notes/{SEED}:33: warning: 'online learning'" in plain.stderr


def test_verbose_names_each_note_read(seed_notes: Path, run: Callable[..., Result]) -> None:
    result = run("build", "-v")
    assert result.exit_code == 0
    assert (
        f"read notes/{SEED} -> Designing Machine Learning Systems::Chapter 01 (book from the "
        "title (front matter 'title'); chapter from the title (front matter 'title'))"
    ) in result.stderr.splitlines()
    assert "build/.flashcards-state.json: none yet (a first build here); every card is new" in (
        result.stderr.splitlines()
    )


def test_list_prints_a_table_of_every_card_that_fits_the_terminal(
    seed_notes: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    for columns in (60, 100, 160):
        monkeypatch.setenv("COLUMNS", str(columns))
        result = run("list", "-q")
        lines = result.stdout.splitlines()
        assert result.exit_code == 0
        assert lines[0].split() == ["KIND", "FRONT", "BACK", "SOURCE"]
        assert lines[1] == "Designing Machine Learning Systems::Chapter 01"[:columns]
        assert len(lines) == 2 + 29
        assert max(len(line) for line in lines) <= columns
    rows = [line for line in lines if line.lstrip().startswith("checklist")]
    assert rows[0].split()[:2] == ["checklist", "1"]
    assert "A machine learning system is so much more" in rows[0]
    assert rows[1].split()[:2] == ["checklist", "2"]
    assert "A machine learning system" not in rows[1], "the prompt stands once"
    assert "user interfaces for both developers and end users" in rows[1], "the hidden item"


def test_skip_drafts_leaves_out_draft_notes(seed_notes: Path, run: Callable[..., Result]) -> None:
    result = run("build", "--skip-drafts")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "0 notes, 0 cards in 0 decks (1 draft skipped)"


def test_every_command_has_version(run: Callable[..., Result]) -> None:
    for command in ("build", "check", "list", "watch", "preview"):
        result = run(command, "--version")
        assert (result.exit_code, result.stdout.split(":")[0]) == (0, f"flashcards {__version__}")


def test_progress_bar_draws_on_a_terminal_after_its_delay(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from flashcards.cli.console import Console, ProgressBar

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    bar = ProgressBar(Console(), delay=0.0)
    bar(5, 10)
    bar(10, 10)
    assert capsys.readouterr().err == (
        "\r[###############...............] 5/10 notes"
        "\r[##############################] 10/10 notes\n"
    )
    quiet = ProgressBar(Console(verbosity=-1), delay=0.0)
    quiet(1, 2)
    assert capsys.readouterr().err == ""


def test_a_big_build_sums_up_instead_of_flooding(
    notes_dir: Path, run: Callable[..., Result]
) -> None:
    for number in range(1, 26):
        (notes_dir / f"c{number}.md").write_text(
            f'---\ntitle: "Book {number} - Chapter {number}"\n---\n'
            "## Key Vocab\n- **Term:** meaning\n- bare one\n- bare two\n"
        )
    built = run("build")
    assert built.exit_code == 0
    err = built.stderr.splitlines()
    assert [line for line in err if ": warning: " in line] == [
        "notes/c1.md:6: warning: 'bare one' has no definition; no card made (and 49 more like it)"
    ], "a kind of warning that many notes have is printed once, with a count"
    out = built.stdout.splitlines()
    assert out[0] == "25 notes, 25 cards in 25 decks"
    assert out[-2:] == ["  ... and 5 more decks", "wrote 25 packages to build (0 unchanged)"]
    checked = run("check")
    assert len([line for line in checked.stderr.splitlines() if ": warning: " in line]) == 50
    again = run("build")
    assert again.stderr.splitlines() == [
        "50 warnings in 25 unchanged notes (flashcards check lists them)"
    ]
    assert (
        again.stdout.splitlines()[0] == "nothing changed since the last build: 25 notes, "
        "25 cards in 25 decks"
    )


def test_a_note_is_named_from_the_working_folder_through_links(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flashcards.building.notefile import shown_path

    work = tmp_path / "work"
    (work / "notes").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "via").symlink_to(work, target_is_directory=True)
    (tmp_path / "elsewhere" / "link.md").symlink_to(work / "notes" / "real.md")
    monkeypatch.chdir(work)
    assert shown_path(Path("notes/a.md")) == "notes/a.md"
    assert shown_path(work / "notes" / "a.md") == "notes/a.md"
    assert shown_path(tmp_path / "via" / "notes" / "a.md") == "notes/a.md"  # a linked folder
    assert shown_path(tmp_path / "elsewhere" / "link.md") == "notes/real.md"  # a linked file
    assert shown_path(tmp_path / "elsewhere" / "b.md") == str(tmp_path / "elsewhere" / "b.md")
    assert shown_path(Path("../elsewhere/b.md")) == "../elsewhere/b.md"  # outside: as given
    assert shown_path(work) == "."
