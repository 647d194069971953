"""The embedding cache: a re-run encodes only texts it has not seen, under the same encoder id,
and a broken cache file costs a warning, never the run."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from claimcheck.align.embed import embed
from claimcheck.align.embed_cache import EMBEDDING_FILE, CachedEmbedder
from claimcheck.infra.sqlite_cache import CacheWarning
from claimcheck.pipeline import Pipeline


class Counting:
    """A deterministic fake encoder (a vector from each text's characters) that counts its texts."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def __call__(self, texts: Sequence[str], batch_size: int) -> np.ndarray:
        self.texts += list(texts)
        out = np.zeros((len(texts), 8), dtype=np.float32)
        for i, t in enumerate(texts):
            out[i, [ord(c) % 8 for c in t]] += 1.0
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-6)


def test_a_rerun_encodes_only_new_texts_and_returns_the_same_vectors(tmp_path: Path) -> None:
    inner = Counting()
    cache = CachedEmbedder(inner, "fake@1", tmp_path / EMBEDDING_FILE)
    first = cache(["alpha", "beta", "alpha"], 4)
    assert inner.texts == ["alpha", "beta"]  # duplicates encoded once
    np.testing.assert_array_equal(first, Counting()(["alpha", "beta", "alpha"], 4))
    inner.texts.clear()
    again = CachedEmbedder(inner, "fake@1", tmp_path / EMBEDDING_FILE)(["beta", "gamma", "alpha"], 4)
    assert inner.texts == ["gamma"]
    np.testing.assert_array_equal(again, Counting()(["beta", "gamma", "alpha"], 4))
    inner.texts.clear()
    CachedEmbedder(inner, "fake@2", tmp_path / EMBEDDING_FILE)(["alpha"], 4)
    assert inner.texts == ["alpha"]  # another encoder: another key
    assert cache([], 4).shape[0] == 0


def test_a_corrupt_or_unusable_cache_warns_and_the_run_goes_on(tmp_path: Path) -> None:
    path = tmp_path / EMBEDDING_FILE
    path.write_bytes(b"not a database" * 300)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = CachedEmbedder(Counting(), "fake@1", path)(["alpha"], 4)
    assert any(issubclass(w.category, CacheWarning) and "recreating" in str(w.message) for w in caught)
    np.testing.assert_array_equal(out, Counting()(["alpha"], 4))
    blocker = tmp_path / "file"
    blocker.write_text("x")
    inner = Counting()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = CachedEmbedder(inner, "fake@1", blocker / EMBEDDING_FILE)(["alpha", "beta"], 4)
    assert any("embedding cache" in str(w.message) for w in caught) and inner.texts == ["alpha", "beta"]
    np.testing.assert_array_equal(out, Counting()(["alpha", "beta"], 4))


def test_the_shipped_pipeline_caches_embeddings_only_when_it_caches(tmp_path: Path) -> None:
    cached = Pipeline.build(no_nli=True, cache_dir=tmp_path)
    assert isinstance(cached.embedder, CachedEmbedder) and cached.embedder.path == tmp_path / EMBEDDING_FILE
    assert Pipeline.build(no_nli=True, use_cache=False).embedder is embed
