# Learnloop: `make run` serves the app on SQLite; `make test` runs lint and every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench soak load clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/learnloop serve

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

# The tests spread over TEST_WORKERS processes (pytest-xdist): many wait on a server or a
# database, so more processes than cores pays (measured on 2 cores: 3 was quickest).
# TEST_WORKERS=0 runs them in this one process; PYTEST_ARGS adds options.
TEST_WORKERS ?= 3
PYTEST_ARGS ?=

test: lint
	$(BIN)/pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

# Each module prints ratios of two timings taken in the same run (see its docstring for
# what exactly is timed). bench_pages builds a 1M-event store the first time (tens of
# minutes) and keeps it under ~/.cache/learnloop-bench; the others take minutes each.
bench: $(STAMP)
	$(BIN)/python -m tests.bench
	$(BIN)/python -m tests.bench_commands
	$(BIN)/python -m tests.bench_library
	$(BIN)/python -m tests.bench_pages
	$(BIN)/python -m tests.bench_charts
	$(BIN)/python -m tests.bench_measures

# Against the real server (gunicorn) on SQLite and on PostgreSQL (LEARNLOOP_TEST_DATABASE_URL,
# else the local server). soak: 8 writers on one cycle for 60 s per database, with counts.
# load: 80% reads, 20% writes from 12 users for 60 s, with 1 and with 2 web workers.
soak: $(STAMP)
	$(BIN)/python -m tests.server.soak --seconds 60

load: $(STAMP)
	$(BIN)/python -m tests.server.load --seconds 60

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
