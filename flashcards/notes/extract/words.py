"""The words the card rules read: headings of sections with nothing to learn and why,
words that only head a section (``Features``, ``Advantages``), pairs of words that mirror
each other (``left`` / ``right``), and a name as words to look them up by."""

from __future__ import annotations

import re
from typing import Final

from flashcards.notes.model import identity_key

# Sections whose lists are not things to learn: who helped, where to read on, what to do.
# A project's setting up (``## Initial Setup``): steps to do once, which recall nothing
_SETUP: Final = "a project's setting up"
JUNK_HEADINGS: Final = {
    "thanks": "thanks", "thank you": "thanks", "thank yous": "thanks",
    "disclaimer": "a disclaimer", "disclaimers": "a disclaimer",
    "acknowledgements": "thanks", "acknowledgments": "thanks", "credits": "thanks",
    "contributors": "thanks", "references": "references", "reference": "references",
    "resources": "links", "links": "links", "useful links": "links",
    "further reading": "links", "reading list": "links", "see also": "links",
    "related": "links", "related notes": "links", "related pages": "links",
    "sources": "references", "bibliography": "references", "citations": "references",
    "footnotes": "references", "changelog": "a changelog", "change log": "a changelog",
    "release notes": "a changelog", "fixed issues": "a changelog", "bug fixes": "a changelog",
    "fixes": "a changelog", "enhancements": "a changelog", "enhancement": "a changelog",
    "breaking changes": "a changelog", "whats new": "a changelog", "new features": "a changelog",
    "improvements": "a changelog", "table of contents": "navigation", "contents": "navigation",
    "toc": "navigation", "navigation": "navigation", "comments": "comments",
    "next lesson": "navigation", "previous lesson": "navigation", "up next": "navigation",
    "code examples": "the author's projects", "code samples": "the author's projects",
    "sample projects": "the author's projects", "my projects": "the author's projects",
    "projects": "the author's projects", "demos": "the author's projects",
    "learning outcomes": "course admin", "outcomes": "course admin",
    "goals of this course": "course admin", "goals of the course": "course admin",
    "topics covered": "an agenda", "topics to be discussed": "an agenda", "topics": "an agenda",
    "learning recommendations": "study advice",
    "recommendations": "study advice", "rubric": "course admin",
    "grading rubric": "course admin", "trello": "a to-do list", "tasks": "a to-do list",
    "what you will learn": "course admin", "what youll learn": "course admin",
    "chapter objectives": "course admin", "exam objectives": "course admin",
    "exam domains": "course admin", "chapter goals": "course admin",
    "agenda": "meeting notes", "attendees": "meeting notes", "action items": "a to-do list",
    "daily logs": "a work log", "daily log": "a work log", "work log": "a work log",
    "work logs": "a work log", "worklog": "a work log", "research log": "a work log",
    "meeting notes": "meeting notes", "meetings": "meeting notes", "standups": "meeting notes",
    "todo": "a to-do list", "to do": "a to-do list", "next steps": "a to-do list",
    "features wanted": "a to-do list", "wanted features": "a to-do list",
    "wip": "a to-do list",
    "scratch": "a to-do list", "scratchpad": "a to-do list", "drafts": "a to-do list",
    "draft": "a to-do list", "end goal": "a to-do list", "end goals": "a to-do list",
    "planned features": "a to-do list", "future features": "a to-do list",
    "upcoming features": "a to-do list", "feature requests": "a to-do list",
    "wishlist": "a to-do list", "wish list": "a to-do list", "future work": "a to-do list",
    "future improvements": "a to-do list", "to be implemented": "a to-do list",
    "homework": "an exercise", "assignments": "an exercise", "assignment": "an exercise",
    "exercises": "an exercise", "exercise": "an exercise", "lab": "an exercise",
    "quiz": "an exercise", "syllabus": "course admin", "schedule": "course admin",
    "logistics": "course admin", "grading": "course admin", "community": "project admin",
    "contact": "project admin", "support": "project admin", "sponsors": "project admin",
    "license": "project admin", "backlinks": "links", "download": "project admin",
    "downloads": "project admin", "videos": "links", "tutorials": "links",
    "learning resources": "links", "external links": "links", "more resources": "links",
    "additional resources": "links", "recommended reading": "links", "read more": "links",
    "big questions": "an outline of the text", "goals of this chapter": "an outline of the text",
    "learning objectives": "an outline of the text", "objectives": "an outline of the text",
    "learning goals": "an outline of the text", "in this chapter": "an outline of the text",
    "in this section": "an outline of the text", "what this note covers": "an outline of the text",
    "chapter overview": "an outline of the text", "review questions": "an exercise",
    "discussion questions": "an exercise", "units of study": "course admin",
    "who should read this": "metadata", "tags": "metadata", "title": "metadata",
    "id": "metadata", "kind": "metadata", "category": "metadata", "difficulty": "metadata",
    "what this section covers": "an outline of the text", "key goals": "an outline of the text",
    "course goals": "an outline of the text", "course objectives": "an outline of the text",
    "done when": "a to-do list", "definition of done": "a to-do list",
    "acceptance criteria": "a to-do list", "blockers": "a to-do list", "backlog": "a to-do list",
    "non goals": "a project plan", "out of scope": "a project plan", "handoff": "a project plan",
    "who this book is for": "metadata", "about this book": "metadata",
    "about the author": "metadata", "instructions": "course admin",
    "getting help": "project admin", "chat": "project admin",
    "discussion": "project admin", "how to contribute": "project admin",
    "deliverables": "course admin", "evaluation criteria": "course admin",
    "grading criteria": "course admin", "submission": "course admin", "deadlines": "course admin",
    "submission guidelines": "course admin", "submission instructions": "course admin",
    "how to submit": "course admin", "submitting": "course admin",
    "deadline": "course admin", "office hours": "course admin", "prerequisites": "course admin",
    "announcements": "course admin", "ask me anything": "the author's life",
    "ama": "the author's life", "about me": "the author's life",
    "my professional life": "the author's life", "teaching tips": "a teacher's guide",
    "key messages to emphasize": "a teacher's guide", "follow up actions": "a teacher's guide",
    "success metrics": "a teacher's guide", "materials to share": "a teacher's guide",
    "assessment checkpoint": "a teacher's guide", "session outline": "a teacher's guide",
    "setup": _SETUP, "set up": _SETUP, "initial setup": _SETUP, "project setup": _SETUP,
    "installation": _SETUP, "installing": _SETUP, "getting started": _SETUP,
    "how to run": _SETUP, "how to run the app": _SETUP, "running the app": _SETUP,
    "running locally": _SETUP, "run locally": _SETUP, "local setup": _SETUP,
    "environment setup": _SETUP, "development setup": _SETUP, "dev setup": _SETUP,
    "quick start": _SETUP, "quickstart": _SETUP,
}  # fmt: skip
_MONTH: Final = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY: Final = r"(?:mon|tue|tues|wed|wednes|thu|thur|thurs|fri|sat|satur|sun)(?:day)?\.?"
_DAY: Final = r"\d{1,2}(?:st|nd|rd|th)?"
# A heading that is a day and nothing else (``## 26 February 2025 Wednesday``, ``##
# 2024-10-01``, ``## [[Mar 3rd, 2025]]``): an entry of a log, journal or meeting series.
# In forty folders such headings stood only over diaries, minutes and work logs; a
# lecture's day with its subject (``Day 1 - Sept 3, 2019``) is not one.
DATED_HEADING: Final = re.compile(
    rf"(?:{_WEEKDAY},? )?(?:{_DAY} {_MONTH},? \d{{4}}|{_MONTH} {_DAY},? \d{{4}}|{_MONTH} {_DAY}|"
    rf"{_DAY} {_MONTH}|\d{{4}}[-/.]\d{{1,2}}[-/.]\d{{1,2}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})"
    rf"(?:,? {_WEEKDAY})?",
    re.IGNORECASE,
)
DAY_ONLY: Final = re.compile(rf"^\W*{DATED_HEADING.pattern}\W*$", re.IGNORECASE)  # and nothing else
# Headings worth marks, and headings the author marks as still to do (``Ideal TODO``)
MARKED_HEADINGS: Final = (
    (
        re.compile(r"\(\s*\d+(?:\.\d+)?\s*(?:points?|pts|marks?)\s*\)", re.IGNORECASE),
        "an exam question (it is worth marks)",
    ),
    (re.compile(r"\b(?:todos?|to-dos?)(?:\s+list)?\W*$", re.IGNORECASE), "a to-do list"),
    (DAY_ONLY, "a dated entry of a log"),
    (  # set AE's readers: a bootcamp's plan and its recap became clozes of what to learn
        re.compile(
            r"\b(?:learning|study|studying|practice|daily|weekly|action|\d+[- ]?(?:minute|day|"
            r"week|month))\s+(?:plan|routine|schedule)\b|\broadmap\b|\b(?:go|going) (?:even )?"
            r"further\b|\bnext level\b|\bnext steps?\b|\bwhat(?:'s|’s| is) next\b|"
            r"\bwhat you(?:'ve|’ve| have)? (?:achieved|built)\b|"
            r"\byou(?:'ll|’ll| will) (?:learn|build)\b|\bfinal project\b|\bdo this every day\b|"
            r"^\W*learn\W*$",
            re.IGNORECASE,
        ),
        "a study plan (what to learn next, not what is learnt)",
    ),
)


