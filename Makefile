# The two commands: `make run` (a built warehouse from a fresh clone) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/pip --disable-pip-version-check --quiet
# uv installs the project's packages: pip alone takes most of `make run` on a fresh clone (docs/performance.md).
# Compiled at install, as pip does: where PYTHONDONTWRITEBYTECODE is set, every process would compile its imports again.
UV_INSTALL := $(BIN)/uv pip install --quiet --compile-bytecode --python $(BIN)/python

.PHONY: run test ui install dev sample build bench clean

run: install
	@if [ -z "$$(find raw/submissions -mindepth 1 -not -name README.md -print -quit)" ]; then \
		echo "raw/submissions/ is empty: writing the synthetic sample"; $(BIN)/pug sample; fi
	$(BIN)/pug build

test: dev
	$(BIN)/python -m pytest

ui: install
	$(BIN)/pug ui

install: $(VENV)/.installed web/node_modules/.installed
dev: $(VENV)/.dev-installed web/node_modules/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install 'uv>=0.9,<1'
	$(UV_INSTALL) -e .
	touch $@

# The scripts and stylesheets of the Data Docs, served from the warehouse rather than CDNs (pug/outputs/offline.py).
web/node_modules/.installed: web/package.json web/package-lock.json
	npm ci --prefix web --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

$(VENV)/.dev-installed: $(VENV)/.installed
	$(UV_INSTALL) -e '.[dev,postgres]'
	touch $@

sample: install
	$(BIN)/pug sample

build: install
	$(BIN)/pug build

# The national-scale benchmark (docs/performance.md): make bench REGIONS=514
REGIONS ?= 50
bench: install
	$(BIN)/pug bench --regions $(REGIONS)

clean:
	rm -rf warehouse/build warehouse/cache warehouse/state warehouse/dagster warehouse/pug.duckdb
