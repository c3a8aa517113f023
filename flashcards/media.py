"""Images that cards show: found beside the note, never outside the notes folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .errors import NoteError, Problem
from .model import Note
from .package import Media, media_name

REMOTE_SCHEMES = ("http", "https")


@dataclass(frozen=True)
class NoteMedia:
    """A note's images: as written -> packaged name, and the files to ship."""

    names: dict[str, str]
    files: tuple[Media, ...]


def collect_media(note: Note, note_path: Path, root: Path) -> tuple[NoteMedia, list[Problem]]:
    """Read the local images of ``note``; remote http(s) images are left as links."""
    names: dict[str, str] = {}
    files: dict[str, Media] = {}
    problems: list[Problem] = []
    for image in note.images:
        if image.src in names or urlsplit(image.src).scheme in REMOTE_SCHEMES:
            continue
        try:
            data = _read_image(image.src, note_path, root, note.path, image.line)
        except NoteError as error:
            problems.append(error.problem)
            continue
        packaged = media_name(Path(unquote(image.src)).name, data)
        names[image.src] = packaged
        files[packaged] = Media(packaged, data)
    return NoteMedia(names, tuple(files.values())), problems


def _read_image(src: str, note_path: Path, root: Path, shown: str, line: int) -> bytes:
    parts = urlsplit(src)
    if parts.scheme or parts.netloc:
        raise NoteError(shown, line, f"image '{src}' is neither a local file nor an http(s) URL")
    relative = unquote(parts.path)
    if not relative or Path(relative).is_absolute():
        raise NoteError(
            shown, line, f"image '{src}' has an absolute path; give it relative to the note"
        )
    target = (note_path.parent / relative).resolve()
    if not target.is_relative_to(root.resolve()):
        raise NoteError(shown, line, f"image '{src}' is outside the notes folder; not read")
    if not target.is_file():
        raise NoteError(shown, line, f"image '{src}' not found")
    try:
        return target.read_bytes()
    except OSError as exc:
        raise NoteError(shown, line, f"image '{src}' cannot be read: {exc.strerror}") from None