SECTION_WORDS: Final = frozenset(
    {"features", "functionality", "overview", "summary", "notes", "details", "usage",
     "practical tips", "tips", "examples", "example", "description", "introduction",
     "background", "motivation", "conclusion", "conclusions", "key points", "takeaways",
     "key takeaways", "misc", "other", "general", "basics", "setup", "configuration",
     "options", "how to use", "getting started", "steps", "requirements", "prerequisites",
     "limitations", "caveats", "notes and tips", "todo", "questions", "faq", "thoughts",
     "advantages", "disadvantages", "benefits", "drawbacks", "pros", "cons", "pros and cons",
     "types", "goals", "rules", "principles", "reasons", "characteristics", "properties",
     "proof", "conditions", "algorithm", "more detail", "more details", "the rest", "end",
     "wrapping up", "wrap up", "final thoughts", "closing thoughts", "in summary",
     "common questions", "leetcode", "dailycodingproblem", "problem statement",
     "note", "important", "warning", "tip", "hint", "remember", "result", "answer",
     "solution", "source", "author", "date", "status", "link", "input", "output",
     "question", "problem", "update", "edit", "why", "how", "what", "tldr", "pro", "con",
     "benefit", "advantage", "disadvantage", "drawback", "mechanism", "purpose", "check",
     "use case", "use cases", "when to use", "how it works", "key idea", "key insight",
     "insight", "takeaway", "results", "impact", "effect", "risk", "risks", "cost", "costs",
     "trade-off", "tradeoff", "tradeoffs", "trade-offs", "good fit", "poor fit", "goal",
     "code", "objective", "objectives", "course objective", "deprecation", "deprecated",
     "注意", "记住", "总结", "备注", "提示", "小结", "重点",
     "resources", "additional resources", "further reading", "video", "demo", "visuals",
     "revision", "recap", "review", "cheat sheet", "cheatsheet", "at a glance", "assumption",
     "assumptions", "things to note", "things to remember", "things to keep in mind",
     "keep in mind", "perspectives", "by hand"}
)  # fmt: skip


