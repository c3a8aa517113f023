"""Reading note files: discovery, decoding, and front matter (YAML or TOML)."""

from __future__ import annotations

import os
import re
import stat
import tomllib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import yaml
from frontmatter.default_handlers import BaseHandler, YAMLHandler

from flashcards.errors import NoteError
from flashcards.notes.flatyaml import load_flat
from flashcards.notes.lenient import mend
from flashcards.notes.scan import Skipped, note_files


@dataclass(frozen=True)
class Document:
    """A note file split into front matter and body.

    ``body_line`` is the file line on which the body's first line stands, so that a
    line ``n`` of the body is line ``body_line + n - 1`` of the file.
    """

    path: str
    metadata: dict[str, Any]
    body: str
    body_line: int
    has_front_matter: bool
    key_lines: dict[str, int] = field(default_factory=dict)
    front_matter: str = ""  # the front matter's text, as written
    warnings: tuple[tuple[int, str], ...] = ()  # (file line, message) of its front matter

    def line_of(self, key: str) -> int:
        """The file line of front matter ``key`` (line 1 when it cannot be told)."""
        return self.key_lines.get(key, 1)

    def raw_value(self, key: str) -> str:
        """What the front matter's line of ``key`` says after it, as written (so that a
        message shows the user's text, never a Python value)."""
        for row in self.front_matter.splitlines():
            name, separator, rest = row.partition(":" if ":" in row else "=")
            if separator and name.strip() == key:
                value = rest.strip()
                if len(value) > 1 and value[0] == value[-1] and value[0] in "'\"":
                    value = value[1:-1]  # the quotes are YAML's, not the user's text
                if value.startswith(("*", "&")):
                    return ""  # an alias: its text says nothing
                return value if len(value) <= 60 else value[:60] + "…"
        return ""


class _TomlHandler(BaseHandler):
    """Hugo's ``+++`` TOML front matter, read with the standard library."""

    FM_BOUNDARY = re.compile(r"^\+{3,}[ \t]*$", re.MULTILINE)

    def load(self, fm: str, **kwargs: object) -> Any:
        return tomllib.loads(fm)


class _YamlHandler(YAMLHandler):
    """YAML front matter; fences are lines of three or more dashes."""

    FM_BOUNDARY = re.compile(r"^-{3,}[ \t]*$", re.MULTILINE)


_CONTROL: Final = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]")
_YAML: Final = _YamlHandler()
_HANDLERS: Final = (_YAML, _TomlHandler())


def decode(data: bytes, path: str) -> str:
    """Note text from file bytes: UTF-8, with or without a BOM."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise NoteError(path, 0, "the file is UTF-16 encoded; save it as UTF-8")
    if b"\x00" in data:
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        raise NoteError(path, line, "the file holds a NUL byte: it is binary, not a text note")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        byte = data[exc.start]
        raise NoteError(
            path, line, f"the file is not valid UTF-8 (byte 0x{byte:02X}); save it as UTF-8"
        ) from None


def split_front_matter(text: str, path: str) -> Document:
    """Split note ``text`` into metadata and body (pure: no file is read).

    A BOM is dropped, and so is a zero-width no-break space (the same character) inside
    the text, where pasting leaves it and it showed on cards as a stray mark; line endings
    become ``\\n`` (CRLF and lone CR alike). Other control characters are dropped: Anki
    separates a note's fields with one (``\\x1f``), which split a field in two.
    """
    text = text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n")
    if _CONTROL.search(text):
        text = _CONTROL.sub("", text)
    for handler in _HANDLERS:
        opening = handler.FM_BOUNDARY.match(text)
        if opening is None:
            continue
        closing = handler.FM_BOUNDARY.search(text, opening.end())
        if closing is None:
            fence = opening.group().strip()
            raise NoteError(path, 1, f"front matter is not closed: add a line '{fence}' after it")
        first_line = text.count("\n", 0, opening.end()) + 1
        raw = text[opening.end() : closing.start()]
        metadata, warnings = _load_metadata(handler, raw, path, first_line)
        body_line = text.count("\n", 0, closing.end()) + 1
        body = text[closing.end() :]
        key_lines = _key_lines(raw, first_line)
        return Document(path, metadata, body, body_line, True, key_lines, raw, warnings)
    return Document(path, {}, text, 1, False)


_TOP_LEVEL_KEY: Final = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*[:=]", re.MULTILINE)


def _key_lines(raw: str, first_line: int) -> dict[str, int]:
    """Where each top-level front matter key stands, for messages about it."""
    lines: dict[str, int] = {}
    for match in _TOP_LEVEL_KEY.finditer(raw):
        lines.setdefault(match.group(1), first_line + raw.count("\n", 0, match.start()))
    return lines


def unreadable_value(raw: str, handler: Any = None) -> tuple[int, str]:
    """The line (from 0) and text of the first YAML scalar in ``raw`` that does not
    construct (an impossible date, a number too long); ``(0, "")`` if none is found."""
    if isinstance(handler, _TomlHandler):
        return 0, ""
    try:
        nodes = [yaml.compose(raw, Loader=yaml.SafeLoader)]
    except (yaml.YAMLError, RecursionError):
        return 0, ""
    while nodes:
        node = nodes.pop(0)
        if isinstance(node, yaml.ScalarNode):
            try:
                yaml.SafeLoader("").construct_object(node)
            except (ValueError, OverflowError):
                value = str(node.value)
                return node.start_mark.line, value if len(value) <= 40 else value[:40] + "…"
        elif isinstance(node, yaml.SequenceNode):
            nodes.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            nodes.extend(item for pair in node.value for item in pair)
    return 0, ""


def _load_metadata(
    handler: BaseHandler, raw: str, path: str, first_line: int
) -> tuple[dict[str, Any], tuple[tuple[int, str], ...]]:
    """Parse front matter text that starts on file line ``first_line``; its warnings."""
    # YAML may give any value, whatever the handler's annotation says: checked below
    load: Callable[[str], object] = handler.load
    try:
        # the flat shape nearly every note has, without PyYAML's machinery (same result)
        metadata: object = load_flat(raw) if handler is _YAML else None
        if metadata is None:
            metadata = load(raw)
    except yaml.YAMLError as exc:
        mended, quoted = mend(raw)
        if quoted:  # title: Chapter 3: Replication (read again: mending quotes no more)
            metadata, _ = _load_metadata(handler, mended, path, first_line)
            return metadata, tuple(
                (first_line + line, f"front matter '{key}' is not valid YAML; its value is "
                 "read as the text after the colon (quote it to say so)")
                for line, key in quoted
            )  # fmt: skip
        mark = getattr(exc, "problem_mark", None)
        line = first_line + mark.line if mark is not None else first_line
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise NoteError(path, line, f"front matter is not valid YAML: {problem}") from None
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"\(at line (\d+)", str(exc))
        line = first_line + int(match.group(1)) - 1 if match else first_line
        message = str(exc).split(" (at line")[0]
        raise NoteError(path, line, f"front matter is not valid TOML: {message}") from None
    except (ValueError, OverflowError) as exc:  # a date or number no calendar or int holds
        line, text = unreadable_value(raw, handler)
        where = f"'{text}'" if text else "a value"
        why = "a number too long to read" if "digits" in str(exc) else str(exc)
        raise NoteError(
            path, first_line + line, f"front matter has {where} that cannot be read ({why})"
        ) from None
    except (RecursionError, MemoryError):
        raise NoteError(
            path, first_line, "front matter is nested too deeply to read; flatten it"
        ) from None
    if metadata is None:
        return {}, ()
    if not isinstance(metadata, dict):
        raise NoteError(
            path,
            first_line,
            f"front matter must be keys and values (like 'title: ...'), "
            f"not a {type(metadata).__name__}",
        )
    return metadata, ()


MAX_NOTE_BYTES: Final = 128 * 1024 * 1024  # a note is text; anything larger is not one


def read_document(path: Path, shown_as: str | None = None) -> Document:
    """Read and split the note file at ``path``; errors name it as ``shown_as``. Only a
    regular file is read (never a FIFO, a device or a folder), up to a size limit."""
    name = shown_as or str(path)
    try:
        data = _read_regular(path, name)
    except IsADirectoryError:
        raise NoteError(name, 0, _folder_problem(path)) from None
    except OSError as exc:
        raise NoteError(name, 0, f"cannot be read: {exc.strerror or exc}") from None
    return split_front_matter(decode(data, name), name)


def _read_regular(path: Path, name: str) -> bytes:
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        status = os.fstat(descriptor)
        if stat.S_ISDIR(status.st_mode):
            raise IsADirectoryError(path)
        if not stat.S_ISREG(status.st_mode):
            raise NoteError(name, 0, "is not a regular file (a pipe or a device?); not read")
        # Ask for what the file holds (one more byte tells it grew): a read of the limit
        # itself would allocate the limit's worth of memory for every note.
        data = os.read(descriptor, min(status.st_size, MAX_NOTE_BYTES) + 1)
        while len(data) <= MAX_NOTE_BYTES:  # it grew, or a read gave less: read to its end
            more = os.read(descriptor, min(MAX_NOTE_BYTES + 1 - len(data), 1 << 16))
            if not more:
                break
            data += more
    finally:
        os.close(descriptor)
    if len(data) > MAX_NOTE_BYTES:
        raise NoteError(
            name, 0, f"is larger than {MAX_NOTE_BYTES // (1024 * 1024)} MB: not a note; not read"
        )
    return data


def _folder_problem(path: Path) -> str:
    try:
        os.scandir(path).close()
    except OSError as exc:
        return (
            f"this folder cannot be read ({exc.strerror or exc}); its notes are left out "
            "and their books left as they were until it can be read"
        )
    return "is a folder, not a note file"


def find_notes(
    paths: Iterable[Path], skipped: Skipped | None = None
) -> Iterator[tuple[Path, Path]]:
    """``(note file, its notes root)`` under ``paths``, sorted, each file once (see
    :func:`flashcards.notes.scan.note_files` for what counts as a note)."""
    for file, root, _ in note_files((os.fspath(path) for path in paths), skipped):
        yield Path(file), Path(root)
