"""Cards a person keeps, from what readers of sets T, U and V found (issue 32): dated
log entries, long open lists, sentences taken for terms. Each shape on a fixture of our
own."""

from __future__ import annotations

from flashcards import parse_note
from flashcards.cards.rows import card_rows
from flashcards.notes.model import Note
from flashcards.notes.text import plain_text


def vocab(note: Note) -> dict[str, str]:
    return {v.term: plain_text(v.definition) for v in note.vocab}


def backs(note: Note) -> list[str]:
    return [row.back for row in card_rows([note], reverse=False) if row.kind == "checklist"]


def test_a_section_headed_by_a_day_is_a_log_entry_and_makes_no_cards() -> None:
    text = (
        "# Rust study group\n\n## Ownership\n\n"
        "- **Move:** assigning a value hands its ownership to the new binding.\n"
        "- **Borrow:** a reference that uses a value without taking ownership of it.\n\n"
        "## [[3 March 2025 Monday]]\n\n- **Borrow checker:** spent an hour fighting it.\n"
        "- Will read chapter 5 next\n"
    )
    note = parse_note(text, "rust group.md")
    assert list(vocab(note)) == ["Move", "Borrow"]
    assert any("dated entry" in why for _, why in note.skipped)
    # a lecture's day with its subject is a lecture, not a log entry
    lecture = text.replace("[[3 March 2025 Monday]]", "Day 2 - Mar 3, 2025: Borrowing")
    assert "Borrow checker" in vocab(parse_note(lecture, "rust group.md"))


def test_a_note_of_three_dated_entries_is_a_log_and_makes_no_cards() -> None:
    entries = "".join(
        f"## {day}\n\n- **Progress:** tuned the binning again\n- Will send the slides\n\n"
        for day in ("2025-02-26", "Feb 19, 2025", "6 January 2025")
    )
    text = "# Mentoring: A. Student\n\n## Goals\n\n- **Thesis:** finish the analysis\n\n" + entries
    note = parse_note(text, "A Student.md")
    assert not note.vocab and not note.checklists
    assert "a log of dated entries" in note.skipped[0][1]


def test_ten_items_the_prompt_does_not_count_are_an_open_list_and_make_no_clozes() -> None:
    practices = [
        "rotate the keys", "turn on multi-factor sign-in", "keep secrets in a vault",
        "scan images", "log every change", "patch weekly", "least privilege for roles",
        "private endpoints", "encrypt backups", "review access quarterly",
    ]  # fmt: skip
    listed = "".join(f"- {p}\n" for p in practices)
    open_list = parse_note(f"# Cloud\n\nSecurity best practices:\n\n{listed}", "cloud.md")
    assert not backs(open_list)
    assert any("10 items" in why for _, why in open_list.skipped)
    counted = parse_note(f"# Cloud\n\nThe ten rules of cloud security:\n\n{listed}", "cloud.md")
    assert len(backs(counted)) == 10
    nine = parse_note(
        f"# Cloud\n\nSecurity best practices:\n\n{listed[: listed.rindex('- ')]}", "c.md"
    )
    assert len(backs(nine)) == 9


def test_a_chapter_preview_with_a_typographic_apostrophe_is_still_an_outline() -> None:
    text = (
        "# Concurrency\n\nHere are the topics we\u2019ll cover in this chapter:\n\n"
        "- How to create threads to run code at the same time\n"
        "- Message passing, where channels send values between threads\n"
        "- Shared state, where threads reach the same data\n"
    )
    note = parse_note(text, "README.md")
    assert not backs(note)
    assert any("outline" in why for _, why in note.skipped)


