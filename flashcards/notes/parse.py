"""Note text to the domain model: front matter, dialects, the CommonMark tree, then the
cards extracted from it (pure, no I/O)."""

from __future__ import annotations

import bisect
import os
from dataclasses import replace

from flashcards.errors import NoteError, warning
from flashcards.notes.dialects import (
    admonitions,
    autolinks,
    brackets,
    bullets,
    compose,
    details,
    gitbook,
    hugo,
    inline,
    jekyll,
    labels,
    logseq,
    mathblocks,
    mdx,
    myst,
    obsidian,
    spaces,
)
from flashcards.notes.extract.concepts import add_title_definition
from flashcards.notes.extract.exercises import without_problem_statement
from flashcards.notes.extract.facets import repeated_leads
from flashcards.notes.extract.found import Found
from flashcards.notes.extract.inline import add_block_cards
from flashcards.notes.extract.pages import skipped_content, skipped_note
from flashcards.notes.extract.plainterms import count_plain_leads
from flashcards.notes.extract.vocab import undefined_terms
from flashcards.notes.extract.walk import Walk
from flashcards.notes.load import Document, split_front_matter
from flashcards.notes.markdown import MAX_DEPTH, LineIndex, TooDeep, parse_markdown
from flashcards.notes.marks import may_hold
from flashcards.notes.model import Note, deck_part, package_name, slugify
from flashcards.notes.place import Place, place_of_shown
from flashcards.notes.shown import shown_deck, shown_title
from flashcards.notes.titles import Header
from flashcards.options import DEFAULT_OPTIONS, CardSyntax, ParseOptions


def parse_note(text: str, path: str, options: ParseOptions = DEFAULT_OPTIONS) -> Note:
    """The :class:`Note` that note ``text`` (front matter and body) says.

    Raises :class:`NoteError` when the note cannot be used at all; lesser problems are
    returned in ``Note.problems``.
    """
    return note_from_document(split_front_matter(text, path), options)


