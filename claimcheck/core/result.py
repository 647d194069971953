"""Result: what every output is rendered from.

The CLI formats, the notebook API and the baseline all read the same object, so the JSON a CI
job parses and the DataFrames an analyst studies agree. It lives at the bottom so renderers and
the gate can read it without importing the pipeline that builds it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from claimcheck.core.types import Claim, Document, Finding, Frame, Pair, Verdict


@dataclass
class Result:
    documents: list[Document]
    claims: list[Claim]
    pairs: list[Pair]
    verdicts: list[Verdict]
    findings: list[Finding]
    notes: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    model: str | None = None
    settings: dict = field(default_factory=dict)  # Settings.overrides(): what differs from the defaults
    baseline: str | None = None  # the baseline file applied, if any: only then is a finding "new"

    def claim(self, claim_id: str) -> Claim:
        return self._by_id()[claim_id]

    def _by_id(self) -> dict[str, Claim]:
        if not hasattr(self, "_index"):
            self._index = {c.id: c for c in self.claims}
        return self._index

    def to_dict(self) -> dict:
        """The JSON report of DESIGN.md (documents, claims, findings) plus notes, model and the
        settings that differ from the defaults."""
        return {
            "documents": [{"id": d.id, "path": d.path} for d in self.documents],
            "claims": [claim_dict(c) for c in self.claims],
            "findings": [finding_dict(f) for f in self.findings],
            "model": self.model,
            "notes": list(self.notes),
            "settings": dict(self.settings),
        }


def claim_dict(c: Claim) -> dict:
    q = None
    if c.quantity is not None:
        iv = c.quantity.interval
        q = {
            "value": c.quantity.value,
            "low": iv.low,
            "high": iv.high,
            "low_inclusive": iv.low_inclusive,
            "high_inclusive": iv.high_inclusive,
            "unit": c.quantity.unit,
            "qualifier": c.quantity.qualifier,
            "text": c.quantity.text,
        }
    return {
        "id": c.id,
        "doc_id": c.doc_id,
        "text": c.text,
        "start": c.start,
        "end": c.end,
        "kind": c.kind,
        "quantity": q,
        "date": None if c.date is None else {"text": c.date_text, **asdict(c.date)},
        "entities": list(c.entities),
        "hedged": c.hedged,
        "attribution": c.attribution,
        "frame": None if c.frame is None else frame_dict(c.frame),
    }


def frame_dict(f: Frame) -> dict:
    return {"holder": f.holder, "measure": f.measure, "period": f.period, "aspect": f.aspect}


def finding_dict(f: Finding) -> dict:
    return {
        "id": f.id,
        "verdict": f.verdict,
        "claim_ids": list(f.claim_ids),
        "confidence": f.confidence,
        "method": f.method,
        "explanation": f.explanation,
        "baselined": f.baselined,
    }