def test_a_persons_own_papers_and_practice_puzzles_make_no_cards() -> None:
    text = "# Notes\n\n- **Strengths:** careful, curious, persistent\n- **Role:** analysis lead\n"
    for path in (
        "Output/Letter for Jessica 2025.md",
        "Recommendation Letters/W Terrill.md",
        "archive/Ann Arbor Trip 2025.md",
        "CAM/CAM Variance March 2025.md",
        "clojure-katas/tiny-maze/README.md",
    ):
        note = parse_note(text, path)
        assert not note.vocab, path
    kept = parse_note(text, "networking/Round trip time.md")
    assert len(kept.vocab) == 2


def test_a_heading_glossed_by_a_noun_phrase_is_defined_by_it() -> None:
    text = (
        "# Threats\n\n## Actors\n\n### Insider Threats\n\n"
        '<figure><img src="https://example.com/badge.png"></figure>\n\n'
        "Security risks posed by people within the organization who have authorized access.\n\n"
        "- Already have legitimate access\n- Harder to detect\n\n"
        "### Script Kiddies\n\nInexperienced attackers relying on tools written by others.\n\n"
        "### Phishing Lab\n\nGiven the inbox (provided), find the three forged messages.\n\n"
        "### Key Rotation\n\nThese settings were changed in the last release of the tool.\n"
    )
    cards = vocab(parse_note(text, "threats.md"))
    assert cards["Insider Threats"].startswith("Security risks posed by people")
    assert cards["Script Kiddies"] == "Inexperienced attackers relying on tools written by others."
    assert "Phishing Lab" not in cards  # an exercise's givens
    assert "Key Rotation" not in cards  # a clause about something else, not a gloss


def test_plain_terms_defined_among_a_courses_notes_are_cards() -> None:
    text = (
        "# Project management\n\n## Measurement\n\n"
        "- Code churn: the number of lines of code that were modified\n"
        "- Goal-Question-Metric diagram\n"
        "- Levels of measurement\n    - Nominal\n    - Ordinal\n    - Interval\n"
        "- Pareto principle: 80% of the effects come from 20% of the causes\n"
        "- p50: the slipbox grows the ideas we keep coming back to\n"
        "- Open question: which metric predicts defects best?\n"
    )
    cards = vocab(parse_note(text, "pm.md"))
    assert cards == {
        "Code churn": "the number of lines of code that were modified",
        "Pareto principle": "80% of the effects come from 20% of the causes",
    }
    # one plain lead among notes may be a label: no card
    alone = text.replace("- Pareto principle: 80% of the effects come from 20% of the causes\n", "")
    assert not vocab(parse_note(alone, "pm.md"))


def test_a_task_set_for_the_reader_makes_no_cards() -> None:
    listed = "- Convert 1011 to decimal\n- Convert 255 to binary\n- Add 0110 and 0011\n"
    note = parse_note(f"# Binary\n\nChallenge:\n\n{listed}", "binary.md")
    assert not backs(note)
    assert any("exercise set" in why for _, why in note.skipped)
    text = "# Clock radio\n\n- **Alarm:** rings at the set time\n- **Snooze:** nine more minutes\n"
    assert not parse_note(text, "Assignment-6.md").vocab
    assert not parse_note(text, "Ideal TODO.md").vocab
    assert len(parse_note(text, "Exercise physiology.md").vocab) == 2
    assert len(parse_note(text, "Variable assignment.md").vocab) == 2  # a subject
    for prompt in ("Problems with this approach:", "Challenges:"):  # difficulties, not tasks
        kept = parse_note(f"# Binary\n\n{prompt}\n\n{listed}", "binary.md")
        assert len(backs(kept)) == 3


