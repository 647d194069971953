"""Opening a SQLite cache file that may be missing, corrupt, locked or unwritable.

A cache is an optimisation only: a corrupt file is warned about and recreated, a place that
cannot be used is warned about and skipped, and neither is ever a reason for a run to fail.
The NLI verdict cache (verify/cache.py) and the embedding cache (align/embed_cache.py) share
this, each with its own table in its own file.
"""

from __future__ import annotations

import sqlite3
import warnings
from pathlib import Path


class CacheWarning(UserWarning):
    """A cache could not be used as is; the run goes on."""


def open_cache(path: Path, schema: str, probe: str, what: str) -> sqlite3.Connection | None:
    """A ready connection (`schema` created, `probe` readable); None, with a warning, when unusable.

    `what` names the cache in warnings ("verdict cache").
    """
    try:
        return _connect(path, schema, probe)
    except (sqlite3.Error, OSError) as exc:
        if not (_is_corrupt(exc) and path.is_file()):
            warn(f"{what} {path} cannot be used ({exc}); continuing without it")
            return None
        warn(f"{what} {path} is unreadable ({exc}); recreating it")
    try:
        for suffix in ("", "-journal", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return _connect(path, schema, probe)
    except (sqlite3.Error, OSError) as exc:
        warn(f"{what} {path} cannot be recreated ({exc}); continuing without it")
        return None


def _connect(path: Path, schema: str, probe: str) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, timeout=10)
    try:
        db.execute(schema)
        db.execute(probe).fetchall()
    except sqlite3.Error:
        db.close()
        raise
    return db


def _is_corrupt(exc: Exception) -> bool:
    """Damage worth deleting the file for, as opposed to a lock or a folder we cannot write."""
    message = str(exc).lower()
    return isinstance(exc, sqlite3.DatabaseError) and not any(
        why in message for why in ("locked", "unable to open", "readonly", "read-only")
    )


def warn(message: str) -> None:
    warnings.warn(message, CacheWarning, stacklevel=4)
