"""The whole flow, load -> extract -> align -> check -> findings, as one call.

Result is what every output is rendered from: the CLI formats and the notebook API read
the same object, so the JSON a CI job parses and the DataFrames an analyst studies agree.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from claimcheck.align import AlignConfig, align
from claimcheck.check import CheckConfig, check_pairs
from claimcheck.extract import extract_claims
from claimcheck.findings import to_findings
from claimcheck.load import load_corpus
from claimcheck.nli import NLIModel
from claimcheck.types import Claim, Document, Finding, Pair, Verdict


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

    def claim(self, claim_id: str) -> Claim:
        return self._by_id()[claim_id]

    def _by_id(self) -> dict[str, Claim]:
        if not hasattr(self, "_index"):
            self._index = {c.id: c for c in self.claims}
        return self._index

    def to_dict(self) -> dict:
        """The JSON report of DESIGN.md (documents, claims, findings) plus notes and model."""
        return {
            "documents": [{"id": d.id, "path": d.path} for d in self.documents],
            "claims": [claim_dict(c) for c in self.claims],
            "findings": [finding_dict(f) for f in self.findings],
            "model": self.model,
            "notes": list(self.notes),
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
    }


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


def check_documents(
    docs: Sequence[Document],
    nli: NLIModel | None,
    align_config: AlignConfig | None = None,
    check_config: CheckConfig | None = None,
) -> Result:
    align_config = align_config or AlignConfig()
    timings = {}
    t = time.perf_counter()
    claims = extract_claims(docs)
    timings["extract"] = time.perf_counter() - t
    t = time.perf_counter()
    pairs = align(claims, align_config)
    timings["align"] = time.perf_counter() - t
    t = time.perf_counter()
    verdicts = check_pairs(pairs, nli, check_config, align_floor=align_config.quantity_min_similarity)
    timings["check"] = time.perf_counter() - t
    notes = []
    if nli is None:
        notes.append("No NLI model available: only quantity and date claims were checked.")
    return Result(
        list(docs),
        claims,
        pairs,
        verdicts,
        to_findings(verdicts),
        notes,
        timings,
        getattr(nli, "model_id", None),
    )


def check_paths(paths: Sequence[str | Path], nli: NLIModel | None, **kwargs) -> Result:
    return check_documents(load_corpus(paths), nli, **kwargs)
