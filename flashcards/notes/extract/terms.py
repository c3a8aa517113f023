"""Where a list item's term ends and its definition begins: ``**Term:** definition``,
``**Term** - definition``, ``Term: definition`` (a short plain term)."""

from __future__ import annotations

import re
from typing import Final

from flashcards.notes.extract.facets import lead_words
from flashcards.notes.extract.tree import BODY_BLOCKS, strip_leading
from flashcards.notes.extract.words import SECTION_WORDS, words_of
from flashcards.notes.model import Content, Node, with_text
from flashcards.notes.text import has_text, plain_text

SEPARATORS: Final = (":", "–", "—", "-")
# ``**Mechanism** ➔ what it does``: a cheat sheet's arrow sets a term off as a colon does
ARROWS: Final = ("➔", "→", "⟶", "⇒", "=>", "->", "➜", "➡")


def term_and_definition(inline: Content, rest: Content) -> tuple[Content, Content] | None:
    """``**Term:** definition`` (or ``**Term**: ...``, ```term` -- ...``) split in two;
    None if not so shaped."""
    if not inline:
        return None
    first, after = inline[0], inline[1:]
    if first.kind == "em" and _separated(first, after):  # *Term*: as **Term**:
        return term_and_definition((Node("strong", children=first.children, start=first.start),
                                    *after), rest)  # fmt: skip
    if first.kind == "strong":
        term = first.children
        term_text = plain_text(term)
        if term_text.endswith(":"):
            term = _strip_trailing_colon(term)
        elif (
            after
            and after[0].kind == "text"
            and after[0].text[:1] == "."
            and after[0].text[1:2].isalnum()
        ):
            return None  # **Node**.js: the bold is part of a word
        elif after and after[0].kind == "text" and _separator(after[0].text):
            head = after[0].text.lstrip()
            head = head[len(next((a for a in ARROWS if head.startswith(a)), "-")) :].lstrip()
            after = ((Node("text", head, start=after[0].start),) if head else ()) + after[1:]
        elif (
            after
            and after[0].kind == "text"
            and after[0].text[:1].isalnum()
            and (":" in after[0].text.split()[0])
        ):  # **dependencie**s: the bold ends inside the term's last word
            tail, _, head = after[0].text.partition(":")
            term = (Node("text", term_text + tail, start=first.start),)
            after = (
                (Node("text", head.lstrip(), start=after[0].start),) if head.strip() else ()
            ) + after[1:]
        elif not has_text(after) and not rest:
            return None
    elif first.kind == "code" and _code_lead(after):
        # ```View` -- what it does``: a name in code, then a separator
        head = after[0].text[_code_lead(after) :]
        term = (first,)
        after = ((Node("text", head, start=after[0].start),) if head.strip() else ()) + after[1:]
    elif first.kind == "text" and ":" in first.text:
        name, _, head = first.text.partition(":")
        if not name.strip() or len(name.split()) > 6:
            return None
        term = (Node("text", name.strip(), start=first.start),)
        after = ((Node("text", head.lstrip(), start=first.start),) if head.strip() else ()) + after
    else:
        return None
    after = strip_leading(after)
    definition = (
        (Node("paragraph", children=after, start=after[0].start),) if after else ()
    ) + rest
    return term, definition


_DASH: Final = re.compile(r"\s[-–—]\s")


def dashed(prompt: Content) -> tuple[Content, Content] | None:
    """``Term - what it is`` (a short plain term before a dash) split in two."""
    first = prompt[0] if prompt else None
    if first is None or first.kind != "text":
        return None
    match = _DASH.search(first.text)
    if match is None or not 1 <= len(first.text[: match.start()].split()) <= 4:
        return None
    term = (Node("text", first.text[: match.start()].strip(), start=first.start),)
    head = first.text[match.end() :].strip()
    rest = ((Node("text", head, start=first.start),) if head else ()) + prompt[1:]
    return term, (Node("paragraph", children=rest, start=first.start),) if rest else ()


_CODE_LEAD: Final = re.compile(r"\s*(?::|--?|–|—|=>|->)\s+")


def _code_lead(after: Content) -> int:
    """Where the separator after a name in code ends (0: there is none)."""
    if not after or after[0].kind != "text":
        return 0
    match = _CODE_LEAD.match(after[0].text)
    return match.end() if match else 0


def separated(inline: Content) -> bool:
    """Whether a bold, italic or code lead is set off from what follows it (``**Term:**``,
    ``**Term** - …``, ``**Term**. …``): ``**Pod Identity Agent intercepts** those calls``
    is a sentence with bold words in it, not a term and its definition."""
    first, after = inline[0], inline[1:]
    if plain_text(first.children).rstrip().endswith(":") or not has_text(after):
        return True
    return after[0].kind == "text" and (_separator(after[0].text) or bool(_code_lead(after)))


