"""`eval nli`: read a labelled NLI file, pick its label scheme, score a model, write predictions.

Everything but `evaluate` is pure, so the metric code is tested without a model.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from claimcheck.core.errors import InputError
from claimcheck.evaluation.jsonl import read_json_lines, require_keys, text_column
from claimcheck.verify.nli import LABELS, NLIModel, normalize_label
from claimcheck.verify.quantity_nli import QuantityVerdict, apply_verdicts, verdict_counts
from claimcheck.verify.quantity_nli import check_pairs as quantity_verdicts

# The one number an NLI evaluation is judged by (MNLI dev matched accuracy is the headline).
PRIMARY_METRIC = "accuracy"
COLUMNS = ("premise", "hypothesis", "label")


@dataclass(frozen=True)
class Scheme:
    """A file's label set and how 3-way probabilities collapse onto it.

    `matrix[j][k]` is 1 when `LABELS[j]` counts towards `labels[k]`; the prediction is the argmax
    of the summed mass. A label mapped nowhere (neutral in FEVER-style files) is ignored, since
    such files never ask the model to choose it.
    """

    name: str
    labels: tuple[str, ...]
    matrix: tuple[tuple[float, ...], ...]

    def collapse(self, probs: np.ndarray) -> list[str]:
        scores = np.asarray(probs, dtype=np.float64).reshape(-1, len(LABELS)) @ np.array(self.matrix)
        return [self.labels[i] for i in scores.argmax(axis=1)]


THREE_WAY = Scheme("entailment/neutral/contradiction", LABELS, ((1, 0, 0), (0, 1, 0), (0, 0, 1)))
NOT_ENTAILMENT = Scheme(
    "entailment/not_entailment", ("entailment", "not_entailment"), ((1, 0), (0, 1), (0, 1))
)
ENTAIL_NEUTRAL = Scheme("entailment/neutral", ("entailment", "neutral"), ((1, 0), (0, 1), (0, 1)))
ENTAIL_CONTRA = Scheme("entailment/contradiction", ("entailment", "contradiction"), ((1, 0), (0, 0), (0, 1)))


def detect_scheme(labels: Iterable[str]) -> Scheme:
    """The scheme the labels present imply (DESIGN.md, `eval nli`).

    Two labels decide a 2-way scheme: entailment with not_entailment, with neutral (EQUATE
    style, neutral = not entailed) or with contradiction (FEVER style). neutral together with
    contradiction means 3-way. A lone label is ambiguous and scored 3-way, except
    not_entailment, which only exists in the 2-way scheme.
    """
    present = set(labels)
    if "not_entailment" in present:
        if present - {"entailment", "not_entailment"}:
            other = sorted(present - {"entailment", "not_entailment"})
            raise InputError(f"labels mix not_entailment with {', '.join(other)}")
        return NOT_ENTAILMENT
    if present == {"entailment", "neutral"}:
        return ENTAIL_NEUTRAL
    if present == {"entailment", "contradiction"}:
        return ENTAIL_CONTRA
    return THREE_WAY


@dataclass(frozen=True)
class NLIData:
    """The rows kept for scoring; `scheme` comes from the whole file, before any --limit."""

    path: str
    premises: list[str]
    hypotheses: list[str]
    labels: list[str]
    scheme: Scheme

    def pairs(self) -> list[tuple[str, str]]:
        return list(zip(self.premises, self.hypotheses, strict=True))


def read_nli_file(path: str | Path, limit: int | None = None) -> NLIData:
    """Read JSON lines (optionally .gz) of premise/hypothesis/label; errors become InputError.

    The scheme is detected on every row, so `--limit` on a file sorted by label cannot flip a
    FEVER-style file to a different scheme.
    """
    rows = read_json_lines(path)
    require_keys(rows, COLUMNS, path)
    labels = [_label(row.get("label"), i, path) for i, row in enumerate(rows)]
    scheme = detect_scheme(labels)
    rows = rows[: len(rows) if limit is None else limit]
    premises = text_column(rows, "premise", path)
    hypotheses = text_column(rows, "hypothesis", path)
    return NLIData(str(path), premises, hypotheses, labels[: len(rows)], scheme)


def _label(raw: object, row: int, path: Path) -> str:
    name = None if raw is None else normalize_label(raw)
    if name is None:
        raise InputError(f"{path}: row {row + 1}: unknown label {raw!r}")
    return name


def compute_metrics(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str]) -> dict:
    """Accuracy, macro-F1, per-label P/R/F1/support and the confusion matrix (rows gold).

    Macro-F1 averages over labels that occur in the gold data: a label the file never uses
    would only add a meaningless 0 and make files with different label mixes incomparable.
    """
    from sklearn.metrics import confusion_matrix, precision_recall_fscore_support

    labels = list(labels)
    gold_a, pred_a = np.asarray(gold, dtype=object), np.asarray(pred, dtype=object)
    prec, rec, f1, support = precision_recall_fscore_support(gold_a, pred_a, labels=labels, zero_division=0)
    present = support > 0
    return {
        "n": len(gold),
        "labels": labels,
        "accuracy": float(np.mean(gold_a == pred_a)) if len(gold) else 0.0,
        "macro_f1": float(f1[present].mean()) if present.any() else 0.0,
        "per_label": {
            lab: {
                "precision": float(prec[i]),
                "recall": float(rec[i]),
                "f1": float(f1[i]),
                "support": int(support[i]),
            }
            for i, lab in enumerate(labels)
        },
        "confusion": confusion_matrix(gold_a, pred_a, labels=labels).tolist(),
    }


def evaluate(model: NLIModel, data: NLIData, batch_size: int = 64) -> tuple[dict, np.ndarray]:
    """Score `model` on `data`; returns the report dict and the (n, 3) probabilities."""
    start = time.perf_counter()
    probs = model.predict(data.pairs(), batch_size=batch_size)
    seconds = time.perf_counter() - start
    report = {
        "model": model.model_id,
        "file": data.path,
        "scheme": data.scheme.name,
        "primary_metric": PRIMARY_METRIC,
        **compute_metrics(data.labels, data.scheme.collapse(probs), data.scheme.labels),
        "seconds": round(seconds, 3),
        "pairs_per_second": round(len(data.labels) / seconds, 1) if seconds > 0 else None,
    }
    return report, probs


def prediction_rows(probs: np.ndarray, scheme: Scheme) -> list[dict]:
    """One row per input: the 3-way argmax as `label` (the contract) plus what was scored."""
    scored = scheme.collapse(probs)
    return [
        {
            "label": LABELS[int(np.argmax(p))],
            "probs": {lab: round(float(v), 6) for lab, v in zip(LABELS, p, strict=True)},
            "scored_label": s,
        }
        for p, s in zip(probs, scored, strict=True)
    ]


def check_writable(path: str | Path) -> Path:
    """Fail before a long run, not after it, when the output folder is missing."""
    path = Path(path)
    if not path.parent.is_dir():
        raise InputError(f"folder does not exist: {path.parent}")
    if path.is_dir():
        raise InputError(f"is a folder, not a file: {path}")
    return path


def write_jsonl_atomic(path: str | Path, rows: Iterable[dict]) -> None:
    """Write JSON lines atomically, so a reader (or a crash) never sees a half-written file."""
    from claimcheck.infra.atomic import atomic_write_text

    text = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    atomic_write_text(check_writable(path), text)


def with_checker(
    report: dict, data, probs: np.ndarray
) -> tuple[dict, np.ndarray, list[QuantityVerdict | None]]:
    """Re-score an `nli_eval.evaluate` result with the quantity checker on top of the NLI probs.

    The returned report's top-level metrics are the checker's; the NLI-alone ones move under
    "nli_alone", so one run shows what the interval logic adds or costs. `data` is an NLIData.
    """
    start = time.perf_counter()
    verdicts = quantity_verdicts(data.pairs())
    adjusted = apply_verdicts(probs, verdicts)
    checker_seconds = time.perf_counter() - start
    keys = ("accuracy", "macro_f1", "per_label", "confusion", "seconds", "pairs_per_second")
    seconds = report["seconds"] + checker_seconds
    out = {k: v for k, v in report.items() if k not in keys}
    out |= {
        "method": "nli+quantity",
        **compute_metrics(data.labels, data.scheme.collapse(adjusted), data.scheme.labels),
        "seconds": round(seconds, 3),
        "pairs_per_second": round(len(data.labels) / seconds, 1) if seconds > 0 else None,
        "quantity_verdicts": verdict_counts(verdicts),
        "nli_alone": {k: report[k] for k in keys},
    }
    return out, adjusted, verdicts
