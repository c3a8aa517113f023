"""Shapes found on public folders that are no study material, and one that is.

Whole notes: a teacher's timed plan of a class or guide, a small project's README (its
features, its stack, how to run it), an ask-me-anything page. Parts of notes: arithmetic
worked on an example's numbers, advice to a class, questions put to the reader as a person,
a project's setting up. And a table whose columns are the things compared, which pairs each
row under its headers instead of being read as term and definition."""

from __future__ import annotations

from pathlib import Path

from flashcards import parse_note
from flashcards.building.notefile import parse_file
from flashcards.notes.text import plain_text
from flashcards.options import DEFAULT_OPTIONS


def test_a_session_plan_with_timed_sections_makes_no_cards() -> None:
    text = (
        "# Components\n\n## Part 1: The problem (20 minutes)\n\n"
        "### A. Opening question (5 min)\n\nAsk the class:\n\n- who has copied code?\n"
        "- who has fixed it twice?\n\n### B. Examples (10-15 min)\n\nShow:\n\n"
        "- the login page\n- the sign-up page\n"
    )
    note = parse_note(text, "guide.md")
    assert note.checklists == () and note.vocab == ()
    assert any("a session plan" in why for _, why in note.skipped)


def test_one_timed_section_is_still_notes() -> None:
    text = "# Talks\n\n## A lightning talk (5 min)\n\nIts parts:\n\n- a hook\n- one idea\n"
    assert len(parse_note(text, "talks.md").checklists) == 1


def test_a_teachers_guide_is_told_by_its_name() -> None:
    text = "# Components\n\nKey messages:\n\n- name by purpose\n- extract at three uses\n"
    for name in ("CLASS_DISCUSSION_GUIDE.md", "teaching-notes.md", "Lesson plan.md"):
        assert parse_note(text, name).checklists == (), name


