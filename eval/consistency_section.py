"""The consistency section of eval/run_all.py: document-vs-claim sets, scored as shipped.

Every set is scored once (features and evidence, eval/fit_consistency.py); each is then
evaluated with the calibrator `claimcheck eval consistency` would use for that file
(claimcheck.calibration.select: the leave-one-file-out one for a development file), so the
table is what the CLI prints. The stored calibration is (re)fitted first when it is missing,
fitted for another model, or --refit-consistency is given. Two ablations come free from the
same features: the calibrator without the quantity/date features (NLI alone), and the
uncalibrated score (consistency.uncalibrated_score, what the CLI uses with no calibration).
A diagnostic column gives the balanced accuracy at the best threshold *for the file itself*:
not a result (it is fitted on the evaluated file), but the size of the threshold-transfer loss.
"""

from __future__ import annotations

import argparse
import shlex
import sys
import time

import numpy as np
from calibration_fit import save
from falke import falke_ranking
from fit_consistency import NLI_FEATURES, ScoredSet, fit_calibration, score_sets

from claimcheck.consistency.calibration import CALIBRATION_FILE, Calibrator, select
from claimcheck.consistency.scorer import final_score, uncalibrated_score
from claimcheck.evaluation.consistency import balanced_accuracy, compute_metrics

# Balanced accuracy reported by the SummEdits authors (README of salesforce/factualNLG).
PUBLISHED = {
    "summedits_podcast": {"SummaC-Conv": 58.1, "QAFactEval": 63.7, "GPT-4": 82.7},
    "summedits_samsum": {"SummaC-Conv": 53.1, "QAFactEval": 66.2, "GPT-4": 83.1},
    "summedits_sales_call": {"SummaC-Conv": 59.0, "QAFactEval": 68.4, "GPT-4": 87.9},
    "summedits_sales_email": {"SummaC-Conv": 53.7, "QAFactEval": 63.6, "GPT-4": 79.5},
    "summedits_scitldr": {"SummaC-Conv": 59.7, "QAFactEval": 67.5, "GPT-4": 82.4},
    "summedits_qmsumm": {"SummaC-Conv": 53.5, "QAFactEval": 62.4, "GPT-4": 79.6},
    "summedits_ectsum": {"SummaC-Conv": 57.9, "QAFactEval": 72.6, "GPT-4": 87.0},
}
KEYS = ("n", "balanced_accuracy", "roc_auc", "threshold", "labels", "recall", "confusion")


def run_consistency(args: argparse.Namespace, argv: list[str]) -> dict:
    import torch

    from claimcheck.verify.nli import HFNLIModel

    torch.set_num_threads(args.threads)
    model = HFNLIModel(args.model, precision=args.precision)
    start = time.perf_counter()
    scored = score_sets(args.data, model, args.limit, args.batch_size, log=_log)
    stored_now = select(args.model, model.model_id, None)[0]
    refit = args.refit_consistency or stored_now is None
    if refit:
        meta = {
            "command": "python eval/run_all.py " + shlex.join(argv),
            "limit": args.limit,
            "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        }
        save(args.model / CALIBRATION_FILE, fit_calibration(scored, model.model_id, meta))
        _log(f"fitted {args.model / CALIBRATION_FILE}")
    nli_only = fit_calibration(scored, model.model_id, {}, NLI_FEATURES)
    sets = [_evaluate(s, args, model.model_id, nli_only.for_file(s.path)[0]) for s in scored]
    return {
        "command": "python eval/run_all.py " + shlex.join(argv),
        "model": model.model_id,
        "precision": model.precision,
        "limit": args.limit,
        "calibration": str(args.model / CALIBRATION_FILE),
        "refitted": refit,
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "seconds": round(time.perf_counter() - start, 1),
        "sets": sets,
    }


def _evaluate(s: ScoredSet, args: argparse.Namespace, model_id: str, nli_only: Calibrator) -> dict:
    cal, origin = select(args.model, model_id, s.path)
    assert cal is not None, "the calibration was fitted above"
    scores = np.array([final_score(c.features, cal, cal.threshold) for c in s.scores])
    labels = s.data.labels
    full = compute_metrics(labels, scores, cal.threshold)
    alone = compute_metrics(labels, nli_only.predict(s.matrix(NLI_FEATURES)), nli_only.threshold)
    raw = compute_metrics(labels, [uncalibrated_score(c.features) for c in s.scores], 0.5)
    kinds = np.array([c.kind for c in s.scores])
    by_kind = {
        k: {
            m: compute_metrics(np.asarray(labels)[kinds == k].tolist(), scores[kinds == k], cal.threshold)[m]
            for m in ("n", "balanced_accuracy", "roc_auc")
        }
        for k in ("quantity", "date", "other")
        if (kinds == k).any()
    }
    row = {
        "set": s.spec.name,
        "file": s.spec.path,
        "note": s.spec.note,
        **{k: full[k] for k in KEYS},
        "threshold_origin": origin,
        "nli_features_only": {k: alone[k] for k in ("balanced_accuracy", "roc_auc", "threshold")},
        "uncalibrated": {k: raw[k] for k in ("balanced_accuracy", "roc_auc")},
        "in_file_best_threshold": _in_file_best(scores, np.array([g == "consistent" for g in labels])),
        "by_kind": by_kind,
        "seconds": round(s.seconds, 1),
        "published": PUBLISHED.get(s.spec.name, {}),
    }
    if s.spec.name == "falke_sentence_pairs":
        row["ranking_accuracy"] = falke_ranking(scores, s.data.ids)
    return row


def _in_file_best(scores: np.ndarray, gold: np.ndarray) -> dict:
    """Diagnostic only, fitted ON the file: the balanced accuracy the same scores would reach with
    the best threshold for this file, i.e. how much the transferred threshold costs."""
    cuts = np.unique(scores)
    best = max(cuts, key=lambda t: balanced_accuracy(gold, scores >= t))
    return {"threshold": float(best), "balanced_accuracy": balanced_accuracy(gold, scores >= best)}


def _log(message: str) -> None:
    print(f"consistency: {message}", file=sys.stderr, flush=True)
