# make help lists the targets. Everything runs from a virtual environment in .venv.
VENV ?= .venv
PYTHON ?= python3
FLASK := $(VENV)/bin/flask --app wsgi

.PHONY: help run serve worker test lint format bench bench-grounding bench-facts

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

run: $(VENV)/.installed instance/config.py ## set up (venv, database, demo FAQs) and serve on http://127.0.0.1:5000
	$(FLASK) db upgrade
	$(FLASK) seed-demo
	@echo
	@echo "Support page: http://127.0.0.1:5000/"
	@echo "Staff back office: http://127.0.0.1:5000/admin/ -- create your login first with:"
	@echo "    $(FLASK) create-staff you@example.com"
	@echo
	$(FLASK) run --debug --host 127.0.0.1 --port 5000

serve: $(VENV)/.installed ## production's web server: gunicorn (gunicorn.conf.py) on BIND
	$(VENV)/bin/gunicorn -c gunicorn.conf.py wsgi:app

worker: $(VENV)/.installed ## run an RQ worker (needs REDIS_URL)
	$(FLASK) worker

test: $(VENV)/.installed-dev ## run the tests (TEST_DATABASE_URL=postgresql://... for PostgreSQL)
	$(VENV)/bin/python -m pytest

lint: $(VENV)/.installed-dev ## ruff check and format check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed-dev ## apply ruff's fixes and formatting
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

$(VENV)/.installed: requirements.txt
	test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt requirements-sentry.txt
	$(VENV)/bin/pip install --quiet -r requirements-dev.txt
	touch $@

# A random secret for local runs, kept in the git-ignored instance folder.
instance/config.py:
	mkdir -p instance
	$(PYTHON) -c "import secrets; print(f'SECRET_KEY = {secrets.token_hex(32)!r}')" > $@

# Needs PostgreSQL and Redis on 127.0.0.1 (like `make test`); docs/benchmarks.md explains it.
BENCH_ARGS ?=
bench: $(VENV)/.installed-dev ## load benchmark, about 8.5 min (BENCH_ARGS="--quick": under 1 min)
	$(VENV)/bin/pip install --quiet -r bench/requirements.txt
	$(VENV)/bin/python -m bench $(BENCH_ARGS)

# Reads bench/data; needs no services. The semantic option is
# measured too (BENCH_GROUNDING_ARGS="--semantic off" leaves it out).
BENCH_GROUNDING_ARGS ?=
bench-grounding: $(VENV)/.installed-dev ## FAQ selection methods side by side, about 7 min
	$(VENV)/bin/pip install --quiet -r bench/requirements.txt
	$(VENV)/bin/python -m bench.grounding $(BENCH_GROUNDING_ARGS)

# Reads bench/data/facts; needs no services.
bench-facts: $(VENV)/.installed-dev ## the fact check's precision and recall, about 20 s
	$(VENV)/bin/python -m bench.facts
