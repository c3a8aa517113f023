"""Whole notes that are not study material, by what they are: a changelog, a journal
day, meeting minutes, contribution rules, a map of content, instructions to an AI
assistant (issue 32: on real folders, a third of the cards came from such pages). Their
file name, a folder they lie in, or their title says so."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final

from flashcards.notes.extract.questions import personal
from flashcards.notes.extract.words import DAY_ONLY, words_of
from flashcards.notes.model import Content
from flashcards.notes.text import plain_text

# Whole notes that are about a project or a day, not a subject.
_AI: Final = "instructions for an AI assistant"
_TEACHER: Final = "a teacher's guide to a class"
_AGENDA: Final = "a lesson's agenda (the topics it will cover)"  # set AG: a third of one junk
_DEV: Final = "developer docs"  # a project's DEPLOYMENT.md, WORKFLOW.md (set AF: 19 junk of 20)
_NOTE_NAMES: Final = {
    "changelog": "a changelog", "change log": "a changelog", "changes": "a changelog",
    "history": "a changelog", "release notes": "release notes", "releases": "release notes",
    "release": "release notes", "news": "release notes", "whats new": "release notes",
    "contributing": "contribution rules", "contributors": "a list of contributors",
    "authors": "a list of contributors", "code of conduct": "a code of conduct",
    "license": "a license", "licence": "a license", "security": "a security policy",
    "404": "an error page", "funding": "project admin", "governance": "project admin",
    "maintainers": "a list of contributors", "pull request template": "a template",
    "issue template": "a template", "todo": "a to-do list", "to do": "a to-do list",
    "roadmap": "a roadmap", "sponsors": "project admin", "backlog": "a to-do list",
    "inbox": "a to-do list", "office hours": "meeting notes", "meetings": "meeting notes",
    "meeting notes": "meeting notes", "journal": "a journal", "journals": "a journal",
    "daily": "a journal", "dailies": "a journal", "daily notes": "a journal",
    "templates": "a template", "template": "a template", "_templates": "a template",
    "events": "event notes", "syllabi": "course admin", "standup": "meeting notes",
    "syllabus": "course admin",
    "testimonials": "testimonials", "showcase": "a showcase", "press": "project admin",
    "homework": "homework", "homeworks": "homework", "assignment": "an exercise",
    "assignments": "an exercise", "exercises": "an exercise", "labs": "an exercise",
    "solutions": "an exercise", "quizzes": "an exercise", "cohorts": "course admin",
    "certificate": "course admin", "certificates": "course admin", "capstone": "course admin",
    "after sign up": "course admin", "dev": "developer docs",
    "development": "developer docs", "proposals": "developer docs", "rfcs": "developer docs",
    "specs": "developer docs", "superpowers": _AI,
    "adr": "developer docs", "adrs": "developer docs", "releasing": "developer docs",
    "release process": "developer docs", "projects": "project admin",
    "contents": "navigation", "toc": "navigation",
    "summary": "navigation", "sitemap": "navigation", "sidebar": "navigation",
    "_sidebar": "navigation", "nav": "navigation", "readings": "a reading list",
    "reading list": "a reading list", "list of books": "a reading list",
    "book list": "a reading list", "books to read": "a reading list",
    "bookmarks": "a list of links", "links": "a list of links",
    "resources": "a list of links", "great readings": "a reading list",
    "claude": _AI, "agents": _AI, "gemini": _AI, "copilot instructions": _AI,
    "usage rules": _AI, "cursorrules": _AI, "worklog": "a work log", "worklogs": "a work log",
    "work log": "a work log", "codex worklogs": "a work log", "chat logs": "a chat log",
    "chatlogs": "a chat log", "prompts": _AI, "prompt templates": _AI,
    "copilot conversations": "a chat log", "copilot custom prompts": _AI, "chats": "a chat log",
    "teaching notes": _TEACHER, "teaching guide": _TEACHER, "instructor notes": _TEACHER,
    "instructor guide": _TEACHER, "lesson plan": _TEACHER, "lesson plans": _TEACHER,
    "facilitator guide": _TEACHER, "discussion guide": _TEACHER, "teaching tips": _TEACHER,
    "class discussion guide": _TEACHER, "past year exam": "an exam paper",
    "deployment": _DEV, "deploy": _DEV, "deploying": _DEV, "workflow": _DEV, "install": _DEV,
    "installation": _DEV, "setup": _DEV, "architecture": _DEV, "upgrading": _DEV,
    "migration": _DEV, "troubleshooting": _DEV, "kiro": _AI, "agenda": _AGENDA,
    "past papers": "an exam paper", "exams": "an exam paper",
}  # fmt: skip
# A name that begins so (``changelog 06``, ``Release notes 2.1``) is one of these too.
_NOTE_NAME_START: Final = re.compile(
    r"^(?:changelog|change log|release notes|releases?|awesome|templates?)\b"
)
_AGENDAS: Final = re.compile(r"^agenda ?\d*$")  # ``AGENDA_2.md``, ``agenda2.md``
_MAP: Final = re.compile(
    r"(?<![^\W_])MOCs?(?![^\W_])|\bmap of contents?\b|\bmind ?maps?\b|\bmaster index\b",
    re.IGNORECASE,  # ``FIT1008_MOC``: an underscore sets the word off as a space does
)
_PROJECT_DOC: Final = re.compile(
    r"\b(?:roadmap|build plan|implementation plan|project status|status report|next steps|"
    r"key decisions|decision log|test results|postmortem|work log|worklog|refactor(?:ing)? "
    r"summary|cleanup summary|progress report|session summary|migration notes)\b|\bplan$"
)
# How to set one system up (``aws_rds_setup``, ``Runbook``): its form values and steps are
# no subject (set AC's readers: fifteen junk cards from one such note)
_SETUP_DOC: Final = re.compile(r"\brunbook\b|\b(?:setup|set up|deployment guide|install guide)$")
# A note named as a task set (``Assignment 6``, ``Ideal TODO``, ``Daily To-Do``; a lesson
# called an exercise may teach its method, ``Object Oriented Analysis Exercise``)
_EXERCISE_STEM: Final = re.compile(  # not ``Variable assignment``: a subject
    r"^(?:assignment|homework|problem set|pset)(?: \d+[a-z]?)?$|"
    r"\b(?:assignment|homework|problem set|pset|asg) ?\d+[a-z]?\b|\bto ?dos?(?: list)?$"
)
_UNTITLED: Final = re.compile(r"untitled(?: \d+)?(?: kanban| canvas| drawing)?")
# Practice puzzles, a folder of them each (``clojure-katas/tiny-maze/README.md``)
_KATAS: Final = re.compile(r"\b(?:katas?|koans)$")
# A person's own papers: a letter written for someone, a trip's bookings, a budget's
# variance (``Letter for Jessica 2025``, ``Ann Arbor Trip 2025``): readers' junk
_PERSONAL_DOC: Final = re.compile(
    r"\b(?:(?:rec(?:ommendation)?|reference|cover|promotion|support) letters?|letters? "
    r"(?:for|to) [a-z]+|trip (?:[a-z]+ )?\d{4}|variance [a-z]+ \d{4})\b"
)
_SYLLABUS: Final = re.compile(
    r"\bsyllab(?:us|i)\b|^(?:\d+\.? )?course (?:information|info|outline|schedule|policies)$|"
    r"^(?:\d+\.? )?student guide(?: unit)?$",
    re.IGNORECASE,
)
_DATE: Final = re.compile(r"\d{4}[-_. ]\d{1,2}[-_. ]\d{1,2}")
_DATED_PART: Final = re.compile(r"(?:^|\.)\d{4}(?:\.\d{1,2}){0,2}$")  # Dendron's daily.2021.06
_MEETING: Final = re.compile(
    r"\b(?:office hours|meeting|meetup|stand-?up|retro(?:spective)?|minutes|1:1|"
    r"weekly sync|new user tuesdays?|town hall|agenda)\b",
    re.IGNORECASE,
)


def skipped_note(stem: str, folders: tuple[str, ...], title: str) -> str:
    """Why a whole note is not study material (``""`` when it may be): what its file
    name, a folder it lies in, or its title says it is. A name that is also a subject
    (``History``, ``Security``, ``License``, ``Resources``) counts only as a project's
    own file, written in capitals (``SECURITY.md``, ``HISTORY.md``) or after an
    underscore, which marks a folder's own file (``__links.md``, ``_resources.md``)."""
    raw = re.split(r"\.|___|%2F", stem)
    named = [(words_of(part), part.isupper() or part.startswith("_")) for part in raw]
    named += [(words_of(folder), False) for folder in folders]
    for name, capitals in named:
        if name in _NOTE_NAMES and (capitals or name not in _SUBJECTS_TOO):
            return _NOTE_NAMES[name]
        if _NOTE_NAME_START.match(name):
            return "a changelog"
        if _AGENDAS.match(name):
            return _AGENDA
    if _MAP.search(stem) or _MAP.search(title):
        return "a map of content (links to other notes)"
    if _PROJECT_DOC.search(words_of(stem)):
        return "a project's working document (a plan, its status, what to do next)"
    if _SETUP_DOC.search(words_of(stem)):
        return "a runbook (how to set one system up)"
    if _PERSONAL_DOC.search(words_of(stem)) or any(
        _PERSONAL_DOC.search(words_of(folder)) for folder in folders
    ):
        return "a person's own papers (a letter, a trip, a budget)"
    # a task set's folder too (``Assignment 2/``: the answers handed in; ``Midterm 1
    # Review`` is revision, not a task)
    task = next(filter(None, map(_EXERCISE_STEM.search, map(words_of, (stem, *folders)))), None)
    if task:
        return "a to-do list" if task.group().startswith("to") else "an exercise (its name)"
    if any(_KATAS.search(words_of(folder)) for folder in folders):
        return "an exercise (a folder of practice puzzles: katas, koans)"
    if _SYLLABUS.search(words_of(stem)) or _SYLLABUS.search(title):
        return "course admin"
    if _DATE.fullmatch(stem.strip()) or (("." in stem) and _DATED_PART.search(stem)):
        return "a journal day"
    shown = words_of(title.strip())
    if shown in _NOTE_NAMES and shown not in _SUBJECTS_TOO:
        return _NOTE_NAMES[shown]
    if _DATE.fullmatch(title.strip()) or (_MEETING.search(title) and len(title.split()) <= 8):
        return "meeting notes" if _MEETING.search(title) else "a journal day"
    return ""


