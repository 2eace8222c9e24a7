# The two commands: `make run` (dashboard on demo data) and `make test` (every test).
# Both create the virtual environment from requirements.lock on first use.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
DB ?= $(or $(SAFESPACE_DB),data/safespace.duckdb)
PUBLISHED := $(or $(SAFESPACE_PUBLISHED),$(DB:.duckdb=.published.duckdb))
PORT ?= 8501

.PHONY: run test test-fast test-slow demo lint format clean bench

$(VENV)/.installed: requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	touch $@

$(DB): | $(VENV)/.installed
	$(PY) -m etl demo --db $(DB) --published $(PUBLISHED)

# A warehouse without its snapshot (built by an older version): publish it once.
$(PUBLISHED): | $(DB)
	$(PY) -m etl publish --db $(DB) --published $(PUBLISHED)

# Local mode: uploads allowed for the one person on this machine (the app listens on 127.0.0.1 only).
run: $(VENV)/.installed $(DB) $(PUBLISHED)
	SAFESPACE_LOCAL_MODE=1 $(PY) -m streamlit run dashboard.py --server.address 127.0.0.1 --server.port $(PORT) \
		--browser.gatherUsageStats false -- --db $(DB) --published $(PUBLISHED)

# Every test: the fast ones first (a failure stops there), then the browser journeys and slow checks.
# Markers are registered in pyproject.toml; pytest's closing line of each run says how long it took.
FAST := not browser and not slow
PYTEST_WORKERS ?= 2

test: test-fast test-slow

# Everything except the browser journeys (marker `browser`) and slow checks (`slow`): about a minute.
test-fast: $(VENV)/.installed
	$(PY) -m pytest -n $(PYTEST_WORKERS) --dist loadscope -m "$(FAST)"

test-slow: $(VENV)/.installed
	$(PY) -m pytest -n $(PYTEST_WORKERS) --dist loadscope -m "not ($(FAST))"

# Timings on this machine (ETL, pages, payloads, map paint, scale): prints a table, writes bench/results/*.json.
bench: $(VENV)/.installed
	$(PY) -m bench

demo: $(VENV)/.installed
	$(PY) -m etl demo --db $(DB) --published $(PUBLISHED)

lint: $(VENV)/.installed
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: $(VENV)/.installed
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

clean:
	rm -rf $(VENV) data/safespace*.duckdb data/safespace*.json data/demo .pytest_cache/templates