def note_from_document(
    document: Document, options: ParseOptions = DEFAULT_OPTIONS, place: Place | None = None
) -> Note:
    """The :class:`Note` of an already split ``document`` at ``place`` in its notes
    folder (read from its path when not given)."""
    place = place or place_of_shown(document.path)
    body, origin, found = document.body, None, [*document.warnings]
    if mdx.applies(document.path):
        body, left_out = mdx.rewrite(body)  # line for line
        found += [(document.body_line + line, message) for line, message in left_out]
    if place.site and jekyll.applies(body):
        body, liquid = jekyll.rewrite(body, document.metadata, jekyll.site_config(place.site))
        found += [(document.body_line + line, message) for line, message in liquid]
    elif gitbook.applies(body):
        body = gitbook.rewrite(body)  # line for line
    syntax = options.syntax
    opted, inline_deck = inline.opted_in(body, _tags(document), syntax)
    if opted and syntax.folder_decks:
        inline_deck = "::".join(_vault_folders(document.path, place, syntax))
    opted = opted or options.inline_cards
    cards_out = inline.rewrite(body, syntax) if inline.applies(body, syntax) else None
    plugin_tags: tuple[str, ...] = ()
    if cards_out is not None:
        body = cards_out.text  # line for line
        found += [(document.body_line + line, message) for line, message in cards_out.warnings]
        if cards_out.cards:  # Obsidian_to_Anki's: its deck and tags for them
            o2a_deck, plugin_tags = _o2a_deck_and_tags(document.path, place, syntax, cards_out)
            inline_deck = inline_deck or o2a_deck
    # Logseq's properties, Dataview's inline fields (not in a note whose Q:: A are cards)
    outline = place.graph or (place.vault and not opted)
    if logseq.applies(body, outline):
        body, page = logseq.rewrite(body, outline)  # line for line
        if page:
            document = replace(document, metadata={**page, **document.metadata})
    if hugo.applies(body):
        rewritten = hugo.rewrite(body, document.metadata)
        body, origin = rewritten.text, rewritten.origin
        found += [(document.body_line + line, message) for line, message in rewritten.warnings]
    if details.applies(body):
        body = details.rewrite(body)  # line for line
    if myst.applies(body):
        body = myst.rewrite(body)  # line for line
    if admonitions.applies(body):
        body = admonitions.rewrite(body)  # line for line: the origin map still holds
    if mathblocks.applies(body):
        body = mathblocks.rewrite(body)  # line for line
    if spaces.applies(body):
        body = spaces.rewrite(body)  # line for line
    if bullets.applies(body):
        body = bullets.rewrite(body)  # line for line
    if labels.applies(body):
        body = labels.rewrite(body)  # line for line
    body = obsidian.escaped_in_tables(body)  # line for line
    body, uncommented = obsidian.without_comments(body)
    origin = compose(origin, uncommented)
    lines = LineIndex(body.encode("utf-8"), document.body_line, origin)
    try:
        blocks = parse_markdown(body, place.tex)
    except TooDeep as error:
        raise NoteError(
            document.path,
            lines.line(error.offset),
            f"Markdown nested more than {MAX_DEPTH} levels deep; flatten the lists or quotes here",
        ) from None
    if brackets.applies(body):
        blocks = brackets.rewrite(blocks)
    if autolinks.applies(body):
        blocks = autolinks.rewrite(blocks)
    if obsidian.applies(body):
        blocks, embeds = obsidian.rewrite(blocks)
        found += [(lines.line(offset), message) for offset, message in embeds]
    cards = Found(
        document.path,
        lines,
        options,
        has_images=may_hold(body, ("![",)),
        has_html=may_hold(body, ("<",)),
        inline=opted,
    )
    cards.problems.extend(warning(document.path, line, message) for line, message in found)
    if may_hold(body, ("**", "__")):
        cards.facets = repeated_leads(blocks)
    if may_hold(body, (": ",)):
        cards.plain_terms = count_plain_leads(blocks)
    Walk(cards).blocks(without_problem_statement(cards, blocks))
    if cards_out is not None:
        add_block_cards(cards, cards_out.cards, document.body_line)
    header = Header.read(document, blocks, cards.problems, options, place)
    title = shown_title(header.title, header.title_from, place, blocks)
    add_title_definition(cards, title, blocks)
    written = opted or bool(cards_out and cards_out.cards)  # cards written for another tool
    unwanted = "" if written else skipped_note(place.stem, place.folders, header.title)
    if not (written or unwanted):
        unwanted = skipped_content(place.stem, document.metadata, blocks)
    if unwanted:  # a changelog, a journal day, contribution rules: nothing to study
        cards.skipped[:] = [(0, f"the note is {unwanted}")]
        cards.vocab.clear()
        cards.checklists.clear()
        cards.clozes.clear()
        cards.bare.clear()
    bare = undefined_terms(cards)
    deck = shown_deck(
        document, place, header.book, header.chapter, (header.title, title), options.deck_pattern
    )
    problems = cards.problems
    count = len(cards.vocab) + len(cards.clozes) + sum(len(c.items) for c in cards.checklists)
    if count == 0 and not header.guessed and not unwanted and not any(p.line for p in problems):
        # Say why only when no other problem (such as a bare term) already explains it.
        problems.append(warning(document.path, 0, _why_no_cards(document, options)))
    return Note(
        path=document.path,
        title=title,
        book=header.book,
        chapter=header.chapter,
        deck=_deck(inline_deck) or deck,
        tags=_with(header.tags, plugin_tags),
        draft=header.draft,
        vocab=tuple(cards.vocab),
        checklists=tuple(cards.checklists),
        bare_terms=bare,
        images=tuple(cards.images),
        problems=tuple(problems),
        book_line=document.line_of("book" if "book" in document.metadata else "title"),
        guessed=header.guessed,
        origin=header.origin,
        package=package_of(header.book, place, options.packages),
        clozes=tuple(cards.clozes),
        skipped=tuple(cards.skipped),
        schedules=_schedules(cards_out, document.body_line, cards),
        anki_ids=_anki_ids(cards_out, document.body_line),
    )