def test_a_marked_label_before_a_fact_asks_that_aspect_of_its_heading() -> None:
    text = (
        "# Reactor\n\n## 3.2 `Schedulers.single()`\n\n"
        "A single reusable thread for all callers of the scheduler.\n\n"
        "\U0001f4cc **Interview Insight**: Good for simple, sequential tasks that benefit "
        "from being off the main thread.\n\n## 3.3 Backpressure\n\n"
        "\u2705 **Definition**: Backpressure lets a subscriber tell its publisher how many "
        "elements it can take.\n\n"
        "\u274c **Common Mistake**: Calling block() inside a reactive chain stalls the event "
        "loop thread.\n"
    )
    note = parse_note(text, "reactor.md")
    cards = vocab(note)
    assert cards["Schedulers.single(): interview insight"].startswith("Good for simple")
    assert cards["Backpressure"].startswith("Backpressure lets a subscriber")
    assert cards["Backpressure: common mistake"].startswith("Calling block()")
    assert not note.clozes  # the labels are not hidden as if they were the facts
    alone = parse_note("\u2705 **Best Practice**: Prefer flatMap to nested subscribes.\n", "r.md")
    assert not alone.vocab and not alone.clozes  # a label under no heading that names


def test_a_multiple_choice_question_with_its_folded_answer_is_one_card() -> None:
    text = (
        "# Review questions\n\n## Question 1\n\n"
        "\u2753 Which service deploys provisioned instances for you? \u2753\n\n"
        "* A. AWS Lambda\n* B. AWS Elastic Beanstalk\n* C. Amazon Route 53\n\n"
        "<details>\n<summary> \U0001f4dd My answer \U0001f4dd </summary>\n\n"
        "* **B** is right\n* Beanstalk takes care of the deployment details\n</details>\n"
    )
    note = parse_note(text, "review.md")
    (card,) = note.vocab
    assert card.term.startswith("\u2753 Which service deploys")
    assert "B. AWS Elastic Beanstalk" in plain_text(card.term_content)
    assert "takes care of the deployment" in plain_text(card.definition)
    assert not note.checklists  # the options are not parts to recall


def test_a_mock_exams_scenario_question_and_options_lines_are_asked_together() -> None:
    text = (
        "# Mock exam\n\n## Question 4 *(Hard)*\n\n"
        "**Scenario**: A cache sits in front of a database that takes many writes.\n\n"
        "**Question**: Which policy keeps both in step on every store?\n\n"
        "A) Write-back, which flushes later\nB) Write-through, which writes both at once\n"
        "C) Write-around, which skips the cache\n\n"
        "> [!success]- Answer\n> **Correct Answer: B**\n>\n> Write-through stores to both.\n"
    )
    note = parse_note(text, "mock.md")
    (card,) = note.vocab
    front = plain_text(card.term_content)
    assert front.startswith("Scenario: A cache sits in front")
    assert "Which policy keeps both" in front and "B) Write-through" in front
    assert "Write-through stores to both" in plain_text(card.definition)
    assert not note.checklists
    assert card.key.startswith("A) Write-back")  # the GUID of the card of options alone


def test_a_chapters_objectives_are_course_admin() -> None:
    text = (
        "# Compute services\n\n## Chapter Objectives\n\n"
        "* Domain 1: Designing Secure Architectures\n   - Design secure workloads\n"
        "* Domain 2: Design Resilient Architectures\n   - Design scalable architectures\n"
    )
    note = parse_note(text, "chap02/README.md")
    assert not note.vocab and not note.checklists


def test_a_bold_label_right_after_a_list_heads_the_next_list() -> None:
    text = (
        "# Audio\n\n- Most formats have two basic parts:\n\t- Header: rate, size, channels\n"
        "\t- Data: the sound samples\n**WAVE File Format**:\n"
        "- Parts of a WAVE file:\n\t- a format chunk\n\t- a data chunk\n"
        "```\n- in code\n**Not a label**:\n- stays\n```\n"
    )
    note = parse_note(text, "audio.md")
    first, second = note.checklists
    assert "WAVE" not in plain_text(first.items[-1].content)
    assert second.context[-1] == "WAVE File Format"
    from flashcards.notes.dialects import labels

    rewritten = labels.rewrite(text).split("\n")
    assert len(rewritten) == len(text.split("\n"))  # line for line
    assert "###### WAVE File Format" in rewritten and "**Not a label**:" in rewritten


