"""What the extraction of one note found: cards, bare terms, images and problems."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final

from flashcards.errors import Problem, warning
from flashcards.notes.extract.aspects import asked_of_heading
from flashcards.notes.extract.termhood import not_a_term
from flashcards.notes.extract.tree import descendants, has_kind
from flashcards.notes.extract.words import (
    MARKED_LABELS,
    words_of,
)
from flashcards.notes.extract.worth import junk_section
from flashcards.notes.markdown import LineIndex
from flashcards.notes.model import (
    BareTerm,
    Checklist,
    Cloze,
    Content,
    ImageRef,
    Node,
    Vocab,
    identity_key,
    nfc,
)
from flashcards.notes.rawhtml import disallowed_tags, image_sources, visible_text
from flashcards.notes.text import has_text, plain_text
from flashcards.options import ParseOptions

_PLACEHOLDERS: Final = frozenset(
    {"notes", "tbd", "todo", "to do", "coming soon", "notes forthcoming", "forthcoming", "wip",
     "...", "…", "tba", "placeholder", "fill in", "fill me in", "draft"}
)  # fmt: skip


@dataclass
class Found:
    """The collections every card kind's extraction adds to, for one note."""

    path: str
    lines: LineIndex
    options: ParseOptions
    problems: list[Problem] = field(default_factory=list)
    vocab: list[Vocab] = field(default_factory=list)
    defined: dict[str, Vocab] = field(default_factory=dict)  # by identity key
    bare: list[BareTerm] = field(default_factory=list)
    checklists: list[Checklist] = field(default_factory=list)
    images: list[ImageRef] = field(default_factory=list)
    has_images: bool = True  # False lets the walk skip looking for images
    has_html: bool = True  # False lets it skip looking for raw HTML
    inline: bool = False  # the note opts in to inline card syntax (Q::A, ==cloze==)
    clozes: list[Cloze] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (line, why no card)
    facets: frozenset[str] = frozenset()  # bold leads repeated from list to list (facets.py)
    plain_terms: int = 0  # paragraphs that open ``term: what it is`` (plainterms.py)

    def add_vocab(
        self,
        term_content: Content,
        definition: Content,
        line: int,
        context: tuple[str, ...],
        *,
        both: bool = False,
        written: bool = False,
        guid_key: str = "",
    ) -> None:
        """A vocab card, unless its term or definition is empty or its term is already
        defined in this note (each is warned about), or it stands in a section of
        nothing to learn, or its term is no term (a sentence, a label: each noted as
        skipped). A card the author ``written`` in a flashcard syntax is never judged."""
        unfit = _unfit(term_content, definition)  # before a label is told as an aspect
        declared = self.declared(context)  # a vocab section's terms are terms as written
        asked = term_content
        if not declared:
            term_content, context, guid_key = asked_of_heading(term_content, context, guid_key)
        relabelled = term_content is not asked  # asked of its heading, the author's own name
        term = plain_text(term_content)
        unwanted = "" if written else junk_section(context)
        if unwanted:
            self.skip(line, f"'{term}' stands in a section of {unwanted}")
            return
        definition, why = _trimmed(term, definition, written)
        if why:
            self.skip(line, why)
            return
        judged = not (written or term.endswith("?") or declared or relabelled)
        unwanted = (not_a_term(term) or unfit) if judged else unfit if relabelled else ""
        if unwanted:
            self.skip(line, f"'{term}' is {unwanted}; no card")
            return
        if not term:
            self.warn(line, "vocab item has an empty term; no card")
            return
        if not (has_text(definition) or has_kind(definition, "image") or _html(definition)):
            self.warn(line, f"'{term}' has an empty definition; no card made")
            return
        key = identity_key(term)
        if guid_key and identity_key(guid_key) in self.defined:  # a GUID made of it is taken
            guid_key = ""
        earlier = self.defined.get(key)
        if earlier is not None:
            twice = f"'{term}' is defined twice (first at line {earlier.line})"
            self.warn(line, f"{twice}; the first definition is kept")
            return
        # without the NamedTuple's Python-level constructor: one per card
        vocab: Vocab = tuple.__new__(
            Vocab, (nfc(term), term_content, definition, line, context, both, guid_key)
        )
        self.vocab.append(vocab)
        self.defined[key] = vocab
        if guid_key:  # a card made of that name would share its GUID
            self.defined.setdefault(identity_key(guid_key), vocab)
        self.inspect((term_content, definition))

    def declared(self, context: tuple[str, ...]) -> bool:
        """Whether a vocab section the author named holds the card: its bold terms are
        terms, whatever they say."""
        return any(identity_key(h.rstrip(":")) in self.options.vocab_headings for h in context)

    def skip(self, line: int, why: str) -> None:
        """Note that what stands at ``line`` makes no card on purpose, and why."""
        self.skipped.append((line, why))

    def warn(self, line: int, message: str) -> None:
        """Add a warning at ``line`` of this note."""
        self.problems.append(warning(self.path, line, message))

    def inspect(self, contents: Iterable[Content]) -> None:
        """Note the images that cards show, and name the raw HTML they will never show."""
        if not (self.has_images or self.has_html):
            return
        for content in contents:
            warned: set[tuple[int, str]] = set()
            for node in descendants(content):
                if node.kind == "image":
                    line = self.lines.line(node.start)
                    self.images.append(ImageRef(node.text, line, bool(node.attr("wiki"))))
                elif node.kind in ("html", "html_block"):
                    raw = node.text or "".join(child.text for child in node.children)
                    line = self.lines.line(node.start)
                    self.images += [ImageRef(src, line, False) for src in image_sources(raw)]
                    for name in dict.fromkeys(disallowed_tags(raw)):
                        if (line, name) in warned:
                            continue  # an HTML block and the HTML inside it
                        warned.add((line, name))
                        self.warn(
                            line,
                            f"HTML <{name}> is not allowed on cards; {_kept(name, node, content)}",
                        )


