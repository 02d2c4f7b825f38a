# Medborgercenter-atlas: `make run` starts the app on the bundled sample; `make test` runs the whole suite.
PORT ?= 8501
# 127.0.0.1: reachable from this machine only; HOST=0.0.0.0 to serve others (behind a proxy, see README)
HOST ?= 127.0.0.1
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.run-installed
DEV_STAMP := $(VENV)/.dev-installed
# test-only JavaScript (axe-core, test corpora); skipped where npm is missing, and the tests that need it say so
NODE_STAMP := node_modules/.installed
# pytest-xdist workers for `make test` (each has its own databases, app servers and free ports); 0 = one process.
# Twice the cores of this 2-core machine: a browser test spends much of its time waiting on its app server and
# Chromium. Clean clones, one run after another: without Postgres 2 workers 687 s, 4 578 s; CI's .ci/run with
# Postgres 764 s and 776 s, no gain but no loss (docs/benchmarks.md, "`make test` in four workers").
TEST_WORKERS ?= 4

.PHONY: run compile test lint format bench load attacks sample outline screenshots clean

$(RUN_STAMP): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements.txt
	touch $@

$(DEV_STAMP): $(RUN_STAMP) requirements-dev.txt
	$(BIN)/python -m pip install -q -r requirements-dev.txt
	touch $@

$(NODE_STAMP): package.json package-lock.json
	if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: accessibility and corpus tests will be skipped"; fi

# Bytecode of the app's own modules, written once: where PYTHONDONTWRITEBYTECODE is set (many container
# images, this CI) every start would compile ~24,000 lines again (~0.25 s). Up to date, it costs ~50 ms.
# The bench's server-start figure runs `make -s compile` too, so it times what `make run` does.
compile: $(RUN_STAMP)
	$(BIN)/python -m compileall -q lib pages dashboard.py

# The server seeds an empty database itself as it starts (lib.serve), so nothing runs before it.
run: $(RUN_STAMP) compile
	$(BIN)/python -m lib.serve --server.port $(PORT) --server.address $(HOST) --server.headless true

test: $(DEV_STAMP) $(NODE_STAMP) compile
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile --durations=15

lint: $(DEV_STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(DEV_STAMP)
	$(BIN)/python -m bench.run $(BENCH_ARGS)

load: $(DEV_STAMP)
	$(BIN)/python -m bench.load $(LOAD_ARGS)

# issue 18's attacks re-run (zip bombs, lost update, naughty exports, password throttle, third-party requests)
attacks: $(DEV_STAMP)
	$(BIN)/python -m bench.bench_attacks

sample: $(RUN_STAMP)
	$(BIN)/python data/generate_sample.py

outline: $(RUN_STAMP)
	$(BIN)/python data/geo/make_outline.py

screenshots: $(DEV_STAMP)
	$(BIN)/python scripts/screenshot.py --all screenshots

clean:
	rm -rf .atlas .pytest_cache .ruff_cache