# Names a note about a subject may have too: only a project's capitalised file is one.
_SUBJECTS_TOO: Final = frozenset(
    {"history", "security", "license", "licence", "news", "resources", "links", "summary",
     "contents", "support", "press", "readings", "bookmarks", "release", "releases",
     "roadmap", "funding", "governance", "sponsors", "events", "inbox", "backlog",
     "showcase", "changes", "development", "dev", "projects", "labs", "solutions", "nav",
     "sidebar", "toc", "template", "templates", "certificate", "certificates", "deployment",
     "deploy", "deploying", "workflow", "install", "installation", "setup", "architecture",
     "upgrading", "migration", "troubleshooting"}
)  # fmt: skip


def skipped_content(stem: str, metadata: Mapping[str, object], blocks: Content) -> str:
    """Why a note is no study material by what it holds (``""`` when it may be): a
    project's README (its sections are how to install, use and contribute: a font's
    README copied into a vault made a dozen cards of its features), or an exam question
    (its front matter gives the marks it is worth: its parts are numbers worked out), or
    a work ticket (``type: task``: its scope and what is done when), or a log (three
    sections headed by a day and nothing else: a mentee's or project's dated entries)."""
    if any(key in metadata for key in ("points", "marks")) and "exam" in metadata:
        return "an exam question"
    if str(metadata.get("type", "")).strip().casefold() in _TICKETS:
        return "a work ticket"
    if _GRAPH_KEYS[0] <= metadata.keys() or _GRAPH_KEYS[1] <= metadata.keys():
        return "a page a tool generated from code (a knowledge graph's node or community)"
    if _assigns(stem, blocks):
        return "an exercise's statement (a task set for the reader)"
    shown = [plain_text(b.children).strip() for b in blocks if b.kind == "heading"]
    named = str(metadata.get("title") or (shown[0] if shown else "")) or "untitled"
    if _UNTITLED.fullmatch(words_of(stem)) and _UNTITLED.fullmatch(words_of(named)):
        return "an untitled scratch note"  # one whose heading or title names it is a note
    if sum(1 for heading in shown if DAY_ONLY.match(heading)) >= _DATED_ENTRIES:
        return "a log of dated entries (a diary, minutes, a project's log)"
    headings = [words_of(heading) for heading in shown]
    if sum(1 for heading in headings if _TIME_BOX.search(heading)) >= _TIMED_SECTIONS:
        return "a session plan (its sections are timed: Part 1 (20 minutes))"
    asked = [heading for heading in headings if heading.endswith("?")]
    put_to_a_person = sum(1 for heading in asked if personal(heading))
    if put_to_a_person >= _INTERVIEW_QUESTIONS and 3 * put_to_a_person >= len(asked):
        return "an interview (questions put to a person about themselves)"
    if words_of(stem) != "readme":
        return ""
    # counted among the sections, not their steps (``### 1. Clone the repository``)
    levels = [int(b.attr("level", "1")) for b in blocks if b.kind == "heading"]
    top = min((level for level in levels if level > 1), default=1)
    sections = [h for h, level in zip(headings, levels, strict=True) if level <= top]
    project = {heading for heading in sections if heading in _PROJECT_SECTIONS}
    return "a project's README" if len(project) >= 2 and 4 * len(project) >= len(sections) else ""