def _tags(document: Document) -> list[str]:
    """The front matter's tags, as words."""
    tags = document.metadata.get("tags")
    if isinstance(tags, list):
        return [tag for tag in tags if isinstance(tag, str)]
    return tags.replace(",", " ").split() if isinstance(tags, str) else []


def _schedules(
    rewritten: inline.Rewritten | None, first_line: int, found: Found
) -> tuple[tuple[int, tuple[tuple[str, int, int], ...]], ...]:
    """Each schedule comment, with the line of the card it follows (the last card that
    starts at or above it); a card takes the first comment after it."""
    if rewritten is None or not rewritten.schedules:
        return ()
    starts = sorted({v.line for v in found.vocab} | {c.line for c in found.clozes})
    kept: dict[int, tuple[tuple[str, int, int], ...]] = {}
    for line, groups in rewritten.schedules:
        at = bisect.bisect_right(starts, first_line + line) - 1
        if at >= 0:
            kept.setdefault(starts[at], groups)
    return tuple(sorted(kept.items()))


def _anki_ids(rewritten: inline.Rewritten | None, first_line: int) -> tuple[tuple[int, int], ...]:
    """The Anki note id of each Obsidian_to_Anki card that has one, by its line."""
    if rewritten is None:
        return ()
    return tuple((first_line + c.line, c.note_id) for c in rewritten.cards if c.note_id)


def _vault_folders(path: str, place: Place, syntax: CardSyntax) -> tuple[str, ...]:
    """The folders a note lies in, from its vault (from the notes root without one)."""
    if not syntax.vault:
        return place.folders
    folder = os.path.relpath(os.path.dirname(os.path.abspath(path)), syntax.vault)
    return tuple(part for part in folder.split(os.sep) if part not in ("", "."))


def _o2a_deck_and_tags(
    path: str, place: Place, syntax: CardSyntax, rewritten: inline.Rewritten
) -> tuple[str, tuple[str, ...]]:
    """The deck of a note's Obsidian_to_Anki cards (its ``TARGET DECK``, else its
    closest folder's deck, else the default deck of that plugin's settings) and their
    tags (the default tag, every folder's tags, its ``FILE TAGS``)."""
    folders = _vault_folders(path, place, syntax)
    above = ["/".join(folders[:depth]) for depth in range(len(folders), 0, -1)]
    decks, tags = dict(syntax.folder_deck_map), dict(syntax.folder_tag_map)
    deck = rewritten.deck or next((decks[f] for f in above if f in decks), syntax.default_deck)
    named = [tag for folder in above for tag in tags.get(folder, ())]
    return deck, (*syntax.default_tags, *named, *rewritten.tags)


def _with(tags: tuple[str, ...], more: tuple[str, ...]) -> tuple[str, ...]:
    if not more:
        return tags
    return tuple(dict.fromkeys((*tags, *(s for s in map(slugify, more) if s))))


def _deck(named: str) -> str:
    """The deck a ``#flashcards/deck/sub`` tag names (``""`` for none)."""
    return "::".join(deck_part(part) for part in named.split("::")) if named else ""


def _why_no_cards(document: Document, options: ParseOptions) -> str:
    if not document.body.strip():
        return "the note has no text after its front matter; no cards made"
    headings = ", ".join(f"'{h.title()}'" for h in options.vocab_headings[:3])
    return (
        "the note yields no cards: it has no vocab section (a heading such as "
        f"{headings}) and no list item with a nested list"
    )


def package_of(book: str, place: Place, packages: str) -> str:
    """The package (``.apkg`` stem) a note goes into: one per book; with ``packages:
    folder``, one per top-level folder of the notes; with ``one``, one for all."""
    if packages == "one":
        name = place.root_name or book
    elif packages == "folder":
        name = place.folders[0] if place.folders else (place.root_name or book)
    else:
        name = book
    return package_name(name)
