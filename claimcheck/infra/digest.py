"""The sha256 of a whole (large) file, computed once per version of it.

The NLI verdict cache is keyed by the model's content, so the fingerprint must change with
any weight, including the middle tensors a partial fine-tune touches. Hashing a 1 GB model on
every run would cost seconds, so the digest is remembered under the cache folder, keyed by the
file's real path, size and modification time: a rewritten file has a new mtime and is hashed
again. A cache folder that cannot be written only means hashing again next time.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from claimcheck.infra.cachedir import default_cache_dir

_HEX = re.compile(r"[0-9a-f]{64}")


def file_sha256(path: Path) -> str:
    from claimcheck.infra.atomic import atomic_write_text

    st = path.stat()
    version = f"{path.resolve()}\0{st.st_size}\0{st.st_mtime_ns}".encode()
    memo = default_cache_dir() / "digests" / hashlib.sha256(version).hexdigest()
    try:
        known = memo.read_text(encoding="ascii").strip()
        if _HEX.fullmatch(known):
            return known
    except (OSError, UnicodeDecodeError):
        pass
    with path.open("rb") as fh:
        digest = hashlib.file_digest(fh, "sha256").hexdigest()
    try:
        atomic_write_text(memo, digest + "\n")
    except OSError:
        pass
    return digest
