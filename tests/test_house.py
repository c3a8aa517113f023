"""The house rules (ARCHITECTURE.md), read from the source: imports flow one way through
the stages, and no room grows past what one person holds in mind. ``make lint`` runs these."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "flashcards"
MAX_MODULE_LINES = 300
MAX_CLASS_LINES = 120

# Each stage may import its own and lower stages; ``anki`` and ``preview`` are siblings
# that never import each other. The package's ``__init__`` is the public facade (lazy).
STAGES = {"": 0, "notes": 1, "cards": 2, "building": 3, "anki": 4, "preview": 4, "cli": 5}


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def stage_of(module: str) -> str:
    """``flashcards.notes.model`` -> ``notes``; shared modules (errors, options) -> ``""``."""
    parts = module.split(".")
    if parts[0] != "flashcards":
        raise ValueError(module)
    if len(parts) > 2 and parts[1] in STAGES:
        return parts[1]
    if len(parts) == 2 and parts[1] in STAGES and (PACKAGE / parts[1]).is_dir():
        return parts[1]
    if parts[1:] == ["__main__"]:
        return "cli"
    return ""


def dotted(path: Path) -> str:
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported(path: Path) -> list[tuple[int, str]]:
    """Every ``flashcards`` module a file imports, wherever the import statement is."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                raise AssertionError(f"{path}:{node.lineno}: relative import; write it whole")
            if node.module and node.module.split(".")[0] == "flashcards":
                found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found += [
                (node.lineno, alias.name)
                for alias in node.names
                if alias.name.split(".")[0] == "flashcards"
            ]
    return found


def test_the_stages_are_the_folders() -> None:
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert folders == {stage for stage in STAGES if stage}


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_flow_one_way(path: Path) -> None:
    if path == PACKAGE / "__init__.py":
        return  # the public API, imported lazily from the stages that own it
    here = stage_of(dotted(path))
    upward = [
        f"{line}: {module} ({stage_of(module) or 'shared'})"
        for line, module in imported(path)
        if STAGES[stage_of(module)] > STAGES[here]
        or (STAGES[stage_of(module)] == STAGES[here] and stage_of(module) != here)
    ]
    assert upward == [], f"{path.name} ({here or 'shared'}) imports upwards or sideways"


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_room_is_too_big(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= MAX_MODULE_LINES
    tree = ast.parse(text)
    assert ast.get_docstring(tree), "each module's docstring says its one concern"
    classes = [node for node in ast.walk(tree) if isinstance(node, ast.ClassDef)]
    too_big = [
        (c.name, c.end_lineno - c.lineno + 1)
        for c in classes
        if c.end_lineno and c.end_lineno - c.lineno + 1 > MAX_CLASS_LINES
    ]
    assert too_big == []


def test_the_rules_can_fail(tmp_path: Path) -> None:
    """The checks above see an upward import inside a function, and a stage of each name."""
    module = tmp_path / "x.py"
    module.write_text("def f():\n    from flashcards.cli.commands import cli\n")
    assert imported(module) == [(2, "flashcards.cli.commands")]
    assert stage_of("flashcards.cli.commands") == "cli"
    assert stage_of("flashcards.errors") == ""
    assert stage_of("flashcards.notes") == "notes"
    assert stage_of("flashcards.__main__") == "cli"


def test_no_compiled_module_is_older_than_its_source() -> None:
    """``make`` compiles the modules ``setup.py`` lists, beside their sources; Python
    imports such an extension module before the source, so an edit made since would
    not run. ``make deck`` and ``make test`` compile again after any edit."""
    stale = [
        str(source.relative_to(PACKAGE.parent))
        for extension in PACKAGE.rglob("*.so")
        if (source := extension.parent / f"{extension.name.split('.')[0]}.py").exists()
        and source.stat().st_mtime > extension.stat().st_mtime
    ]
    assert not stale, f"edited since they were compiled (run make test): {stale}"
