"""The command line: thin click commands over the library, one module per group of
commands; this module is the group and the entry point."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from typing import NoReturn

import click

from flashcards.cli.about import version_option
from flashcards.cli.building import build_command, check_command, list_command
from flashcards.cli.common import CONTEXT
from flashcards.cli.explaining import explain_command
from flashcards.cli.previewing import preview_command, watch_command
from flashcards.cli.syncing import stats_command, sync_command

__all__ = ["cli", "main"]


@click.group(context_settings=CONTEXT)
@version_option
def cli() -> None:
    """Turn Markdown study notes into Anki decks that update in place.

    \b
    Example:
      flashcards build notes/ -o build/
    """


for command in (
    build_command,
    check_command,
    list_command,
    explain_command,
    preview_command,
    watch_command,
    sync_command,
    stats_command,
):
    cli.add_command(command)


def main() -> None:
    """Console entry point: Ctrl-C ends any command with one line and status 130."""
    try:
        code = cli.main(standalone_mode=False)
    except (KeyboardInterrupt, click.exceptions.Abort):
        _interrupted()
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    sys.exit(code if isinstance(code, int) else 0)


def _interrupted() -> NoReturn:
    """Stop at once after Ctrl-C. Temporary files are already removed by then (every
    write cleans up on the way out), so nothing is left half-written; ``os._exit`` skips
    the shutdown hooks that would wait for worker processes and print their tracebacks."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with contextlib.suppress(Exception):
        sys.stdout.flush()
        click.echo("interrupted", err=True)
        sys.stderr.flush()
    os._exit(130)
