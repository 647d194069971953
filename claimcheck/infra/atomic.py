"""Atomic file writes: a crash mid-write never leaves a half-written report or baseline.

The text goes to a hidden temporary file beside the target (`.NAME.XXXX.tmp`), is fsynced and
renamed over the target. An exception or Ctrl-C removes the temporary file; a SIGKILL cannot,
so each write also removes temporaries of the same target older than `stale_seconds`: no write
takes that long, so they belong to a run that was killed, never to one still writing.
"""

from __future__ import annotations

import glob
import os
import tempfile
import time
from pathlib import Path

from claimcheck.core.settings import DEFAULTS


def atomic_write_text(
    path: str | Path, text: str, stale_seconds: float = DEFAULTS.report.stale_temp_seconds
) -> None:
    """Write to a temporary file beside the target, fsync, then rename over it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale(path, stale_seconds)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a report should read like any file
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _remove_stale(path: Path, stale_seconds: float) -> None:
    cutoff = time.time() - stale_seconds
    for old in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        try:
            if old.is_file() and old.stat().st_mtime < cutoff:
                old.unlink()
        except OSError:
            pass  # another run removed it first, or it is not ours to remove


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
