"""Lists that are steps to take, not parts to recall: the steps of working an application
(``Open Settings``) or of a lab (``Download VMware``, ``Install it``), a video's
timestamps (``15:00 2D arrays``), a template's placeholders (``{Module name}``). Issue
32's readers found them junk as cards: they recall nothing of the subject."""

from __future__ import annotations

import re
from typing import Final

from flashcards.notes.model import Content
from flashcards.notes.text import plain_text

STEP: Final = re.compile(  # a step of a lab or a tutorial, said to the reader
    r"\s*(?![A-Z]{2})(?i:install|launch|download|configure|create|click|navigate|go to|"
    r"enable|disable|analy[sz]e|deploy|upload|sign in|log in|log into|set up|open up|"
    r"browse to|head over to|visit)\s+\S"
)  # not ``CREATE TABLE``: a statement's name is a term


_UI_STEP: Final = re.compile(
    r"^(?:then |now |next |first |finally )?(?:click|press|tap|select|open|go to|navigate|"
    r"relaunch|restart|reopen|launch|choose|type|enter|scroll|drag|close|toggle|check|"
    r"uncheck|hit|right-click|double-click|hover|log in|sign in|wait|reload|refresh)\b",
    re.IGNORECASE,
)


def ui_steps(items: list[Content]) -> str:
    """Why a list is the steps of working an application (``Open Settings``, ``Press
    Ctrl+P``, ``Relaunch Obsidian``) or of a lab (``Download VMware``, ``Install it``),
    which recall nothing of the subject, or a video's timestamps (``15:00 2D arrays``), or
    a template's placeholders: most of its items are such."""
    texts = [plain_text(item).lstrip() for item in items]
    if sum(1 for text in texts if _UI_STEP.match(text)) * 2 > len(items):
        return "steps of working an application"
    if sum(1 for text in texts if STEP.match(text)) * 2 > len(items):
        return "steps to do (Install …, Create …), not parts to recall"
    if sum(1 for text in texts if TIMESTAMP.match(text)) * 2 > len(items):
        return "a video's timestamps (an index of it), not its content"
    if sum(1 for text in texts if _PLACEHOLDER.search(text)) * 2 > len(items):
        return "a template's placeholders ({Module name}), not content"

    return ""


CHOICE: Final = re.compile(r"\(?[A-Ea-e][).]\s+\S")  # A) one choice, (b) another
TIMESTAMP: Final = re.compile(r"\(?\d{1,2}:\d{2}(?::\d{2})?\)?\s+\S")
_PLACEHOLDER: Final = re.compile(r"\{[A-Z][\w ,.()'’-]{2,60}\}|<[A-Z][a-z]+ [\w ]{2,40}>")
