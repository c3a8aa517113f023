"""Images that cards show: found beside the note, never outside the notes folder,
checked to be what their name says and not too large to ship."""

from __future__ import annotations

import codecs
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Final, NamedTuple
from urllib.parse import unquote, urlsplit

from flashcards.errors import NoteError, Problem, warning
from flashcards.notes.dialects.hugo import site_file
from flashcards.notes.dialects.obsidian import vault_file, vault_of
from flashcards.notes.model import ImageRef, Note
from flashcards.notes.place import SITE_CONFIG, marked_folder
from flashcards.notes.scan import MISSING_AT, MISSING_IN
from flashcards.options import DEFAULT_MAX_IMAGE_BYTES

Seen = tuple[str, int, int]  # an image file: path, size and time (or a MISSING_ size)


class Media(NamedTuple):
    """A file to ship: its packaged (collision-proof) name and its bytes. A tuple: it
    travels from the workers that read notes (a compiled frozen dataclass does not
    unpickle)."""

    name: str
    data: bytes


def media_name(original: str, data: bytes) -> str:
    """``name-<hash>.ext``: equal bytes share a name, different bytes never do."""
    stem, dot, suffix = original.rpartition(".")
    if not dot:
        stem, suffix = original, ""
    safe = re.sub(r"[^\w.-]+", "-", stem).strip("-.")[:40] or "image"
    suffix = re.sub(r"[^\w]+", "", suffix)[:10].lower()
    digest = hashlib.sha256(data).hexdigest()[:16]
    return f"{safe}-{digest}.{suffix}" if suffix else f"{safe}-{digest}"


REMOTE_SCHEMES: Final = ("http", "https")
MISSING: Final = ""  # the packaged name of an image that could not be read: cards show its alt text
SHOWN_AS_ALT: Final = "the card shows its alt text"

# What the first bytes of each image format are: (offset, bytes), any of them.
_SIGNATURES: Final[dict[str, tuple[str, tuple[tuple[int, bytes], ...]]]] = {
    "png": ("PNG", ((0, b"\x89PNG\r\n\x1a\n"),)),
    "jpg": ("JPEG", ((0, b"\xff\xd8\xff"),)),
    "jpeg": ("JPEG", ((0, b"\xff\xd8\xff"),)),
    "gif": ("GIF", ((0, b"GIF87a"), (0, b"GIF89a"))),
    "webp": ("WebP", ((8, b"WEBP"),)),
    "bmp": ("BMP", ((0, b"BM"),)),
    "ico": ("icon", ((0, b"\x00\x00\x01\x00"),)),
    "tif": ("TIFF", ((0, b"II*\x00"), (0, b"MM\x00*"))),
    "tiff": ("TIFF", ((0, b"II*\x00"), (0, b"MM\x00*"))),
    "avif": ("AVIF", ((4, b"ftypavif"), (4, b"ftypavis"))),
}


@dataclass(frozen=True)
class NoteMedia:
    """A note's images: as written -> packaged name, and the files to ship."""

    names: dict[str, str]
    files: tuple[Media, ...]
    seen: tuple[Seen, ...] = ()  # (path, size, time) of each image file read or looked for


def collect_media(
    note: Note, note_path: Path, root: Path, max_bytes: int = DEFAULT_MAX_IMAGE_BYTES
) -> tuple[NoteMedia, list[Problem]]:
    """Read the local images of ``note``; remote http(s) images are left as links.

    An image that is not what its suffix says, or larger than ``max_bytes``, is reported
    and not packed (the card keeps its link as written).
    """
    names: dict[str, str] = {}
    files: dict[str, Media] = {}
    seen: dict[str, Seen] = {}
    problems: list[Problem] = []
    for image in note.images:
        if image.src in names or urlsplit(image.src).scheme in REMOTE_SCHEMES:
            continue
        try:
            data = _read_image(image, note_path, root, note.path, max_bytes, seen)
        except NoteError as error:  # missing or unreadable: the card shows the alt text
            found = error.problem
            problems.append(warning(found.path, found.line, f"{found.message}; {SHOWN_AS_ALT}"))
            names[image.src] = MISSING
            continue
        if data is None:
            problems.append(
                warning(
                    note.path,
                    image.line,
                    f"image '{image.src}' is larger than {_megabytes(max_bytes)}; not packed "
                    "(shrink it, or raise 'max_image_mb' in the configuration)",
                )
            )
            continue
        name = file_name(image.src)
        mismatch = _mismatch(name, data)
        if mismatch:
            problems.append(warning(note.path, image.line, f"image '{image.src}' {mismatch}"))
            continue
        packaged = media_name(name, data)
        names[image.src] = packaged
        files[packaged] = Media(packaged, data)
    return NoteMedia(names, tuple(files.values()), tuple(seen.values())), problems


def file_name(src: str) -> str:
    """The file name an image link points at: ``?query`` and ``#fragment`` left off (a
    Windows path's last part, too)."""
    return PurePosixPath(unquote(urlsplit(src).path)).name.rsplit("\\", 1)[-1]


