# The two commands a newcomer needs: `make run` and `make test`. Everything else is a step of those.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.12 >/dev/null 2>&1 && echo python3.12 || echo python3)
export PYENV_VERSION ?= 3.12.1
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/postgres
DEV_ENV := DEBUG=true PUBLIC_ACCESS=$${PUBLIC_ACCESS:-true}
PYTEST_ARGS ?=
LOCK_FLAGS := --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links

.PHONY: run test install lock assets lint test-sqlite test-postgres bench browsers clean

# Every Python package, direct or not, comes from the hashed lock files in requirements/ (pip-tools).
$(BIN)/.installed: requirements/test.txt requirements/main.txt
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 12), "Python 3.12 or newer is needed"'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements/test.txt
	touch $@

install: $(BIN)/.installed

# Re-resolve every dependency from pyproject.toml's ranges and rewrite the hashed lock files.
lock:
	test -x $(VENV)-lock/bin/pip-compile || ($(PYTHON) -m venv $(VENV)-lock && $(VENV)-lock/bin/pip install --quiet pip-tools==7.6.2)
	cd requirements && ../$(VENV)-lock/bin/pip-compile --quiet --upgrade $(LOCK_FLAGS) -o main.txt ../pyproject.toml
	cd requirements && ../$(VENV)-lock/bin/pip-compile --quiet --upgrade $(LOCK_FLAGS) --extra test -c main.txt -o test.txt ../pyproject.toml

static/build/.built: package.json package-lock.json static/build-assets.mjs $(wildcard static/src/*.scss)
	npm ci --no-audit --no-fund --loglevel=error
	npm run --silent build
	touch $@

assets: static/build/.built

run: install assets
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput
	$(DEV_ENV) $(BIN)/python manage.py load_demo --if-empty
	@echo "The portal is at http://127.0.0.1:$(PORT)/ (sign in as member, officer or admin with the password kpi-demo)"
	$(DEV_ENV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djlint templates --lint

browsers:
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)

test-sqlite: install assets browsers
	DEBUG=true $(BIN)/pytest -n 2 $(PYTEST_ARGS)

test-postgres: install assets browsers
	DEBUG=true DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} $(BIN)/pytest -n 2 $(PYTEST_ARGS)

test: lint test-sqlite test-postgres

bench: install assets
	DEBUG=true $(BIN)/python manage.py bench

clean:
	rm -rf $(VENV) $(VENV)-lock node_modules static/build staticfiles
