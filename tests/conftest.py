"""Shared fixtures: note folders on disk, and a real Anki collection to import into."""

from __future__ import annotations

import signal
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED_NOTE = ROOT / "tests" / "cases" / "seed-dmls-chapter-01.md"


def output_files(out: Path) -> dict[str, bytes]:
    """Every file a build left in ``out`` (at any depth), by name, with its bytes: what a
    failed build must leave exactly as it was."""
    return {p.name: p.read_bytes() for p in out.rglob("*") if p.is_file()}


@pytest.fixture
def notes_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "notes"
    folder.mkdir()
    return folder


@pytest.fixture
def vault_missing_image(notes_dir: Path) -> Path:
    """An Obsidian vault in ``notes_dir`` whose one note embeds ``plug.png``, a file that
    is nowhere yet (the vault, returned: its book is ``topics``)."""
    vault = notes_dir / "Vault"
    (vault / ".obsidian").mkdir(parents=True)
    (vault / "Topics").mkdir()
    (vault / "Topics" / "Sockets.md").write_text(
        "## Key Vocab\n- **Socket:** an endpoint ![[plug.png]]\n- **Port:** a number\n"
    )
    return vault


@pytest.fixture
def write_note(notes_dir: Path) -> Callable[..., Path]:
    """Write a note file (dedented) under the notes folder and return its path."""

    def write(name: str, text: str, *, dedent: bool = True, newline: str = "\n") -> Path:
        path = notes_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        body = textwrap.dedent(text).lstrip("\n") if dedent else text
        path.write_bytes(body.replace("\n", newline).encode("utf-8"))
        return path

    return write


@dataclass
class ImportResult:
    new: int
    updated: int
    duplicate: int
    conflicting: int


class AnkiCollection:
    """A real Anki collection (the official ``anki`` package) in a temporary folder."""

    def __init__(self, path: Path) -> None:
        from anki.collection import Collection

        self.col = Collection(str(path))

    def import_apkg(self, apkg: Path, **options: bool) -> ImportResult:
        """Import as Anki's File -> Import does (its options as given: ``with_scheduling``
        is its "import any learning progress")."""
        from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest

        request = ImportAnkiPackageRequest(
            package_path=str(apkg), options=ImportAnkiPackageOptions(**options)
        )
        log = self.col.import_anki_package(request).log
        self.col.models._clear_cache()
        return ImportResult(
            len(log.new), len(log.updated), len(log.duplicate), len(log.conflicting)
        )

    def notes(self, query: str = "") -> list[Any]:
        return [self.col.get_note(nid) for nid in self.col.find_notes(query)]

    def note_by_field(self, field: str, value: str) -> Any:
        found = self.notes(f'"{field}:{value}"')
        assert len(found) == 1, f"{field}:{value} -> {len(found)} notes"
        return found[0]


@pytest.fixture
def anki(tmp_path: Path) -> Iterator[AnkiCollection]:
    collection = AnkiCollection(tmp_path / "collection.anki2")
    yield collection
    collection.col.close()


@pytest.fixture
def seed_notes(notes_dir: Path) -> Path:
    """A notes folder holding the user's own note."""
    (notes_dir / "designing-machine-learning-systems-chapter-01.md").write_bytes(
        SEED_NOTE.read_bytes()
    )
    return notes_dir


CHROMIUM_PATHS = ("/usr/bin/chromium-headless-shell", "/usr/bin/chromium")
ENABLE_BROWSER = (
    "no Chromium for the browser tests: as root, `apt-get install -y chromium-headless-shell` "
    "enables them"
)


def pytest_configure(config: pytest.Config) -> None:
    """Ctrl-C reaches the commands the tests start, as it does in a terminal. A suite
    started in the background by a shell without job control (``make test &``, a CI
    runner's script) inherits SIGINT ignored, and so would every ``watch`` and ``build``
    it starts: the tests that stop them with SIGINT waited forever."""
    if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """A real headless Chromium driven by Playwright (the system's: Playwright cannot
    download browsers here). Skipped where there is none, unless the environment says
    these tests must run (CI sets FLASHCARDS_REQUIRE_BROWSER)."""
    import os
    import shutil

    executable = next(
        (
            p
            for p in (shutil.which("chromium-headless-shell"), *CHROMIUM_PATHS)
            if p and Path(p).exists()
        ),
        None,
    )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        executable = None
    if executable is None:
        if os.environ.get("FLASHCARDS_REQUIRE_BROWSER"):
            pytest.fail(ENABLE_BROWSER)
        pytest.skip(ENABLE_BROWSER)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=executable,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run"],
        )  # fmt: skip
        yield launched
        launched.close()


ARTIFACTS = ROOT / "build" / "test-artifacts"


def wait_for(condition: Callable[[], bool], seconds: float = 30.0) -> None:
    """Wait until ``condition()`` holds (a process or a page catching up), at most ``seconds``."""
    import time

    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)
