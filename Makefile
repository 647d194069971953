PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
DATA ?= ../shared/data

.PHONY: demo test venv lint results

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

test: venv
	$(BIN)/ruff check claimcheck tests eval
	$(BIN)/python -m pytest -q

lint: venv
	$(BIN)/ruff check claimcheck tests eval
	$(BIN)/ruff format --check claimcheck tests eval

results: venv
	$(BIN)/python eval/run_all.py --data $(DATA)
