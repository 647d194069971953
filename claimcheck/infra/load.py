"""Reading a corpus from disk: files or folders of .txt/.md, strictly UTF-8.

Unreadable files and folders are skipped with a warning naming them, so one bad file does
not hide the rest; only when nothing at all can be read is that an error.

What is read under a folder PATH is decided by the part of each path *below* PATH, never by
the folders above it (`check ../other` or a corpus inside `.github/` loses nothing):

- names starting with "." below PATH are hidden and skipped;
- --include/--exclude are gitignore patterns (pathspec) matched against the path relative to
  PATH: `drafts` is a file or folder of that name at any depth, `deep/**` everything in deep/;
- a symlink whose target lies outside PATH is skipped with a warning unless `follow_symlinks`
  (a corpus link to /etc/passwd must not end up quoted in a report); symlinked folders are
  walked only with `follow_symlinks`, each real folder once, so a link loop ends;
- a report claimcheck itself wrote (infra.written) is skipped with a warning.

Document ids are the path below PATH without its suffix (the file name for a file PATH); two
files that would share one get as many trailing folders as tell them apart, so ids do not
depend on the order of the arguments. Document paths are shown as the argument joined with
that relative path (relative to the working directory when under it), never resolved to an
absolute machine path the user did not type.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from claimcheck.core.errors import InputError
from claimcheck.core.settings import DEFAULTS
from claimcheck.core.types import Document
from claimcheck.infra import written

SUFFIXES = (".txt", ".md")


class SkippedFileWarning(UserWarning):
    """A file or folder was left out of the corpus; the message names it and says why."""


@dataclass(frozen=True)
class Source:
    """One file to read: where it really is, how to show it, and its document id."""

    real: Path
    shown: str
    doc_id: str


def discover(
    paths: Sequence[str | Path],
    include: Iterable[str] = (),
    exclude: Iterable[str] = (),
    follow_symlinks: bool = False,
) -> list[Source]:
    """Every file to read, sorted by document id (see the module docstring for the rules)."""
    wanted = _patterns(include) if include else None
    unwanted = _patterns(exclude)
    found: dict[Path, tuple[str, str]] = {}  # real path -> (shown, id); one entry per real file
    for raw in paths:
        path = Path(raw)
        if path.is_symlink() and not path.exists():
            raise InputError(f"broken or looping symlink: {raw}")
        if not path.exists():
            raise InputError(f"no such file or folder: {raw}")
        if path.is_file():
            _keep(found, path.resolve(), _shown(path), path.stem)
            continue
        for f, rel in _walk(path, follow_symlinks):
            if f.suffix.lower() not in SUFFIXES or any(p.startswith(".") for p in rel.split("/")):
                continue
            if (wanted is not None and not wanted.match_file(rel)) or unwanted.match_file(rel):
                continue
            _keep(found, f.resolve(), _shown(path / rel), rel.rsplit(".", 1)[0])
    if not found:
        raise InputError(f"no .txt or .md files under: {', '.join(map(str, paths))}")
    return sorted(_unique_ids(found), key=lambda s: s.doc_id)


def _patterns(lines: Iterable[str]):
    import pathspec

    try:
        return pathspec.GitIgnoreSpec.from_lines(lines)
    except ValueError as exc:  # pathspec's GitIgnorePatternError
        raise InputError(f"bad --include/--exclude pattern: {exc}") from None


def _walk(root: Path, follow_symlinks: bool) -> Iterable[tuple[Path, str]]:
    """(file, path below root) for every file under root, warning about what cannot be entered."""
    top = root.resolve()
    seen: set[Path] = set()

    def unreadable(exc: OSError) -> None:
        _skip(Path(exc.filename or root), f"folder not readable: {exc.strerror or exc}")

    for folder, dirs, files in os.walk(root, onerror=unreadable, followlinks=follow_symlinks):
        here = Path(folder)
        real = here.resolve()
        if real in seen:  # a followed link back into a folder already walked
            dirs[:] = []
            continue
        seen.add(real)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))  # hidden below root: never read
        for name in dirs:
            if not follow_symlinks and (here / name).is_symlink():
                _skip(here / name, "symlinked folder not followed (use --follow-symlinks)")
        for name in sorted(files):
            f = here / name
            if not follow_symlinks and f.is_symlink() and not f.resolve().is_relative_to(top):
                if f.suffix.lower() in SUFFIXES:
                    _skip(f, "symlink to a file outside the corpus (use --follow-symlinks)")
                continue
            if not f.is_file():  # a FIFO or socket would block the run forever; a broken link
                if f.suffix.lower() in SUFFIXES:
                    _skip(f, "not a regular file")
                continue
            yield f, f.relative_to(root).as_posix()


def _shown(path: Path) -> str:
    """The path as the user would write it: relative to the working directory when under it."""
    norm = os.path.normpath(path)
    if os.path.isabs(norm):
        try:
            return Path(norm).relative_to(Path.cwd()).as_posix()
        except ValueError:
            return Path(norm).as_posix()
    return Path(norm).as_posix()


def _keep(found: dict[Path, tuple[str, str]], real: Path, shown: str, doc_id: str) -> None:
    """A file reached through two arguments keeps the shorter id, whatever the argument order."""
    old = found.get(real)
    if old is None or (len(doc_id), doc_id) < (len(old[1]), old[1]):
        found[real] = (shown, doc_id)


def _unique_ids(found: dict[Path, tuple[str, str]]) -> list[Source]:
    """Sources whose ids collide get as many trailing folders of their real path as tell them apart."""
    by_id: dict[str, list[Path]] = {}
    for real, (_, doc_id) in found.items():
        by_id.setdefault(doc_id, []).append(real)
    ids = {real: doc_id for real, (_, doc_id) in found.items()}
    for reals in by_id.values():
        if len(reals) < 2:
            continue
        stems = [r.with_suffix("").parts for r in reals]
        depth = next(
            k
            for k in range(1, max(map(len, stems)) + 1)
            if len({"/".join(s[-k:]) for s in stems}) == len(stems)
        )
        for real, stem in zip(reals, stems, strict=True):
            ids[real] = "/".join(stem[-depth:])
    taken: dict[str, int] = {}
    out = []
    for real in sorted(found):  # a lengthened id that meets another id: numbered in path order
        doc_id = ids[real]
        n = taken.get(doc_id, 0)
        taken[doc_id] = n + 1
        out.append(Source(real, found[real][0], doc_id if n == 0 else f"{doc_id}~{n}"))
    return out


def read_document(source: Source, max_bytes: int = DEFAULTS.load.max_bytes) -> Document | None:
    """The document, or None (with a SkippedFileWarning) when it cannot be used."""
    path = Path(source.shown)
    try:
        size = source.real.stat().st_size
        if size > max_bytes:
            return _skip(path, f"larger than {max_bytes:,} bytes ({size:,})")
        data = source.real.read_bytes()
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
    if written.is_ours(data):
        return _skip(path, "a report claimcheck wrote, not a source")
    return Document(id=source.doc_id, path=source.shown, text=text)


def load_corpus(
    paths: Sequence[str | Path],
    include: Iterable[str] = (),
    exclude: Iterable[str] = (),
    max_bytes: int = DEFAULTS.load.max_bytes,
    follow_symlinks: bool = False,
) -> list[Document]:
    docs = [
        d for s in discover(paths, include, exclude, follow_symlinks) if (d := read_document(s, max_bytes))
    ]
    if not docs:
        raise InputError(
            "no readable documents (every file was empty, binary, too large, not UTF-8 or a report)"
        )
    return docs


def _skip(path: Path, why: str) -> None:
    warnings.warn(f"skipped {path}: {why}", SkippedFileWarning, stacklevel=3)
    return None
