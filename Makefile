# Two entry points: `make demo` (install and run the demo on SQLite) and `make test` (the suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-test

AXE := tests/browser/node_modules/axe-core/axe.min.js
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo test lint install postgres browser

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

# aics-tlog: the verifier not written here that the tests check the transparency log with
# (docs/PROOFS.md). It declares Python 3.12 but is pure Python that runs on our 3.11, so it
# is installed apart from the extras, without its declared bound (docs/CHOICES.md).
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	$(BIN)/python -m pip install --quiet --no-deps --ignore-requires-python aics-tlog==0.2.1
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

# What the tests need from the system, from apt: Debian's Chromium (the browser tests, driven by
# Playwright), a Thai font (the pages and the PDF report), Pango (WeasyPrint renders the PDF
# report with it) and poppler-utils (the report tests read the PDF back: pdftotext, pdftoppm);
# axe-core from npm, pinned by tests/browser/package-lock.json.
browser: $(AXE)
	@if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi tlwg \
	   || ! command -v pdftoppm >/dev/null || ! ldconfig -p | grep -q libpangoft2; then \
	  export DEBIAN_FRONTEND=noninteractive; \
	  $(SUDO) apt-get install -y -q chromium fonts-thai-tlwg poppler-utils libpangoft2-1.0-0 >/dev/null \
	  || { $(SUDO) apt-get update -q >/dev/null \
	       && $(SUDO) apt-get install -y -q chromium fonts-thai-tlwg poppler-utils libpangoft2-1.0-0 >/dev/null; }; \
	fi

$(AXE): tests/browser/package-lock.json
	npm ci --prefix tests/browser --no-audit --no-fund --silent
	touch $@

test: $(STAMP) postgres browser
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -n auto --dist loadfile -m "not alone"
	$(BIN)/python -m pytest -m alone
