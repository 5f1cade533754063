# ALIF24: `make help` lists every target.
.DEFAULT_GOAL := help
SHELL := /bin/bash
UV ?= uv
RUN := $(UV) run --frozen
# Every service's import package (services/<name>/<package>/__init__.py) and where mypy finds it.
PACKAGES := $(patsubst %/__init__.py,%,$(wildcard services/*/*/__init__.py))
empty :=
MYPYPATH := shared:$(subst $(empty) $(empty),:,$(patsubst %/,%,$(wildcard services/*/)))

.PHONY: help install run test lint fmt typecheck migrate migration admin bench bench-lcp e2e new-service gateway-config

help: ## Show this help
	@grep -hE '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-11s %s\n", $$1, $$2}'

install: ## Install the Python workspace from the lock file
	@command -v $(UV) >/dev/null || python3 -m pip install --quiet uv
	$(UV) sync --frozen --all-packages

run: install ## Run the whole platform locally (SQLite, in-process cache, demo data, web apps)
	@if command -v npm >/dev/null; then $(MAKE) --no-print-directory web-build; \
	  else echo "npm is not installed: the APIs run, but the web apps are not built (Node 20)."; fi
	$(RUN) python start_all.py $(ARGS)

test: install ## Run every test (SQLite by default; PostgreSQL/Redis when DATABASE_URL/REDIS_URL are set)
	$(RUN) python -m pytest $(ARGS); code=$$?; \
	  if [ $$code -eq 5 ]; then echo "pytest collected no tests" >&2; exit 1; fi; exit $$code
	@if [ -n "$(ARGS)" ] || [ "$(WEB)" = 0 ]; then :; \
	  elif [ -d frontends/node_modules ]; then $(MAKE) --no-print-directory web-test; \
	  else echo "frontends/node_modules is missing: web checks skipped (make web installs it)"; fi

lint: install ## Lint and check formatting
	$(RUN) ruff check .
	$(RUN) ruff format --check .

fmt: install ## Fix lint findings and format the code
	$(RUN) ruff check --fix .
	$(RUN) ruff format .

typecheck: install ## Type-check the Python code (mypy, strict)
	MYPYPATH=$(MYPYPATH) $(RUN) mypy shared/alif $(PACKAGES) start_all.py tools/new_service.py tools/catalog.py nginx/render.py tools/export_openapi.py tools/audit.py tools/secrets_scan.py tools/restore_drill.py

migrate: install ## Apply database migrations (DATABASE_URL, or the embedded SQLite)
	$(RUN) alembic upgrade head

migration: install ## Create a migration from the models: make migration m="add lessons"
	@test -n "$(m)" || (echo 'usage: make migration m="what changes"' >&2; exit 1)
	$(RUN) alembic revision --autogenerate -m "$(m)"

admin: install ## Create an admin account: make admin phone=+998901234567 name="Ism Familiya"
	$(RUN) python -m alif_main create-admin --identifier "$(phone)$(email)" --name "$(name)"

bench: install ## Run the benchmarks and print their ratios (see bench/RESULTS.md)
	$(RUN) python bench/run.py $(ARGS)

bench-lcp: install web-build ## Largest contentful paint of each app's first screen on a phone (Chromium)
	node bench/lcp.mjs $(ARGS)

new-service: install ## Create a service, its migration, client (web=1: its app; web=only: just the app): make new-service name=harf
	@test -n "$(name)" || (echo 'usage: make new-service name=harf [port=8007] [web=1]' >&2; exit 1)
	$(RUN) python -m tools.new_service $(name) $(if $(port),--port $(port)) $(if $(filter 1 yes true,$(web)),--web)$(if $(filter only,$(web)),--web-only)

gateway-config: install ## Render the production gateway for reading: make gateway-config domain=alif24.uz
	@test -n "$(domain)" || (echo 'usage: make gateway-config domain=alif24.uz' >&2; exit 1)
	$(RUN) python -m nginx.render production --domain "$(domain)" --out .data/nginx-production

# --- web apps (frontends/: npm workspace) ---------------------------------------------------------
# `make test` runs `web-test` too once frontends/ is installed (`make web`); WEB=0 skips it.
.PHONY: web web-build web-test web-dev client

web: ## Install the web workspace from its lock file (npm ci in frontends/)
	cd frontends && npm ci --no-audit --no-fund

web-test: ## Web checks: Biome, TypeScript, Vitest, production build and the bundle budget
	cd frontends && npm run lint && npm run typecheck && npm test && npm run build && npm run size

web-dev: ## Run the main web app's dev server (next to `make run`; /api goes to the services)
	cd frontends && npm run dev

e2e: install web-build ## End-to-end: the platform behind the real gateway, driven in Chromium
	cd frontends && npm run e2e

web-build: ## Build the web apps into frontends/apps/*/dist (installs the workspace when needed)
	@test -d frontends/node_modules || $(MAKE) --no-print-directory web
	cd frontends && npm run build

client: install ## Regenerate the typed web client from every service's OpenAPI document
	$(RUN) python -m tools.export_openapi
	cd frontends && npm run generate

