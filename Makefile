# Twoway: `make run` to try it, `make test` to prove it. Both set everything up first.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# The first Python >= 3.12 found: plain names on PATH, then pyenv's installs (whose shims
# hide versions that are not selected).
PYTHON ?= $(shell for v in 3.14 3.13 3.12; do \
	for p in python$$v $$HOME/.pyenv/versions/$$v*/bin/python$$v /usr/local/bin/python$$v /usr/bin/python$$v; do \
	  if $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then echo $$p; exit 0; fi; \
	done; done)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
MANAGE := $(BIN)/python manage.py
PORT ?= 8000

.PHONY: help install run serve-prod test test-fast mutation ci lint typecheck fmt migrations-check check-deploy lock demo clean mutation-all messages translations-check audit

help:
	@echo "make run         set up and serve Twoway on http://127.0.0.1:8000 (SQLite), with its task worker"
	@echo "                 and reminder scheduler beside it (PORT=8001 for another port)"
	@echo "make test        set up, lint, type-check, check migrations and run the whole test suite"
	@echo "make test-fast   the same without the browser tests, for the edit-test loop"
	@echo "make lint | fmt  the pre-commit checks (ruff, django-upgrade, djade, mypy) | apply the fixes"
	@echo "make messages    compile the translations (locale/*/django.po -> .mo; needs GNU gettext's msgfmt)"
	@echo "make translations-check  fail if a catalogue is stale, does not compile or is not fully"
	@echo "                 translated (part of make test; docs/translating.md)"
	@echo "make serve-prod  gunicorn, db_worker and send_reminders with production settings (.env.example)"
	@echo "make mutation    mutmut over the privacy-critical modules, a fixed sample (every 6th mutant); scores"
	@echo "                 per module (SQLite, 2 workers); MUTATION_EVERY=1 or 'make mutation-all' for all"
	@echo "make demo        reset the demo couple (SQLite); make ci: what CI runs"
	@echo "make audit       pip-audit: every pinned version in requirements.lock against known vulnerabilities"

$(BIN)/python:
	@if [ -z "$(PYTHON)" ]; then \
	  echo "Twoway needs Python 3.12 or newer, and none was found: install Python 3.13 (for example 'apt-get install python3.13 python3.13-venv') and run make again."; \
	  exit 1; fi
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev]'
	@touch $(STAMP)

