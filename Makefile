# Two commands: `make run` opens the reader on the learner's copy of the bundled library,
# `make test` runs the tests.
# Both create .venv on first use and (re)install the project when pyproject.toml changes.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench lint clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# The bundled library is copied to the platform data folder on first run, and the copy is
# opened from then on: the checkout is never written (`reader read --help`, --seed).
run: $(STAMP)
	$(BIN)/reader read --seed seeds

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/runbench.py

lint: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/ruff check reader tests bench
	$(BIN)/mypy reader

clean:
	rm -rf $(VENV) build *.egg-info