def _separator(text: str) -> bool:
    """Whether the text after a bold term opens with a separator: ``:``, a dash, an arrow,
    or a full stop or ``=`` and a space (``**XSS**. A form of injection``, not
    ``**Node**.js``)."""
    head = text.lstrip()
    if head[:1] in SEPARATORS or (head[:1] in ".=" and head[1:2] in (" ", "")):
        return True
    return head.startswith(ARROWS)


def _separated(first: Node, after: Content) -> bool:
    """Whether an italic lead is followed by (or ends with) a separator: ``*Term*: …``."""
    if plain_text(first.children).endswith(":"):
        return True
    return bool(after) and after[0].kind == "text" and after[0].text.lstrip()[:1] in SEPARATORS


def _strip_trailing_colon(term: Content) -> Content:
    last = term[-1]
    if last.kind == "text":
        text = last.text.rstrip()
        return (*term[:-1], with_text(last, text[:-1].rstrip()))
    return term


LEAD_SEPARATORS: Final = (":", " -", " –", " —")
_LEAD: Final = re.compile(r"^(?P<lead>[^:\s][^:]*?)(?P<separator>:(?=\s|$)| [-–—](?= ))")


def lead_and_rest(
    content: Content, fewest_rest_words: int = 6
) -> tuple[Content, str, Content] | None:
    """An item written ``Lead: what it says`` (the lead bold or a few plain words) as its
    lead, separator and rest, when the rest says ``fewest_rest_words`` words or more."""
    cut = next((index for index, node in enumerate(content) if node.kind in BODY_BLOCKS), None)
    if cut is not None:  # a name on its own line, then paragraphs about it
        if cut == 0 and content[0].kind != "paragraph":
            return None
        lead = content[0].children if cut == 0 else content[:cut]
        rest = content[1:] if cut == 0 else content[cut:]
        named = plain_text(lead)
        short = 1 <= len(named.split()) <= 5 and named[-1:] not in ".,;!?:"
        # sub-points under a name: however short, they are its cue, not more to hide
        # (readers: a hidden item carried its sub-point, two lines hidden as one)
        if not (short and rest):
            return None
        said = plain_text(rest)
        cue = rest[0].kind == "list" and "://" not in said  # a link is no cue: hidden with it
        fewest = 1 if cue else fewest_rest_words
        return (lead, "", rest) if len(said.split()) >= fewest else None
    first, after = content[0], content[1:]
    if first.kind == "strong" and plain_text((first,)).endswith(":"):  # **Lead:** rest
        lead, separator, rest = (first,), "", after
    elif first.kind in ("strong", "code") and after and after[0].kind == "text":
        text = after[0].text  # **Lead** - rest, or `which`: rest (a command and what it does)
        separator = next((s for s in LEAD_SEPARATORS if text.startswith(s)), "")
        if not separator and (first.kind == "code" or not text[:1].isspace()):
            return None  # **Atomicity** what it is: the bold alone is the lead
        rest_text = text[len(separator) :]
        rest = ((with_text(after[0], rest_text),) if rest_text else ()) + after[1:]
        lead = (first,)
    elif (
        first.kind == "text"
        and any(s in first.text for s in LEAD_SEPARATORS)  # the regex's work only then
        and (match := _LEAD.match(first.text))
    ):
        name, separator = match.group("lead"), match.group("separator")
        rest_text = first.text[match.end() :]
        lead = (with_text(first, name),)
        rest = ((with_text(first, rest_text),) if rest_text else ()) + after
    elif (cut := next((i for i, n in enumerate(content) if n.kind == "softbreak"), 0)) > 0:
        lead, separator, rest = content[:cut], "", content[cut:]  # a name, then its lines
        if plain_text(lead).rstrip()[-1:] in ".,;!?":
            return None
    else:
        return None
    words = len(plain_text(lead).split())
    if len(plain_text(rest).split()) < fewest_rest_words or not 1 <= words <= 5:
        return None
    return lead, separator, rest


def gives_away(lead: Content, rest: Content) -> bool:
    """Whether hiding a lead asks nothing, so that the rest is what to hide: what follows
    says the lead's own words (``Search vault: search your vault``), or the lead is only a
    label that counts (``Pin 2: D-``, ``Step 3: …``, ``Part (a)``) and its neighbours
    give it away."""
    shown = plain_text(lead)
    label = shown.strip(" :.-–—")
    if _COUNTING.match(label) or words_of(label) in SECTION_WORDS:
        return True
    named = _stems(shown)
    return bool(named) and 2 * len(named & _stems(plain_text(rest))) >= len(named) + 1