def test_a_few_remarks_under_a_heading_that_names_a_topic_are_its_card() -> None:
    text = (
        "# Storage\n\n## Versioning\n\n"
        "* Saving a file under an existing name overwrites it by default.\n"
        "* With versioning on, older versions of an object are kept indefinitely.\n"
        "* Keeping every version can bloat the archive.\n\n"
        "## Problems\n\n* The bucket policy was too open for the team\n"
        "* Nobody rotated the access keys this year\n\n"
        "## Styling Consistency\n\n- [ ] No inline style props anywhere\n"
        "- [ ] All visual elements use one system\n"
    )
    cards = vocab(parse_note(text, "storage.md"))
    assert list(cards) == ["Versioning"]
    assert cards["Versioning"].startswith("Saving a file under an existing name")


def test_a_symbols_legend_shows_its_formula_and_a_lead_in_takes_its_formula() -> None:
    text = (
        "# Optimisation\n\n## Basic Principle\n\nTo lower a loss, step against its gradient:\n\n"
        "$$\\theta_{t+1} = \\theta_t - \\alpha g_t$$\n\nWhere:\n\n"
        "- $\\theta$ = the model's parameters\n- $\\alpha$ = the learning rate\n"
        "- $g_t$ = the gradient at step t\n\n"
        "## Force Between Circuits\n\nForce on circuit 2 caused by circuit 1\n\n"
        "$$F_2 = k I_1 I_2$$\n"
    )
    note = parse_note(text, "opt.md")
    (legend,) = note.checklists
    assert "theta_{t+1}" in plain_text(legend.prompt_content)
    assert "F_2 = k I_1 I_2" in vocab(note)["Force Between Circuits"]


def test_a_propositions_label_asks_of_its_heading_and_a_citation_is_no_term() -> None:
    text = (
        "# Joint distributions\n\n## 4.4 Covariance\n\n"
        "**Propositions**: Cov(X, X) equals Var(X), and Cov(X, Y) equals Cov(Y, X).\n\n"
        "## Boats\n\n- **According to Broodbank 2000**: sails appear on seals from EM III\n"
        "- **Longboats**: paddled craft with thirty oars or more\n"
    )
    cards = vocab(parse_note(text, "joint.md"))
    assert cards["Covariance: propositions"].startswith("Cov(X, X)")
    assert "According to Broodbank 2000" not in cards and "Longboats" in cards


def test_an_untitled_note_without_a_heading_is_scratch() -> None:
    text = "- **Speed**: 4 * pow(x, 2) units a frame\n- **Shift**: x - 0.5 before the curve\n"
    assert not parse_note(text, "Personal/Untitled 2.md").vocab
    named = "# Stacks\n\n" + text
    assert len(parse_note(named, "Personal/Untitled 2.md").vocab) == 2


def test_a_paragraph_that_says_what_its_subject_is_defines_it() -> None:
    text = (
        "# Data structures\n\n## Lookups\n\nFast lookups matter in most programs we write.\n\n"
        "A hash table is a data structure that maps keys to values, giving constant-time "
        "lookups on average. Collisions are resolved by chaining.\n\n"
        "The result is a list of the keys in their insertion order.\n\n"
        "Tabs are a great means of navigation because nobody misses them.\n\n"
        "A **trie** is a tree of prefixes, one character an edge.\n\n"
        "## Load factor\n\nThe load factor is the ratio of stored entries to buckets.\n"
    )
    note = parse_note(text, "ds.md")
    cards = vocab(note)
    assert cards["Hash table"].startswith("A hash table is a data structure that maps")
    assert "Collisions" not in cards["Hash table"]  # its opening sentence only
    assert "Result" not in cards and "Tabs" not in cards
    assert list(cards) == ["Hash table", "trie", "Load factor"]  # the heading keeps its card
    assert note.vocab[-1].context == ("Data structures",)  # made as the heading's, as before