def _read_image(
    image: ImageRef,
    note_path: Path,
    root: Path,
    shown: str,
    max_bytes: int,
    seen: dict[str, Seen],
) -> bytes | None:
    """The image's bytes; None when it is larger than ``max_bytes``. Each file read is
    noted in ``seen`` with its size and time, and each file not found with a size that
    says so (a later build reads the note again when one of its images changed, or
    appeared)."""
    src, line = image.src, image.line
    target, allowed = _locate(image, note_path, root, shown, seen)
    target = target.resolve()
    if not target.is_relative_to(allowed.resolve()):
        raise NoteError(shown, line, f"image '{src}' is outside the notes folder; not read")
    if not target.is_file():
        seen.setdefault(str(target), (str(target), MISSING_AT, 0))
        raise NoteError(shown, line, f"image '{src}' not found")
    try:
        with target.open("rb") as file:
            status = os.fstat(file.fileno())
            seen[str(target)] = (str(target), status.st_size, status.st_mtime_ns)
            data = file.read(max_bytes + 1)
    except OSError as exc:
        raise NoteError(shown, line, f"image '{src}' cannot be read: {exc.strerror}") from None
    return None if len(data) > max_bytes else data


def _locate(
    image: ImageRef, note_path: Path, root: Path, shown: str, seen: dict[str, Seen]
) -> tuple[Path, Path]:
    """Where the image file should be, and the folder it must lie in."""
    src, line = image.src, image.line
    if image.wiki:
        found = vault_file(note_path.parent, unquote(src), root)
        if found is None:
            wanted = str(vault_of(note_path.parent, root) / PurePosixPath(unquote(src)).name)
            seen.setdefault(wanted, (wanted, MISSING_IN, 0))
            raise NoteError(shown, line, f"image '{src}' not found in the vault")
        return found
    parts = urlsplit(src)
    if parts.scheme or parts.netloc:
        raise NoteError(shown, line, f"image '{src}' is neither a local file nor an http(s) URL")
    relative = unquote(parts.path)
    if relative.startswith("/"):
        in_site = site_file(note_path.parent, relative)
        if in_site is not None:
            return in_site
        site = marked_folder(str(note_path.parent.resolve()), SITE_CONFIG)
        if site is not None:  # a Jekyll site path such as /assets/x.png
            return Path(site) / relative.lstrip("/"), Path(site)
    if not relative or Path(relative).is_absolute():
        raise NoteError(
            shown,
            line,
            f"image '{src}' has an absolute path; give it relative to the note "
            "(in a Hugo site, it is looked up in static/ and assets/; in a Jekyll site, "
            "from the site's folder)",
        )
    written = note_path.parent / relative
    if "\\" in relative and not written.is_file():  # images\fig.png: a Windows path
        written = note_path.parent / relative.replace("\\", "/")
    if not written.is_file():  # Fig.PNG linked as fig.png: found as Windows and macOS find it
        written = _ignoring_case(note_path.parent, written) or written
    return written, root


def _ignoring_case(folder: Path, path: Path) -> Path | None:
    """The one file that ``path`` (under ``folder``) names when case is not told apart,
    as the file systems of Windows and macOS do by default, so that a note's images are
    the same on every system; None when there is none, or more than one."""
    current = folder
    for part in path.relative_to(folder).parts:
        if part in (".", "..") or (current / part).exists():
            current = current / part
            continue
        try:
            matches = [name for name in os.listdir(current) if name.casefold() == part.casefold()]
        except OSError:
            return None
        if len(matches) != 1:
            return None
        current = current / matches[0]
    return current if current.is_file() else None


def _mismatch(name: str, data: bytes) -> str:
    """Why ``data`` is not the image its file ``name`` says, or ``""``."""
    suffix = name.rpartition(".")[2].lower() if "." in name else ""
    if suffix == "svg":
        head = data[:4096].lstrip().lower()
        ok = head.startswith((b"<svg", b"<?xml", b"<!--", b"<!doctype svg")) and b"<svg" in head
        return "" if ok else f"is not an SVG image ({_looks_like(data)}); not packed"
    if suffix not in _SIGNATURES:
        return ""
    kind, signatures = _SIGNATURES[suffix]
    if any(data[at : at + len(magic)] == magic for at, magic in signatures):
        return ""
    return f"is not a {kind} image ({_looks_like(data)}); not packed"


def _looks_like(data: bytes) -> str:
    if not data:
        return "the file is empty"
    for _, (kind, signatures) in _SIGNATURES.items():
        if any(data[at : at + len(magic)] == magic for at, magic in signatures):
            return f"its bytes are a {kind} image: rename it"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(data[:4096], final=False)
    except UnicodeDecodeError:
        return "its bytes are of another kind"
    return "it holds text"


def _megabytes(count: int) -> str:
    return f"{count / (1024 * 1024):g} MB"
