# Two commands do all the set-up on a fresh machine:
#   make demo   - create .venv, validate and analyse the sample data and write its report (no server needed)
#   make test   - create .venv, install Chromium + CJK fonts if missing, run lint, types and every test
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
OUT ?= out

DIST ?= dist

.PHONY: demo test lint system-deps clean dist smoke

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

demo: $(BIN)/.installed
	$(BIN)/pbgraph validate data/sample
	$(BIN)/pbgraph analyze coverage data/sample
	$(BIN)/pbgraph report data/sample -o $(OUT)/report.html --xlsx $(OUT)/report.xlsx

# Chromium and CJK fonts are system packages (browser tests, static PNG/SVG); installed only when missing
system-deps:
	@command -v chromium >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || { \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; }

lint: $(BIN)/.installed
	$(BIN)/ruff check pbgraph tests benchmarks data
	$(BIN)/ruff format --check pbgraph tests benchmarks data
	$(BIN)/mypy

# the sdist and the wheel as users get them (the wheel built from the sdist), checked with twine
dist: $(BIN)/.installed
	rm -rf $(DIST)
	$(BIN)/python -m build --outdir $(DIST) . >/dev/null
	$(BIN)/twine check --strict $(DIST)/*

# the wheel installed into a fresh venv outside the repository, every command run from another folder
smoke: dist
	PYTHON=$(PYTHON) tests/smoke_installed.sh $(DIST)

# the Cypher linter (Neo4j's own language support, pinned) runs under node; CI has node and npm
test: $(BIN)/.installed system-deps lint smoke
	if command -v npm >/dev/null 2>&1; then npm ci --prefix tests/cypher_lint --no-audit --no-fund --silent; fi
	PBGRAPH_DIST=$(DIST) $(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) $(OUT) $(DIST) build .pytest_cache .mypy_cache .ruff_cache
