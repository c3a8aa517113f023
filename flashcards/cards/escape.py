r"""Text as card HTML: escaped, kept from Anki's MathJax (which typesets what follows a
``\(`` or ``\[``) and from its cloze syntax."""

from __future__ import annotations

import re
from typing import Final

__all__ = ["cloze_safe", "escaped", "shown", "untyped_html"]


def cloze_safe(fragment: str) -> str:
    """HTML that Anki cannot read as cloze syntax.

    ``{{``, ``}}`` and ``::`` are broken with an entity, and so is a final ``}``, which
    would otherwise close the cloze around it early.
    """
    safe = fragment.replace("{{", "{&#123;").replace("}}", "}&#125;").replace("::", ":&#58;")
    if safe.endswith("}"):
        safe = safe[:-1] + "&#125;"
    return safe


def escaped(text: str) -> str:
    """``html.escape(text, quote=False)``, with no work for text that holds nothing to
    escape (nearly all of it: this runs for every piece of text on every card)."""
    if "&" in text or "<" in text or ">" in text:
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text


_TEX_OPENER: Final = re.compile(r"\\(?=[(\[])")
_TAG: Final = re.compile(r"(<[^>]*>)")


def shown(text: str) -> str:
    r"""Text as card HTML: escaped, and kept from Anki's MathJax, which would typeset
    what follows a ``\(`` or ``\[`` (a note's ``\\(`` shows a backslash and a
    parenthesis): such a backslash stands in an element of its own, and MathJax looks
    for its delimiters within one run of text only."""
    out = escaped(text)
    if "\\" in out:
        return _TEX_OPENER.sub("<span>\\\\</span>", out)
    return out


def untyped_html(raw: str) -> str:
    """A note's raw HTML with the backslashes of its text kept from MathJax (see
    :func:`shown`); tags are left as they are."""
    return "".join(
        part if part.startswith("<") else _TEX_OPENER.sub("<span>\\\\</span>", part)
        for part in _TAG.split(raw)
    )
