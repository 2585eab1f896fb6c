# Masthead: `make run` serves the demo site, `make test` runs the whole suite.
.DEFAULT_GOAL := help
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: help run run-scaled test venv test-deps migrate demo check lint clean

help:
	@echo "make run    install (once), migrate, load the demo, serve on http://127.0.0.1:8000"
	@echo "make run-scaled  the same on PostgreSQL + Redis with 4 web workers and 2 job consumers"
	@echo "make test   the whole test suite (SQLite; again on PostgreSQL + Redis when"
	@echo "            MASTHEAD_TEST_DATABASE_URL and MASTHEAD_TEST_REDIS_URL are set)"

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

check: venv
	$(PY) manage.py check

clean:
	rm -rf $(VENV) .pytest_cache test-artifacts