# Graphify's pages of a code graph (``source_file`` and ``community``; a community's
# ``cohesion`` and ``members``): set AD's readers found a vault of them all junk
_GRAPH_KEYS: Final = (frozenset({"source_file", "community"}), frozenset({"cohesion", "members"}))
# A section given its time (``Opening question (5 min)``): a teacher's plan of a class,
# whose polls, scripts and to-dos readers found junk as cards, ninety in one guide
_TIME_BOX: Final = re.compile(r"\b\d+(?: ?[-–] ?\d+)? ?(?:min|mins|minutes)\b")
_TIMED_SECTIONS: Final = 3
# Sections headed by a day and nothing else (``## 26 February 2025``): three make a log,
# whose other sections (tasks, people, links) are the log's too
_DATED_ENTRIES: Final = 3
_INTERVIEW_QUESTIONS: Final = 4


def _assigns(stem: str, blocks: Content) -> bool:
    """Whether a note sets the reader a task (``Implement the function …``, ``Complete
    the implementation …``) in one of its first paragraphs, where it is short or named as
    exercises are (``task.md``): a course's exercise page, whose statement readers found
    junk as cards."""
    paragraphs = [plain_text(b.children) for b in blocks if b.kind == "paragraph"]
    named = words_of(stem).rstrip(" 0123456789") in _EXERCISE_NAMES
    words = sum(len(text.split()) for text in paragraphs)
    if not (named or words <= _SHORT_EXERCISE):
        return False
    return any(_ASSIGNING.search(text) for text in paragraphs[:_FIRST_PARAGRAPHS])


