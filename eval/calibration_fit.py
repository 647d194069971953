"""Fitting the consistency calibration (development code; the package only applies it).

`fit` is a logistic regression over the scorer's features with every development file weighted
equally, then the threshold with the best mean per-file balanced accuracy; `save` writes the
StoredCalibration that `claimcheck.consistency.calibration.select` reads at run time.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from claimcheck.consistency.calibration import Calibrator, StoredCalibration
from claimcheck.evaluation.consistency import balanced_accuracy
from claimcheck.infra.atomic import atomic_write_text


def fit(
    x: np.ndarray, y: np.ndarray, groups: Sequence[str], features: Sequence[str], c: float = 0.1
) -> Calibrator:
    """Logistic regression with every group (file) weighted equally, then the threshold that
    maximises the mean balanced accuracy over the groups.

    Strong L2 regularisation (c=0.1): the features are correlated and the files disagree, and
    leave-one-file-out runs showed weights fitted loosely on some files transfer worse to others.
    """
    from sklearn.linear_model import LogisticRegression

    x, y, groups = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=bool), np.asarray(groups)
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    sizes = {g: int((groups == g).sum()) for g in set(groups.tolist())}
    weight = np.array([len(y) / (len(sizes) * sizes[g]) for g in groups])
    lr = LogisticRegression(C=c, max_iter=1000).fit((x - mean) / scale, y, sample_weight=weight)
    cal = Calibrator(
        tuple(features), tuple(mean), tuple(scale), tuple(lr.coef_[0].tolist()), float(lr.intercept_[0]), 0.5
    )
    threshold = best_threshold(cal.predict(x), y, groups)
    return Calibrator(cal.features, cal.mean, cal.scale, cal.coef, cal.intercept, threshold)


def best_threshold(scores: np.ndarray, y: np.ndarray, groups: Sequence[str]) -> float:
    """The cut (midway between neighbouring scores) with the best mean per-group balanced accuracy."""
    scores, y, groups = np.asarray(scores), np.asarray(y, dtype=bool), np.asarray(groups)
    grid = np.unique(np.quantile(scores, np.linspace(0, 1, 401)))
    cuts = (grid[:-1] + grid[1:]) / 2 if len(grid) > 1 else grid
    names = sorted(set(groups.tolist()))

    def mean_bacc(t: float) -> float:
        return float(np.mean([balanced_accuracy(y[groups == g], scores[groups == g] >= t) for g in names]))

    return round(float(max(cuts, key=mean_bacc)), 6)


def save(path: str | Path, stored: StoredCalibration) -> None:
    atomic_write_text(path, json.dumps(stored.to_dict(), indent=1) + "\n")