def test_a_small_projects_readme_makes_no_cards(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(
        "# Robots\n\nA React app.\n\n## Features\n\n- Users can search robots\n"
        "- Users can filter the list\n\n## Technologies\n\n- React\n- Tachyons\n\n"
        "## How to run the app\n\nRun `npm start`.\n"
    )
    note = parse_file(readme, DEFAULT_OPTIONS, tmp_path)
    assert note.checklists == () and note.vocab == ()


def test_arithmetic_worked_with_an_examples_numbers_is_no_formula() -> None:
    text = (
        "# Matrices\n\nThe product of a matrix and a vector is:\n\n$$\nAx\n=\n"
        "x_1 a_1 + x_2 a_2\n$$\n\nFor the matrix above the product is:\n\n$$\nAx =\n"
        "\\begin{bmatrix} 2\\cdot1+(-1)\\cdot2 \\\\ 0\\cdot1+4\\cdot2 \\end{bmatrix}\n$$\n\n"
        "Its column reading gives:\n\n$$\n2\\begin{bmatrix}1\\\\3\\end{bmatrix}\n"
        "+ 3\\begin{bmatrix}2\\\\-1\\end{bmatrix}\n= \\begin{bmatrix}8\\\\0\\end{bmatrix}\n$$\n"
    )
    note = parse_note(text, "m.md")
    assert [v.term for v in note.vocab] == ["The product of a matrix and a vector is"]


def test_advice_to_a_class_is_no_term_but_a_rule_of_the_craft_is() -> None:
    text = (
        "# Sprint\n\n## Tips\n\n- **Keep it simple** – don't over-engineer the first version\n"
        "- **Ask for help** – office hours are on Tuesdays\n- **Emphasize**: this is how I "
        "learned too\n\n## Principles\n\n- **Don't repeat yourself (DRY)**: one place for "
        "each piece of knowledge\n- **Don't pun**: never one word for two purposes\n"
    )
    note = parse_note(text, "sprint.md")
    assert [v.term for v in note.vocab] == [
        "Don't repeat yourself (DRY)",
        "Don't pun",
    ]


def test_questions_put_to_a_person_make_no_cards_but_a_generic_you_does() -> None:
    text = (
        "# Lecture 40\n\n## What is your favorite programming language?\n\nScheme, for its "
        "small core.\n\n## How do you reverse a list in Python?\n\nCall `reversed` on it, or "
        "slice it with a step of minus one.\n\n## Do you think Vim keys are worth it?\n\nThey "
        "are, after a month.\n"
    )
    note = parse_note(text, "l40.md")
    assert [v.term for v in note.vocab] == ["How do you reverse a list in Python?"]


def test_an_ask_me_anything_page_makes_no_cards() -> None:
    asked = [
        "What is your favorite project?", "Did you ever freelance?",
        "Have you ever signed an NDA?", "In your experience, how long is a project?",
        "What made you decide to teach?",
    ]  # fmt: skip
    text = "# AMA\n\n" + "".join(f"## {q}\n\nA long answer about it.\n\n" for q in asked)
    text += "## What is a closure?\n\nA function with the variables it closes over.\n"
    note = parse_note(text, "ama.md")
    assert note.vocab == () and any("an interview" in why for _, why in note.skipped)


def test_a_table_comparing_its_columns_pairs_each_row_under_its_headers() -> None:
    text = (
        "# Linear algebra\n\n## Gauss or Cramer?\n\n| Gauss elimination | Cramer's rule |\n"
        "|---|---|\n| any system | square systems only |\n| every case | only when det ≠ 0 |\n\n"
        "## Commands\n\n| Command | What it does |\n|---|---|\n| ls | lists a folder's files |\n"
        "| cd | changes the working folder |\n"
    )
    note = parse_note(text, "la.md")
    assert [v.term for v in note.vocab] == [
        "Gauss elimination: any system", "Gauss elimination: every case", "ls", "cd",
    ]  # fmt: skip
    assert plain_text(note.vocab[0].definition) == "Cramer's rule: square systems only"


def test_a_projects_setting_up_makes_no_cards() -> None:
    text = (
        "# Apartment app\n\n## Initial Setup\n\nInstalls:\n\n- rails new apartment-app\n"
        "- bundle add devise\n- yarn add react-router-dom\n\n## Associations\n\n"
        "Kinds of association:\n\n- belongs_to\n- has_many\n"
    )
    note = parse_note(text, "apartment.md")
    assert [c.prompt for c in note.checklists] == ["Kinds of association:"]


def test_a_lead_that_stops_mid_sentence_or_only_heads_a_section_is_no_term() -> None:
    text = (
        "# Storage\n\n## Mounts\n\n- **Use bind mounts when:** code on the host must show "
        "at once inside the container\n- **Key Features:** fast, simple and on every host\n"
        "- **Named volume:** storage that Docker manages, kept across container restarts\n"
    )
    note = parse_note(text, "mounts.md")
    assert [v.term for v in note.vocab] == ["Named volume"]
    whys = " ".join(why for _, why in note.skipped)
    assert "the start of a sentence" in whys and "a section's heading" in whys


def test_a_list_introduced_by_like_is_examples() -> None:
    text = "# Routing\n\nDynamic routes make pages like:\n\n- /posts/1\n- /posts/2\n- /posts/3\n"
    note = parse_note(text, "routes.md")
    assert note.checklists == ()
    assert any("examples" in why for _, why in note.skipped)


def test_bold_leads_under_advantages_are_claims_to_recall_not_terms() -> None:
    text = (
        "# RMSprop\n\n## Advantages\n\n- **Simple:** converges faster than SGD, easily\n"
        "- **Adaptive:** each parameter has its own learning rate\n\n## Kinds of joins\n\n"
        "- **Inner join:** the rows that match in both tables\n"
        "- **Left join:** every row of the left table, matched or not\n"
    )
    note = parse_note(text, "rmsprop.md")
    assert [v.term for v in note.vocab] == ["Inner join", "Left join"]
    (checklist,) = note.checklists
    assert [plain_text(item.content).split(":")[0] for item in checklist.items] == [
        "Simple",
        "Adaptive",
    ]


def test_a_link_to_a_folder_of_a_repository_on_its_site_is_no_term() -> None:
    text = (
        "# Learning Python\n\n- **[Crash course](https://github.com/me/py/tree/main/crash)**"
        " - what I wrote down reading the book, chapter by chapter\n"
        "- **[Tips](https://gitlab.com/me/py/-/blob/main/tips.md)** - small pythonic idioms"
        " that I met along the way\n"
        "- **[Redis](https://redis.io)** - an in-memory store of keys and their values\n"
    )
    note = parse_note(text, "README.md")
    assert [v.term for v in note.vocab] == ["Redis"]


def test_the_features_a_project_still_wants_make_no_cards() -> None:
    text = (
        "# Installers\n\n## Features wanted:\n\n- Install\n    - with the address of a repository\n"
        "    - with a catalog from our stored data\n- Update\n    - with the data saved for each"
        " app\n    - with a catalog from our stored data\n\n## How a package manager works\n\n"
        "It does three things:\n\n- resolves dependencies\n- downloads packages\n"
        "- verifies checksums\n"
    )
    note = parse_note(text, "readme.md")
    assert [c.prompt for c in note.checklists] == ["It does three things:"]


def test_a_heading_over_its_formula_is_a_card_but_an_examples_is_not() -> None:
    text = (
        "# Probability\n\n## Variance\n\n$$\\mathrm{Var}(X) = E[X^2] - E[X]^2$$\n\n"
        "## Second example\n\n$$y' = x + y$$\n\n## Question 6\n\n$$3x + y = 5$$\n\n"
        "## Arc connectivity\n\n$$4$$\n"
    )
    note = parse_note(text, "probability.md")
    assert [v.term for v in note.vocab] == ["Variance"]


def test_a_section_the_author_marks_as_to_do_makes_no_cards() -> None:
    for heading in ("## Ideal TODO", "## Another example (TODO)", "## Add spinning #todo"):
        text = f"# Mutexes\n\n{heading}\n\nIts parts:\n\n- a lock word\n- a wait queue\n"
        assert parse_note(text, "mutex.md").checklists == (), heading
    text = "# Apps\n\n## The TODO app\n\nIts parts:\n\n- a list view\n- a form\n"
    assert len(parse_note(text, "apps.md").checklists) == 1


def test_a_folders_own_file_of_links_makes_no_cards(tmp_path: Path) -> None:
    links = tmp_path / "sicp" / "__links.md"
    links.parent.mkdir()
    links.write_text("Setting up:\n\n1. Install mit-scheme\n2. Run M-x run-scheme\n")
    note = parse_file(links, DEFAULT_OPTIONS, tmp_path)
    assert note.checklists == () and note.skipped == ((0, "the note is a list of links"),)
