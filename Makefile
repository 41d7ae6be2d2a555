# spbe-kg — the two commands of the README are `make run` and `make test`.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
APT_STAMP := $(VENV)/.apt-installed
UI_STAMP := service/static/vendor/.installed
DATA_DIR ?= data/store
HOST ?= 127.0.0.1
PORT ?= 8000
EXAMPLE := $(filter-out %/duplikat_kebenaran.csv %/masalah_tertanam.csv,$(wildcard examples/sumut/*.xlsx examples/sumut/*.csv))

.PHONY: run test lint install system-deps malloc ui store bench ontology example docs clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install -q -e '.[test,docs]'
	touch $@

install: $(STAMP)

# Debian packages the tests need: Chromium (browser tests), Virtuoso (remote-store tests),
# a Java runtime (HermiT via owlready2), wrk (the endpoint benchmark's fast client), jemalloc (the allocator
# `spbe serve` runs with: service/malloc.py). Installed only when missing.
$(APT_STAMP): | $(BIN)/python
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v virtuoso-t >/dev/null || missing="$$missing virtuoso-opensource"; \
	command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	command -v wrk >/dev/null || missing="$$missing wrk"; \
	/sbin/ldconfig -p 2>/dev/null | grep -q libjemalloc.so.2 || missing="$$missing libjemalloc2"; \
	if [ -n "$$missing" ]; then \
	  echo "apt-get install:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi
	touch $@

system-deps: $(APT_STAMP)

# jemalloc for `make run` (service/malloc.py: 14-20% less CPU a lookup); optional: without it, and without
# root to install it, `spbe serve` runs on glibc's malloc.
malloc:
	@/sbin/ldconfig -p 2>/dev/null | grep -q libjemalloc.so.2 || { [ "$$(id -u)" = 0 ] && apt-get update -qq \
	  && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libjemalloc2 >/dev/null; } || true

# YASGUI from the npm registry, served by the service itself (no CDN).
# npm ci installs exactly what package-lock.json pins; nodejs/npm come from apt when missing (as root).
# node_modules lives in build/ (outside the Python package tree, so `pip install .` does not ship it).
UI_NPM := build/npm-ui
$(UI_STAMP): service/ui/package.json service/ui/package-lock.json
	@command -v npm >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; } \
	  || { echo "make ui: npm is missing; install Node.js and npm (Debian: apt-get install nodejs npm)" >&2; exit 2; }
	mkdir -p $(UI_NPM) service/static/vendor
	cp service/ui/package.json service/ui/package-lock.json $(UI_NPM)/
	cd $(UI_NPM) && npm ci --no-audit --no-fund --silent
	cp $(UI_NPM)/node_modules/@zazuko/yasgui/build/yasgui.min.js $(UI_NPM)/node_modules/@zazuko/yasgui/build/yasgui.min.css service/static/vendor/
	touch $@

ui: $(UI_STAMP)

# Build the embedded store from the bundled example inventory.
store: $(STAMP)
	rm -rf $(DATA_DIR)
	$(BIN)/spbe load --store $(DATA_DIR) $(EXAMPLE)

run: $(STAMP) ui store malloc
	$(BIN)/spbe serve --store $(DATA_DIR) --host $(HOST) --port $(PORT)

# Static checks, before any test runs: ruff (style, bugs, imports), mypy (types of spbe_kg.*) and the
# import contracts of docs/architecture.md (import-linter). Each stops `make test` on its first error.
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m tests.support.tooling mypy
	$(BIN)/python -m tests.support.tooling imports

test: $(STAMP) $(APT_STAMP) ui lint
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# the Debian packages too: the endpoint benchmark runs Virtuoso as a peer, the UI benchmark Chromium
bench: $(STAMP) $(APT_STAMP)
	$(BIN)/python -m spbe_kg.benchmarks.run $(BENCH_ARGS)

ontology: $(STAMP)
	$(BIN)/python -m spbe_kg.ontology.build

example: $(STAMP)
	$(BIN)/python -m spbe_kg.benchmarks.example_inventory

docs: $(STAMP)
	$(BIN)/python -m spbe_kg.ontology.docs

clean:
	rm -rf $(VENV) data build dist *.egg-info service/static/vendor service/ui/node_modules test-artifacts