CLAIMS: Final = frozenset(
    {"advantages", "disadvantages", "benefits", "drawbacks", "pros", "cons", "pros and cons",
     "limitations", "challenges", "reasons", "tips", "best practices", "pitfalls",
     "common pitfalls", "mistakes", "common mistakes", "problems", "issues", "risks",
     "strengths", "weaknesses", "lessons", "lessons learned", "why", "why use it"}
)  # fmt: skip
"""Sections whose list items are claims (``- **Simple and efficient:** converges fast``
under ``## Advantages``): their bold leads are the parts to recall, never terms."""


_PAIRS: Final = (
    "left right", "up down", "odd even", "daily weekly", "weekly monthly", "monthly yearly",
    "min max", "good poor", "good bad", "growing shrinking", "strong weak", "static dynamic",
    "sync async", "synchronous asynchronous", "online offline", "explicit implicit",
    "absolute relative", "manual automatic", "success failure", "allow deny", "hot cold",
    "primary secondary", "leader follower", "independent dependent", "minimum maximum",
    "under over", "before after",
    "first last", "start end", "begin end", "open close", "push pop", "add remove",
    "insert delete", "increase decrease", "high low", "upper lower", "input output",
    "ascending descending", "enable disable", "true false", "on off", "read write", "in out",
    "inner outer", "positive negative", "top bottom", "front back", "head tail", "more less",
    "larger smaller", "large small", "fast slow", "long short", "horizontal vertical",
    "encode decode", "encrypt decrypt", "send receive", "get set", "internal external",
    "increasing decreasing", "above below", "enter exit", "import export", "lock unlock",
    "big little", "big-endian little-endian", "major minor", "left-hand right-hand",
)  # fmt: skip
OPPOSITES: Final = {
    one: two for pair in _PAIRS for a, b in [pair.split()] for one, two in ((a, b), (b, a))
}


# Labels of a paper's or a book's record: what it is, not what it says.
METADATA_LABELS: Final = frozenset(
    {"authors", "author", "date", "paper id", "published", "venue", "doi", "arxiv", "year",
     "citation", "cite", "url", "journal", "conference", "publisher", "isbn", "github",
     "website", "status", "source", "sources", "link", "links", "created", "updated",
     "modified", "rating", "tool", "tools", "resource", "instructor", "lecturer",
     "textbook", "platform", "ide", "semester", "credits", "prerequisite"}
)  # fmt: skip


