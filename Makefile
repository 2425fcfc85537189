# One command builds the example site, one runs every test; both make their own venv.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: build test lint bench serve golden clean

$(BIN)/sitegen: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

build: $(BIN)/sitegen  ## build the bundled example site into _site/
	$(BIN)/sitegen build

test: $(BIN)/sitegen  ## run the whole test suite, one worker per core
	$(BIN)/python -m pytest -q -n auto --durations=20

lint: $(BIN)/sitegen
	$(BIN)/ruff check sitegen tests bench
	$(BIN)/mypy

golden: $(BIN)/sitegen  ## rewrite tests/golden/ from the example site (review the diff, then commit)
	$(BIN)/python -m tests.golden_site

serve: $(BIN)/sitegen  ## build and serve the example site with live reload
	$(BIN)/sitegen serve --watch

bench: $(BIN)/sitegen  ## sitegen against Hugo at 10k and 100k posts, interleaved (about 25 minutes on 2 cores with the work folder in memory)
	$(BIN)/python bench/run_bench.py --sizes 10000,100000 --runs 3,1 --tools sitegen,hugo --out bench/results.md

clean:
	rm -rf _site .sitegen-cache $(VENV)
