"""Code blocks on cards: highlighted by Pygments when the language is known, escaped
text otherwise (the note type's stylesheet colours the tokens)."""

from __future__ import annotations

import functools
import html
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pygments itself loads only for a note with code
    from pygments.lexer import Lexer


def _attr(value: str) -> str:
    return html.escape(value, quote=True)


def code_block(language: str, code: str) -> str:
    lexer = _lexer(language) if language else None
    if lexer is None:
        body = html.escape(code, quote=False)
    else:
        from pygments import highlight
        from pygments.formatters import HtmlFormatter

        body = highlight(code, lexer, HtmlFormatter(nowrap=True))
    css = f' class="language-{_attr(language)}"' if language else ""
    return f'<pre class="highlight"><code{css}>{body}</code></pre>'


@functools.lru_cache(maxsize=64)
def _lexer(language: str) -> Lexer | None:
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound

    try:
        return get_lexer_by_name(language)
    except ClassNotFound:
        return None
