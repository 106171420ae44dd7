# Two entry points: `make demo` (install and run the demo on SQLite) and `make test` (the suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-test

.PHONY: demo test lint install postgres

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(VENV)/.installed $@

install: $(VENV)/.installed

demo: $(VENV)/.installed
	$(BIN)/ledger demo --force

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

# Start the machine's PostgreSQL cluster if it is installed and not answering.
postgres:
	@if command -v pg_isready >/dev/null && ! pg_isready -q -h 127.0.0.1 -p 5432 \
	   && command -v pg_ctlcluster >/dev/null; then \
	  pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start; \
	fi

test: $(STAMP) postgres
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest
