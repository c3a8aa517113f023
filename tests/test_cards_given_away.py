"""Cards a person keeps, round 5 (issue 32): nothing hidden that the front already says,
no heading taken as a term for whatever text follows it, no link or exercise as a card,
and no markup of MyST, Quarto or footnotes on a card. Each shape on a fixture of our own."""

from __future__ import annotations

import os
from pathlib import Path

from conftest import AnkiCollection

from flashcards import build, parse_note
from flashcards.cards.render import checklist_fields, render
from flashcards.cards.rows import card_rows
from flashcards.notes.dialects import myst
from flashcards.notes.scan import note_files
from flashcards.notes.text import plain_text


def test_an_item_the_front_already_says_stays_in_view_with_no_card() -> None:
    text = (
        "# Numbers\n\n## Decimal, binary and hexadecimal\n\nThe bases a programmer meets:\n\n"
        "- decimal\n- binary\n- octal numbers\n"
    )
    note = parse_note(text, "bases.md")
    (checklist,) = note.checklists
    shown = checklist_fields(note, checklist)[0]
    assert "<li>decimal</li>" in shown and "<li>binary</li>" in shown
    assert "{{c3::octal numbers}}" in shown and "c1::" not in shown and "c2::" not in shown
    rows = [row for row in card_rows([note], reverse=False) if row.kind == "checklist"]
    assert [row.back for row in rows] == ["octal numbers"]


def test_a_compound_word_is_given_away_only_by_all_of_its_parts() -> None:
    text = (
        "# Policies\n\n## Allowed, default and dropped capabilities\n\nThree fields:\n\n"
        "- allowedCapabilities\n- defaultAddCapabilities\n- requiredDropCapabilities\n"
    )
    note = parse_note(text, "psp.md")
    rows = [row.back for row in card_rows([note], reverse=False)]
    assert rows == ["defaultAddCapabilities", "requiredDropCapabilities"]


def test_a_list_whose_front_says_every_item_makes_no_cloze() -> None:
    note = parse_note(
        "# Git\n\n## Clone, pull and push\n\nThe verbs:\n\n- clone\n- pull\n- push\n", "g.md"
    )
    assert note.checklists == ()
    assert "its front says every item" in " ".join(why for _, why in note.skipped)


def test_a_bold_term_the_heading_already_says_is_no_cloze() -> None:
    text = (
        "# Floats\n\n## IEEE 754 single precision\n\nThe **IEEE 754** format keeps a sign, "
        "an exponent and a **significand** in every word.\n"
    )
    note = parse_note(text, "f.md")
    (cloze,) = note.clozes
    hidden = [plain_text(node.children) for node in cloze.content if node.kind == "cloze"]
    assert hidden == ["significand"]


def test_a_heading_over_text_that_does_not_name_it_is_no_term() -> None:
    text = (
        "# Course\n\n## 📹 Video\n\nAt this point we are loading the component lazily with "
        "a dynamic import.\n\n## About 🔍\n\nThis repo contains notes from an online course "
        "on maps and markers.\n\n## Remove the immutability attribute\n\nTo delete the file "
        "you must take the immutable attribute off first.\n\n## Finite state machine\n\n"
        "To design one for this circuit, we start by drawing the state diagram.\n"
    )
    assert parse_note(text, "course.md").vocab == ()


def test_a_terse_definition_under_its_heading_is_still_a_card() -> None:
    text = (
        "# Security\n\n## Sheep dip\n\nisolated computer on which malware is installed to "
        "investigate it\n\n## Displacement map\n\nAn image that can be used to alter the "
        "geometry of a mesh in a scene.\n\n## ⚡ Passing options to plugins\n\nIn the plugin "
        "file, options are passed as the second argument to the hooks.\n"
    )
    note = parse_note(text, "sec.md")
    assert [v.term for v in note.vocab] == [
        "Sheep dip",
        "Displacement map",
        "⚡ Passing options to plugins",  # the term as written: it is the card's identity
    ]


def test_a_term_that_is_only_a_link_to_another_page_is_no_card() -> None:
    text = (
        "# Study notes\n\n- **[bash](./bash/README.md)** - Bash scripting notes\n"
        "- **[docker](https://docker.com)** - Docker notes\n"
        "- **[[Idempotency]]**: the same request twice has the effect of one\n"
        "- **[Sharding](db/sharding.md)**: rows split across servers by a key\n"
        "- **[FN](#fn)**: repeated logic belongs in a private function\n"
        "- **[type/](type/)**: conversions, constants and literals\n"
    )
    note = parse_note(text, "README.md")
    assert [v.term for v in note.vocab] == ["Idempotency", "Sharding"]


