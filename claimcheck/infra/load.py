"""Reading a corpus from disk: files or folders of .txt/.md, strictly UTF-8.

Unreadable files are skipped with a warning naming them, so one bad file does not hide
the rest; only when nothing at all can be read is that an error.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path

from claimcheck.core.errors import InputError
from claimcheck.core.settings import DEFAULTS
from claimcheck.core.types import Document

SUFFIXES = (".txt", ".md")


class SkippedFileWarning(UserWarning):
    """A file was left out of the corpus; the message names it and says why."""


def discover(
    paths: Sequence[str | Path], include: Iterable[str] = (), exclude: Iterable[str] = ()
) -> list[tuple[Path, str]]:
    """Every file to read with its document id (its path relative to the argument it came from)."""
    include, exclude = tuple(include), tuple(exclude)
    found: dict[Path, str] = {}
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise InputError(f"no such file or folder: {raw}")
        if path.is_file():
            found.setdefault(path.resolve(), path.stem)
            continue
        for f in sorted(path.rglob("*")):
            rel = f.relative_to(path).as_posix()
            if not f.is_file() or f.suffix.lower() not in SUFFIXES or any(p.startswith(".") for p in f.parts):
                continue
            if include and not any(f.match(g) or Path(rel).match(g) for g in include):
                continue
            if any(f.match(g) or Path(rel).match(g) for g in exclude):
                continue
            found.setdefault(f.resolve(), rel.rsplit(".", 1)[0])
    if not found:
        raise InputError(f"no .txt or .md files under: {', '.join(map(str, paths))}")
    return sorted(((p, i) for p, i in found.items()), key=lambda t: t[1])


def read_document(path: Path, doc_id: str, max_bytes: int = DEFAULTS.load.max_bytes) -> Document | None:
    """The document, or None (with a SkippedFileWarning) when it cannot be used."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return _skip(path, f"larger than {max_bytes:,} bytes ({size:,})")
        data = path.read_bytes()
    except OSError as exc:
        return _skip(path, exc.strerror or str(exc))
    if b"\x00" in data:
        return _skip(path, "binary file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _skip(path, f"not UTF-8 (byte {exc.start})")
    if not text.strip():
        return _skip(path, "empty file")
    return Document(id=doc_id, path=str(path), text=text)


def load_corpus(
    paths: Sequence[str | Path],
    include: Iterable[str] = (),
    exclude: Iterable[str] = (),
    max_bytes: int = DEFAULTS.load.max_bytes,
) -> list[Document]:
    docs = [d for p, i in discover(paths, include, exclude) if (d := read_document(p, i, max_bytes))]
    if not docs:
        raise InputError("no readable documents (every file was empty, binary, too large or not UTF-8)")
    return _unique_ids(docs)


def _unique_ids(docs: list[Document]) -> list[Document]:
    seen: dict[str, int] = {}
    out = []
    for d in docs:
        n = seen.get(d.id, 0)
        seen[d.id] = n + 1
        out.append(d if n == 0 else Document(f"{d.id}~{n}", d.path, d.text, d.meta))
    return out


def _skip(path: Path, why: str) -> None:
    warnings.warn(f"skipped {path}: {why}", SkippedFileWarning, stacklevel=3)
    return None
