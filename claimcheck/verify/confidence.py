"""Calibrated confidence for contradictions: P(a fact-checker would sign it), not a raw score.

Why: the raw confidences mix scales (an interval verdict's slot similarity, NLI's probability, a
fixed structural score) and, on real news, did not rank: 68 of 69 contradictions at >= 0.8 were
false. A logistic regression over what every verdict carries (its method, raw score, slot
similarity, hedging, how many entities the two claims share) is fitted on the labelled dev
clusters of eval/newsclusters by eval/fit_findings_calibration.py and stored as a small JSON
beside this module (data/findings_calibration.json). `--min-confidence 0.8` then keeps
contradictions of which about 8 in 10 were real on dev.

Agreements keep their raw confidence: the benchmark labels contradictions only, so nothing
calibrates them. Without the JSON (or with a version it cannot read) confidences stay raw.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from claimcheck.align.events import same_entity
from claimcheck.core.types import Verdict

METHODS = ("quantity", "date", "nli", "structure")
FEATURES = (*(f"method_{m}" for m in METHODS), "raw", "similarity", "hedged", "shared_entities")
VERSION = 1


@dataclass(frozen=True)
class FindingCalibration:
    """Standardised logistic regression: P = sigmoid(intercept + coef . (x - mean) / scale)."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    fitted_on: str = ""  # what the fit saw (clusters, rows, positives), for the record

    def probability(self, verdict: Verdict) -> float:
        return self.probability_of(features(verdict))

    def probability_of(self, x: dict[str, float]) -> float:
        """P(real conflict) for features by name (what `features` returns)."""
        z = self.intercept + sum(
            c * (x[name] - m) / s
            for name, m, s, c in zip(self.features, self.mean, self.scale, self.coef, strict=True)
        )
        return 1.0 / (1.0 + math.exp(-z))

    def to_json(self) -> str:
        return json.dumps({"version": VERSION, **asdict(self)}, indent=1) + "\n"


def features(v: Verdict) -> dict[str, float]:
    """The features of one verdict, by name (FEATURES)."""
    a, b = v.pair.a, v.pair.b
    shared = sum(any(same_entity(e, f) for f in b.entities) for e in a.entities)
    out = {f"method_{m}": float(v.method == m) for m in METHODS}
    out |= {
        "raw": v.confidence,
        "similarity": v.pair.similarity,
        "hedged": float(a.hedged or b.hedged),
        "shared_entities": float(min(shared, 5)),
    }
    return out


def read_calibration(path: str | Path) -> FindingCalibration | None:
    """The stored calibration, or None when the file is missing or of another version."""
    path = Path(path)
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.pop("version", None) != VERSION or tuple(data.get("features", ())) != FEATURES:
        return None
    return FindingCalibration(
        tuple(data["features"]),
        tuple(data["mean"]),
        tuple(data["scale"]),
        tuple(data["coef"]),
        float(data["intercept"]),
        data.get("fitted_on", ""),
    )


def shipped_path() -> Path:
    return Path(str(files("claimcheck.verify").joinpath("data", "findings_calibration.json")))


@lru_cache(maxsize=1)
def shipped() -> FindingCalibration | None:
    """The calibration that ships with the package (None before the first fit)."""
    return read_calibration(shipped_path())


def calibrate(verdicts: Sequence[Verdict], calibration: FindingCalibration | None) -> list[Verdict]:
    """Contradictions with their calibrated confidence; everything else unchanged."""
    if calibration is None:
        return list(verdicts)
    return [
        replace(v, confidence=round(calibration.probability(v), 4)) if v.label == "contradiction" else v
        for v in verdicts
    ]
