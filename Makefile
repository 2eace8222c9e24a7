# The two commands: `make run` (dashboard on demo data) and `make test` (every test).
# Both create the virtual environment from requirements.lock on first use.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
DB ?= $(or $(SAFESPACE_DB),data/safespace.duckdb)
PUBLISHED := $(or $(SAFESPACE_PUBLISHED),$(DB:.duckdb=.published.duckdb))
PORT ?= 8501
# Python's default: keep the byte code, and pytest its rewritten test modules, in __pycache__/ (git-ignored).
# A machine that sets PYTHONDONTWRITEBYTECODE would otherwise compile them again in every process.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: run test test-fast test-slow demo lint format clean bench extract update compile

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

# Every test in one pytest run on two workers, each module on one worker in the order tests/conftest.py gives;
# markers are registered in pyproject.toml; pytest's closing line says how long the run took.
FAST := not browser and not slow
PYTEST_WORKERS ?= 2
PYTEST := $(PY) -m pytest -n $(PYTEST_WORKERS) --dist loadscope --no-loadscope-reorder

test: $(VENV)/.installed
	$(PYTEST)

# Everything except the browser journeys (marker `browser`) and slow checks (`slow`), to run while working.
test-fast: $(VENV)/.installed
	$(PYTEST) -m "$(FAST)"

# The browser journeys and slow checks alone.
test-slow: $(VENV)/.installed
	$(PYTEST) -m "not ($(FAST))"

# Timings on this machine (ETL, pages, payloads, map paint, scale): prints a table, writes bench/results/*.json.
bench: $(VENV)/.installed
	$(PY) -m bench

demo: $(VENV)/.installed
	$(PY) -m etl demo --db $(DB) --published $(PUBLISHED)

# Translations (locale/, README "Translations"): two gettext domains, ui (the dashboard) and etl (ETL, CLI,
# briefing); a msgid is a key such as overview.title. `extract` collects the keys the code asks for into
# locale/<domain>.pot (git-ignored: made from the code each time), `update` merges them into every
# language's .po (new keys arrive empty, removed ones go), `compile` writes the .mo files (git-ignored;
# without them the program compiles the .po in memory).
DOMAINS := ui etl
PYBABEL := $(VENV)/bin/pybabel

extract: $(VENV)/.installed
	for domain in $(DOMAINS); do \
		$(PYBABEL) -q extract -F locale/$$domain.cfg -o locale/$$domain.pot --sort-output --no-location \
			--no-wrap --project safespace . || exit 1; \
	done

update: extract
	for domain in $(DOMAINS); do \
		$(PYBABEL) -q update -D $$domain -i locale/$$domain.pot -d locale --no-fuzzy-matching --no-wrap \
			--ignore-obsolete || exit 1; \
	done

compile: $(VENV)/.installed
	for domain in $(DOMAINS); do $(PYBABEL) compile -D $$domain -d locale --statistics || exit 1; done

lint: $(VENV)/.installed
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: $(VENV)/.installed
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

clean:
	rm -rf $(VENV) data/safespace*.duckdb data/safespace*.json data/demo .pytest_cache/templates
