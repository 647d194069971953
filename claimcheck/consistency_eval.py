"""`eval consistency`: read labelled document/claim rows, score them, measure the scores.

Reading and metrics are pure, so they are tested without a model. Pair-shaped NLI files
(premise/hypothesis, as Falke, SICK and Climate-FEVER ship) are read too, the premise as the
document and the hypothesis as the claim: a claim is consistent exactly when the document
entails it, so entailment -> consistent and neutral / contradiction -> inconsistent.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from claimcheck.calibration import balanced_accuracy
from claimcheck.consistency import ClaimScore, ConsistencyScorer
from claimcheck.errors import InputError
from claimcheck.nli import normalize_label
from claimcheck.nli_eval import _texts, load_json_lines

LABELS = ("consistent", "inconsistent")
SHAPES = (("document", "claim"), ("premise", "hypothesis"))
_FROM_NLI = {
    "entailment": "consistent",
    "neutral": "inconsistent",
    "contradiction": "inconsistent",
    "not_entailment": "inconsistent",
}


@dataclass(frozen=True)
class ConsistencyData:
    path: str
    documents: list[str]
    claims: list[str]
    labels: list[str]
    ids: list[str]

    def rows(self) -> list[tuple[str, str]]:
        return list(zip(self.documents, self.claims, strict=True))


def read_consistency_file(
    path: str | Path, limit: int | None = None, cache_dir: str | None = None
) -> ConsistencyData:
    """JSON lines of document/claim/label (or premise/hypothesis/label); errors are InputError.

    Every row's label is checked, not only the first `limit`, so a bad file fails the same way
    whatever the limit.
    """
    path = Path(path)
    ds = load_json_lines(path, cache_dir)
    try:
        return _rows(ds, path, limit)
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text ({exc.reason})") from exc


def _rows(ds, path: Path, limit: int | None) -> ConsistencyData:
    shape = next((s for s in SHAPES if all(c in ds.column_names for c in s)), None)
    if shape is None:
        raise InputError(f"{path}: needs keys document, claim, label (or premise, hypothesis, label)")
    if "label" not in ds.column_names:
        raise InputError(f"{path}: missing key(s) label")
    if len(ds) == 0:
        raise InputError(f"{path}: no rows")
    labels = [_label(raw, i, path) for i, raw in enumerate(ds["label"])]
    n = len(ds) if limit is None else min(limit, len(ds))
    ds = ds.select(range(n))
    ids = [str(i) for i in ds["id"]] if "id" in ds.column_names else [str(i + 1) for i in range(n)]
    return ConsistencyData(
        str(path), _texts(ds[shape[0]], shape[0], path), _texts(ds[shape[1]], shape[1], path), labels[:n], ids
    )


def _label(raw: object, row: int, path: Path) -> str:
    name = raw.strip().lower() if isinstance(raw, str) else ""
    name = name if name in LABELS else _FROM_NLI.get(normalize_label(name) or "")
    if name is None:
        raise InputError(f"{path}: row {row + 1}: unknown label {raw!r} (want consistent/inconsistent)")
    return name


def compute_metrics(gold: Sequence[str], scores: Sequence[float], threshold: float) -> dict:
    """Balanced accuracy at `threshold`, ROC-AUC of the scores (None with one class), confusion."""
    from sklearn.metrics import roc_auc_score

    y = np.asarray([g == "consistent" for g in gold])
    s = np.asarray(scores, dtype=np.float64)
    pred = s >= threshold
    both = bool(y.any() and (~y).any())
    confusion = [[int(np.sum((y == g) & (pred == p))) for p in (True, False)] for g in (True, False)]
    return {
        "n": len(y),
        "balanced_accuracy": balanced_accuracy(y, pred) if len(y) else None,
        "roc_auc": float(roc_auc_score(y, s)) if both else None,
        "threshold": threshold,
        "labels": {"consistent": int(y.sum()), "inconsistent": int((~y).sum())},
        "recall": {
            "consistent": float(pred[y].mean()) if y.any() else None,
            "inconsistent": float((~pred[~y]).mean()) if (~y).any() else None,
        },
        "confusion": confusion,  # rows gold consistent/inconsistent, columns predicted the same
    }


def evaluate(
    scorer: ConsistencyScorer, data: ConsistencyData, threshold_origin: str
) -> tuple[dict, list[ClaimScore]]:
    start = time.perf_counter()
    scores = scorer.score_rows(data.rows())
    seconds = time.perf_counter() - start
    methods: dict[str, int] = {}
    for s in scores:
        method = s.evidence[0].method if s.evidence else "none"
        methods[method] = methods.get(method, 0) + 1
    report = {
        "model": scorer.nli.model_id,
        "file": data.path,
        **compute_metrics(data.labels, [s.score for s in scores], scorer.threshold),
        "threshold_origin": threshold_origin,
        "deciding_method": methods,
        "seconds": round(seconds, 3),
        "rows_per_second": round(len(scores) / seconds, 2) if seconds > 0 else None,
    }
    return report, scores


def prediction_rows(scores: Sequence[ClaimScore], ids: Sequence[str]) -> list[dict]:
    """The contract's label and score, plus the evidence that decided each row (weakest first)."""
    return [
        {
            "id": i,
            "label": s.label,
            "score": s.score,
            "kind": s.kind,
            "evidence": [
                {
                    "claim": e.claim,
                    "start": e.start,
                    "end": e.end,
                    "method": e.method,
                    "entailment": round(e.entailment, 6),
                    "contradiction": round(e.contradiction, 6),
                    "explanation": e.explanation,
                }
                for e in s.evidence
            ],
        }
        for s, i in zip(scores, ids, strict=True)
    ]