_EXERCISE_NAMES: Final = frozenset(
    {"task", "exercise", "exercises", "assignment", "homework", "koan", "kata", "challenge",
     "problem", "lab"}
)  # fmt: skip
_SHORT_EXERCISE: Final = 300
_FIRST_PARAGRAPHS: Final = 3
_ASSIGNING: Final = re.compile(
    r"(?:^|[.!]\s+)(?:then |now |next |first |finally |also )?(?:implement|complete the|"
    r"fill in the|your task|reuse your|solve the|learn about|"
    r"modify the (?:code|function|program)|write (?:a|an|the) (?:function|program|method|"
    r"class|query|script|test)s?\b)",
    re.IGNORECASE,
)
_TICKETS: Final = frozenset({"task", "ticket", "issue", "bug", "todo", "story", "epic", "chore"})
_PROJECT_SECTIONS: Final = frozenset(
    {"installation", "install", "installing", "usage", "license", "licence", "contributing",
     "contribute", "contributors", "getting started", "quick start", "quickstart", "build",
     "building", "development", "support", "credits", "changelog", "donate", "sponsors",
     "roadmap", "authors", "how to use", "learn more", "advanced configuration",
     "submissions", "attribution", "privacy policy", "allowed uses", "terms of use",
     "disclaimer", "acknowledgements", "reporting bugs", "setup instructions", "setup",
     "video demo", "prerequisites",
     "running tests", "versioning", "screenshots", "demo", "features", "key features",
     "technologies", "technologies used", "tech stack", "built with", "how to run",
     "how to run the app", "how to run locally", "running locally", "run locally",
     "running the app", "live demo", "project structure", "folder structure",
     "available scripts", "environment variables", "local setup", "deployment"}
)  # fmt: skip
