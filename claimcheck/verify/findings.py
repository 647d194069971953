"""Verdicts to findings, with ids that are fingerprints of their content.

A finding id hashes the verdict, the method and, for each claim, its document and text:
never offsets or list positions, so adding a document elsewhere or editing another
paragraph leaves the ids (and a baseline built on them) intact.

One conflicting fact is one finding: figures and dates are deduplicated by sentence pair and
frame, so a sentence that restates a figure ("9.8 pct, or 2.18 mln shares") or carries it twice
yields one finding per fact, the contradiction (else the most confident verdict) kept.
NLI and structural findings are one per sentence pair: a sentence split into several claims
(one per conjunct) and read by both checks is one conflicting fact, reported once, by the
structural check where it spoke (its explanation names what conflicts), else the surest NLI one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from claimcheck.core.types import Claim, Finding, Verdict

REPORTED = ("contradiction", "agreement")
SENTENCE_METHODS = ("structure", "nli")  # methods deduplicated by sentence pair, in order of preference


def fingerprint(verdict: str, method: str, claims: Sequence[Claim]) -> str:
    parts = sorted(f"{c.doc_id}\x1f{c.text}\x1f{_detail(c)}" for c in claims)
    digest = hashlib.sha256("\x1e".join([verdict, method, *parts]).encode()).hexdigest()
    return f"{verdict[0].upper()}-{digest[:12]}"


def to_findings(verdicts: Sequence[Verdict]) -> list[Finding]:
    found: dict[str, Finding] = {}
    sentences: dict[str, tuple | None] = {}
    for v in _one_per_fact(verdicts):
        claims = sorted((v.pair.a, v.pair.b), key=lambda c: c.id)
        fid = fingerprint(v.label, v.method, claims)
        f = Finding(fid, v.label, tuple(c.id for c in claims), v.confidence, v.method, v.explanation)
        if fid not in found or found[fid].confidence < f.confidence:
            found[fid] = f
            sentences[fid] = _sentence_pair(v.label, claims) if v.method in SENTENCE_METHODS else None
    best: dict[tuple, Finding] = {}
    for fid, f in found.items():
        key = sentences[fid]
        if key is None:
            continue
        if key not in best or _rank(f) < _rank(best[key]):
            best[key] = f
    kept = {f.id for f in best.values()}
    findings = [f for fid, f in found.items() if sentences[fid] is None or fid in kept]
    return sorted(findings, key=lambda f: (f.verdict != "contradiction", -f.confidence, f.id))


def _sentence_pair(label: str, claims: Sequence[Claim]) -> tuple:
    return (label, *sorted((c.doc_id, c.start, c.end) for c in claims))


def _rank(f: Finding) -> tuple:
    return (SENTENCE_METHODS.index(f.method), -f.confidence, f.id)


def _one_per_fact(verdicts: Sequence[Verdict]) -> list[Verdict]:
    """Reported verdicts, one per (sentence pair, method, frame) for figures and dates; NLI and
    structure verdicts are one per claim pair here (to_findings then keeps one per sentence pair)."""
    best: dict[tuple, Verdict] = {}
    for v in verdicts:
        if v.label not in REPORTED:
            continue
        if v.method in SENTENCE_METHODS:
            key: tuple = (v.method, v.pair.a.id, v.pair.b.id)
        else:
            ends = sorted((c.doc_id, c.sentence) for c in (v.pair.a, v.pair.b))
            frame = v.pair.a.frame
            key = (v.method, *ends, frame.measure if frame else None, frame.aspect if frame else None)
        if key not in best or _fact_rank(v) > _fact_rank(best[key]):
            best[key] = v
    return list(best.values())


def _fact_rank(v: Verdict) -> tuple:
    """Contradictions first, then confidence; claim ids break ties so the choice is deterministic."""
    return (v.label == "contradiction", v.confidence, v.pair.a.id, v.pair.b.id)


def _detail(c: Claim) -> str:
    if c.quantity is not None:
        return c.quantity.text
    return c.date_text or ""
