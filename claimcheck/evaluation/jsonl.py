"""Reading the labelled JSON-lines files of `claimcheck eval`, with one-line errors.

Shared by every `eval` reader, so they all name the first bad line or row the same way. The
standard library does it: the files are a few MB, and a dataframe library would add seconds of
import and its own multi-line error messages.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Sequence
from pathlib import Path

from claimcheck.core.errors import InputError


def read_json_lines(path: str | Path) -> list[dict]:
    """Every non-blank line of `path` (optionally .gz) as a JSON object; any failure is InputError."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"no such file: {path}")
    opener = gzip.open if path.suffix == ".gz" else open
    rows = []
    try:
        with opener(path, "rt", encoding="utf-8") as fh:
            for number, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except (ValueError, RecursionError):
                    raise InputError(f"{path}: line {number} is not valid JSON") from None
                if not isinstance(row, dict):
                    raise InputError(f"{path}: line {number} is not a JSON object")
                rows.append(row)
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text ({exc.reason})") from None
    except (OSError, EOFError) as exc:
        raise InputError(f"{path}: cannot read ({type(exc).__name__}: {exc})") from None
    if not rows:
        raise InputError(f"{path}: no rows")
    return rows


def require_keys(rows: Sequence[dict], keys: Sequence[str], path: str | Path) -> None:
    """InputError naming the missing keys when the file's rows never carry some of `keys`."""
    present = set().union(*rows) if rows else set()
    missing = [k for k in keys if k not in present]
    if missing:
        raise InputError(f"{path}: missing key(s) {', '.join(missing)}")


def text_column(rows: Sequence[dict], key: str, path: str | Path) -> list[str]:
    """The `key` string of every row; a row without one is an InputError naming it."""
    out = []
    for i, row in enumerate(rows):
        value = row.get(key)
        if not isinstance(value, str):
            raise InputError(f"{path}: row {i + 1}: {key} must be a string, got {value!r:.40}")
        out.append(value)
    return out
