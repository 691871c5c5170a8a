# The two commands a newcomer needs: `make run` and `make test`. Everything else is a step of those.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.12 >/dev/null 2>&1 && echo python3.12 || echo python3)
export PYENV_VERSION ?= 3.12.1
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/postgres
DEV_ENV := DEBUG=true PUBLIC_ACCESS=$${PUBLIC_ACCESS:-true} PORT=$(PORT)
PYTEST_ARGS ?=
LOCK_FLAGS := --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links

.PHONY: run test install install-production test-production services lock assets lint test-sqlite test-postgres bench browsers clean

# Every Python package, direct or not, comes from the hashed lock files in requirements/ (pip-tools).
$(BIN)/.installed: requirements/test.txt requirements/main.txt
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 12), "Python 3.12 or newer is needed"'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements/test.txt
	touch $@

install: $(BIN)/.installed

# Production needs only the portal's own packages (requirements/main.txt), not the test and lint tools.
$(BIN)/.installed-production: requirements/main.txt
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 12), "Python 3.12 or newer is needed"'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements/main.txt
	touch $@

install-production: $(BIN)/.installed-production

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
	$(DEV_ENV) $(BIN)/python manage.py load_demo --if-empty --current
	@echo "The portal is at http://127.0.0.1:$(PORT)/ (sign in as member, officer or admin with the password kpi-demo)"
	$(DEV_ENV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djlint templates --lint

# The system packages the tests use: Chromium, LibreOffice and poppler, Pango and fonts for WeasyPrint.
SYSTEM_PACKAGES := chromium libreoffice-calc-nogui poppler-utils libpango-1.0-0 libpangoft2-1.0-0 fonts-liberation2 fonts-dejavu-core
browsers:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || echo $$p; done); \
	if [ -n "$$missing" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; fi

test-sqlite: install assets browsers
	DEBUG=true $(BIN)/pytest -n 2 $(PYTEST_ARGS)

test-postgres: install assets browsers services
	DEBUG=true DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} $(BIN)/pytest -n 2 $(PYTEST_ARGS)

# The README's production section, word for word: DEBUG off, PostgreSQL, Redis, collectstatic,
# check --deploy, two gunicorn servers behind a TLS-terminating proxy, and a backup restored.
test-production: install assets services
	DEBUG=true PRODUCTION_TEST_SERVER=$(TEST_DATABASE_URL) $(BIN)/pytest -p no:xdist -m production tests/production

SERVICE_PACKAGES := postgresql redis-server
services:
	@missing=$$(for p in $(SERVICE_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || echo $$p; done); \
	if [ -n "$$missing" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; fi
	@pg_isready -h 127.0.0.1 -p 5432 -q || pg_ctlcluster --skip-systemctl-redirect 15 main start || pg_ctlcluster 15 main start
	@redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 || redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no

test: lint test-sqlite test-postgres test-production

# A worker's memory is measured as production serves: DEBUG off, PostgreSQL (a database of its own) and Redis.
bench: install assets services
	DEBUG=true BENCH_POSTGRES_URL=$(TEST_DATABASE_URL) $(BIN)/python manage.py bench

clean:
	rm -rf $(VENV) $(VENV)-lock node_modules static/build staticfiles
