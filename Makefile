# One task runner for contributors, CI and the README.
# `make demo` and `make test` each set up .venv on first use (Python >= 3.11 as python3).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: install demo test lint bench docs clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

install: $(BIN)/.installed

demo: install
	$(BIN)/edgar-sentinel demo

test: install
	$(BIN)/python -m pytest

# The hooks are `language: system`: they run the tools installed in the venv.
lint: install
	PATH="$(abspath $(BIN)):$$PATH" $(BIN)/pre-commit run --all-files --show-diff-on-failure

bench: install
	$(BIN)/python -m benchmarks.bench_preprocess --repeat 3
	$(BIN)/python -m benchmarks.bench_gate
	$(BIN)/python -m benchmarks.bench_drift

docs: install
	$(BIN)/python -m edgar_sentinel.schemas
	$(BIN)/python -m edgar_sentinel.settings_doc
	$(BIN)/python -m typer edgar_sentinel.cli.reference utils docs --name edgar-sentinel \
		--title "edgar-sentinel command reference" --output docs/cli.md

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis src/*.egg-info edgar-sentinel-demo build src/edgar_sentinel/gate/_kernels*.so
