"""`eval nli`: read a labelled NLI file, pick its label scheme, score a model, write predictions.

Everything but `evaluate` is pure, so the metric code is tested without a model.
"""

from __future__ import annotations

import gzip
import json
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from claimcheck.errors import InputError
from claimcheck.nli import LABELS, NLIModel, normalize_label

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


def read_nli_file(path: str | Path, limit: int | None = None, cache_dir: str | None = None) -> NLIData:
    """Read JSON lines (optionally .gz) of premise/hypothesis/label; errors become InputError.

    The scheme is detected on every row, so `--limit` on a file sorted by label cannot flip a
    FEVER-style file to a different scheme.
    """
    path = Path(path)
    ds = load_json_lines(path, cache_dir)
    try:
        return _rows(ds, path, limit)
    except UnicodeDecodeError as exc:  # Arrow only decodes strings when they are read out
        raise InputError(f"{path}: not UTF-8 text ({exc.reason})") from exc


def load_json_lines(path: Path, cache_dir: str | None = None):
    """A JSON-lines file (optionally .gz) as a `datasets.Dataset`; any failure is one InputError.

    Shared by every `eval` reader, so they all name the first bad line the same way. Strings
    are decoded lazily: callers turn UnicodeDecodeError on reading a column into InputError.
    """
    import datasets

    if not path.is_file():
        raise InputError(f"no such file: {path}")
    # datasets logs its own multi-line error and draws progress bars; our one-line error replaces both
    quiet, verbosity = datasets.are_progress_bars_disabled(), datasets.logging.get_verbosity()
    datasets.disable_progress_bars()
    datasets.logging.set_verbosity(datasets.logging.CRITICAL)
    try:
        return datasets.load_dataset("json", data_files=str(path), split="train", cache_dir=cache_dir)
    except Exception as exc:  # datasets wraps parse errors in several exception types
        raise InputError(_bad_json_message(path, exc)) from exc
    finally:
        datasets.logging.set_verbosity(verbosity)
        if not quiet:
            datasets.enable_progress_bars()


def _rows(ds, path: Path, limit: int | None) -> NLIData:
    missing = [c for c in COLUMNS if c not in ds.column_names]
    if missing:
        raise InputError(f"{path}: missing key(s) {', '.join(missing)}")
    if len(ds) == 0:
        raise InputError(f"{path}: no rows")
    raw_labels = ds["label"]
    labels = [_label(raw, i, path) for i, raw in enumerate(raw_labels)]
    scheme = detect_scheme(labels)
    n = len(ds) if limit is None else min(limit, len(ds))
    ds = ds.select(range(n))
    premises = _texts(ds["premise"], "premise", path)
    hypotheses = _texts(ds["hypothesis"], "hypothesis", path)
    return NLIData(str(path), premises, hypotheses, labels[:n], scheme)


def _label(raw: object, row: int, path: Path) -> str:
    name = None if raw is None else normalize_label(raw)
    if name is None:
        raise InputError(f"{path}: row {row + 1}: unknown label {raw!r}")
    return name


def _texts(values: Sequence[object], column: str, path: Path) -> list[str]:
    for i, value in enumerate(values):
        if not isinstance(value, str):
            raise InputError(f"{path}: row {i + 1}: {column} must be a string, got {value!r:.40}")
    return list(values)  # type: ignore[arg-type]


def _bad_json_message(path: Path, exc: BaseException) -> str:
    """Name the first bad line: the parser's own row numbers count within blocks, not the file."""
    opener = gzip.open if path.suffix == ".gz" else open
    seen = False
    try:
        with opener(path, "rt", encoding="utf-8") as fh:
            for number, line in enumerate(fh, start=1):
                if line.strip():
                    seen = True
                    try:
                        json.loads(line)
                    except ValueError:
                        return f"{path}: line {number} is not valid JSON"
    except (OSError, UnicodeDecodeError) as read_exc:
        return f"{path}: cannot read ({type(read_exc).__name__}: {read_exc})"
    if not seen:
        return f"{path}: no rows"
    cause = exc.__cause__ or exc
    text = str(cause).strip().splitlines()
    detail = f"{type(cause).__name__}: {text[0][:160]}" if text else type(cause).__name__
    return f"{path}: not valid JSON lines ({detail})"


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
    from claimcheck.atomic import atomic_write_text

    text = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    atomic_write_text(check_writable(path), text)