def test_footnote_marks_and_notes_are_not_on_cards() -> None:
    text = (
        "# Bugs\n\n## Kinds\n\n- **Heisenbug**: a bug that hides when you look for it[^h]\n"
        "- **Bohrbug**: a bug that shows every single time\n\n[^h]: Named after Heisenberg.\n"
    )
    note = parse_note(text, "bugs.md")
    assert [plain_text(v.definition) for v in note.vocab] == [
        "a bug that hides when you look for it",
        "a bug that shows every single time",
    ]


def test_myst_directives_are_admonitions_and_cross_references_words() -> None:
    text = (
        "# CPU\n\n(sec-alu)=\n## The ALU\n\n:::{figure} images/alu.png\n:label: fig-alu\n"
        ":width: 80%\n\nThe ALU and its ports.\n:::\n\nThe ALU ports, shown in @fig-alu:\n\n"
        "- operand A\n"
        "- operand B\n- the selector (see @fig-alu)\n\n:::{note} Hint\n:class: dropdown\n\n"
        "The selector picks one result.\n:::\n"
    )
    note = parse_note(text, "alu.md")
    (checklist,) = note.checklists
    assert checklist.prompt == "The ALU ports, shown in the figure:"
    assert [plain_text(item.content) for item in checklist.items][-1] == "the selector"
    words = " ".join(plain_text(c.content) for c in note.clozes) + " ".join(
        plain_text(v.definition) for v in note.vocab
    )
    assert ":label:" not in words and ":::" not in words and "dropdown" not in words
    assert checklist.context == ("CPU", "The ALU")
    assert myst.rewrite("(sec-alu)=\n## The ALU\n") == "\n## The ALU\n"  # line for line


def test_a_revealed_answer_callout_is_no_prompt_of_its_own() -> None:
    text = (
        "# Arrays\n\n:::{note} Show Explanation\n:class: dropdown\n\n"
        "* Multiple declaration is covered in an earlier section.\n:::\n"
    )
    assert parse_note(text, "arrays.md").vocab == ()


def test_an_exercise_page_that_sets_the_reader_a_task_makes_no_cards() -> None:
    text = (
        "## Builders\n\nFunction literals with a receiver make builders.\n\n"
        "Implement the function `buildMap` that takes a lambda and returns a map.\n\n"
        "- **buildMap**: builds a map from a lambda\n"
    )
    note = parse_note(text, "Kotlin course/Builders/task.md")
    assert note.vocab == () and note.checklists == ()
    assert "an exercise's statement" in " ".join(why for _, why in note.skipped)
    kept = parse_note(text.replace("Implement the", "We implement the"), "notes/builders.md")
    assert [v.term for v in kept.vocab] == ["buildMap"]