# The compiled catalogues (.mo) are not committed (.gitignore): they are built from the .po
# files here, by every target that serves or tests the app. Without GNU gettext's msgfmt the
# app still runs, in English only, and says how to get it; make test fails instead (its
# translations check needs msgfmt).
PO_FILES := $(wildcard locale/*/LC_MESSAGES/django.po)
MO_FILES := $(PO_FILES:.po=.mo)
MSGFMT_HINT := GNU gettext's msgfmt is missing, so Twoway runs in English only: install it ('sudo apt-get install gettext', or 'brew install gettext') and run make again.

locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po
	@if command -v msgfmt >/dev/null 2>&1; then msgfmt --check-format -o $@ $<; \
	  else echo "$(MSGFMT_HINT)"; fi

messages: $(MO_FILES)

install: $(STAMP) messages

run: install
	$(MANAGE) migrate --noinput
	$(MANAGE) migrate --noinput --database keys
	$(MANAGE) encrypt_private_text
	$(MANAGE) collectstatic --noinput --verbosity 0
	@if [ -z "$$DATABASE_URL" ]; then $(MANAGE) seed_demo --if-empty; fi
	@echo "Or sign up as yourself at http://127.0.0.1:$(PORT) (emails are printed in this terminal)."
	@echo "Beside the server: the task worker (sends the emails), the reminder scheduler and the counsellor-access expiry (each every minute), and the requeue of tasks a stopped worker left (every 5 minutes)."
	@trap 'kill 0' EXIT; \
	  $(MANAGE) db_worker --interval 2 & \
	  SITE_URL="$${SITE_URL:-http://127.0.0.1:$(PORT)}" $(MANAGE) send_reminders --every 60 & \
	  SITE_URL="$${SITE_URL:-http://127.0.0.1:$(PORT)}" $(MANAGE) end_expired_access --every 60 & \
	  $(MANAGE) requeue_stalled_tasks --every 300 & \
	  $(MANAGE) runserver 127.0.0.1:$(PORT)

serve-prod: install
	DEBUG=false $(MANAGE) collectstatic --noinput --verbosity 0
	DEBUG=false $(MANAGE) migrate --noinput
	DEBUG=false $(MANAGE) migrate --noinput --database keys
	@trap 'kill 0' EXIT; \
	  DEBUG=false $(MANAGE) db_worker & \
	  DEBUG=false $(MANAGE) send_reminders --every 300 & \
	  DEBUG=false $(MANAGE) end_expired_access --every 300 & \
	  DEBUG=false $(MANAGE) requeue_stalled_tasks --every 300 & \
	  DEBUG=false $(BIN)/gunicorn intimacy.wsgi --bind 127.0.0.1:$(PORT) --workers 3 --no-control-socket

# The same checks as .pre-commit-config.yaml, on every tracked file.
PY_FILES = git ls-files -- '*.py' ':!:*/migrations/*'
TEMPLATES = git ls-files -- 'templates/*.html'

lint: install typecheck
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(PY_FILES) | xargs $(BIN)/django-upgrade --target-version 6.1 --check
	$(TEMPLATES) | xargs $(BIN)/djade --target-version 6.1 --check

typecheck: install
	$(BIN)/mypy

fmt: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(PY_FILES) | xargs $(BIN)/django-upgrade --target-version 6.1 --exit-zero-even-if-changed
	$(TEMPLATES) | xargs $(BIN)/djade --target-version 6.1

migrations-check: install
	$(MANAGE) makemigrations --check --dry-run

check-deploy: install
	$(MANAGE) check --deploy --fail-level WARNING

translations-check: install
	$(BIN)/python tools/check_translations.py

test: lint migrations-check translations-check
	$(BIN)/pytest

test-fast: install migrations-check
	$(BIN)/ruff check .
	$(BIN)/pytest -m "not browser" -q

ci:
	bash .ci/run

# pip-audit over requirements.lock: any known vulnerability fails. A package the service could
# not look up is listed, and fails too with AUDIT_STRICT=1 (docs/security.md, "Dependencies":
# where PyPI serves no per-version JSON, as on the CI machine, every package is skipped).
AUDIT_STRICT ?= 0
AUDIT_SERVICE ?= pypi
audit: install
	@rm -f $(VENV)/audit.json
	-$(BIN)/pip-audit -r requirements.lock --no-deps --disable-pip --progress-spinner off \
	  --vulnerability-service $(AUDIT_SERVICE) --format json --output $(VENV)/audit.json
	@AUDIT_STRICT=$(AUDIT_STRICT) $(BIN)/python -c 'import json, os, sys; \
	strict = os.environ["AUDIT_STRICT"] == "1"; \
	deps = json.load(open("$(VENV)/audit.json"))["dependencies"] if os.path.exists("$(VENV)/audit.json") else None; \
	deps is None and (print("audit: pip-audit gave no report (service unreachable?)"), sys.exit(strict)); \
	vulns = [(d["name"], d["version"], v["id"], v.get("fix_versions")) for d in deps for v in d.get("vulns", [])]; \
	skipped = [d["name"] for d in deps if "skip_reason" in d]; \
	[print("audit: VULNERABLE", *v) for v in vulns]; \
	skipped and print(f"audit: {len(skipped)} of {len(deps)} packages could not be looked up:", " ".join(skipped)); \
	print(f"audit: {len(deps) - len(skipped)} packages checked, {len(vulns)} known vulnerabilities"); \
	sys.exit(1 if vulns or (strict and skipped) else 0)'

lock: $(BIN)/python
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^-e' > requirements.lock

demo: install
	$(MANAGE) migrate --noinput
	$(MANAGE) migrate --noinput --database keys
	$(MANAGE) seed_demo --reset

clean:
	rm -rf $(VENV) staticfiles .pytest_cache

# Mutation testing (docs/testing.md, "Mutation testing"): SQLite only, at most 2 workers.
MUTATION_EVERY ?= 6
MUTATION_WORKERS ?= 2

mutation: install
	env -u DATABASE_URL -u REDIS_URL $(BIN)/python tools/mutmut_run.py sample --every $(MUTATION_EVERY) --max-children $(MUTATION_WORKERS)
	$(BIN)/python tools/mutmut_run.py score

mutation-all: install
	env -u DATABASE_URL -u REDIS_URL $(BIN)/python tools/mutmut_run.py run --max-children $(MUTATION_WORKERS)
	$(BIN)/python tools/mutmut_run.py score

# The load benchmark (docs/performance.md, "Load benchmark"): seeds COUPLES couples of WEEKS
# weeks (seed_load, skipped when there), then gunicorn with production settings under wrk.
# Needs DATABASE_URL, KEYS_DATABASE_URL (PostgreSQL, the benchmark's own), REDIS_URL and
# DATA_KEYS_KEK. Quick: make bench-load COUPLES=100 SECONDS=3 ROUNDS=1 MEMORY_REQUESTS=2000
COUPLES ?= 10000
WEEKS ?= 52
SECONDS ?= 10
ROUNDS ?= 3
MEMORY_REQUESTS ?= 20000
BENCH_OUT ?= benchmarks/results/load-$(COUPLES)-couples.json
.PHONY: bench-load
bench-load: install
	$(BIN)/python -m benchmarks.load.run --couples $(COUPLES) --weeks $(WEEKS) \
	  --seconds $(SECONDS) --rounds $(ROUNDS) --memory-requests $(MEMORY_REQUESTS) --out $(BENCH_OUT)
