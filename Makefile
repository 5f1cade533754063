# ALIF24: `make help` lists every target.
.DEFAULT_GOAL := help
SHELL := /bin/bash
UV ?= uv
RUN := $(UV) run --frozen

.PHONY: help install run test lint fmt typecheck migrate migration admin bench e2e

help: ## Show this help
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-11s %s\n", $$1, $$2}'

install: ## Install the Python workspace from the lock file
	@command -v $(UV) >/dev/null || python3 -m pip install --quiet uv
	$(UV) sync --frozen --all-packages

run: install ## Run the whole platform locally (SQLite, in-process cache, demo data)
	$(RUN) python start_all.py $(ARGS)

test: install ## Run every test (SQLite by default; PostgreSQL/Redis when DATABASE_URL/REDIS_URL are set)
	$(RUN) python -m pytest $(ARGS); code=$$?; \
	  if [ $$code -eq 5 ]; then echo "pytest collected no tests" >&2; exit 1; fi; exit $$code

lint: install ## Lint and check formatting
	$(RUN) ruff check .
	$(RUN) ruff format --check .

fmt: install ## Fix lint findings and format the code
	$(RUN) ruff check --fix .
	$(RUN) ruff format .

typecheck: install ## Type-check the Python code (mypy, strict)
	$(RUN) mypy shared/alif services/*/alif_* start_all.py

migrate: install ## Apply database migrations (DATABASE_URL, or the embedded SQLite)
	$(RUN) alembic upgrade head

migration: install ## Create a migration from the models: make migration m="add lessons"
	@test -n "$(m)" || (echo 'usage: make migration m="what changes"' >&2; exit 1)
	$(RUN) alembic revision --autogenerate -m "$(m)"

admin: install ## Create an admin account: make admin phone=+998901234567 name="Ism Familiya"
	$(RUN) python -m alif_main create-admin --identifier "$(phone)$(email)" --name "$(name)"

bench: install ## Run the benchmarks and print their ratios (see bench/RESULTS.md)
	$(RUN) python bench/run.py $(ARGS)
