"""Cards a person keeps, from lists as people write them: each card makes clear what it
asks, and lists that are not something to learn make no card."""

from __future__ import annotations

from pathlib import Path

from flashcards import check, parse_note
from flashcards.cards.render import checklist_fields
from flashcards.notes.text import plain_text

HEAD = '---\ntitle: "Book - Chapter 1"\n---\n'


def checklists(body: str) -> list[tuple[str, tuple[str, ...], int]]:
    note = parse_note(HEAD + body, "n.md")
    return [(c.prompt, c.context, len(c.items)) for c in note.checklists]


def test_a_statement_with_one_explanation_is_prose_not_a_card() -> None:
    assert checklists("## Ideas\n- TCP is connection oriented.\n  - It keeps state.\n") == []


def test_a_question_or_a_name_with_one_item_is_a_card() -> None:
    assert checklists("## Ideas\n- Why index?\n  - faster reads\n") == [
        ("Why index?", ("Ideas",), 1)
    ]
    # a name over the one line that says what it is: a definition, not a cloze of it
    note = parse_note(HEAD + "## Ideas\n- Sharding\n  - splitting data by key\n", "n.md")
    assert ([v.term for v in note.vocab], note.checklists) == (["Sharding"], ())
    assert plain_text(note.vocab[0].definition) == "splitting data by key"


def test_a_topic_above_its_questions_gives_the_context() -> None:
    body = (
        "## Ideas\n- Storage engines\n"
        "  - Before choosing one, ask:\n    - read or write heavy?\n    - range queries?\n"
        "  - Log-structured engines:\n    - append only\n    - compact later\n"
    )
    assert checklists(body) == [
        ("Before choosing one, ask:", ("Ideas", "Storage engines"), 2),
        ("Log-structured engines:", ("Ideas", "Storage engines"), 2),
    ]


def test_tables_of_contents_link_lists_and_to_do_lists_make_no_card() -> None:
    body = (
        "## Contents\n- [Intro](#intro)\n  - [Setup](#setup)\n  - [Use](#use)\n"
        "## Links\nSee:\n- <https://example.org/a>\n- <https://example.org/b>\n"
        "## Today\n- Errands\n  - [ ] post office\n  - [ ] groceries\n"
        "## Tags\nRelated:\n- #databases #storage\n- #indexes\n"
    )
    assert checklists(body) == []


def test_a_task_list_under_a_question_still_asks() -> None:
    body = "## Release\n- Before a release, check:\n  - [ ] the tests\n  - [x] the notes\n"
    assert checklists(body) == [("Before a release, check:", ("Release",), 2)]


def test_tool_folders_are_no_notes(tmp_path: Path) -> None:
    notes = tmp_path / "site"
    for folder in ("node_modules/pkg", "logseq/bak", "docs"):
        (notes / folder).mkdir(parents=True)
    (notes / "logseq" / "config.edn").write_text("{}\n")
    (notes / "node_modules" / "pkg" / "README.md").write_text("# pkg\n- a:\n  - b\n  - c\n")
    (notes / "logseq" / "bak" / "page.md").write_text("- a:\n  - b\n  - c\n")
    (notes / "docs" / "ch1.md").write_text(HEAD + "## Key Vocab\n- **A:** b\n")
    report = check([notes])
    assert [note.path for note in report.notes] == [str(notes / "docs" / "ch1.md")]
    assert sorted(detail.split(":")[0] for detail in report.details) == [
        f"skipped {notes / 'logseq'}",
        f"skipped {notes / 'node_modules'}",
    ]


def test_guessed_book_names_that_clash_are_one_warning_and_build(tmp_path: Path) -> None:
    from flashcards import build

    notes = tmp_path / "vault"
    for folder in ("Que es?", "Que es"):
        (notes / folder).mkdir(parents=True)
        (notes / folder / "n.md").write_text("# Terms\n\n## Key Vocab\n- **A:** b\n- **C:** d\n")
    report = build([notes], tmp_path / "build")
    assert report.errors == []
    assert [p.message for p in report.warnings] == [
        f"book 'Que es?' (named from its folder) and book 'Que es' "
        f"({notes / 'Que es' / 'n.md'}) share the tag 'que-es' and are built together; "
        "a 'book:' in the front matter keeps them apart"
    ]
    assert [path.name for path in report.files] == ["que-es.apkg"]
    assert sum(report.cards_by_deck.values()) == 4