def test_a_software_project_inside_the_notes_is_left_out_and_said(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    (notes / "rust" / "hello-world").mkdir(parents=True)
    (notes / "rust" / "hello-world" / "Cargo.toml").write_text("[package]\nname = 'hello'\n")
    (notes / "rust" / "hello-world" / "README.md").write_text("# Hello\n\nRun `cargo run`.\n")
    (notes / "rust" / "ownership.md").write_text("# Ownership\n")
    (notes / "site").mkdir()
    (notes / "site" / "package.json").write_text("{}")
    (notes / "site" / "docusaurus.config.js").write_text("module.exports = {}")
    (notes / "site" / "intro.md").write_text("# Intro\n")
    (notes / "package.json").write_text("{}")  # the folder asked for is never left out
    (notes / "index.md").write_text("# Index\n")
    skipped: list[tuple[str, str]] = []
    found = sorted(os.path.relpath(file, notes) for file, _, _ in note_files([str(notes)], skipped))
    assert found == [
        "index.md",
        os.path.join("rust", "ownership.md"),
        os.path.join("site", "intro.md"),
    ]
    assert skipped == [
        (
            str(notes / "rust" / "hello-world"),
            "a software project (Cargo.toml): its docs, not notes",
        )
    ]


def test_steps_of_a_lab_timestamps_and_placeholders_are_no_checklists() -> None:
    text = (
        "# Lab one\n\n## Virtual machine\n\nGetting a VM:\n\n- Download VMware Fusion\n"
        "- Install the Windows image\n- Launch the VM\n\n## Review video\n\nParts:\n\n"
        "- 15:00 2D arrays\n- 27:30 IPC\n- 45:00 pointers\n\n## Template\n\nFill in:\n\n"
        "- {Module Name (Version)}\n- {Any files created or modified}\n- {Who runs it}\n\n"
        "## Components\n\nThe map needs:\n\n- <MapContainer>\n- <TileLayer>\n"
    )
    note = parse_note(text, "week 3.md")  # (a note named Setup is a runbook: no cards)
    assert [c.prompt for c in note.checklists] == ["The map needs:"]
    why = " ".join(why for _, why in note.skipped)
    assert "steps to do" in why and "timestamps" in why and "placeholders" in why


def test_a_task_set_after_a_reading_and_a_list_of_own_projects_make_no_cards() -> None:
    task = (
        "## Extension functions\n\nLearn about extension functions.\nThen implement the "
        "extension functions `Int.r()` and `Pair.r()`.\n\n- **Pair**: a class of two values\n"
    )
    assert parse_note(task, "Koans/Extension functions/task.md").vocab == ()
    readme = (
        "# C++\n\n## Code Examples\n\n- **cpp-sample** - single-file examples run with "
        "Code Runner\n- **xmake-sample** - examples built with the xmake tool\n"
    )
    assert parse_note(readme, "cpp/notes.md").vocab == ()


def test_a_definition_that_leads_into_what_is_not_on_the_card_is_no_card() -> None:
    text = (
        "# Python\n\n## Interpreter\n\n- **UTF-8 mode**: run the following command\n"
        "- **Tokenization**: a string is split into tokens according to:\n"
        "- **Bytecode**: what the interpreter runs, compiled from source\n\n"
        "## Learning Outcomes\n\nBy the end you can:\n\n- write a decorator\n- read bytecode\n"
    )
    note = parse_note(text, "python.md")
    assert [v.term for v in note.vocab] == ["Bytecode"] and note.checklists == ()
    why = " ".join(why for _, why in note.skipped)
    assert why.count("leads into what is not on the card") == 2 and "course admin" in why


def test_a_table_of_test_results_or_status_is_no_glossary() -> None:
    text = (
        "# Checks\n\n| Check | Result | Notes |\n| --- | --- | --- |\n"
        "| V1 energy | PASS | max error 1e-9 in every run |\n| V2 momentum | ✅ | holds |\n"
        "| V3 charge | FAIL, drifts | needs a smaller step size |\n\n"
        "| Protocol | What it does |\n| --- | --- |\n| TCP | ordered, reliable byte stream |\n"
        "| UDP | datagrams, no delivery promise |\n"
    )
    assert [v.term for v in parse_note(text, "checks.md").vocab] == ["TCP", "UDP"]


def test_a_citation_is_no_definition() -> None:
    text = (
        "# Datasets\n\n- **ERA5**: Hersbach, H. et al. The ERA5 global reanalysis. Q. J. R. "
        "Meteorol. Soc. 146, 1999–2049, doi:10.1002/qj.3803\n"
        "- **Reanalysis**: a weather model run over past observations to fill in the record\n"
    )
    note = parse_note(text, "data.md")
    assert [v.term for v in note.vocab] == ["Reanalysis"]
    assert "a citation" in " ".join(why for _, why in note.skipped)


def test_a_name_in_code_with_a_separator_is_a_term_and_a_project_path_is_not() -> None:
    text = (
        "# Clean architecture\n\nThe engine's parts:\n\n"
        "## Parts\n\n- `Controller` -- turns raw user input into input data\n"
        "- `Presenter` -- turns output data into strings for the view\n"
        "- `Interactor` -- runs the use case on the input data\n\n## Files\n\n"
        "- `src/checker.py` - the old checker, replaced by the new one\n"
        "- `clickhouse-test/` - the old test directory of the project\n"
        "- `TCP/IP` - the protocols the internet runs on, layered\n"
    )
    note = parse_note(text, "ca.md")
    assert [v.term for v in note.vocab] == ["Controller", "Presenter", "Interactor", "TCP/IP"]
    assert parse_note(text, "notes/REFACTOR_SUMMARY.md").vocab == ()  # a project's work
    assert len(parse_note(text, "notes/CRAN_SUBMISSION_GUIDE.md").vocab) == 4  # a study guide


def test_an_item_kept_in_view_makes_no_card_in_anki(
    notes_dir: Path, tmp_path: Path, anki: AnkiCollection
) -> None:
    (notes_dir / "bases.md").write_text(
        "# Numbers\n\n## Decimal, binary and hexadecimal\n\nThe bases a programmer meets:\n\n"
        "- decimal\n- binary\n- octal numbers\n- base64 strings\n"
    )
    build([notes_dir], tmp_path / "out")
    (package,) = (tmp_path / "out").glob("*.apkg")
    assert anki.import_apkg(package).new == 1
    (note,) = anki.notes()
    questions = [card.question() for card in note.cards()]
    assert len(questions) == 2 and not any("No cloze" in q for q in questions)
    assert [card.ord for card in note.cards()] == [2, 3]  # each item keeps its number


def test_a_bold_line_heads_what_follows_it_until_the_next() -> None:
    text = (
        "# Cloud\n\n## Deployment models\n\n**Hybrid cloud**\n\nOn premises and public "
        "together, joined by a private link.\n\nUse cases:\n\n- burst capacity at peaks\n"
        "- data kept on premises by law\n\n**Public cloud**\n\nLimits:\n\n- noisy neighbours "
        "on shared hosts\n- less control over where data lives\n\n## Pricing\n\nModels:\n\n"
        "- pay as you go\n- reserved capacity\n"
    )
    note = parse_note(text, "cloud.md")
    contexts = [(c.prompt, c.context) for c in note.checklists]
    assert contexts == [
        ("Use cases:", ("Cloud", "Deployment models", "Hybrid cloud")),
        ("Limits:", ("Cloud", "Deployment models", "Public cloud")),
        ("Models:", ("Cloud", "Pricing")),
    ]


def test_a_full_stop_or_equals_sign_after_a_bold_term_is_no_part_of_its_definition() -> None:
    text = (
        "# Web\n\n## Attacks\n\n- **XSS**. A form of injection into pages others load\n"
        "- **CSRF** = a forged request sent with the victim's cookies\n"
        "- **Node**.js runs JavaScript outside the browser\n"
    )
    note = parse_note(text, "web.md")
    assert [(v.term, plain_text(v.definition)) for v in note.vocab] == [
        ("XSS", "A form of injection into pages others load"),
        ("CSRF", "a forged request sent with the victim's cookies"),
    ]


def test_a_folded_html_answer_is_the_card_of_its_question() -> None:
    text = (
        "# Kubernetes interview\n\n<details>\n<summary>What is a pod?</summary>\n\n"
        "The smallest deployable unit: containers sharing one network namespace.\n"
        "</details>\n\n<details><summary><b>What does a Service do?</b></summary>\n\n"
        "It gives a set of pods one stable address.\n\n</details>\n\n"
        "**Why use a Deployment rather than a bare pod?**\n\n<details>\n"
        "<summary>Show answer</summary>\n\nIt recreates pods that fail.\n</details>\n\n"
        "**Why is collect() dangerous?**\n\n<details>\n<summary>Model answer</summary>\n\n"
        "It brings every row to the driver.\n</details>\n\n"
        "```html\n<details>\n<summary>Code, not a card</summary>\n</details>\n```\n"
    )
    note = parse_note(text, "k8s.md")
    assert [(v.term, plain_text(v.definition), v.line) for v in note.vocab] == [
        (
            "What is a pod?",
            "The smallest deployable unit: containers sharing one network namespace.",
            3,
        ),
        ("What does a Service do?", "It gives a set of pods one stable address.", 9),
        ("Why use a Deployment rather than a bare pod?", "It recreates pods that fail.", 15),
        ("Why is collect() dangerous?", "It brings every row to the driver.", 23),
    ]


def test_bold_words_that_run_on_into_a_sentence_are_no_term() -> None:
    text = (
        "# Cloud\n\n## Identity\n\n- **Pod Identity Agent intercepts** those calls via the node\n"
        "- **Reduced redundancy** through relationships between the tables\n"
        "- **IRSA**: roles for service accounts, bound through OIDC\n"
    )
    note = parse_note(text, "iam.md")
    assert [v.term for v in note.vocab] == ["IRSA"]


def test_a_definition_that_points_at_what_is_not_on_the_card_is_no_card() -> None:
    text = (
        "# JS\n\n## Loops\n\n- **do loops**: the same as while loops, as in the example below\n"
        "- **Essay plan**: the answer has the following three points.\n"
        "- **for…of**: loops over the values of an iterable\n"
    )
    assert [v.term for v in parse_note(text, "js.md").vocab] == ["for…of"]


def test_a_lead_the_front_says_over_a_short_rest_shows_and_the_rest_is_hidden() -> None:
    text = (
        "# Spark\n\n## Transformations vs actions\n\nThe two kinds:\n\n"
        "- **Transformations**: lazy, they only build the plan of the job\n"
        "- **Actions**: they run the plan and bring results back to the driver\n"
    )
    note = parse_note(text, "spark.md")
    rows = [(row.front, row.back) for row in card_rows([note], reverse=False)]
    assert rows[0][1] == "lazy, they only build the plan of the job"
    assert rows[1][1] == "they run the plan and bring results back to the driver"


def test_an_item_too_long_to_recall_whole_stays_in_view_and_filler_bold_is_no_cloze() -> None:
    long = " ".join(["squashing folds many small commits into one before the branch is merged"] * 4)
    text = (
        f"# Git\n\n## Rebase\n\nInteractive rebase can:\n\n- reorder commits\n- {long}\n"
        "- drop a commit\n- edit a message\n- split a commit\n- run a test\n\n"
        "## Kubernetes\n\n**In short**, a node pool is a group of "
        "**identical machines** in one cluster.\n"
    )
    note = parse_note(text, "git.md")
    rows = [row.back for row in card_rows([note], reverse=False)]
    assert rows[:5] == [
        "reorder commits",
        "drop a commit",
        "edit a message",
        "split a commit",
        "run a test",
    ]
    (cloze,) = note.clozes
    hidden = [plain_text(node.children) for node in cloze.content if node.kind == "cloze"]
    assert hidden == ["identical machines"]


def test_agendas_and_task_lists_with_asides_are_no_cards_and_labels_no_items() -> None:
    text = (
        "# Week 3\n\n## Topics Covered\n\n- Branches\n- Pull requests\n- Merging\n\n"
        "## Today's Agenda\n\n- **Props**: data a parent hands down\n- **State**: data a "
        "component owns\n\n## TO DO (github)\n\n- make an account\n- add an SSH key\n"
        "- fork the repo\n\n## Examples\n\nWhat the script shows:\n\n- PyTorch Example:\n"
        "- the loss falls every epoch\n- the accuracy rises on held-out data\n"
    )
    note = parse_note(text, "week3.md")
    assert [v.term for v in note.vocab] == []
    assert [c.prompt for c in note.checklists] == ["What the script shows:"]
    rows = [row.back for row in card_rows([note], reverse=False)]
    assert rows == ["the loss falls every epoch", "the accuracy rises on held-out data"]


def test_githubs_math_block_is_display_math_on_the_card() -> None:
    text = (
        "# Loss\n\n## Terms\n\n- **Cross-entropy**: the loss\n\n"
        "  ```math\n  H(p, q) = -\\sum p \\log q\n  ```\n"
    )
    (vocab,) = parse_note(text, "loss.md").vocab

    shown = render(vocab.definition)
    assert "\\[H(p, q) = -\\sum p \\log q\\]" in shown and "<pre" not in shown


def test_a_quizs_choices_references_and_labels_in_other_scripts_make_no_cards() -> None:
    text = (
        "# Types\n\n## Soundness\n\n- Which type system is sound?\n  - A) one that can crash\n"
        "  - B) one that never goes wrong\n  - C) one with no types\n\n## Papers\n\n"
        "[1] Milner, A theory of type polymorphism in programming, 1978.\n\n"
        "## 记住\n\n类型安全的程序不会出错 这是可靠的类型系统所保证的性质。\n"
    )
    note = parse_note(text, "types.md")
    assert note.vocab == () and note.checklists == ()
    assert "a quiz's choices" in " ".join(why for _, why in note.skipped)


def test_a_courses_goals_make_no_cards() -> None:
    text = (
        "# Introduction\n\nThis is an advanced course on programming languages.\n"
        "The goals of this course are:\n\n- to change how you solve problems\n"
        "- to think beyond fashionable languages\n- to evaluate languages in a principled way\n"
    )
    note = parse_note(text, "intro.md")
    assert note.checklists == () and "an outline of the text" in " ".join(
        w for _, w in note.skipped
    )
