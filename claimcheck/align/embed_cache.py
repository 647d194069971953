"""A persistent cache of sentence embeddings, so re-checking a mostly unchanged corpus skips
the encoder, and with it the import of sentence-transformers and torch.

`CachedEmbedder` wraps an embedder (texts -> unit vectors) and answers from SQLite where it
can: a row is keyed by sha256(encoder id, text) and holds the float32 vector. It sits in the
verdict cache's folder and shares its rules: an unusable file is warned about and skipped or
recreated, never a reason for a run to fail. A vector read back is the one computed then; a
fresh one may differ in the last float bits, since batches pad differently (similarities move
by about 1e-7), as NLI probabilities from the verdict cache do.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from claimcheck.infra.sqlite_cache import open_cache, warn

EMBEDDING_FILE = "embeddings.sqlite"
_SCHEMA = "CREATE TABLE IF NOT EXISTS embeddings (key TEXT PRIMARY KEY, vector BLOB NOT NULL)"
_PROBE = "SELECT key, vector FROM embeddings LIMIT 1"
_CHUNK = 500  # keys per query: under SQLite's bound-parameter limit

EmbedFn = Callable[[Sequence[str], int], np.ndarray]


class CachedEmbedder:
    """An embedder that encodes only the texts the cache has not seen under `model_id`."""

    def __init__(self, embedder: EmbedFn, model_id: str, path: Path) -> None:
        self.embedder = embedder
        self.model_id = model_id
        self.path = path
        self.usable = True

    def __call__(self, texts: Sequence[str], batch_size: int) -> np.ndarray:
        if not texts:
            return self.embedder(texts, batch_size)
        unique = list(dict.fromkeys(texts))
        key = {t: hashlib.sha256(f"{self.model_id}\x1f{t}".encode()).hexdigest() for t in unique}
        known = self._get(list(key.values()))
        missing = [t for t in unique if key[t] not in known]
        if missing:
            vectors = np.asarray(self.embedder(missing, batch_size), dtype=np.float32)
            new = {key[t]: v for t, v in zip(missing, vectors, strict=True)}
            self._put(new)
            known |= new
        return np.stack([known[key[t]] for t in texts]).astype(np.float32)

    def _get(self, keys: list[str]) -> dict[str, np.ndarray]:
        db = open_cache(self.path, _SCHEMA, _PROBE, "embedding cache") if self.usable else None
        if db is None:
            self.usable = False
            return {}
        found: dict[str, np.ndarray] = {}
        try:
            for start in range(0, len(keys), _CHUNK):
                chunk = keys[start : start + _CHUNK]
                query = f"SELECT key, vector FROM embeddings WHERE key IN ({','.join('?' * len(chunk))})"
                for k, blob in db.execute(query, chunk):
                    found[k] = np.frombuffer(blob, dtype=np.float32)
            if len({len(v) for v in found.values()}) > 1 or any(len(v) == 0 for v in found.values()):
                raise ValueError("rows of different sizes")
        except (sqlite3.Error, ValueError, TypeError) as exc:
            self._give_up(exc)
            return {}
        finally:
            db.close()
        return found

    def _put(self, rows: dict[str, np.ndarray]) -> None:
        db = open_cache(self.path, _SCHEMA, _PROBE, "embedding cache") if self.usable else None
        if db is None:
            return
        try:
            with db:
                db.executemany(
                    "INSERT OR REPLACE INTO embeddings VALUES (?, ?)",
                    [(k, v.astype(np.float32).tobytes()) for k, v in rows.items()],
                )
        except sqlite3.Error as exc:
            self._give_up(exc)
        finally:
            db.close()

    def _give_up(self, exc: Exception) -> None:
        warn(f"embedding cache {self.path} failed ({exc}); continuing without it")
        self.usable = False

    def __repr__(self) -> str:
        return f"CachedEmbedder({self.model_id!r}, {str(self.path)!r})"
