"""Jekyll's Liquid and kramdown, in a site (a folder with ``_config.yml``), expanded as
Jekyll would before the Markdown is read; every line keeps its line number.

- ``{% raw %}`` keeps its content literal; ``{% comment %}``, ``{% include %}``,
  ``{% capture %}``, ``{% assign %}`` and kramdown's ``{:toc}`` / ``{: .class}`` leave
  nothing;
- ``{% highlight lang %}`` is a code block; ``{% link x %}`` and ``{% post_url x %}``
  are the link's name;
- ``{{ site.x }}`` and ``{{ page.x }}`` are their values (``_config.yml`` and the front
  matter); ``site.baseurl`` and the ``relative_url``/``absolute_url`` filters leave site
  paths such as ``/assets/x.png``, which are found in the site;
- any other tag keeps the text it encloses, with one warning naming it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import Any, Final

from flashcards.notes.marks import may_hold
from flashcards.notes.place import POST_DATE, SITE_CONFIG

_TAG: Final = re.compile(r"\{%-?\s*(\w+)([^%]*?)-?%\}")
# An output's name runs to its filters or its end (spaces and a trailing ``-`` are taken
# off after): greedy, each opening is read once up to the next brace; a lazy name before
# ``\s*`` tried the rest of a run of spaces from each of its places
_OUTPUT: Final = re.compile(r"\{\{-?([^{}|]+)(\|[^{}]*)?\}\}")
# An attribute list holds no brace: in ``{: .a {: .b}`` the list is ``{: .b}``
_KRAMDOWN: Final = re.compile(
    r"\{:(?:toc|[ \t.#:][^{}\n]*)\}|^[ \t]*\{::[^}\n]*/?\}[ \t]*$", re.MULTILINE
)
_SILENT: Final = {
    "include",
    "include_relative",
    "assign",
    "increment",
    "decrement",
    "seo",
    "feed_meta",
}
_BLOCKS_SILENT: Final = {"comment": "endcomment", "capture": "endcapture"}


_MARKERS: Final = ("{%", "{{", "{:")


def applies(body: str) -> bool:
    """Whether ``body`` may hold Liquid or kramdown extensions (a cheap test)."""
    return may_hold(body, _MARKERS)


def rewrite(
    body: str, page: Mapping[str, Any], site: Mapping[str, Any]
) -> tuple[str, list[tuple[int, str]]]:
    """``body`` with its Liquid expanded (the same number of lines), and one warning
    (line from 0, message) naming the tags it does not know."""
    out: list[str] = []
    unknown: dict[str, int] = {}
    position, silent_until, raw = 0, "", False
    for match in _TAG.finditer(body):
        name = match.group(1)
        if (raw and name != "endraw") or (silent_until and name != silent_until):
            continue  # inside a raw or silent block (its text is taken once, at its end)
        before = body[position : match.start()]
        if raw:
            out.append(before)
            raw = False
        elif silent_until:
            out.append(_lines_only(before))
            silent_until = ""
        else:
            out.append(_outputs(before, page, site))
        position = match.end()
        replacement, silent_until, raw = _tag(name, match.group(2).strip(), silent_until, raw)
        if replacement is None:
            if name not in unknown:  # its line, counted once a name
                unknown[name] = body.count("\n", 0, match.start())
            replacement = ""
        out.append(replacement + "\n" * match.group(0).count("\n"))
    rest = body[position:]
    out.append(rest if raw else _lines_only(rest) if silent_until else _outputs(rest, page, site))
    text = _KRAMDOWN.sub("", "".join(out))
    warnings = []
    if unknown:
        names = ", ".join(f"{{% {name} %}}" for name in unknown)
        warnings.append((min(unknown.values()), f"Liquid tags not known, their text kept: {names}"))
    return text, warnings


def _tag(name: str, argument: str, silent_until: str, raw: bool) -> tuple[str | None, str, bool]:
    """What a tag becomes, and whether it opens a silent block or a raw one."""
    if name == "raw":
        return "", silent_until, True
    if name in _BLOCKS_SILENT:
        return "", _BLOCKS_SILENT[name], raw
    if name in _SILENT or name.startswith("end"):
        return "", silent_until, raw
    if name == "highlight":
        return "```" + (argument.split()[0] if argument else ""), silent_until, raw
    if name in ("link", "post_url"):
        stem = PurePosixPath(argument.strip("'\" ")).stem
        return " ".join(re.split(r"[-_]+", POST_DATE.sub("", stem))), silent_until, raw
    if name in ("if", "unless", "for", "case", "when", "else", "elsif", "tablerow"):
        return "", silent_until, raw
    return None, silent_until, raw


def _outputs(text: str, page: Mapping[str, Any], site: Mapping[str, Any]) -> str:
    """``{{ ... }}`` outputs replaced by their values (unknown ones by nothing)."""
    if "{{" not in text:
        return text

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if match.group(2) is None and name.endswith("-"):  # {{ x -}}: the - trims space
            name = name[:-1]
        return output_value(name.strip(), page, site)

    return _OUTPUT.sub(value, text)


def output_value(name: str, page: Mapping[str, Any], site: Mapping[str, Any]) -> str:
    """What the output ``{{ name }}`` shows: a quoted text, a page or site value."""
    if name in ("site.baseurl", "site.url"):
        return ""
    if name.startswith(("'", '"')):
        return name.strip("'\"")
    scope, _, key = name.partition(".")
    values = {"site": site, "page": page}.get(scope)
    found = values.get(key) if values is not None else None
    return str(found) if isinstance(found, str | int | float) else ""


def _lines_only(text: str) -> str:
    return "\n" * text.count("\n")


@functools.lru_cache(maxsize=64)
def site_config(root: str) -> dict[str, Any]:
    """The values of a site's ``_config.yml`` (empty when it cannot be read)."""
    import yaml

    try:
        data = yaml.safe_load((Path(root) / SITE_CONFIG).read_text(encoding="utf-8"))
    except (OSError, ValueError, yaml.YAMLError, RecursionError):
        return {}
    return data if isinstance(data, dict) else {}
