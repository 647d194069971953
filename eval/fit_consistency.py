"""Fit the consistency calibration and store it beside the NLI model (consistency.json).

Scores every development file in ../shared/data/eval that has a document/claim or a pair
shape with labels that map to consistent/inconsistent, then fits (claimcheck.consistency.calibration) one
calibrator on all of them (used for any other file) and, per file, one on all the others
(leave-one-file-out: used when that file is evaluated, so no reported threshold is fitted on
the data it is measured on). Re-run it whenever the NLI model changes; the stored file names
the model it was fitted for, and a mismatch falls back to an uncalibrated score.

    python eval/fit_consistency.py --data ../shared/data --model models/claimcheck-nli-minilm-l6
"""

from __future__ import annotations

import argparse
import shlex
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
from calibration_fit import fit, save

from claimcheck.consistency.calibration import CALIBRATION_FILE, StoredCalibration, file_sha256, model_key
from claimcheck.consistency.scorer import CALIBRATION_FEATURES, ClaimScore, ConsistencyScorer
from claimcheck.core.settings import ConsistencySettings
from claimcheck.evaluation.consistency import ConsistencyData, read_consistency_file
from claimcheck.verify.nli import NLIModel


@dataclass(frozen=True)
class ConsistencySet:
    name: str
    path: str  # relative to the data root
    note: str = ""


SUMMEDITS = ("ectsum", "podcast", "qmsumm", "sales_call", "sales_email", "samsum", "scitldr")
CONSISTENCY_SETS = (
    ConsistencySet("falke_sentence_pairs", "eval/falke_sentence_pairs.jsonl", "article sentence vs summary"),
    *(ConsistencySet(f"summedits_{d}", f"eval/summedits_{d}.jsonl", "SummEdits") for d in SUMMEDITS),
    ConsistencySet(
        "climate_fever_pairs",
        "eval/climate_fever_pairs.jsonl",
        "evidence sentence vs claim; neutral and contradiction -> inconsistent",
    ),
    ConsistencySet("sick_test", "eval/sick_test.jsonl", "neutral and contradiction -> inconsistent"),
    ConsistencySet("sick_trial", "eval/sick_trial.jsonl", "neutral and contradiction -> inconsistent"),
)
# Calibrators over subsets of the features, fitted the same way, for the ablation columns.
NLI_FEATURES = tuple(f for f in CALIBRATION_FEATURES if not f.startswith(("quantity_", "date_")))


@dataclass
class ScoredSet:
    spec: ConsistencySet
    path: Path
    sha256: str
    data: ConsistencyData
    scores: list[ClaimScore]  # uncalibrated: the features are what matter
    seconds: float

    def matrix(self, names: tuple[str, ...] = CALIBRATION_FEATURES) -> np.ndarray:
        return np.array([[s.features[f] for f in names] for s in self.scores], dtype=np.float64)

    def gold(self) -> np.ndarray:
        return np.array([label == "consistent" for label in self.data.labels])


def score_sets(
    root: Path, nli: NLIModel, limit: int | None, batch_size: int = 64, log=print
) -> list[ScoredSet]:
    """Every consistency set present under `root`, scored once (features, evidence)."""
    scorer = ConsistencyScorer(nli, None, ConsistencySettings(batch_size=batch_size))
    out = []
    for spec in CONSISTENCY_SETS:
        path = root / spec.path
        if not path.is_file():
            log(f"{spec.name}: missing ({path})")
            continue
        data = read_consistency_file(path, limit=limit)
        start = time.perf_counter()
        scores = scorer.score_rows(data.rows())
        seconds = time.perf_counter() - start
        log(f"{spec.name}: {len(scores)} rows in {seconds:.0f} s")
        out.append(ScoredSet(spec, path, file_sha256(path), data, scores, seconds))
    return out


def fit_calibration(
    scored: list[ScoredSet], model_id: str, meta: dict, names: tuple[str, ...] = CALIBRATION_FEATURES
) -> StoredCalibration:
    """One calibrator on every set, and one per set fitted on all the others."""
    x = np.vstack([s.matrix(names) for s in scored])
    y = np.concatenate([s.gold() for s in scored])
    groups = np.concatenate([[s.spec.name] * len(s.scores) for s in scored])
    held_out = {}
    for s in scored:
        keep = groups != s.spec.name
        held_out[s.sha256] = (s.spec.name, fit(x[keep], y[keep], groups[keep], names))
    fitted_on = tuple({"file": s.spec.name, "sha256": s.sha256, "n": len(s.scores)} for s in scored)
    config = asdict(ConsistencySettings())
    return StoredCalibration(
        model_key(model_id), fit(x, y, groups, names), held_out, fitted_on, meta | {"scorer": config}
    )


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, required=True, help="the shared data root (holds eval/)")
    ap.add_argument("--model", type=Path, default=None, help="model folder (default: the committed model)")
    ap.add_argument("--limit", type=int, default=None, help="score only the first N rows of each set")
    ap.add_argument("--out", type=Path, default=None, help=f"default: {CALIBRATION_FILE} in the model folder")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--batch-size", type=int, default=64)
    args = ap.parse_args(argv)
    import torch

    from claimcheck.verify.nli import HFNLIModel, resolve_model_dir

    torch.set_num_threads(args.threads)
    model_dir = resolve_model_dir(args.model)
    if model_dir is None:
        raise SystemExit("error: no NLI model")
    model = HFNLIModel(model_dir)
    scored = score_sets(args.data, model, args.limit, args.batch_size)
    meta = {
        "command": "python eval/fit_consistency.py " + shlex.join(argv),
        "limit": args.limit,
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }
    stored = fit_calibration(scored, model.model_id, meta)
    out = args.out or model_dir / CALIBRATION_FILE
    save(out, stored)
    print(f"wrote {out} (threshold {stored.default.threshold:.4f} on {len(scored)} files)", file=sys.stderr)


if __name__ == "__main__":
    main()
