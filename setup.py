"""Packaging, and the optional compiled build of the modules every card passes through.

``pip install .`` installs the package as plain Python. ``make deck`` then compiles the
modules below with mypyc in the background, after its build (``make test``, ``make
bench`` before theirs), from the same sources, into extension modules beside them
(``tools/compile.py``): a full build takes about a sixth less CPU. Where there is no C compiler
the build says so and the plain Python is used; the two behave the same (the tests run
on the compiled modules, and the golden packages are byte-identical either way).
"""

from __future__ import annotations

import os
import sys
import sysconfig
from pathlib import Path
from typing import Any

from setuptools import setup

# The modules a note and each of its cards pass through: reading, parsing, extracting,
# rendering, identity, the rows and stamps of a package, the check of every note's book
# and decks; and those a build with nothing to do runs for every note file (the scan, the
# manifest and its checks, the plan). Not compiled: what runs once a build (the CLI,
# scheduling workers), what tests replace with monkeypatch (a compiled caller would not
# see the replacement), and what holds state between reads of the notes
# (``notes/folders.py`` clears the caches of ``place``).
COMPILED = [
    "flashcards/notes/scan.py",
    "flashcards/notes/load.py",
    "flashcards/notes/lenient.py",
    "flashcards/notes/parse.py",
    "flashcards/notes/titles.py",
    "flashcards/notes/shown.py",
    "flashcards/notes/asked.py",
    "flashcards/notes/model.py",
    "flashcards/notes/markdown.py",
    "flashcards/notes/text.py",
    "flashcards/notes/rawhtml.py",
    "flashcards/notes/media.py",
    "flashcards/notes/marks.py",
    "flashcards/notes/flatyaml.py",
    *sorted(str(p) for p in Path("flashcards/notes/dialects").glob("*.py")),
    *sorted(str(p) for p in Path("flashcards/notes/extract").glob("*.py")),
    "flashcards/cards/render.py",
    "flashcards/cards/escape.py",
    "flashcards/cards/code.py",
    "flashcards/cards/inline.py",
    "flashcards/cards/history.py",
    "flashcards/cards/identity.py",
    "flashcards/cards/settle.py",
    "flashcards/cards/notetypes.py",
    "flashcards/cards/view.py",
    "flashcards/building/apkg.py",
    "flashcards/building/books.py",
    "flashcards/building/stamps.py",
    "flashcards/building/manifest.py",
    "flashcards/building/plan.py",
    "flashcards/building/statecheck.py",
]


def compiled_modules() -> list[Any]:
    """mypyc's extension modules for :data:`COMPILED` when asked for, else none."""
    if os.environ.get("FLASHCARDS_COMPILE") != "1":
        return []
    from mypyc.build import mypycify

    extensions = mypycify(
        [path for path in COMPILED if not path.endswith("__init__.py")],
        opt_level="3",
        group_name="flashcards.compiled",  # its shared library lives in the package
        target_dir=".mypyc",  # the generated C, beside the build's temporary files
    )
    for extension in extensions:
        extension.optional = True  # no C compiler: a warning, and plain Python
    return extensions


def _all_or_none(extensions: list[Any], folder: Path) -> None:
    """Keep the compiled modules only if every one of them was built (into ``folder``): a
    module left uncompiled beside compiled ones would exist twice (its source, and the
    copy the compiled ones call directly), each with its own state."""
    built = [
        folder.joinpath(*e.name.split(".")).with_suffix(sysconfig.get_config_var("EXT_SUFFIX"))
        for e in extensions
    ]
    if not all(path.exists() for path in built):
        for path in built:
            path.unlink(missing_ok=True)
        print("flashcards: not every module compiled; it runs as plain Python", file=sys.stderr)
        sys.exit(1)


extensions = compiled_modules()
distribution = setup(ext_modules=extensions)
if extensions and "build_ext" in sys.argv:
    command = distribution.get_command_obj("build_ext")
    _all_or_none(extensions, Path("." if command.inplace else command.build_lib))
