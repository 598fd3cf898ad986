# Every target installs what it needs first, so a fresh clone needs only `make serve` or `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
export NO_MKDOCS_2_WARNING := 1
# mkdocs-redirects imports properdocs, which prints its own banner unless told not to.
export DISABLE_MKDOCS_2_WARNING := true
# Playwright must use the system Chromium, never download its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1
# The browser every tool launches: devtools/chromium.py says which (standard library, no venv needed).
CHROMIUM ?= $(shell $(PYTHON) -c 'from devtools.chromium import EXECUTABLE; print(EXECUTABLE)')
NGINX ?= /usr/sbin/nginx
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: help install install-dev browsers nginx build dist serve test lint typecheck test-js test-python test-engines test-pyodide stdlib-trace bench lighthouse clean permalinks lock overrides-diff

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-15s %s\n", $$1, $$2}'

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

install-dev: install $(VENV)/.installed-dev browsers nginx ## Also install the test tools, the browsers and nginx

# Debian's own browsers, never a test tool's download: Chromium, Firefox ESR, and WebKitGTK
# (Safari's engine) with its WebDriver and the virtual display it needs.
BROWSER_PACKAGES := $(CHROMIUM):chromium /usr/bin/firefox-esr:firefox-esr \
	/usr/bin/WebKitWebDriver:webkit2gtk-driver /usr/bin/Xvfb:xvfb
browsers: ## Install the system Chromium, Firefox ESR and WebKitGTK when missing
	@missing="$$(for pair in $(BROWSER_PACKAGES); do [ -x "$${pair%%:*}" ] || echo "$${pair##*:}"; done)"; \
	[ -z "$$missing" ] || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq $$missing; }

nginx: ## Install Debian's nginx when it is missing (the release archive's test serves with it)
	@[ -x $(NGINX) ] || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq nginx; }

build: install ## Build the static site into site/
	$(BIN)/mkdocs build --strict

dist: build ## Pack the built site, its server settings and HOSTING.md into dist/balance-or-blend-VERSION.zip
	rm -rf dist
	$(PY) scripts/dist.py --site site --out dist

serve: install ## Build and serve the site at http://127.0.0.1:8000
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

lint: install-dev ## Lint, format check, spelling and workflow validation
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/codespell docs data quiz README.md
	$(PY) scripts/check_american.py
	$(BIN)/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml
	$(PY) -m macros.guide_data

typecheck: install-dev ## Strict type check of quiz/, macros/, hooks/ and devtools/
	$(BIN)/mypy

# Two workers (pytest-xdist): browser tests spend much of their time waiting on the browser, so a
# second worker uses the idle core. Each file stays on one worker, keeping its shared page and
# engine; the site is built once for both (tests/conftest.py). PYTEST_WORKERS=0 runs serially.
PYTEST_WORKERS ?= 2

test-python: install-dev ## Every pytest test under CPython (unit, build, browser), all but test-engines
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadfile --ignore=tests/engines

# Xvfb for WebKitGTK is started and stopped by the tests themselves (devtools/webkit.py).
test-engines: install-dev ## The quiz in Chromium, Firefox ESR and WebKitGTK under the strict CSP, results compared byte for byte
	$(BIN)/pytest tests/engines

# Pure-Python wheels for the in-Pyodide test run (the npm package ships only the core runtime).
PYODIDE_WHEELS := build/pyodide-wheels
PARITY := build/parity-pyodide.jsonl
TRIMMED_STDLIB := build/pyodide-stdlib/python_stdlib.zip
TRACE := build/stdlib-trace

$(PYODIDE_WHEELS)/.downloaded: requirements-pyodide.txt | $(VENV)/.installed
	rm -rf $(PYODIDE_WHEELS)
	$(PY) -m pip download --quiet --only-binary :all: --python-version 3.14 --implementation py \
		--abi none --platform any -d $(PYODIDE_WHEELS) -r requirements-pyodide.txt
	touch $@

test-pyodide: install-dev node_modules/.package-lock.json $(PYODIDE_WHEELS)/.downloaded ## The quiz tests again, unchanged, inside Pyodide under Node.js on the site's trimmed standard library, plus the CPython/Pyodide parity check
	rm -f $(PARITY)
	$(PY) hooks/engine.py stdlib $(TRIMMED_STDLIB)
	node scripts/pyodide_pytest.mjs --wheels $(PYODIDE_WHEELS) --parity $(PARITY) --stdlib $(TRIMMED_STDLIB)
	$(PY) -m tests.quiz.parity compare $(PARITY)

stdlib-trace: install-dev node_modules/.package-lock.json ## Trace the standard-library files the quiz engine imports in Pyodide into hooks/pyodide_stdlib.txt
	rm -rf $(TRACE) && mkdir -p $(TRACE)
	$(PY) -c 'import json, sys; from tests.quiz.parity import requests; json.dump([json.loads(r) for r in requests()], sys.stdout)' > $(TRACE)/requests.json
	$(PY) -c 'import sys; from pathlib import Path; sys.path.insert(0, "hooks"); import engine; w = engine.build_wheel(Path(".")); Path(sys.argv[1]).write_bytes(w.data)' $(TRACE)/quiz.whl
	node scripts/trace_stdlib.mjs --wheel $(TRACE)/quiz.whl --requests $(TRACE)/requests.json --out hooks/pyodide_stdlib.txt

JS_FIXTURES := build/js-fixtures

test-js: install-dev node_modules/.package-lock.json ## The browser modules' unit tests (Node's test runner, jsdom), on results the Python engine made
	rm -rf $(JS_FIXTURES)
	$(PY) -m tests.js.fixtures $(JS_FIXTURES)
	JS_FIXTURES=$(JS_FIXTURES) node --test tests/js/

test: lint typecheck test-js test-python test-engines test-pyodide ## Run every check and test

# Reads the venv only (no network): after `pip install -U X` or adding a `name==` line, run this.
lock: | $(BIN)/activate ## Rewrite requirements.txt and requirements-dev.txt from what .venv holds
	$(PY) -m devtools.lock

overrides-diff: $(VENV)/.installed ## Record how overrides/ differs from Material's templates (after reviewing it)
	$(PY) -m devtools.overrides --write

permalinks: install ## Rebuild permalinks.txt (every page URL and anchor) from a fresh build
	$(PY) scripts/permalinks.py generate

lighthouse: install ## Lighthouse scores of home, side-by-side, FAQ and quiz, mobile and desktop
	$(PY) scripts/lighthouse.py

bench: install-dev ## Benchmarks (not tests): score() time and wheel size, then the browser quiz
	$(PY) scripts/bench_quiz.py
	$(PY) scripts/bench_browser.py

clean: ## Remove build output and caches
	rm -rf site build dist .pytest_cache .mypy_cache .ruff_cache .hypothesis