def _kept(name: str, node: Node, content: Content) -> str:
    """What a card keeps of a tag it may not show: a ``<script>`` or ``<style>`` is left
    out with its content (an HTML block's lines, or up to its closing tag); any other
    tag, or one opened in a line of text and never closed, leaves the text after it."""
    whole = name in ("script", "style") and (
        node.kind == "html_block"
        or any(f"</{name}" in (n.text or "").lower() for n in descendants(content))
    )
    return "it is left out with its content" if whole else "the tag is left out, its text stays"


def _unfit(term: Content, definition: Content) -> str:
    """Why a term and its definition make no card whatever the term says (``""``: they
    may): a link to another page, a definition that leads on, a citation."""
    unfit = _navigates(term, definition) or _leads_on(definition)
    if not unfit and _CITATION.search(plain_text(definition[:1])):
        return "a citation (authors, venue, DOI), not a term"
    return unfit


_CITATION: Final = re.compile(
    r"\bdoi\s*[:.]|\bdoi\.org\b|\barxiv\b|\bet al\.|\bIn Proceedings\b|\bpp\.\s*\d"
    r"|^\s*\[\d{1,3}\]\s",  # [1] A paper's title: a list of references
    re.IGNORECASE,
)


def _navigates(term: Content, definition: Content) -> str:
    """Why a term that is only a Markdown link is a way round a site, not a term: what
    follows it tells of the page (``**[java](java/README.md)** - Java learning notes``),
    or it leads to a folder (``[type/](type/)``) or a place in this page (``[FN](#fn)``:
    an index of what follows). Readers found such lists junk as cards. A glossary's
    terms may link to their own pages (``[行为事物](uml/behaviour.md) | the model's dynamic
    part``), and a wiki link (``[[Idempotency]]``) names a note: both stay terms."""
    inner = term
    while len(inner) == 1 and inner[0].kind in ("strong", "em"):
        inner = inner[0].children
    shown = [node for node in inner if node.kind != "text" or node.text.strip()]
    if len(shown) != 1 or shown[0].kind != "link" or shown[0].attr("wiki"):
        return ""
    said, name = plain_text(definition), plain_text(inner)
    place = shown[0].text
    if place.startswith("#") or place.endswith("/") or name.endswith("/") or said == name:
        return "a link to another page, not a term"
    if _REPOSITORY_PAGE.search(place):  # a folder or file of a repository, on its site
        return "a link to another page, not a term"
    if _PAGE_WORDS.search(said):
        return "a link to another page, not a term"
    return ""