# A label that says the heading above is being defined (``**Definition:** …``), and labels
# of one side of the thing a heading names (``**Formula:** …``), asked as that side of it.
DEFINITION_LABELS: Final = frozenset({"definition", "meaning", "what it is", "what is it"})
# Labels a study guide marks its lines with (``📌 **Interview Insight**: …``): an aspect of
# the heading they stand under, and no term of their own where no heading names one
MARKED_LABELS: Final = frozenset(
    {"interview insight", "key concept", "key difference", "best practice", "best practices",
     "common mistake", "common mistakes", "pitfall", "common misconception", "common pitfall",
     "gotcha", "key point", "key takeaway"}
)  # fmt: skip
ASPECTS: Final = frozenset(
    {"formula", "equation", "syntax", "usage", "python", "complexity", "time complexity",
     "space complexity", "range", "output range", "purpose", "use case", "use cases", "pros",
     "cons", "advantages", "disadvantages", "benefits", "drawbacks", "limitations",
     "intuition", "interpretation", "how it works", "when to use", "why it matters", "input",
     "output", "mechanism", "key idea", "proposition", "propositions", "theorem", "lemma",
     "corollary"}
)  | MARKED_LABELS  # fmt: skip
HEADING_LABELS: Final = DEFINITION_LABELS | ASPECTS  # asked of the heading they stand under
# More labels that say a side of the heading above, not a name (``**Trade-off:** Slow.``
# under ``### Case 5: raise the level``; ``### Gotchas`` under ``## Writing modules``)
_SIDES: Final = CLAIMS | frozenset(
    {"trade-off", "tradeoff", "tradeoffs", "trade-offs", "benefit", "advantage", "drawback",
     "disadvantage", "risk", "cost", "costs", "effect", "impact", "caveat", "caveats",
     "gotchas", "key idea", "key insight", "takeaway", "when to use it", "limitation"}
)  # fmt: skip
_ASKS_OF_IT: Final = re.compile(
    r"^(?:what|why|when|how|where)\b(?=.*\b(?:it|its|this|that|these|they|them|you|we)\b)"
    r"(?:\s+[^\s?:]+){1,5}$"
)


def asks_of_its_heading(label: str) -> bool:
    """Whether a label (as words) says a side of the heading it stands under rather
    than a name of its own: ``Purpose``, ``The benefit``, ``Trade-off``, ``Gotchas``, ``Why
    it fails``, ``How Angular solves it`` (sets AE and AF's readers: such fronts asked
    nothing)."""
    said = label.removeprefix("the ")  # not a question: ``Why does it fail?`` is asked
    return said in ASPECTS or said in _SIDES or bool(_ASKS_OF_IT.match(said.rstrip(".")))


def words_of(name: str) -> str:
    """A name as words: separators as spaces, apostrophes dropped, case folded."""
    words = re.split(r"[-_\s]+", identity_key(name).replace("'", "").strip(" :"))
    return _SYMBOLS.sub("", " ".join(words)).strip()


_SYMBOLS: Final = re.compile(r"^[^\w(]+|[^\w)?]+$")  # an emoji or a mark around a name


def heading_words(name: str) -> str:
    """A heading as the words that say what its section is: ``TO DO (github)`` as ``to
    do``, ``Major Takeaways`` as ``takeaways``, ``Today's agenda`` as ``agenda``."""
    words = words_of(_ASIDE.sub(" ", name))
    return _QUALIFIER.sub("", words, count=1) or words


_ASIDE: Final = re.compile(r"\([^()]{0,60}\)|\[[^\[\]]{0,60}\]")
_QUALIFIER: Final = re.compile(
    r"^(?:major|key|main|additional|other|general|final|important|quick|some|more|todays|"
    r"this weeks|weekly|daily|lesson|session|class|course)\s+"
)


OUTLINE_WORDS: Final = frozenset(
    {"core", "concepts", "ideas", "fundamentals", "theory", "main", "content", "contents"}
)  # fmt: skip


def names(heading: str) -> bool:
    """Whether a heading names a subject, not a part of the page's outline (``📝 Core``,
    ``Overview``, ``Key Concepts``)."""
    said = heading_words(heading)
    return bool(said) and said not in SECTION_WORDS and said not in OUTLINE_WORDS


DISCOURSE: Final = frozenset(
    {"in short", "in summary", "in other words", "however", "therefore", "for example",
     "for instance", "in fact", "basically", "essentially", "finally", "also", "in practice",
     "in general", "tldr", "tl dr", "key point", "remember", "in conclusion", "so",
     "put intuitively", "put simply", "simply put", "intuitively", "informally", "formally",
     "in words", "in plain words", "roughly", "in a nutshell", "put differently"}
)  # fmt: skip
"""Words that link sentences (``**In short**, …``): never a term, nor a part to hide."""
