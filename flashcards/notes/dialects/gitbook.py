"""GitBook's blocks, as a GitBook space's Markdown writes them, shown as GitBook shows
them; every line keeps its line number.

- ``{% hint style="info" %}`` … ``{% endhint %}``, ``{% tabs %}`` / ``{% tab title="x" %}``,
  ``{% code title="x" %}``, ``{% stepper %}`` / ``{% step %}`` leave their content and
  nothing of the tag;
- ``{% embed url="https://…" %}`` and ``{% content-ref url="x" %}`` are a link to the url.

Issue 32's readers found these tags on cards as text (``{% embed url=… %}`` as a
definition). Only GitBook's own tag names are read: Jekyll's Liquid is the ``jekyll``
dialect's, in a Jekyll site."""

from __future__ import annotations

import re
from typing import Final

from flashcards.notes.marks import may_hold

_BLOCKS: Final = "hint|tabs|tab|code|stepper|step|content-ref|swagger|columns|column|updates|update"
_TAG: Final = re.compile(
    r"\{%-?[ \t]*(?P<end>end)?(?P<name>" + _BLOCKS + r"|embed|file)\b(?P<args>[^%\n]{0,500}?)-?%\}"
)
_URL: Final = re.compile(r"""\b(?:url|src)=["']([^"'\s]+)["']""")


def applies(body: str) -> bool:
    """Whether ``body`` may hold a GitBook tag."""
    return may_hold(body, ("{%",))


def rewrite(body: str) -> str:
    """``body`` with GitBook's tags as GitBook shows them (the same lines)."""
    return _TAG.sub(_shown, body)


def _shown(match: re.Match[str]) -> str:
    if match.group("end"):
        return ""
    url = _URL.search(match.group("args"))
    if url and match.group("name") in ("embed", "content-ref", "file"):
        return f"<{url.group(1)}>"
    return ""
