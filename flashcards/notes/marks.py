"""Whether a note's text may hold a marker (``[[``, ``{{<``, ``:::``), one pass for all.

Every dialect first asks whether the text holds its markers at all, and nearly every
note holds none of them; searching the whole text for each of some twenty markers was
a twentieth of a build. Here the text is read once, keeping only the characters that
markers are made of (lines kept apart), and a marker whose run of such characters is
not in what was kept is not in the text either. Only markers that pass, or that have no
such character (``START``, ``www.``), are looked for in the whole text.
"""

from __future__ import annotations

import functools
from typing import Final

# The characters markers are made of; everything else is dropped, newlines kept
_SIGNS: Final = b'\n"!#$%()/:;<=>?@[]^{|}'
_DROP: Final = bytes(byte for byte in range(256) if byte not in _SIGNS)


class _Kept:
    """A text and its marker characters (UTF-8 bytes of ASCII signs, in order)."""

    def __init__(self, text: str) -> None:
        self.text = text
        # surrogatepass: a note read with replacement escapes still encodes; multi-byte
        # UTF-8 never holds an ASCII byte, so no sign is made up
        self.signs = text.encode("utf-8", "surrogatepass").translate(None, _DROP)


_last = _Kept("")


def may_hold(text: str, markers: tuple[str, ...]) -> bool:
    """Whether ``text`` holds any of ``markers`` (exactly ``any(m in text for m in
    markers)``, found faster)."""
    global _last
    kept = _last
    if kept.text is not text:  # the same text is asked about by every dialect in turn
        kept = _last = _Kept(text)
    signs = kept.signs
    return any(_run(marker) in signs and marker in text for marker in markers)


@functools.lru_cache(maxsize=256)
def _run(marker: str) -> bytes:
    """The longest run of sign characters in ``marker`` (``b""`` for none): wherever
    the marker stands in a text, this run stands unbroken in the text's signs."""
    runs, run = [b""], bytearray()
    for byte in marker.encode("utf-8"):
        if byte in _SIGNS:
            run.append(byte)
        else:
            runs.append(bytes(run))
            run.clear()
    runs.append(bytes(run))
    return max(runs, key=len)
