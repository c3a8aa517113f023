"""A book's stamps file: written by hand, a row at a time, exactly as ``json.dumps``
would write it, and read back to the same stamps."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from flashcards.building.stamps import book_bytes, parse_book
from flashcards.building.state import MAX_MOD, VERSION, Stamp
from flashcards.building.statecheck import dumps

# Any text: quotes, backslashes, control characters, non-ASCII, and the lone surrogates
# that a file name which is not UTF-8 decodes to
TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=12)
SOURCES = st.sampled_from(["", "/notes/a.md", '/notes/"quoted"\\b.md', "/notes/\udcff.md"])
STAMPS = st.dictionaries(
    TEXT,
    st.builds(
        Stamp,
        TEXT,
        st.integers(-(2**62), 2**62),
        st.integers(0, 2**62),
        TEXT,
        SOURCES,
    ),
    max_size=6,
)


def _as_json_dumps_writes_it(stamps: dict[str, Stamp]) -> bytes:
    sources = {"": -1} | {s.source: 0 for s in stamps.values() if s.source}
    numbers = {name: index - 1 for index, name in enumerate(sources)}
    return dumps(
        {
            "version": VERSION,
            "sources": list(sources)[1:],
            "stamps": {
                key: [s.content_hash, s.mod, s.id, s.search, numbers[s.source]]
                for key, s in stamps.items()
            },
        }
    )


@given(STAMPS)
def test_a_stamps_file_is_byte_for_byte_what_json_dumps_writes(stamps: dict) -> None:
    assert book_bytes(stamps) == _as_json_dumps_writes_it(stamps)


@given(STAMPS)
def test_a_stamps_file_reads_back_to_the_same_stamps(stamps: dict) -> None:
    valid = {  # what a build writes: times not before 1970, ids in range and distinct
        key: stamp._replace(mod=abs(stamp.mod) % MAX_MOD, id=n)
        for n, (key, stamp) in enumerate(stamps.items(), start=1)
    }
    assert parse_book(book_bytes(valid)) == valid
