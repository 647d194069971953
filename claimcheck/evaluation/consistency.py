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

from claimcheck.consistency.scorer import ClaimScore, ConsistencyScorer
from claimcheck.core.errors import InputError
from claimcheck.evaluation.jsonl import read_json_lines, require_keys, text_column
from claimcheck.verify.nli import normalize_label

# Balanced accuracy: the dev files are skewed, and the field (SummaC, MiniCheck) reports it.
PRIMARY_METRIC = "balanced_accuracy"
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


def read_consistency_file(path: str | Path, limit: int | None = None) -> ConsistencyData:
    """JSON lines of document/claim/label (or premise/hypothesis/label); errors are InputError.

    Every row's label is checked, not only the first `limit`, so a bad file fails the same way
    whatever the limit.
    """
    rows = read_json_lines(path)
    present = set().union(*rows)
    shape = next((s for s in SHAPES if all(c in present for c in s)), None)
    if shape is None:
        raise InputError(f"{path}: needs keys document, claim, label (or premise, hypothesis, label)")
    require_keys(rows, ("label",), path)
    labels = [_label(row.get("label"), i, path) for i, row in enumerate(rows)]
    rows = rows[: len(rows) if limit is None else limit]
    ids = [str(row.get("id", i + 1)) for i, row in enumerate(rows)]
    documents, claims = (text_column(rows, key, path) for key in shape)
    return ConsistencyData(str(path), documents, claims, labels[: len(rows)], ids)


def _label(raw: object, row: int, path: Path) -> str:
    name = raw.strip().lower() if isinstance(raw, str) else ""
    name = name if name in LABELS else _FROM_NLI.get(normalize_label(name) or "")
    if name is None:
        raise InputError(f"{path}: row {row + 1}: unknown label {raw!r} (want consistent/inconsistent)")
    return name


def balanced_accuracy(y: np.ndarray, predicted: np.ndarray) -> float:
    """Mean of the recall of each class present (one class present: its recall)."""
    y, predicted = np.asarray(y, dtype=bool), np.asarray(predicted, dtype=bool)
    recalls = [float(np.mean(predicted[y == cls] == cls)) for cls in (True, False) if (y == cls).any()]
    return float(np.mean(recalls)) if recalls else float("nan")


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
        "primary_metric": PRIMARY_METRIC,
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
