"""The tool where POSIX's own calls are missing (Windows): the end-to-end tests run again
in processes without ``os.fork``, ``fcntl``, ``select.epoll``/``poll`` and
``os.posix_fadvise`` (``tests/posixless/sitecustomize.py`` takes them away), so that a
call only POSIX has can never land unseen; and the portable locks hold on this system."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from flashcards.building import filelock

HERE = Path(__file__).resolve().parent
POSIXLESS = {**os.environ, "PYTHONPATH": str(HERE / "posixless")}

END_TO_END = [
    "test_cli.py", "test_golden.py", "test_sync.py", "test_sync_trust.py",
    "test_anki_import.py", "test_lifecycle.py", "test_incremental.py", "test_reimport.py",
    "test_moves.py", "test_hostile.py", "test_broken_notes.py", "test_careful_user.py",
]  # fmt: skip
# What needs a lock, which such a process (with neither flock nor Windows' msvcrt) has
# not: a second sync waits for the first, two syncs at once leave the collection whole
NEEDS_A_LOCK = "not second_sync_waits and not two_syncs_at_once"


def test_the_names_are_gone_in_a_posixless_process() -> None:
    probe = (
        "import os, select\n"
        "try:\n    import fcntl\nexcept ImportError:\n    fcntl = None\n"
        "print(fcntl, hasattr(os, 'fork'), hasattr(os, 'posix_fadvise'),"
        " hasattr(select, 'epoll'), hasattr(select, 'poll'))"
    )
    said = subprocess.run(
        [sys.executable, "-c", probe], env=POSIXLESS, capture_output=True, text=True, check=True
    )
    assert said.stdout.split() == ["None", "False", "False", "False", "False"]


def test_the_end_to_end_tests_pass_without_posix_calls() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-k", NEEDS_A_LOCK,
         *(str(HERE / name) for name in END_TO_END)],
        env=POSIXLESS, capture_output=True, text=True, cwd=HERE.parent, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert " passed" in run.stdout.splitlines()[-1]


def test_a_file_lock_is_held_until_let_go(tmp_path: Path) -> None:
    assert filelock.can_lock()
    path = tmp_path / "lock"
    first = os.open(path, os.O_RDWR | os.O_CREAT)
    second = os.open(path, os.O_RDWR)
    try:
        assert filelock.try_lock(first) is True
        assert filelock.try_lock(second) is False, "a second open file waits"
        waited: list[float] = []

        def wait() -> None:
            start = time.monotonic()
            filelock.lock(second)
            waited.append(time.monotonic() - start)

        waiter = threading.Thread(target=wait)
        waiter.start()
        time.sleep(0.3)
        assert not waited, "lock() waits while another holds the file"
        os.close(first)
        waiter.join(10)
        assert waited and waited[0] >= 0.3
    finally:
        os.close(second)


PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def test_an_image_path_written_with_backslashes_is_found(tmp_path: Path) -> None:
    from flashcards.building.notefile import process_file
    from flashcards.options import ReadOptions

    (tmp_path / "images" / "sub").mkdir(parents=True)
    (tmp_path / "images" / "sub" / "fig.png").write_bytes(PNG)
    note = tmp_path / "n.md"
    note.write_text("## Key Vocab\n- **Plot:** a figure ![a plot](images\\sub\\fig.png)\n")
    result = process_file((str(note), str(tmp_path)), options=ReadOptions())
    assert not result.problems, result.problems
    ((name, data),) = [(media.name, media.data) for media in result.media]
    assert data == PNG and name.endswith(".png") and "\\" not in name
    assert f'src="{name}"' in result.drafts[0].note.fields[1]
