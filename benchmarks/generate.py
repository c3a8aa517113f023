"""A deterministic corpus of note files in the style of the user's own note.

``python benchmarks/generate.py N DIR [seed|wide]`` writes N notes. ``seed`` (the
default): about 30 cards each, books of 25 chapters: vocab with multi-line and list
definitions, a Words list, nested checklists (some with deeper levels), and plain
statements that make no card. ``wide``: about 52 cards each, books of 20 chapters, in
the shape the speed issue measured (30 vocab items, five nested checklists).
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

WORDS = [
    "model",
    "data",
    "pipeline",
    "feature",
    "label",
    "drift",
    "metric",
    "latency",
    "throughput",
    "batch",
    "stream",
    "training",
    "serving",
    "inference",
    "vector",
    "embedding",
    "cache",
    "shard",
    "replica",
    "queue",
    "schema",
    "gradient",
    "loss",
    "optimizer",
    "baseline",
    "experiment",
    "monitoring",
    "rollout",
    "canary",
]
CHAPTERS_PER_BOOK = 25


def phrase(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high)))


def note_text(index: int, rng: random.Random) -> str:
    number = index // CHAPTERS_PER_BOOK
    book = f"Book {number:04d} of {phrase(random.Random(number), 1, 3).title()}"
    chapter = index % CHAPTERS_PER_BOOK + 1
    lines = [
        "---",
        f'title: "{book} - Chapter {chapter:02d}"',
        "date: 2024-01-01T10:00:00-06:00",
        "draft: true",
        'tags: ["generated"]',
        f'categories: ["Benchmarks", "{book}"]',
        "---",
        "",
        "## Key Vocab",
        "",
    ]
    terms = [f"term {index}-{n} {phrase(rng, 1, 2)}" for n in range(8)]
    for n, term in enumerate(terms):
        if n % 4 == 3:
            lines.append(f"- **{term}:**")
            lines += [f"    {k}. {phrase(rng, 1, 4)}" for k in range(1, rng.randint(3, 6))]
        elif n % 4 == 1:
            lines.append(f"- **{term}:** {phrase(rng, 6, 12)},")
            lines.append(f"  {phrase(rng, 4, 10)}.")
        else:
            lines.append(f"- **{term}:** {phrase(rng, 5, 14)}.")
    lines += ["- " + phrase(rng, 2, 3), "", "Words", ""]
    lines += [f"- {terms[0]}"] + [f"- {phrase(rng, 1, 3)}" for _ in range(7)]
    lines += ["", "## Major Ideas", ""]
    for section in range(3):
        lines += [f"### Section {section} on {phrase(rng, 2, 4)}", ""]
        lines.append(f"- {phrase(rng, 5, 12)}.")
        for _ in range(2 if section < 2 else 1):
            lines.append(f"- {phrase(rng, 3, 8)}:")
            for item in range(rng.randint(3, 6)):
                lines.append(f"    - {phrase(rng, 3, 10)}")
                if item == 1:
                    lines.append(f"        - {phrase(rng, 3, 8)}")
            lines.append("")
    return "\n".join(lines) + "\n"


def wide_note_text(index: int, rng: random.Random) -> str:
    """A longer chapter note (the shape the speed issue measured): about 30 vocab items,
    some with multi-line and list definitions, a Words list, and five nested checklists;
    about 32 Anki notes and 52 cards."""
    number = index // WIDE_CHAPTERS_PER_BOOK
    book = f"Volume {number:04d}: {phrase(random.Random(number), 2, 3).title()}"
    chapter = index % WIDE_CHAPTERS_PER_BOOK + 1
    lines = [
        "---",
        f'title: "{book}, Chapter {chapter}"',
        f'book: "{book}"',
        f"chapter: {chapter}",
        "tags: [generated, wide]",
        "---",
        "",
        f"# Chapter {chapter}: {phrase(rng, 2, 4).title()}",
        "",
        "## Key Vocab",
        "",
    ]
    terms = [f"{phrase(rng, 1, 2)} {index}-{n}" for n in range(30)]
    for n, term in enumerate(terms):
        if n % 5 == 2:
            lines.append(f"- **{term}:** {phrase(rng, 4, 9)}:")
            lines += [f"    - {phrase(rng, 2, 6)}" for _ in range(rng.randint(2, 4))]
        elif n % 5 == 4:
            lines.append(f"- **{term}:** {phrase(rng, 8, 14)}")
            lines.append(f"  {phrase(rng, 6, 12)}.")
        else:
            lines.append(f"- **{term}:** {phrase(rng, 6, 16)}.")
    lines += ["", "## Words", ""] + [f"- {terms[k]}" for k in range(0, 30, 6)]
    lines += ["", "## Ideas", ""]
    for _ in range(5):
        lines.append(f"- Before {phrase(rng, 2, 5)}, ask:")
        for item in range(rng.randint(3, 6)):
            lines.append(f"    - {phrase(rng, 4, 11)}?")
            if item == 0:
                lines.append(f"        - {phrase(rng, 3, 7)}")
        lines.append("")
    return "\n".join(lines) + "\n"


WIDE_CHAPTERS_PER_BOOK = 20


def generate(count: int, folder: Path, shape: str = "seed") -> None:
    """Write ``count`` notes into ``folder`` (the same files every time), in the
    ``seed`` shape (:func:`note_text`) or the ``wide`` one (:func:`wide_note_text`)."""
    rng = random.Random(20221226)
    per_book, text = (
        (WIDE_CHAPTERS_PER_BOOK, wide_note_text)
        if shape == "wide"
        else (CHAPTERS_PER_BOOK, note_text)
    )
    for index in range(count):
        book = folder / f"book-{index // per_book:04d}"
        book.mkdir(parents=True, exist_ok=True)
        (book / f"chapter-{index % per_book + 1:02d}.md").write_text(
            text(index, rng), encoding="utf-8"
        )


if __name__ == "__main__":
    generate(int(sys.argv[1]), Path(sys.argv[2]), *(sys.argv[3:4] or ["seed"]))