_COUNTING: Final = re.compile(
    r"^(?:[A-Za-z]+\.?\s+)?(?:\d+[a-z]?|\([a-z0-9]{1,3}\)|[ivx]{1,4})$|^[A-Za-z]+\.?\s+[a-zA-Z]$"
    r"|^[A-Za-z]{1,2}\d+$|^[A-Za-z]$|^\(?[a-z0-9]\)$",
    re.IGNORECASE,
)


def front_of(context: tuple[str, ...], prompt: str) -> str:
    """What a checklist's front says: the headings above it and its prompt (what
    :func:`item_cloze` asks whether an item is given away by)."""
    return " ".join((*context, prompt))


def item_cloze(
    content: Content, asked: str, facets: frozenset[str] = frozenset()
) -> tuple[Content, str, Content, bool] | None:
    """How a checklist item is asked on its card, given what the front ``asked``:
    ``(lead, separator, rest, lead_hidden)``, the whole item ``(content, "", (), True)``;
    None keeps it in view with no card (the front says it; over 40 words with no lead; a
    label, ``PyTorch Example:``; a picture). A lead is the cue and its rest is hidden
    (``Redundancy: [...]``): with the rest in view, a hidden name is read off it (set AA's
    readers: "guessable"; issue 32: a pair hides what each does, not the names). A
    command, a name over sub-points and a rest over 25 words are hidden, unless the rest
    gives the lead away, the front says it over a short rest (``Transformations: lazy``
    under ``Transformations vs actions``), or it is one of the note's ``facets``."""
    split = lead_and_rest(content, 1)
    if split is None:
        said = plain_text(content)
        long = len(said.split()) > _MOST_HIDDEN_WORDS
        label = said.endswith(":") and len(said.split()) <= _MOST_LABEL_WORDS  # PyTorch Example:
        label = label or all(n.kind in ("image", "softbreak") for n in content)  # a picture
        return None if long or label or said_before(content, asked) else (content, "", (), True)
    lead, separator, rest = split
    rest_words = len(plain_text(rest).split())
    short = rest_words <= _MOST_SHORT_REST_WORDS
    # a command is hidden under what it does; sub-points under a name are the name's cue
    cue = lead[0].kind != "code" and bool(rest) and rest[0].kind not in BODY_BLOCKS
    shown = (cue and rest_words <= _MOST_RECALLED_REST_WORDS) or gives_away(lead, rest)
    shown = shown or (said_before(lead, asked) and short)
    shown = shown or (bool(facets) and lead_words(lead) in facets)
    return lead, separator, rest, not shown


_MOST_SHORT_REST_WORDS: Final = 12
_MOST_RECALLED_REST_WORDS: Final = 25
_MOST_HIDDEN_WORDS: Final = 40
_MOST_LABEL_WORDS: Final = 4


def said_before(hidden: Content, asked: str) -> bool:
    """Whether every word worth hiding in ``hidden`` is already said by what the card
    asks (its prompt and headings): ``decimal`` in a list under ``Decimal, Binary and
    Hexadecimal`` is read off the front, not recalled (issue 32: readers' "guessable").
    Such an item stays in view and makes no card of its own."""
    named = _parts(plain_text(hidden)) - _LITTLE_WORDS
    return bool(named) and named <= _parts(asked)


def mentions(text: str, name: str) -> bool:
    """Whether ``text`` says at least half of the words of ``name`` (all of it, in a
    script written without spaces: ``行为事物``)."""
    if not name.isascii() and any(ord(char) >= _WITHOUT_SPACES for char in name):
        return name.casefold() in text.casefold()
    named = _parts(name) - _LITTLE_WORDS
    return bool(named) and 2 * len(named & _parts(text)) >= len(named)


_WITHOUT_SPACES: Final = 0x2E80  # from here on (CJK), words are not spaced


def _parts(text: str) -> set[str]:
    """The stems of ``text``'s words, a compound's parts each its own (``defaultAdd``
    is ``defau`` and ``add``)."""
    return {word.casefold()[:5] for word in _WORD_PARTS.findall(text) if len(word) >= 3}


_WORD_PARTS: Final = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[^\W\d_]+")


_LITTLE_WORDS: Final = frozenset(
    {"the", "and", "for", "with", "from", "that", "this", "are", "was", "its", "not", "but",
     "all", "any", "can", "has", "have", "use", "used", "using", "one", "two", "into", "onto",
     "per", "via", "than", "then", "them", "they", "you", "your", "our", "what", "which",
     "when", "who", "how", "why", "each", "also", "only", "more", "most", "some", "such"}
)  # fmt: skip


def _stems(text: str) -> set[str]:
    """The words of ``text`` of three letters or more, by their first five letters."""
    return {word[:5] for word in re.findall(r"[^\W\d_]{3,}", text.casefold())}