def test_a_glossary_under_any_heading_gives_vocab_cards() -> None:
    note = parse_note(
        HEAD + "## Storage\n- **SSTable:** a sorted file\n- **Memtable:** the write buffer\n"
        "- **Before choosing, ask:**\n  - reads or writes?\n  - ranges?\n",
        "n.md",
    )
    # one bold prompt over a list: not a glossary, but the terms it defines are terms
    assert [v.term for v in note.vocab] == ["SSTable", "Memtable"]
    assert [c.prompt for c in note.checklists] == ["Before choosing, ask:"]
    glossary = parse_note(
        HEAD + "## Storage\n- **SSTable:** a sorted file\n- **Memtable:** the write buffer\n",
        "n.md",
    )
    assert [(v.term, v.context) for v in glossary.vocab] == [
        ("SSTable", ("Storage",)),
        ("Memtable", ("Storage",)),
    ]


PROSE = (
    "    - It keeps a copy of every write on a second machine, so that a failed disk loses"
    " nothing that was acknowledged.\n"
    "    - Reads can be served by the copies too, which spreads the load across machines"
    " when most of the traffic is reads.\n"
)


def test_a_term_over_sentences_of_explanation_is_one_definition() -> None:
    for prompt in ("**Replication -**", "**Replication:**", "Replication"):
        note = parse_note(HEAD + f"## Ideas\n- {prompt}\n{PROSE}", "n.md")
        assert ([v.term for v in note.vocab], note.checklists) == (["Replication"], ())
        assert "spreads the load" in " ".join(plain_text(v.definition) for v in note.vocab)


def test_a_dashed_statement_over_its_points_defines_its_term() -> None:
    note = parse_note(
        HEAD + "## Ideas\n- Avro - a binary encoding that needs the writer's schema\n"
        "  - schemas evolve\n  - no tag numbers\n",
        "n.md",
    )
    assert [v.term for v in note.vocab] == ["Avro"]
    assert note.checklists == ()


def test_a_plain_topic_over_a_page_of_notes_is_no_term() -> None:
    points = "".join(
        f"    - point {n} says something long enough to be prose, and not a point here\n"
        for n in range(8)
    )
    note = parse_note(HEAD + f"## Ideas\n- Chapter Seven\n{points}", "n.md")
    assert (note.vocab, note.checklists) == ((), ())
    assert note.skipped == ((5, "'Chapter Seven': a topic over its notes, not a term to define"),)


def test_a_long_statement_over_long_points_is_prose() -> None:
    note = parse_note(
        HEAD
        + "## Ideas\n- Replication is keeping copies of the data on several machines\n"
        + PROSE,
        "n.md",
    )
    assert (note.vocab, note.checklists) == ((), ())


def test_an_item_with_a_lead_hides_what_follows_the_lead(tmp_path: Path) -> None:
    # set AA's readers: with the rest in view, the hidden name is read off it (guessable)
    from flashcards.building.builder import list_cards, read_cards

    (tmp_path / "n.md").write_text(
        HEAD + "## Ideas\n- Ways to stop lost updates:\n"
        "  - **Atomic writes:** the best choice when the code can be written as operations\n"
        "  - Explicit locking - the application locks the rows it is going to update\n"
        "  - compare-and-set\n"
        "  - **Versions:** a number on every row, compared on write\n"
    )
    rows, _ = list_cards([tmp_path])
    assert [row.back for row in rows] == [
        "the best choice when the code can be written as operations",
        "the application locks the rows it is going to update",
        "compare-and-set",
        "a number on every row, compared on write",
    ]
    assert "Atomic writes: [...]" in rows[0].front
    assert "Explicit locking - [...]" in rows[1].front
    _, notes, _ = read_cards([tmp_path])
    text = notes[0].fields[0]
    assert "<strong>Atomic writes:</strong> {{c1::the best choice" in text
    assert "Explicit locking - {{c2::the application locks" in text
    assert "{{c3::compare-and-set}}" in text


