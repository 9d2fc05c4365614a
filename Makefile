# Leerkring — the README's commands. `make run` and `make test` do all the set-up themselves.
.DEFAULT_GOAL := help
SHELL := /bin/bash

VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.9
UV := $(BIN)/uv
MANAGE := $(BIN)/python manage.py
PG_URL ?= postgres://postgres@127.0.0.1:5432/leerkring_test
CHROMIUM ?= /usr/bin/chromium
# `make run PORT=8100` serves elsewhere; links in emails and PDFs follow (BASE_URL).
PORT ?= 8000
BASE_URL ?= http://127.0.0.1:$(PORT)

# The first Python >= 3.12 we can find: on PATH, then under pyenv.
PYTHON := $(shell for p in python3.13 python3.12 \
	$$(ls -d $${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV); do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null \
	&& { command -v $$p; break; }; done)

.PHONY: help run test lint format test-postgres e2e check venv deps dev-deps messages pdf-tools fonts clean bench bench-smoke bench-enrolment bench-rooms

help:  ## Show the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "Python 3.12 of nieuwer niet gevonden / no Python >= 3.12 found"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(UV): | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

venv: $(UV)

# UV_COMPILE_BYTECODE: .pyc files are written at install, so a worker does not compile the
# app and its libraries on its first start (issue 15: 6 s to import without, < 2 s with).
deps: venv  ## Install the locked runtime dependencies
	UV_COMPILE_BYTECODE=1 UV_PROJECT_ENVIRONMENT=$(VENV) $(UV) sync --frozen --inexact --no-dev --python $(BIN)/python --quiet

dev-deps: venv
	UV_COMPILE_BYTECODE=1 UV_PROJECT_ENVIRONMENT=$(VENV) $(UV) sync --frozen --inexact --python $(BIN)/python --quiet

# The compiled .mo files are committed; recompile when gettext is there so edits to .po show.
messages:
	@if command -v msgfmt >/dev/null; then $(MANAGE) compilemessages --ignore=.venv --verbosity 0; fi

run: deps messages  ## Set up (venv, migrations, demo content) and serve on http://127.0.0.1:8000 (or PORT=…)
	@$(MAKE) --no-print-directory fonts
	$(MANAGE) check_migration_history
	$(MANAGE) migrate --no-input
	BASE_URL=$(BASE_URL) $(MANAGE) load_demo
	@# uvicorn (ASGI), so the practice rooms' WebSockets work; with DEBUG on it serves static files.
	BASE_URL=$(BASE_URL) DJANGO_SETTINGS_MODULE=leerkring.settings.dev \
		$(BIN)/uvicorn leerkring.asgi:application --host 127.0.0.1 --port $(PORT)

test: dev-deps messages  ## Run the whole suite on SQLite (browser tests: make e2e)
	@$(MAKE) --no-print-directory pdf-tools fonts
	$(BIN)/pytest -m "not e2e and not postgres"

lint: dev-deps  ## ruff check + format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: dev-deps  ## Fix what ruff can fix
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: dev-deps messages  ## Django system checks and missing migrations
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

test-postgres: dev-deps messages  ## The suite against PostgreSQL ($$PG_URL)
	@$(MAKE) --no-print-directory pdf-tools fonts
	DATABASE_URL=$(PG_URL) $(BIN)/python -m leerkring.ensure_database
	DATABASE_URL=$(PG_URL) $(BIN)/pytest -m "not e2e"

e2e: dev-deps messages  ## Browser tests (Playwright driving Debian's Chromium)
	@test -x $(CHROMIUM) || { apt-get update -qq && apt-get install -y -qq chromium; }
	@$(MAKE) --no-print-directory fonts
	CHROMIUM=$(CHROMIUM) $(BIN)/pytest -m e2e

# pdfinfo (poppler-utils) checks that certificates and quotes are tagged PDFs.
pdf-tools:
	@command -v pdfinfo >/dev/null || { apt-get update -qq && apt-get install -y -qq poppler-utils; }

# Certificates print Chinese, Japanese and Korean names with Debian's Noto Sans CJK (about
# 20 MB a weight, so not shipped in static/fonts/ like the other scripts' fonts).
fonts:
	@fc-list 2>/dev/null | grep -q "Noto Sans CJK" || { apt-get update -qq && apt-get install -y -qq fonts-noto-cjk; } \
		|| echo "fonts-noto-cjk could not be installed: certificates will print CJK names as boxes"

bench: dev-deps messages  ## Page and certificate benchmarks (minutes; writes docs/performance.md)
	$(BIN)/python benchmarks/pages.py --write-docs
	$(BIN)/python benchmarks/certificates.py --write-docs

bench-enrolment: dev-deps  ## 200 concurrent enrolments on PostgreSQL, pool of 8 ($$BENCH_PG_URL)
	$(BIN)/python benchmarks/enrolment.py

# As in production: two uvicorn processes, Redis and PostgreSQL (a database of its own,
# dropped and made anew), the HTML panel the browsers get. Issue 14's figures.
ROOMS_BENCH_PG_URL ?= postgres://postgres@127.0.0.1:5432/lk_rooms_bench
ROOMS_BENCH_REDIS_URL ?= redis://127.0.0.1:6379/5
bench-rooms: dev-deps messages  ## Live rooms: 50 rooms x 8 sockets and 400 pollers (minutes)
	$(BIN)/python benchmarks/rooms.py --workers 2 --html \
		--channel-layer $(ROOMS_BENCH_REDIS_URL) --database-url $(ROOMS_BENCH_PG_URL)

# CI runs this after the tests as a report: it fails on errors (a page not answering 200),
# never on timings.
bench-smoke: dev-deps messages  ## Short benchmarks (1 round, small sizes) as a report
	$(BIN)/python benchmarks/pages.py --short
	$(BIN)/python benchmarks/certificates.py --n 3 --cohort 8

clean:  ## Remove the virtualenv and local database
	rm -rf $(VENV) db.sqlite3 media private staticfiles