def test_an_exercise_with_a_solution_to_reveal_is_its_card_and_its_requirements_none() -> None:
    text = (
        "# Elastic\n\n## Exercise 04\n\nShow the index name, health and size of the "
        "new index with a single API call.\n\n<details>\n"
        "  <summary>View Solution (click to reveal)</summary>\n\n"
        "GET _cat/indices/olympic?v&h=index,health,pri.store.size\n\n</details>\n\n"
        ":question: 1. Create an index called henry4 that matches the following "
        "requirements:\n\n- 1 shard\n- 0 replicas\n- speaker as a keyword\n"
    )
    note = parse_note(text, "elastic.md")
    (card,) = note.vocab
    assert card.term.startswith("Show the index name") and "_cat/indices" in plain_text(
        card.definition
    )
    assert not backs(note)


def test_bold_terms_a_line_in_one_paragraph_are_a_glossary() -> None:
    text = (
        "# Azure\n\n## IaC in Azure\n\n"
        "**ARM Templates:** Azure Resource Manager templates, a declarative deployment\n"
        "**Azure Bicep:** the newer language that compiles to ARM templates\n\n"
        "**Scale Set:** autoscaling for virtual machines in Azure\n\n"
        "**Analogy:** a scale set is a thermostat for your compute\n\n"
        "**Q:** what pays only while running?\n**A:** Azure Functions on a consumption plan\n"
    )
    cards = vocab(parse_note(text, "azure.md"))
    assert list(cards)[:3] == ["ARM Templates", "Azure Bicep", "Scale Set"]
    assert cards["ARM Templates"].endswith("a declarative deployment")
    assert "IaC in Azure" not in cards and "Analogy" not in cards and "A" not in cards


def test_a_units_summary_and_a_readmes_record_make_no_cards() -> None:
    text = (
        "# Unit 4\n\nIn this unit, you learned how to:\n\n- write a controller\n"
        "- test an endpoint\n- deploy to the cloud\n\n## Course\n\n"
        "- **Tool:** IntelliJ IDEA Ultimate for every lab\n"
        "- **Resource:** Bro Code on YouTube, the Java playlist\n"
    )
    note = parse_note(text, "unit4.md")
    assert not backs(note) and not note.vocab


def test_a_long_listing_of_code_is_left_off_a_definition() -> None:
    listing = "".join(f"    const line{n} = {n};\n" for n in range(20))
    text = (
        "# React\n\n## Hooks\n\n- **props**: the values a parent passes to a child\n\n"
        "    ```js\n" + listing + "    ```\n"
        "- **state**: values a component keeps between renders\n"
    )
    cards = vocab(parse_note(text, "react.md"))
    assert cards["props"] == "the values a parent passes to a child"
    short = vocab(parse_note(text.replace(listing, "    const x = 1;\n"), "react.md"))
    assert "const x = 1;" in short["props"]


def test_a_definition_label_with_its_translation_asks_of_its_parent() -> None:
    text = (
        "# Logic\n\n## Applications\n\n- **Converse (reciproque)**\n"
        "    - **Definition (d\u00e9finition)**\n"
        "        - The converse of p implies q is q implies p.\n"
        "- **Inverse (inverse)**\n    - **Definition (d\u00e9finition)**\n"
        "        - The inverse of p implies q is not p implies not q.\n"
    )
    cards = vocab(parse_note(text, "logic.md"))
    assert cards["Converse (reciproque)"].startswith("The converse of p implies q")
    assert cards["Inverse (inverse)"].startswith("The inverse of p implies q")


def test_a_tutorials_wrapping_up_is_no_term() -> None:
    text = (
        "# Hashes\n\n## Wrapping Up\n\nHashes let you store any data under keys you "
        "choose, and the methods above cover what you need most days.\n"
    )
    assert not parse_note(text, "hashes.md").vocab


