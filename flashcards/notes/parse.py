"""Note text to the domain model: front matter, then the Markdown tree (pure, no I/O)."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from flashcards.errors import NoteError, Problem, warning
from flashcards.notes.dialects import compose, hugo, obsidian
from flashcards.notes.load import Document, split_front_matter
from flashcards.notes.markdown import MAX_DEPTH, LineIndex, TooDeep, parse_markdown, plain_text
from flashcards.notes.model import (
    BareTerm,
    Checklist,
    ChecklistItem,
    Content,
    ImageRef,
    Node,
    Note,
    Vocab,
    deck_name,
    identity_key,
    nfc,
    slugify,
)
from flashcards.notes.rawhtml import disallowed_tags
from flashcards.options import DEFAULT_OPTIONS, ParseOptions

KNOWN_KEYS = ("title", "tags", "categories", "draft", "date", "book", "chapter")
# Keys that Hugo and Obsidian read: not ours, never typos of ours.
OTHER_TOOLS_KEYS = hugo.FRONT_MATTER_KEYS | obsidian.FRONT_MATTER_KEYS
_BLOCKS = frozenset(
    {"paragraph", "list", "code_block", "html_block", "blockquote", "table", "heading", "rule"}
)
_TITLE = re.compile(
    r"^(?P<book>.*?)[\s\-–—:|,.]*\b(?:chapter|chap\.|ch\.?)\s*(?P<number>\d+)\b"
    r"[\s\-–—:.]*(?P<name>.*)$",
    re.IGNORECASE,
)
_SEPARATORS = (":", "–", "—", "-")


def parse_note(text: str, path: str, options: ParseOptions = DEFAULT_OPTIONS) -> Note:
    """The :class:`Note` that note ``text`` (front matter and body) says.

    Raises :class:`NoteError` when the note cannot be used at all; lesser problems are
    returned in ``Note.problems``.
    """
    return note_from_document(split_front_matter(text, path), options)


def note_from_document(document: Document, options: ParseOptions = DEFAULT_OPTIONS) -> Note:
    """The :class:`Note` of an already split ``document``."""
    body, origin, found = document.body, None, []
    if hugo.applies(body):
        rewritten = hugo.rewrite(body, document.metadata)
        body, origin = rewritten.text, rewritten.origin
        found = [(document.body_line + line, message) for line, message in rewritten.warnings]
    body, uncommented = obsidian.without_comments(body)
    origin = compose(origin, uncommented)
    lines = LineIndex(body.encode("utf-8"), document.body_line, origin)
    try:
        blocks = parse_markdown(body)
    except TooDeep as error:
        raise NoteError(
            document.path,
            lines.line(error.offset),
            f"Markdown nested more than {MAX_DEPTH} levels deep; flatten the lists or quotes here",
        ) from None
    if obsidian.applies(body):
        blocks, embeds = obsidian.rewrite(blocks)
        found += [(lines.line(offset), message) for offset, message in embeds]
    extractor = _Extractor(
        document.path,
        lines,
        options,
        has_images="![" in body,
        has_html="<" in body,
    )
    extractor.problems.extend(warning(document.path, line, message) for line, message in found)
    extractor.walk(blocks)
    header = _Header.read(document, blocks, extractor.problems, options)
    vocab, bare = extractor.results()
    problems = extractor.problems
    cards = len(vocab) + sum(len(c.items) for c in extractor.checklists)
    if cards == 0 and not any(p.line for p in problems):
        # Say why only when no other problem (such as a bare term) already explains it.
        problems.append(warning(document.path, 0, _why_no_cards(document, options)))
    return Note(
        path=document.path,
        title=header.title,
        book=header.book,
        chapter=header.chapter,
        deck=deck_name(header.book, header.chapter, options.deck_pattern),
        tags=header.tags,
        draft=header.draft,
        vocab=vocab,
        checklists=tuple(extractor.checklists),
        bare_terms=bare,
        images=tuple(extractor.images),
        problems=tuple(problems),
        book_line=document.line_of("book" if "book" in document.metadata else "title"),
    )


def undefined_term(path: str, term: BareTerm) -> Problem:
    """The warning for a bare term that has no definition."""
    return warning(path, term.line, f"'{term.term}' has no definition; no card made")


def _why_no_cards(document: Document, options: ParseOptions) -> str:
    if not document.body.strip():
        return "the note has no text after its front matter; no cards made"
    headings = ", ".join(f"'{h.title()}'" for h in options.vocab_headings[:3])
    return (
        "the note yields no cards: it has no vocab section (a heading such as "
        f"{headings}) and no list item with a nested list"
    )


@dataclass(frozen=True)
class _Header:
    title: str
    book: str
    chapter: str | None
    tags: tuple[str, ...]
    draft: bool

    @classmethod
    def read(
        cls, document: Document, blocks: Content, problems: list[Problem], options: ParseOptions
    ) -> _Header:
        meta, path, line = document.metadata, document.path, document.line_of
        if not document.body.strip() and not document.has_front_matter:
            problems.append(warning(path, 1, "the file is empty; no cards made"))
        elif not document.has_front_matter:
            problems.append(warning(path, 1, "no front matter; the title is taken from the note"))
        for key in meta:
            if str(key) in KNOWN_KEYS or str(key) in OTHER_TOOLS_KEYS:
                continue
            close = difflib.get_close_matches(str(key), KNOWN_KEYS, n=1, cutoff=0.75)
            if close:
                problems.append(
                    warning(
                        path,
                        line(str(key)),
                        f"unknown front matter key '{key}': did you mean '{close[0]}'?",
                    )
                )
        title = _text_value(meta, "title", path, line("title"))
        title = title or _first_heading(blocks) or _stem(path)
        book = _text_value(meta, "book", path, line("book"))
        chapter = _chapter_value(meta.get("chapter"), path, line("chapter"))
        match = _TITLE.match(title)
        if match:
            book = book or match.group("book").strip()
            chapter = chapter or str(int(match.group("number")))
        if not book:
            book = title
            if chapter:
                problems.append(
                    warning(
                        path,
                        1,
                        "the title names a chapter but no book; add 'book:' to the front matter",
                    )
                )
                chapter = None
        if "date" in meta and not _is_date(meta["date"]):
            problems.append(
                warning(
                    path, line("date"), f"date {meta['date']!r} is not a date (YYYY-MM-DD); ignored"
                )
            )
        draft = meta.get("draft", False)
        if not isinstance(draft, bool):
            raise NoteError(path, line("draft"), f"'draft' must be true or false, not {draft!r}")
        tags = (
            _words(meta, "tags", path, line("tags"))
            + _words(meta, "categories", path, line("categories"))
            + options.extra_tags
        )
        slugs = tuple(dict.fromkeys(s for s in map(slugify, tags) if s))
        return cls(nfc(title), nfc(book), chapter, slugs, draft)


def _text_value(meta: dict[str, Any], key: str, path: str, line: int) -> str:
    value = meta.get(key)
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise NoteError(path, line, f"'{key}' must be text, not {_kind(value)}")
    return " ".join(str(value).split())


def _chapter_value(value: Any, path: str, line: int) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise NoteError(path, line, f"'chapter' must be a number or text, not {_kind(value)}")
    text = " ".join(str(value).split())
    digits = re.fullmatch(r"(?:chapter|chap\.|ch\.?)?\s*(\d+)", text, re.IGNORECASE)
    return str(int(digits.group(1))) if digits else text


def _words(meta: dict[str, Any], key: str, path: str, line: int) -> tuple[str, ...]:
    value = meta.get(key)
    if value is None:
        return ()
    if isinstance(value, str):  # Obsidian's "a, b" or "a b"
        return tuple(value.split(",") if "," in value else value.split())
    if isinstance(value, list) and all(
        isinstance(v, str | int | float) and not isinstance(v, bool) for v in value
    ):
        return tuple(str(v) for v in value)
    raise NoteError(
        path, line, f"'{key}' must be a list of words (like [a, b]) or one word, not {_kind(value)}"
    )


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        nested = any(isinstance(item, list | dict) for item in value)
        return "a nested list" if nested else "a list"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    return f"{value!r}"


def _is_date(value: Any) -> bool:
    if isinstance(value, dt.date):
        return True
    if not isinstance(value, str):
        return False
    try:
        dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def _first_heading(blocks: Content) -> str:
    for block in blocks:
        if block.kind == "heading" and block.attr("level") == "1":
            return plain_text(block.children)
    return ""


def _stem(path: str) -> str:
    """A title from the file name (a Hugo page bundle's ``index.md``: its folder's)."""
    file = PurePath(path)
    stem = file.parent.name if file.stem in ("index", "_index") and file.parent.name else file.stem
    return " ".join(re.split(r"[-_\s]+", stem)).strip() or "Untitled"


@dataclass
class _Extractor:
    """Walks the block tree once, collecting vocab, bare terms and checklists."""

    path: str
    lines: LineIndex
    options: ParseOptions
    problems: list[Problem] = field(default_factory=list)
    vocab: list[Vocab] = field(default_factory=list)
    defined: dict[str, Vocab] = field(default_factory=dict)  # by identity key
    bare: list[BareTerm] = field(default_factory=list)
    checklists: list[Checklist] = field(default_factory=list)
    images: list[ImageRef] = field(default_factory=list)
    headings: list[tuple[int, str]] = field(default_factory=list)
    vocab_level: int | None = None
    has_images: bool = True  # False lets the walk skip looking for images
    has_html: bool = True  # False lets it skip looking for raw HTML

    def walk(self, blocks: Content) -> None:
        pending: Node | None = None  # the paragraph just before, if it may label a list
        for block in blocks:
            if block.kind == "heading":
                self._enter_heading(block)
            elif block.kind == "list" and pending is not None:
                self._labelled_list(pending, block)
            elif block.kind == "list" and self.vocab_level is not None:
                for item in block.children:
                    self._vocab_item(item)
            elif block.kind == "list":
                self._find_checklists(block)
            elif block.kind == "blockquote":
                self.walk(block.children)
            elif block.kind == "callout":
                self.walk(block.children[1:])  # the body, after the title
            label = plain_text(block.children).strip() if block.kind == "paragraph" else ""
            pending = block if label.endswith(":") or self._is_words_label(label) else None

    def results(self) -> tuple[tuple[Vocab, ...], tuple[BareTerm, ...]]:
        """Vocab cards, and the bare terms that the note does not define."""
        bare: dict[str, BareTerm] = {}
        for term in self.bare:
            key = identity_key(term.term)
            if key not in self.defined and key not in bare:
                bare[key] = term
                self.problems.append(undefined_term(self.path, term))
        return tuple(self.vocab), tuple(bare.values())

    def _is_words_label(self, label: str) -> bool:
        return identity_key(label.rstrip(":")) in self.options.words_labels

    def _enter_heading(self, block: Node) -> None:
        level = int(block.attr("level", "1"))
        text = plain_text(block.children)
        while self.headings and self.headings[-1][0] >= level:
            self.headings.pop()
        if text:
            self.headings.append((level, text))
        if self.vocab_level is not None and level <= self.vocab_level:
            self.vocab_level = None
        if identity_key(text.rstrip(":")) in self.options.vocab_headings:
            self.vocab_level = level

    def _context(self) -> tuple[str, ...]:
        return tuple(text for _, text in self.headings)

    def _labelled_list(self, label: Node, block: Node) -> None:
        text = plain_text(label.children)
        if self._is_words_label(text):
            for item in block.children:
                inline, _ = _split_item(item)
                term = plain_text(inline)
                if term:
                    self.bare.append(BareTerm(term, self.lines.line(item.start)))
        elif self.vocab_level is not None:
            for item in block.children:
                self._vocab_item(item)
        else:
            self._checklist(label.children, block, (), label.start)

    def _find_checklists(self, block: Node) -> None:
        for item in block.children:
            inline, rest = _split_item(item)
            nested = next((i for i, node in enumerate(rest) if node.kind == "list"), None)
            if nested is not None:
                prompt = inline + rest[:nested]
                self._checklist(prompt, rest[nested], rest[nested + 1 :], item.start)

    def _checklist(self, prompt: Content, block: Node, extra: Content, start: int) -> None:
        items = []
        for item in block.children:
            inline, rest = _split_item(item)
            content = inline + rest if rest else inline
            if plain_text(content) or _has_kind(content, "image"):
                items.append(ChecklistItem(content, self.lines.line(item.start)))
        prompt_text = plain_text(prompt)
        line = self.lines.line(start)
        if not items:
            self.problems.append(
                warning(
                    self.path,
                    line,
                    f"checklist '{prompt_text}' has no items with text; no card made",
                )
            )
            return
        if len(items) == 1:
            self.problems.append(
                warning(self.path, line, f"checklist '{prompt_text}' has a single item")
            )
        checklist = Checklist(
            prompt=nfc(prompt_text),
            prompt_content=prompt,
            items=tuple(items),
            ordered=bool(block.attr("start")),
            extra=extra,
            line=line,
            context=self._context(),
        )
        self.checklists.append(checklist)
        self._inspect_content((prompt, *(i.content for i in items), extra))

    def _vocab_item(self, item: Node) -> None:
        inline, rest = _split_item(item)
        line = self.lines.line(item.start)
        parts = _term_and_definition(inline, rest)
        if parts is None:
            term = plain_text(inline)
            if term:
                self.bare.append(BareTerm(term, line))
            return
        term_content, definition = parts
        term = plain_text(term_content)
        if not term:
            self.problems.append(warning(self.path, line, "vocab item has an empty term; no card"))
            return
        if not plain_text(definition) and not _has_kind(definition, "image"):
            self.problems.append(
                warning(self.path, line, f"'{term}' has an empty definition; no card made")
            )
            return
        key = identity_key(term)
        earlier = self.defined.get(key)
        if earlier is not None:
            self.problems.append(
                warning(
                    self.path,
                    line,
                    f"'{term}' is defined twice (first at line {earlier.line}); "
                    "the first definition is kept",
                )
            )
            return
        vocab = Vocab(nfc(term), term_content, definition, line, self._context())
        self.vocab.append(vocab)
        self.defined[key] = vocab
        self._inspect_content((term_content, definition))

    def _inspect_content(self, contents: Iterable[Content]) -> None:
        """Note the images that cards show, and name the raw HTML they will never show."""
        if not (self.has_images or self.has_html):
            return
        for content in contents:
            for node in _descendants(content):
                if node.kind == "image":
                    line = self.lines.line(node.start)
                    self.images.append(ImageRef(node.text, line, bool(node.attr("wiki"))))
                elif node.kind in ("html", "html_block"):
                    raw = node.text or "".join(child.text for child in node.children)
                    for name in dict.fromkeys(disallowed_tags(raw)):
                        self.problems.append(
                            warning(
                                self.path,
                                self.lines.line(node.start),
                                f"HTML <{name}> is not allowed on cards; "
                                + (
                                    "it is left out with its content"
                                    if name in ("script", "style")
                                    else "the tag is left out, its text stays"
                                ),
                            )
                        )


def _split_item(item: Node) -> tuple[Content, Content]:
    """A list item's own inline text (task box removed) and the blocks after it."""
    children = item.children
    if children and children[0].kind == "paragraph":
        inline, rest = children[0].children, children[1:]
    else:
        cut = next((i for i, c in enumerate(children) if c.kind in _BLOCKS), len(children))
        inline, rest = children[:cut], children[cut:]
    if inline and inline[0].kind == "task":
        inline = _strip_leading(inline[1:])
    return inline, rest


