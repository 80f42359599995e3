# The README's Quickstart is `make run` and `make test`; CI runs `make test` too.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
LOCK := requirements.lock
TEST_POSTGRES_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test
export TEST_POSTGRES_URL
# pytest-xdist workers for `make test`: most of the suite waits (real clocks, rate limits,
# processes starting), so 4 beat the 2 cores; TEST_WORKERS=0 runs it in one process.
TEST_WORKERS ?= 4

.PHONY: install install-dev run test lint bench eval lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -c $(LOCK) -e .

install-dev: $(BIN)/python
	$(BIN)/pip install --quiet -c $(LOCK) -e ".[dev]"

run: install
	$(BIN)/diplobot run

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy bot handlers storage

test: lint
	$(BIN)/pytest -q -n $(TEST_WORKERS) --dist worksteal

bench: install-dev
	$(BIN)/python benchmarks/bench_extract.py
	$(BIN)/python benchmarks/bench_collect.py
	$(BIN)/python benchmarks/bench_fanout.py

# Extraction quality: real news first (news_dev, read in place), then our fixtures and PolNeAR dev.
NEWS_DEV ?= ../shared/data/news_dev
POLNEAR_DEV ?= ../shared/data/polnear/dev
eval: install-dev
	$(BIN)/python benchmarks/eval_news.py $(NEWS_DEV)
	$(BIN)/python benchmarks/eval_extract.py --polnear $(POLNEAR_DEV)

# Refresh the pinned versions after changing pyproject.toml (needs the package registry).
lock:
	rm -rf .lockvenv && $(PYTHON) -m venv .lockvenv
	.lockvenv/bin/pip install --quiet --upgrade pip
	.lockvenv/bin/pip install --quiet -e ".[dev]"
	# --all keeps setuptools (spaCy and thinc need it at run time); pip itself is not pinned.
	.lockvenv/bin/pip freeze --all --exclude-editable | grep -v -e '^-e' -e '^pip==' > $(LOCK)
	rm -rf .lockvenv

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