def test_a_rest_too_long_to_recall_hides_its_lead_instead() -> None:
    long = " ".join(["the application takes a lock on every row it reads"] * 3)
    body = f"## Ideas\n- Ways to stop lost updates:\n  - **Explicit locking:** {long}\n  - CAS\n"
    note = parse_note(HEAD + body, "n.md")
    fields = checklist_fields(note, note.checklists[0])[0]
    assert "{{c1::<strong>Explicit locking:</strong>}}" in fields


def test_a_numbered_title_over_its_points_asks_with_the_title() -> None:
    # "- 1) Title" is a bullet holding a one-item numbered list; the points indented by a
    # tab under it are a second list beside that one, not inside it (as outliners write)
    body = (
        "- 1) Why do queues exist?\n\t- absorb traffic spikes\n\t- decouple services\n"
        "- 2) Trade-offs\n\t- more moving parts\n\t- eventual consistency\n"
    )
    assert checklists(body) == [
        ("Why do queues exist?", (), 2),
        ("Trade-offs", (), 2),
    ]


def test_an_item_with_no_text_of_its_own_asks_nothing() -> None:
    body = "## Ideas\n- <!-- a comment -->\n  - a point\n  - another point\n"
    assert checklists(body) == []
    body = "## Ideas\n- <!-- a comment -->\n  - Why index?\n    - faster reads\n"
    assert checklists(body) == [("Why index?", ("Ideas",), 1)]
    body = "## Ideas\n- ![the layers](layers.png)\n  - disk\n  - memory\n"
    assert checklists(body) == [("the layers", ("Ideas",), 2)], "a picture asks what it shows"


def test_a_hugo_sites_archetypes_and_themes_are_no_notes(tmp_path: Path) -> None:
    site = tmp_path / "blog"
    for folder in ("archetypes", "themes/paper/exampleSite/content", "content/posts"):
        (site / folder).mkdir(parents=True)
    (site / "hugo.toml").write_text('title = "Blog"\n')
    (site / "archetypes" / "default.md").write_text("---\ndate: {{ .Date }}\n---\n")
    (site / "themes/paper/exampleSite/content/demo.md").write_text("- Why?\n  - demo\n")
    (site / "content/posts/ch1.md").write_text(HEAD + "## Key Vocab\n- **A:** b\n")
    report = check([site])
    assert [note.path for note in report.notes] == [str(site / "content/posts/ch1.md")]
    assert report.problems == []
    assert sorted(report.details) == [
        f"skipped {site / 'archetypes'}: a Hugo site's page templates",
        f"skipped {site / 'themes'}: a Hugo site's themes",
    ]
    (site / "hugo.toml").unlink()  # not a Hugo site: a folder of notes like any other
    assert len(check([site]).notes) == 2


def test_a_quartz_sites_notes_are_its_content_folder(tmp_path: Path) -> None:
    site = tmp_path / "garden"
    for folder in ("content/Networking", "docs/features", "quartz/components"):
        (site / folder).mkdir(parents=True)
    (site / "quartz.config.ts").write_text("export default {}\n")
    (site / "README.md").write_text("# Quartz\n- Why?\n  - to publish\n")
    (site / "docs/features/callouts.md").write_text("# Callouts\n- Why?\n  - to box\n")
    (site / "quartz/components/README.md").write_text("# Components\n")
    (site / "content/Networking/TCP.md").write_text(HEAD + "## Key Vocab\n- **A:** b\n")
    report = check([site])
    assert [note.path for note in report.notes] == [str(site / "content/Networking/TCP.md")]
    why = "a Quartz site's own files (its notes are in content/)"
    assert sorted(report.details) == [
        f"skipped {site / name}: {why}" for name in ("README.md", "docs", "quartz")
    ]
    (site / "quartz.config.ts").unlink()  # not a Quartz site: every note is read
    assert len(check([site]).notes) == 4
