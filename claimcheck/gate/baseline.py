"""Accepted findings: a baseline file lets a CI gate fail only on findings that are new.

The file lists finding ids (content fingerprints, see findings.py) with their verdict, and
the claims' document ids and texts so a reviewer can see in a diff what was accepted. It
is sorted and has no timestamp, so rewriting an unchanged baseline changes nothing in git.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from claimcheck._version import __version__
from claimcheck.core.errors import InputError
from claimcheck.infra.atomic import atomic_write_text

if TYPE_CHECKING:
    from claimcheck.core.result import Result

BASELINE_VERSION = 1


def baseline_text(result: Result) -> str:
    """The baseline JSON accepting every finding of `result`."""
    entries = [
        {
            "id": f.id,
            "verdict": f.verdict,
            "method": f.method,
            "claims": [{"doc_id": c.doc_id, "text": c.text} for c in map(result.claim, f.claim_ids)],
        }
        for f in sorted(result.findings, key=lambda f: f.id)
    ]
    doc = {"version": BASELINE_VERSION, "generated_by": f"claimcheck {__version__}", "findings": entries}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def write_baseline(path: Path, result: Result) -> None:
    atomic_write_text(path, baseline_text(result))


def read_baseline(path: Path) -> frozenset[str]:
    """The accepted finding ids; an InputError in one line when the file cannot be used."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"baseline file not found: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read baseline {path}: {getattr(exc, 'strerror', None) or exc}") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"baseline {path} is not valid JSON (line {exc.lineno}: {exc.msg})") from None
    except RecursionError:
        raise InputError(f"baseline {path} is nested too deeply to be a baseline") from None
    if not isinstance(doc, dict) or doc.get("version") != BASELINE_VERSION:
        raise InputError(f"baseline {path}: expected a JSON object with version {BASELINE_VERSION}")
    entries = doc.get("findings")
    if not isinstance(entries, list) or not all(
        isinstance(e, dict) and isinstance(e.get("id"), str) for e in entries
    ):
        raise InputError(f'baseline {path}: "findings" must be a list of objects with a string "id"')
    return frozenset(e["id"] for e in entries)


def apply_baseline(result: Result, accepted: frozenset[str], source: str) -> tuple[Result, str | None]:
    """`result` with accepted findings marked baselined, and a note naming accepted ids no longer found.

    Stale ids are worth a note: the discrepancy was fixed (refresh the baseline) or the
    finding's content changed, in which case it now shows up as new.
    """
    findings = [replace(f, baselined=f.baselined or f.id in accepted) for f in result.findings]
    stale = sorted(accepted - {f.id for f in result.findings})
    note = (
        f"baseline {source}: {len(stale)} accepted finding(s) no longer found "
        f"(stale; refresh it with --write-baseline): {', '.join(stale)}"
        if stale
        else None
    )
    notes = [*result.notes, note] if note else list(result.notes)
    return replace(result, findings=findings, notes=notes, baseline=source), note
