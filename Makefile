# One task file: `make run` starts the app, `make test` runs every test (CI calls it).
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: setup setup-dev compile browser gis run test test-fast lint format geodata bench bench-smoke clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.setup: requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	$(BIN)/pip install -q --no-deps -e .
	touch $@

$(VENV)/.setup-dev: requirements-dev.txt $(VENV)/.setup
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@

setup: $(VENV)/.setup          ## run-time packages and the kurilmap package
setup-dev: $(VENV)/.setup-dev  ## plus tests, lint and the data build

# The byte code of our own modules, as pip writes it for an installed package: an editable install has none,
# and where PYTHONDONTWRITEBYTECODE is set (containers, CI) every process would compile them again (70 ms of a
# command-line export). Only what changed is compiled again.
compile: setup
	@$(BIN)/python -m compileall -q -j 0 src app.py benchmarks tests

browser:                       ## Debian's Chromium (never a downloaded one) and a Japanese font for the browser tests
	@{ command -v chromium >/dev/null && fc-list | grep -qi ipagothic; } || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-ipafont-gothic >/dev/null; }
	@chromium --version

gis:                           ## Debian's readers the tests check files with: GDAL's ogrinfo (layer exports), zbarimg (QR codes)
	@{ command -v ogrinfo >/dev/null && command -v zbarimg >/dev/null; } || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq gdal-bin zbar-tools >/dev/null; }
	@ogrinfo --version

run: setup compile             ## set up and start the app on http://localhost:$(PORT)
	$(BIN)/python -m kurilmap.pagefiles static/kurilmap  # data checked, map page built before the first visitor
	$(BIN)/streamlit run app.py --server.port $(PORT)

# pytest-xdist: one worker per core, each test module on one worker (its module fixtures and the worker's
# app server and Chromium are shared by its tests); `make test WORKERS=0` runs in one process. The load
# tests (marker `alone`) run after the rest, alone on the machine: they load one server with 20 sessions,
# and a second worker's tests beside them would measure the machine instead of the app.
WORKERS ?= auto
PARALLEL = $(if $(filter 0,$(WORKERS)),-p no:xdist,-n $(WORKERS) --dist loadscope)

test: setup-dev compile browser gis  ## set up and run the whole test suite (exit 5, no tests, fails too)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest $(PARALLEL) -m "not alone"
	$(BIN)/python -m pytest -p no:xdist -m alone

test-fast: setup-dev compile   ## everything but the browser tests
	$(BIN)/python -m pytest $(PARALLEL) -m "not browser"

lint: setup-dev
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

format: setup-dev
	$(BIN)/ruff check --fix . && $(BIN)/ruff format .

geodata: setup-dev             ## rebuild geodata/ from GSHHG + sources/ (deterministic)
	$(BIN)/python -m kurilmap.build

bench: setup-dev compile browser  ## benchmarks: table + benchmarks/results/latest.json
	$(BIN)/python -m benchmarks.run

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache artifacts
