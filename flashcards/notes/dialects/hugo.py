"""Hugo's content pages: shortcodes, site folders and front matter keys.

Shortcodes are a template layer that Hugo expands before it reads the Markdown, so
they are rewritten here in the note's text, before parsing, keeping every other line
where it was (:class:`Rewritten` maps lines back):

- ``figure`` becomes the image with its caption; ``highlight LANG`` a fenced code block;
- ``ref``/``relref`` the link's text (or the target, alone); ``param`` its value from the
  front matter, else its name; ``youtube``, ``vimeo``, ``instagram``, ``gist`` and ``x``
  a link to what they embed;
- any other shortcode keeps its inner content and is named in one warning per note;
- ``{{</* x */>}}`` (Hugo's way to write a shortcode literally) shows ``{{< x >}}``.

``{{ x }}`` is not a shortcode and stays as written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Final

from flashcards.notes.dialects import TextEdit
from flashcards.notes.marks import may_hold
from flashcards.notes.scan import HUGO_CONFIGS

SITE_CONFIGS: Final = HUGO_CONFIGS
SITE_FOLDERS: Final = ("static", "assets")
FRONT_MATTER_KEYS: Final[frozenset[str]] = frozenset(
    {
        "aliases", "audio", "author", "authors", "build", "cascade", "date", "description",
        "draft", "expiryDate", "expirydate", "featured_image", "headless", "images",
        "isCJKLanguage", "keywords", "lastmod", "layout", "linkTitle", "markup", "math",
        "menu", "menus", "outputs", "params", "publishDate", "publishdate", "resources",
        "series", "sitemap", "slug", "summary", "toc", "translationKey", "type", "url",
        "videos", "weight",
    }
)  # fmt: skip

# The arguments end on a non-space (or are none): lazy arguments that could end anywhere
# in a run of spaces would try the rest of the run from each of its places
_TAG: Final = re.compile(
    r"\{\{(?P<open>[<%])(?P<comment>/\*)?\s*(?P<close>/)?\s*(?P<name>[\w./-]+)"
    r"(?P<args>(?:.*?\S)??)\s*(?P<self>/)?\s*(?P<endcomment>\*/)?(?P<end>[>%])\}\}",
    re.DOTALL,
)
_REF_LINK: Final = re.compile(  # [text]({{< ref "x" >}}) on one line
    r"\[(?P<text>(?:[^\[\]\\\n]|\\.)*)\]\([ \t]*"
    r"\{\{[<%][ \t]*(?:rel)?ref[ \t]+[^{}\n]*?[>%]\}\}[ \t]*\)"
)
_TEXT: Final = re.compile(r"\S")
_ARG: Final = re.compile(r'(?:(\w+)=)?("(?:[^"\\]|\\.)*"|`[^`]*`|[^\s"`]+)')


_MARKERS: Final = ("{{<", "{{%")


def applies(body: str) -> bool:
    """Whether ``body`` may hold a shortcode."""
    return may_hold(body, _MARKERS)


@dataclass
class Rewritten:
    """Rewritten text; ``origin[n]`` is the line (0-based) of the original text that
    line ``n`` of the new text comes from; ``warnings`` are (original line, message)."""

    text: str
    origin: list[int]
    warnings: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class _Tag:
    start: int
    end: int
    name: str
    args: str
    closing: bool
    single: bool
    literal: bool
    delimiters: tuple[str, str]

    def written(self) -> str:
        """How Hugo shows a ``{{</* x */>}}`` tag: the shortcode itself, as text."""
        opening, closing = self.delimiters
        slash = "/" if self.closing else ""
        args = f" {self.args}" if self.args else ""
        return f"{{{{{opening} {slash}{self.name}{args} {closing}}}}}"


def rewrite(body: str, metadata: Mapping[str, Any]) -> Rewritten:
    """``body`` with its shortcodes expanded as cards need them."""
    body = _REF_LINK.sub(lambda m: m.group("text"), body)  # within a line: lines stay put
    out = TextEdit(body)
    # searched up to the last closing ``>}}`` or ``%}}``, where every tag ends: an opening
    # after it would be searched to the end of the text, each in turn
    last = max(body.rfind(">}}"), body.rfind("%}}")) + 3
    tags = [_tag(m) for m in _TAG.finditer(body, 0, last)]
    pairs = _pairs(tags)
    unknown: dict[str, int] = {}
    position = index = line_start = searched = first_text = 0
    while index < len(tags):
        tag = tags[index]
        out.keep(position, tag.start)
        line = out.line_at(tag.start)
        closing = pairs.get(index)
        # what the tag encloses, and what stands before it on its line (only where it
        # counts: slicing them for every tag of a long line took its length each time)
        highlight = closing is not None and tag.name == "highlight"
        inner = body[tag.end : tags[closing].start] if highlight and closing else ""
        newline = body.rfind("\n", searched, tag.start) + 1
        if newline > line_start or searched == 0:  # a new line: where its text begins
            line_start = max(line_start, newline)
            text_at = _TEXT.search(body, line_start)
            first_text = text_at.start() if text_at else len(body)
        searched = tag.start
        indent = body[line_start : tag.start] if highlight and first_text >= tag.start else None
        text = (
            tag.written() if tag.literal else _expand(tag, inner, metadata, unknown, line, indent)
        )
        if text is not None:
            out.put(text, line)
        if text is not None and closing is not None:
            position, index = tags[closing].end, closing + 1
        else:  # a tag alone, or an unknown one whose content stays (expanded in turn)
            position, index = tag.end, index + 1
    out.keep(position, len(body))
    warnings = [
        (line, f"unknown Hugo shortcode '{name}'; its content is kept")
        for name, line in unknown.items()
    ]
    return Rewritten(out.text(), out.origin, warnings)


def _tag(match: re.Match[str]) -> _Tag:
    return _Tag(
        match.start(),
        match.end(),
        match.group("name"),
        match.group("args").strip(),
        bool(match.group("close")),
        bool(match.group("self")),
        bool(match.group("comment")),
        (match.group("open"), match.group("end")),
    )


def _pairs(tags: list[_Tag]) -> dict[int, int]:
    """Opening tag index -> the index of the tag that closes it."""
    pairs: dict[int, int] = {}
    stack: list[int] = []  # the open tags, innermost last
    depths: dict[str, list[int]] = {}  # a name -> where in the stack it is open
    for index, tag in enumerate(tags):
        if tag.literal or tag.single:
            continue
        if not tag.closing:
            depths.setdefault(tag.name, []).append(len(stack))
            stack.append(index)
            continue
        open_at = depths.get(tag.name)
        if open_at:  # the innermost open tag of that name, and every tag inside it, close
            depth = open_at[-1]
            pairs[stack[depth]] = index
            for inside in stack[depth:]:
                depths[tags[inside].name].pop()
            del stack[depth:]
    return pairs


def _expand(
    tag: _Tag,
    inner: str,
    metadata: Mapping[str, Any],
    unknown: dict[str, int],
    line: int,
    indent: str | None,
) -> str | None:
    """The text a shortcode becomes; None to drop the tag and keep what it encloses.
    ``indent`` is what stands before the tag on its line, when that is only spaces."""
    if tag.closing:
        return ""  # a closing tag of an unknown shortcode
    positional, named = _arguments(tag.args)
    name = tag.name
    if name == "figure":
        src = named.get("src", positional[0] if positional else "")
        caption = named.get("caption", "") or named.get("title", "")
        alt = named.get("alt", "") or caption
        image = f"![{_escape(alt)}](<{src}>)" if src else ""
        return f"{image}<br>*{caption}*" if caption and image else image or caption
    if name == "highlight":
        language = named.get("lang", positional[0] if positional else "")
        code = inner.strip("\n")
        fence = "~~~~" if "```" in code else "```"
        if indent is None:  # the tag stands after text: the block starts on a new line
            return f"\n{fence}{language}\n{code}\n{fence}\n"
        return f"{fence}{language}\n{code}\n{indent}{fence}"
    if name in ("ref", "relref"):
        return named.get("path", positional[0] if positional else "")
    if name == "param":
        key = named.get("name", positional[0] if positional else "")
        params = metadata.get("params")
        value = metadata.get(key)
        if value is None and isinstance(params, dict):  # Hugo's newer `params:` table
            value = params.get(key)
        return str(value) if isinstance(value, str | int | float) else key
    if name in EMBEDS:
        return _embed_link(name, positional, named)
    if name not in CONTAINERS:
        unknown.setdefault(name, line)
    return None


# Hugo's own shortcodes that embed a video or a post: a card cannot play them, so each
# becomes a link to what it shows (https://gohugo.io/shortcodes/).
EMBEDS: Final = {
    "youtube": ("YouTube video", "https://www.youtube.com/watch?v={id}"),
    "vimeo": ("Vimeo video", "https://vimeo.com/{id}"),
    "instagram": ("Instagram post", "https://www.instagram.com/p/{id}/"),
    "gist": ("gist", "https://gist.github.com/{user}/{id}"),
    "x": ("post on X", "https://x.com/{user}/status/{id}"),
    "twitter": ("post on X", "https://x.com/{user}/status/{id}"),
    "tweet": ("post on X", "https://x.com/{user}/status/{id}"),
}


def _embed_link(name: str, positional: list[str], named: dict[str, str]) -> str:
    """A Markdown link to what an embedding shortcode shows ("" without its id)."""
    label, address = EMBEDS[name]
    if "{user}" in address:  # gist USER ID, or x user=USER id=ID
        user = named.get("user", named.get("username", positional[0] if positional else ""))
        id_ = named.get("id", positional[1] if len(positional) > 1 else "")
    else:
        user, id_ = "", named.get("id", positional[0] if positional else "")
    if not id_ or ("{user}" in address and not user):
        return ""
    title = named.get("title", "")
    return f"[{_escape(title or label)}](<{address.format(user=user, id=id_)}>)"


# Shortcodes of common themes (hugo-book, docsy, learn, Wowchemy, Blowfish) that only box
# what they enclose (math that the page renders, too): their content is kept, no warning.
CONTAINERS: Final = frozenset(
    {"hint", "details", "expand", "tabs", "tab", "columns", "section", "alert", "notice",
     "callout", "admonition", "note", "tip", "warning", "info", "pageinfo", "blocks/section",
     "math", "katex"}
)  # fmt: skip


def _arguments(text: str) -> tuple[list[str], dict[str, str]]:
    positional: list[str] = []
    named: dict[str, str] = {}
    for match in _ARG.finditer(text):
        key, value = match.group(1), match.group(2)
        if value[:1] in ('"', "`"):
            value = value[1:-1].replace('\\"', '"')
        if key:
            named[key] = value
        else:
            positional.append(value)
    return positional, named


def _escape(text: str) -> str:
    return text.replace("[", "\\[").replace("]", "\\]")


@lru_cache(maxsize=256)
def site_root(folder: Path) -> Path | None:
    """The Hugo site that ``folder`` lies in: the nearest folder above (or at) it with a
    site configuration file."""
    for candidate in (folder, *folder.parents):
        if any((candidate / name).is_file() for name in SITE_CONFIGS):
            return candidate
    return None


def site_file(note_folder: Path, absolute: str) -> tuple[Path, Path] | None:
    """``(file, allowed root)`` for an absolute site path such as ``/images/x.png``:
    the file in the site's ``static/`` (or ``assets/``) folder, when there is one."""
    root = site_root(note_folder.resolve())
    if root is None:
        return None
    relative = absolute.lstrip("/")
    for folder in SITE_FOLDERS:
        candidate = root / folder / relative
        if candidate.is_file():
            return candidate, root / folder
    return root / SITE_FOLDERS[0] / relative, root / SITE_FOLDERS[0]