def test_a_question_headings_short_lines_are_all_its_answer() -> None:
    text = (
        "# What are the stages of the workflow?\n\nData preparation\n\nModel training\n\n"
        "Model deployment\n\n# What is an example of a hosted model?\n\nGoogle Colab\n"
    )
    cards = vocab(parse_note(text, "anki.md"))
    assert cards["What are the stages of the workflow?"].split() == (
        ["Data", "preparation", "Model", "training", "Model", "deployment"]
    )
    assert cards["What is an example of a hosted model?"] == "Google Colab"


def test_notes_written_for_apy_are_the_cards_they_were_written_as() -> None:
    text = (
        "model: Basic\n\n# Note\n\n## Front\nWhat does AUC of 0.5 mean?\n\n"
        "## Back\nThe model separates the classes no better than chance.\n\n"
        "# Note\nmodel: Cloze\n\n## Text\nThe {{c1::worst}} case is when AUC is {{c2::0.5}}.\n\n"
        "## Back Extra\nA coin toss.\n"
    )
    note = parse_note(text, "anki-week4.md")
    (card,) = note.vocab
    assert card.term == "What does AUC of 0.5 mean?"
    assert plain_text(card.definition).startswith("The model separates the classes")
    (cloze,) = note.clozes
    assert cloze.text.startswith("The worst case is when AUC is 0.5")
    assert plain_text(cloze.extra) == "A coin toss."
    assert "Back Extra" not in vocab(note)


def test_a_label_that_says_a_side_of_its_heading_is_asked_of_that_heading() -> None:
    text = (
        "# Attack tuning\n\n## Raising the level and risk\n\n"
        "**What you see:** A parameter the default run reports as not injectable.\n\n"
        "**Why it fails:** The default payloads lack the prefix the query needs.\n\n"
        "**Trade-off:** Slow. Only do this after the default run fails.\n\n"
        "## Custom prefixes\n\n**Trade-off:** Needs the query's shape known first.\n\n"
        "## Writing modules\n\n### Gotchas\n\n- Skip the reload and the console misses "
        "the new file.\n- A wrong file name means the module is skipped without a word.\n"
    )
    note = parse_note(text, "tuning.md")
    cards = vocab(note)
    assert cards["Raising the level and risk: trade-off"].startswith("Slow.")
    assert cards["Custom prefixes: trade-off"].startswith("Needs the query")
    assert cards["Raising the level and risk: why it fails"].startswith("The default")
    assert "Raising the level and risk: what you see" in cards
    assert "Writing modules: gotchas" in cards
    # the label's first card keeps the GUID it was made of when it was asked bare
    keys = {v.term: v.key for v in note.vocab}
    assert keys["Raising the level and risk: trade-off"] == "Trade-off"
    assert keys["Custom prefixes: trade-off"] == ""


def test_a_pages_record_and_outline_headings_make_no_cards() -> None:
    text = (
        "# Lab: firewall evasion\n\n## ID\n11\n\n## Kind\nlab\n\n"
        "## Title\nSection 11, firewall and IDS evasion, the medium lab\n\n"
        "## Tags\nnmap, lab, evasion, dns\n\n## What This Section Covers\n\n"
        "Config files and shell history are common places where passwords are kept in "
        "cleartext. This section teaches searching the file system for them.\n"
    )
    note = parse_note(text, "lab.md")
    assert not note.vocab and not note.checklists and not note.clozes


def test_a_section_that_opens_with_one_bold_sentence_states_what_its_heading_names() -> None:
    text = (
        "# Design rules\n\nFive rules for classes that change well.\n\n"
        "## Single Reason Rule\n\n**A class should have only one reason to change.**\n\n"
        "Each class does one job; a class doing many is hard to keep.\n\n"
        "## Open/Closed Rule\n\n**Open for extension, closed for modification.**\n\n"
        "New behaviour comes without editing what works.\n\n"
        "## Install the tools\n\n**Run the installer before anything else.**\n\n"
        "## Three parts\n\n**Every rule has three parts:**\n\n- a name\n- a reason\n- a test\n"
    )
    cards = vocab(parse_note(text, "rules.md"))
    assert cards["Single Reason Rule"] == "A class should have only one reason to change."
    assert cards["Open/Closed Rule"] == "Open for extension, closed for modification."
    assert "Install the tools" not in cards  # a step, not a thing named
    assert "Three parts" not in cards  # a lead into the list under it