_PAGE_WORDS: Final = re.compile(
    r"\b(?:notes?|learning|tutorials?|guides?|docs|documentation|examples?|resources|"
    r"course|cheat ?sheets?|samples?|exercises|links|articles?|readme|solutions|"
    r"summaries)\b",
    re.IGNORECASE,
)
_REPOSITORY_PAGE: Final = re.compile(r"^https?://[^/]+/[^/]+/[^/]+/(?:-/)?(?:tree|blob)/")


def _leads_on(definition: Content) -> str:
    """Whether a definition ends by leading into something that is not on the card (``…
    is computed as follows:``, ``Run the following command``), or points at what is not
    on it (``the example below``): the answer would stop where it begins (issue 32:
    readers' "fragment", "context missing")."""
    last = definition[-1] if definition else None
    said = plain_text(last.children).rstrip() if last and last.kind == "paragraph" else ""
    if said.endswith((":", "=")) or _LEADING_ON.search(said):
        return "a term whose definition leads into what is not on the card"
    return ""


_LEADING_ON: Final = re.compile(
    r"\b(?:the following(?: \w+){0,3}|as follows|below|reduces to|given by|this command)\W*$"
    r"|\b(?:below|following) (?:example|code|snippet|image|figure|diagram|table|screenshot)s?\b"
    r"|\b(?:example|code|snippet|image|figure|diagram|table|screenshot)s? below\b",
    re.IGNORECASE,
)


def _trimmed(term: str, definition: Content, written: bool) -> tuple[Content, str]:
    """A definition with its long listings of code left off, and why it makes no card
    (``""`` when it may): a placeholder, nothing but a listing, a label that marks a line
    under no heading that names a subject (``✅ **Best Practice**: …`` alone)."""
    if _placeholder(definition):
        return definition, f"'{term}': its definition is a placeholder"
    if written:
        return definition, ""
    kept = tuple(block for block in definition if not _long_listing(block))
    if definition and not kept:
        return kept, f"'{term}': its definition is a long listing of code"
    if identity_key(term.rstrip(": ")) in MARKED_LABELS:
        return kept, f"'{term}' marks a line under no heading that names a subject"
    return kept, ""


def _long_listing(block: Node) -> bool:
    """Whether ``block`` is a listing of code over 15 lines (an app's source pasted under
    the term it uses): no one recalls it, and readers found it buried the card's point."""
    lines = sum(node.text.count("\n") for node in block.children)
    return block.kind == "code_block" and lines >= _MOST_CODE_LINES


_MOST_CODE_LINES: Final = 15


def _placeholder(definition: Content) -> bool:
    """Whether a definition only holds a place (``Notes``, ``TBD``): read only when it is
    one paragraph, the one shape a placeholder has."""
    if len(definition) != 1 or definition[0].kind != "paragraph":
        return False
    said = words_of(plain_text(definition[0].children))
    return said in _PLACEHOLDERS or said.startswith(("todo ", "tbd ", "fixme "))


def _html(content: Content) -> str:
    """The text that raw HTML in ``content`` shows (a definition may be only HTML)."""
    raws = [
        node.text or "".join(child.text for child in node.children)
        for node in descendants(content)
        if node.kind in ("html", "html_block")
    ]
    return visible_text("".join(raws)) if raws else ""
