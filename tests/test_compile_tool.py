"""tools/compile.py: a compile never leaves a half set of compiled modules in the package
(the shared library goes in last and out first), runs once for many callers, and without
a compiler leaves the plain Python (tests/test_make.py: make deck starts it afterwards)."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from types import ModuleType

import pytest

SUFFIX = ".cpython-311-x86_64-linux-gnu.so"


@pytest.fixture
def tool(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """The compile tool, working on a package and a build folder of its own."""
    path = Path(__file__).resolve().parent.parent / "tools" / "compile.py"
    spec = importlib.util.spec_from_file_location("compile_tool", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "PACKAGE", tmp_path / "package" / "flashcards")
    monkeypatch.setattr(module, "BUILT", tmp_path / "built")
    return module


def _modules(root: Path) -> None:
    for name in ("notes/text", "cards/identity", "compiled__mypyc"):
        (root / f"{name}{SUFFIX}").parent.mkdir(parents=True, exist_ok=True)
        (root / f"{name}{SUFFIX}").write_bytes(name.encode())


def test_the_shared_library_goes_in_last_and_out_first(
    tool: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    _modules(tool.BUILT / "flashcards")
    for folder in ("notes", "cards"):  # the package's folders, as the sources have them
        (tool.PACKAGE / folder).mkdir(parents=True)
    moved: list[str] = []
    replace = os.replace
    monkeypatch.setattr(os, "replace", lambda a, b: (moved.append(Path(b).name), replace(a, b)))
    tool.install_compiled()
    assert moved[-1] == f"compiled__mypyc{SUFFIX}" and len(moved) == 3
    assert (tool.PACKAGE / f"notes/text{SUFFIX}").read_bytes() == b"notes/text"
    assert not list(tool.PACKAGE.rglob(".*.partial"))

    gone: list[str] = []
    unlink = Path.unlink
    monkeypatch.setattr(Path, "unlink", lambda p, **k: (gone.append(p.name), unlink(p, **k)))
    tool.remove_compiled()
    assert gone[0] == f"compiled__mypyc{SUFFIX}" and not list(tool.PACKAGE.rglob("*.so"))


def test_without_a_compiler_the_package_is_plain_python_and_not_compiled_again(
    tool: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    _modules(tool.PACKAGE)  # an old compile
    source = tmp_path / "text.py"
    source.write_text("")
    calls: list[Path] = []
    monkeypatch.setattr(tool, "compile_into", lambda log: calls.append(log) or False)
    venv = tmp_path / "venv"
    venv.mkdir()
    assert tool.main(venv, [str(source)]) == 0
    assert not list(tool.PACKAGE.rglob("*.so")), "no stale modules are left"
    assert "not compiled" in capsys.readouterr().err
    assert tool.main(venv, [str(source)]) == 0
    assert len(calls) == 1, "done: a second run (as one that waited for the lock) finds the stamp"
    later = (venv / ".compiled").stat().st_mtime + 10
    os.utime(source, (later, later))
    tool.main(venv, [str(source)])
    assert len(calls) == 2, "a source changed since: compiled again"
