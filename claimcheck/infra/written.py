"""Fingerprints of the reports claimcheck wrote, so a report saved inside the corpus is not read
back as a source on the next run (a Markdown report quotes every conflicting sentence, and
would then "agree" with all of them).

A fingerprint is the sha256 of the report's bytes, kept as an empty file named after it under
the cache folder: recording is a create, so concurrent runs never rewrite a shared index, and
a report a person has since edited has another hash and is read again like any document.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from claimcheck.infra.cachedir import default_cache_dir


def _marker(data: bytes) -> Path:
    return default_cache_dir() / "written" / hashlib.sha256(data).hexdigest()


def remember(data: bytes) -> None:
    """Record that claimcheck wrote `data`; a cache folder we cannot write only loses the record."""
    marker = _marker(data)
    try:
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.touch()
    except OSError:
        pass


def is_ours(data: bytes) -> bool:
    """Whether these bytes are a report claimcheck wrote (and recorded)."""
    return _marker(data).exists()
