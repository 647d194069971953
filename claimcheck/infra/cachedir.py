"""The per-user cache folder: NLI verdicts (verify.cache) and the fingerprints of the reports
claimcheck wrote (infra.written) live under it."""

from __future__ import annotations

import os
from pathlib import Path


def default_cache_dir() -> Path:
    """$CLAIMCHECK_CACHE_DIR, else $XDG_CACHE_HOME/claimcheck, else ~/.cache/claimcheck."""
    env = os.environ.get("CLAIMCHECK_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "claimcheck"
