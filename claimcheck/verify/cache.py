"""A persistent NLI verdict cache, so re-checking a mostly unchanged corpus skips the model.

CachedNLI wraps any NLIModel and answers `predict` from SQLite where it can. A row is keyed
by sha256(model id, premise, hypothesis) and holds the probabilities of both directions, so
the reversed pair that `nli.bidirectional` asks for in the same call is a hit too. The cache
is an optimisation only: a corrupt or unwritable file is reported and replaced (or skipped),
never a reason for a run to fail.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from claimcheck.core.settings import DEFAULTS
from claimcheck.infra.sqlite_cache import CacheWarning, open_cache, warn
from claimcheck.verify.nli import LABELS, NLIModel

__all__ = ["CACHE_FILE", "CacheWarning", "CachedNLI", "VerdictCache", "cached"]

CACHE_FILE = "verdicts.sqlite"
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS verdicts (key TEXT PRIMARY KEY, model TEXT NOT NULL, probs TEXT NOT NULL)"
)
_PROBE = "SELECT key, model, probs FROM verdicts LIMIT 1"


def pair_key(model_id: str, premise: str, hypothesis: str) -> str:
    """Content key of an ordered pair under one model; \\x1f keeps ("ab", "c") apart from ("a", "bc")."""
    return hashlib.sha256("\x1f".join((model_id, premise, hypothesis)).encode()).hexdigest()


class VerdictCache:
    """SQLite rows of (premise→hypothesis, hypothesis→premise) probabilities per ordered pair.

    A connection is opened per lookup or store (a run makes one of each), so nothing is left
    open for the caller to close.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.usable = True

    def get(self, keys: Sequence[str]) -> dict[str, np.ndarray]:
        """Cached (2, len(LABELS)) arrays for the keys found; {} when the cache is unusable."""
        found: dict[str, np.ndarray] = {}
        with self._session() as db:
            if db is None:
                return found
            try:
                for start in range(0, len(keys), 500):  # stay under SQLite's bound-parameter limit
                    chunk = keys[start : start + 500]
                    query = f"SELECT key, probs FROM verdicts WHERE key IN ({','.join('?' * len(chunk))})"
                    for key, probs in db.execute(query, chunk):
                        found[key] = np.asarray(json.loads(probs), dtype=np.float64).reshape(2, len(LABELS))
            except (sqlite3.Error, ValueError) as exc:
                self._give_up(exc)
                return {}
        return found

    def put(self, model_id: str, rows: dict[str, np.ndarray]) -> None:
        with self._session() as db:
            if db is None or not rows:
                return
            try:
                with db:
                    db.executemany(
                        "INSERT OR REPLACE INTO verdicts VALUES (?, ?, ?)",
                        [(key, model_id, json.dumps(probs.tolist())) for key, probs in rows.items()],
                    )
            except sqlite3.Error as exc:
                self._give_up(exc)

    @contextmanager
    def _session(self) -> Iterator[sqlite3.Connection | None]:
        db = open_cache(self.path, _SCHEMA, _PROBE, "verdict cache") if self.usable else None
        self.usable = db is not None
        try:
            yield db
        finally:
            if db is not None:
                db.close()

    def _give_up(self, exc: Exception) -> None:
        warn(f"verdict cache {self.path} failed ({exc}); continuing without it")
        self.usable = False


class CachedNLI:
    """An NLIModel that asks the wrapped model only for pairs the cache has not seen."""

    def __init__(self, model: NLIModel, cache: VerdictCache) -> None:
        self.model = model
        self.cache = cache
        self.model_id = model.model_id

    def predict(
        self, pairs: Sequence[tuple[str, str]], batch_size: int = DEFAULTS.verify.nli_batch_size
    ) -> np.ndarray:
        fwd = [pair_key(self.model_id, p, h) for p, h in pairs]
        rev = [pair_key(self.model_id, h, p) for p, h in pairs]
        known = self.cache.get(list(dict.fromkeys(fwd + rev)))
        missing: dict[str, tuple[str, str]] = {}
        for (p, h), kf, kr in zip(pairs, fwd, rev, strict=True):
            if kf not in known and kr not in known and kr not in missing:
                missing.setdefault(kf, (p, h))
        if missing:
            todo = list(missing.values())
            probs = self.model.predict(todo + [(h, p) for p, h in todo], batch_size=batch_size)
            new = {key: np.stack([probs[i], probs[i + len(todo)]]) for i, key in enumerate(missing)}
            self.cache.put(self.model_id, new)
            known |= new
        out = np.zeros((len(pairs), len(LABELS)), dtype=np.float64)
        for i, (kf, kr) in enumerate(zip(fwd, rev, strict=True)):
            out[i] = known[kf][0] if kf in known else known[kr][1]
        return out

    def __repr__(self) -> str:
        return f"CachedNLI({self.model!r}, {str(self.cache.path)!r})"


def cached(model: NLIModel | None, cache_dir: Path | None) -> NLIModel | None:
    """`model` behind the verdict cache in `cache_dir`, or as it is when either is None."""
    if model is None or cache_dir is None:
        return model
    return CachedNLI(model, VerdictCache(cache_dir / CACHE_FILE))