def _term_and_definition(inline: Content, rest: Content) -> tuple[Content, Content] | None:
    """``**Term:** definition`` (or ``**Term**: ...``) split in two; None if not so shaped."""
    if not inline:
        return None
    first, after = inline[0], inline[1:]
    if first.kind == "strong":
        term = first.children
        term_text = plain_text(term)
        if term_text.endswith(":"):
            term = _strip_trailing_colon(term)
        elif after and after[0].kind == "text" and after[0].text.lstrip()[:1] in _SEPARATORS:
            head = after[0].text.lstrip()[1:].lstrip()
            after = ((Node("text", head, start=after[0].start),) if head else ()) + after[1:]
        elif not plain_text(after) and not rest:
            return None
    elif first.kind == "text" and ":" in first.text:
        name, _, head = first.text.partition(":")
        if not name.strip() or len(name.split()) > 6:
            return None
        term = (Node("text", name.strip(), start=first.start),)
        after = ((Node("text", head.lstrip(), start=first.start),) if head.strip() else ()) + after
    else:
        return None
    after = _strip_leading(after)
    definition = (
        (Node("paragraph", children=after, start=after[0].start),) if after else ()
    ) + rest
    return term, definition


def _strip_trailing_colon(term: Content) -> Content:
    last = term[-1]
    if last.kind == "text":
        text = last.text.rstrip()
        return (*term[:-1], last._replace(text=text[:-1].rstrip()))
    return term


def _strip_leading(nodes: Content) -> Content:
    while nodes and nodes[0].kind in ("softbreak", "hardbreak"):
        nodes = nodes[1:]
    if nodes and nodes[0].kind == "text":
        head = nodes[0].text.lstrip()
        nodes = ((nodes[0]._replace(text=head),) if head else ()) + nodes[1:]
    return nodes


def _descendants(nodes: Content) -> Iterator[Node]:
    for node in nodes:
        yield node
        yield from _descendants(node.children)


def _has_kind(nodes: Content, kind: str) -> bool:
    return any(node.kind == kind for node in _descendants(nodes))
