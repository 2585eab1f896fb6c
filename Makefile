# Masthead: `make run` serves the demo site, `make test` runs the whole suite.
.DEFAULT_GOAL := help
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: help run run-scaled test venv test-deps migrate demo check lint clean mutate

help:
	@echo "make run    install (once), migrate, load the demo, serve on http://127.0.0.1:8000"
	@echo "make run-scaled  the same on PostgreSQL + Redis with 4 web workers and 2 job consumers"
	@echo "make test   the whole test suite (SQLite; beside it on PostgreSQL + Redis when"
	@echo "            MASTHEAD_TEST_DATABASE_URL and MASTHEAD_TEST_REDIS_URL are set)"
	@echo "make lint   check that imports keep the layers (import-linter; docs/architecture.md)"
	@echo "make mutate mutation testing of the pure rule modules, each against its own app's"
	@echo "            tests (slow: one worker; MUTATE_PORT for its localstripe, default 8483)"

# The virtualenv is rebuilt only when pyproject.toml changes, so a second
# `make run` starts in seconds.
$(VENV)/.installed: pyproject.toml
	@PYTHON="$$(scripts/find-python)" && echo "Using $$PYTHON" && "$$PYTHON" -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $@

venv: $(VENV)/.installed

test-deps: $(VENV)/.installed-test

$(VENV)/.installed-mutation: $(VENV)/.installed-test
	$(PY) -m pip install --quiet -e '.[mutation]'
	@touch $@

migrate: venv
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo

run: demo
	$(PY) manage.py serve

run-scaled: venv
	scripts/run-scaled

test: test-deps
	scripts/test

# One rule module at a time, one worker, its own app's tests (docs/architecture.md),
# then the allowed-moves table that mutmut cannot mutate, against the
# subscriptions tests. Not part of `make test`: it takes the better part of an hour.
MUTATE_PORT ?= 8483
mutate: $(VENV)/.installed-mutation
	$(PY) scripts/mutate --port $(MUTATE_PORT)
	$(PY) scripts/mutate-moves --port $(MUTATE_PORT) masthead/subscriptions/tests

check: venv
	$(PY) manage.py check

# The layers contract in pyproject.toml ([tool.importlinter]; docs/architecture.md).
lint: test-deps
	$(VENV)/bin/lint-imports

clean:
	rm -rf $(VENV) .pytest_cache test-artifacts