def test_a_line_under_a_heading_that_says_what_it_is_with_the_heading_unsaid_defines_it() -> None:
    text = (
        "# Patterns\n\n## Creational\n\n### Builder\n\n* Is responsible for creating another "
        "type of object\n\n### Pool\n\n* Keeps objects ready for reuse\n"
        "* Are they worth it? Only when creating is slow\n\n"
        "### Enum\n\n* Holds named constants\n* Are iterable, so loops can walk them\n"
    )
    cards = vocab(parse_note(text, "patterns.md"))
    assert cards["Builder"] == "Is responsible for creating another type of object"
    assert cards.get("Enum", "") != "Are iterable, so loops can walk them"  # not its first


def test_a_tables_rows_are_asked_under_the_line_that_leads_into_it() -> None:
    text = (
        "# Serving\n\n## Endpoints\n\n**Workload sizes** map to compute:\n\n"
        "| Size | vCPUs | Memory |\n| --- | --- | --- |\n| SMALL | 4 | 16 GB |\n"
        "| MEDIUM | 8 | 32 GB |\n| LARGE | 16 | 64 GB |\n"
    )
    note = parse_note(text, "serving.md")
    contexts = {v.term: v.context for v in note.vocab}
    assert contexts["MEDIUM"] == ("Serving", "Endpoints", "Workload sizes map to compute")


def test_a_pictures_caption_is_not_what_the_heading_above_it_is() -> None:
    text = (
        "# Notebooks\n\n## Widgets\n\n![Dashboard](dash.png)\n\n"
        "*A dashboard with dynamic parameters for filtering.*\n\n"
        "Widgets provide parameters for notebooks, so one pipeline serves many runs.\n"
    )
    cards = vocab(parse_note(text, "nb.md"))
    assert cards["Widgets"].startswith("Widgets provide parameters")


def test_a_callout_that_asks_and_then_marks_its_answer_is_one_card() -> None:
    text = (
        "# Serving\n\n## Practice\n\n> [!success]- Question 1: Nightly scoring\n>\n"
        "> Fifty million rows are scored every night. Which approach fits?\n>\n"
        "> A) One HTTP request a row\n> B) A Spark UDF in a batch job\n>\n"
        "> **Correct Answer: B**\n>\n> The UDF spreads the work over the executors.\n"
    )
    (card,) = parse_note(text, "practice.md").vocab
    assert plain_text(card.term_content).startswith("Question 1: Nightly scoring Fifty")
    assert "B) A Spark UDF" in plain_text(card.term_content)
    assert plain_text(card.definition).startswith("Correct Answer: B The UDF spreads")


def test_an_assessments_submission_guidelines_are_course_admin() -> None:
    text = (
        "# Assessment\n\n## Submission Guidelines\n\n- Commit and push your work\n"
        "- Open a pull request\n- Submit the link on the course site\n"
    )
    note = parse_note(text, "assessment.md")
    assert not note.vocab and not note.checklists


def test_a_gloss_that_mirrors_its_siblings_hides_the_name_not_the_gloss() -> None:
    text = (
        "# Storage engines\n\n## Compaction\n\nCompaction strategies:\n\n"
        "- **Tiered**: write optimized\n- **Levelled**: read optimized\n"
        "- **Time window**: buckets by the hour the rows were written in\n"
    )
    rows = card_rows([parse_note(text, "lsm.md")], reverse=False)
    fronts = [row.front for row in rows if row.kind == "checklist"]
    assert any("[...]: write optimized" in front for front in fronts)
    assert any("[...]: read optimized" in front for front in fronts)
    assert any("Time window: [...]" in front for front in fronts)  # no mirror: the gloss
