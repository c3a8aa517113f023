"""What the commands share: the notes they read and how (``Selection``), the output
folder, and the way into Anki."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from flashcards.cli.about import version_option
from flashcards.cli.console import Console
from flashcards.notes.config import Config, ConfigError, find_config
from flashcards.options import BuildOptions

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


DEFAULT_NOTES = Path("notes")


DEFAULT_OUT = Path("build")


FORMATS = ("table", "json", "csv")  # of list and stats


@dataclass(frozen=True)
class Selection:
    """What the shared options of every command chose: which notes, how, how loudly."""

    paths: tuple[Path, ...]
    skip_drafts: bool | None
    reverse: bool | None
    strict: bool
    console: Console

    def notes(self) -> list[Path]:
        """The note files and folders to read (``notes/`` when none were given)."""
        if not self.paths and not DEFAULT_NOTES.is_dir():
            raise click.UsageError("no notes folder here: give note files or folders as PATHS")
        from flashcards.notes.scan import as_on_disk

        return [as_on_disk(path) for path in (self.paths or (DEFAULT_NOTES,))]

    def config(self) -> Config:
        """The configuration beside the notes (read anew on each call, for watch)."""
        notes = self.notes()
        root = next((p for p in notes if p.is_dir()), notes[0].parent)
        try:
            return find_config(root)
        except ConfigError as error:
            raise click.UsageError(str(error)) from None

    def options(self, config: Config) -> BuildOptions:
        """Build options: the command line wins over the configuration."""
        return BuildOptions(
            reverse=bool(config.reverse if self.reverse is None else self.reverse),
            skip_drafts=bool(config.skip_drafts if self.skip_drafts is None else self.skip_drafts),
            strict=self.strict,
            parse=config.parse_options(),
            max_image_bytes=config.max_image_bytes(),
            sequence=config.sequence or "overlapping",
            notify=functools.partial(self.console.info, err=True),
        )


def notes_arguments(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add PATHS and the options every command shares; pass them on as ``selection``."""

    @functools.wraps(command)
    def run(**kwargs: Any) -> Any:
        selection = Selection(
            paths=kwargs.pop("paths"),
            skip_drafts=kwargs.pop("skip_drafts"),
            reverse=kwargs.pop("reverse"),
            strict=kwargs.pop("strict"),
            console=Console(kwargs.pop("verbosity")),
        )
        return command(selection, **kwargs)

    decorators = [
        click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path)),
        version_option,
        click.option("--skip-drafts/--include-drafts", default=None,
                     help="Leave out (or keep) notes with 'draft: true'. Default: keep."),
        click.option("--reverse/--no-reverse", default=None,
                     help="Also make a definition -> term card for every vocab term."),
        click.option("--strict", is_flag=True, help="Treat warnings as errors."),
        click.option("-q", "--quiet", "verbosity", flag_value=-1, help="Print errors only."),
        click.option("-v", "--verbose", "verbosity", flag_value=1, default=0,
                     help="Also print each note read."),
    ]  # fmt: skip
    return functools.reduce(lambda cmd, deco: deco(cmd), reversed(decorators), run)


output_option = click.option(
    "-o",
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder for the .apkg files, one per book. Default: 'output' from the "
    "configuration, else build/.",
)


def output_folder(out: Path | None, config: Config) -> Path:
    return out or (Path(config.output) if config.output else DEFAULT_OUT)


ankiconnect_option = click.option(
    "--ankiconnect",
    "ankiconnect_url",
    default=None,
    metavar="URL",
    help="AnkiConnect's address. Default: ANKICONNECT_URL, else http://127.0.0.1:8765.",
)


ankiconnect_key_option = click.option(
    "--ankiconnect-key",
    default=None,
    metavar="KEY",
    help="AnkiConnect's API key, if it has one. Default: ANKICONNECT_KEY.",
)


def way_into_anki(
    url: str | None, key: str | None, profile: str | None, collection: Path | None
) -> Any:
    """The way into Anki: AnkiConnect when Anki answers there (and no collection file was
    asked for), else the collection file (an :class:`AnkiConnect` or a :class:`Path`)."""
    from flashcards.anki.ankiconnect import AnkiConnect
    from flashcards.anki.collection import profile_collection

    client = AnkiConnect(url, key)
    if collection is None and profile is None and client.available():
        return client
    return collection or profile_collection(profile)
