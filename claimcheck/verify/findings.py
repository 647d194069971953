"""Verdicts to findings, with ids that are fingerprints of their content.

A finding id hashes the verdict, the method and, for each claim, its document and text:
never offsets or list positions, so adding a document elsewhere or editing another
paragraph leaves the ids (and a baseline built on them) intact.

One conflicting fact is one finding: figures and dates are deduplicated by sentence pair and
frame, so a sentence that restates a figure ("9.8 pct, or 2.18 mln shares") or carries it twice
yields one finding per fact, the contradiction (else the most confident verdict) kept.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from claimcheck.core.types import Claim, Finding, Verdict

REPORTED = ("contradiction", "agreement")


def fingerprint(verdict: str, method: str, claims: Sequence[Claim]) -> str:
    parts = sorted(f"{c.doc_id}\x1f{c.text}\x1f{_detail(c)}" for c in claims)
    digest = hashlib.sha256("\x1e".join([verdict, method, *parts]).encode()).hexdigest()
    return f"{verdict[0].upper()}-{digest[:12]}"


def to_findings(verdicts: Sequence[Verdict]) -> list[Finding]:
    found: dict[str, Finding] = {}
    for v in _one_per_fact(verdicts):
        claims = sorted((v.pair.a, v.pair.b), key=lambda c: c.id)
        fid = fingerprint(v.label, v.method, claims)
        f = Finding(fid, v.label, tuple(c.id for c in claims), v.confidence, v.method, v.explanation)
        if fid not in found or found[fid].confidence < f.confidence:
            found[fid] = f
    return sorted(found.values(), key=lambda f: (f.verdict != "contradiction", -f.confidence, f.id))


def _one_per_fact(verdicts: Sequence[Verdict]) -> list[Verdict]:
    """Reported verdicts, one per (sentence pair, method, frame) for figures and dates; NLI
    verdicts are one per claim pair already."""
    best: dict[tuple, Verdict] = {}
    for v in verdicts:
        if v.label not in REPORTED:
            continue
        if v.method == "nli":
            key: tuple = ("nli", v.pair.a.id, v.pair.b.id)
        else:
            ends = sorted((c.doc_id, c.sentence) for c in (v.pair.a, v.pair.b))
            frame = v.pair.a.frame
            key = (v.method, *ends, frame.measure if frame else None, frame.aspect if frame else None)
        if key not in best or _rank(v) > _rank(best[key]):
            best[key] = v
    return list(best.values())


def _rank(v: Verdict) -> tuple:
    """Contradictions first, then confidence; claim ids break ties so the choice is deterministic."""
    return (v.label == "contradiction", v.confidence, v.pair.a.id, v.pair.b.id)


def _detail(c: Claim) -> str:
    if c.quantity is not None:
        return c.quantity.text
    return c.date_text or ""
