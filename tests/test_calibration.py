"""Calibration: fitting, the threshold, and which stored calibrator a file gets (never its own)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "eval"))  # fitting is development code

from calibration_fit import best_threshold, fit, save  # noqa: E402

from claimcheck.consistency.calibration import CALIBRATION_FILE, StoredCalibration, file_sha256, select  # noqa: E402
from claimcheck.evaluation.consistency import balanced_accuracy  # noqa: E402


@pytest.mark.parametrize(
    "gold, predicted, expected",
    [
        ([1, 1, 0, 0], [1, 1, 0, 0], 1.0),
        ([1, 1, 0, 0], [1, 1, 1, 1], 0.5),  # always "consistent": chance, however skewed the file
        ([1, 0, 0, 0], [0, 1, 1, 1], 0.0),
        ([1, 1, 1, 0], [1, 0, 0, 0], (1 / 3 + 1) / 2),
        ([0, 0], [0, 1], 0.5),  # one class present: its recall
    ],
)
def test_balanced_accuracy(gold: list[int], predicted: list[int], expected: float) -> None:
    assert balanced_accuracy(np.array(gold), np.array(predicted)) == pytest.approx(expected)


def _data(seed: int = 0, n: int = 400) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    y = rng.random(n) < 0.4
    x = np.column_stack([y + rng.normal(0, 0.6, n), rng.normal(0, 1, n)])  # feature 0 informative
    groups = np.where(np.arange(n) < n // 2, "a", "b")
    return x, y, groups


def test_fit_learns_the_informative_feature_and_a_useful_threshold() -> None:
    x, y, groups = _data()
    cal = fit(x, y, groups, ("signal", "noise"))
    assert cal.coef[0] > 1.0 and abs(cal.coef[1]) < 0.3
    p = cal.predict(x)
    assert ((p > 0) & (p < 1)).all()
    assert balanced_accuracy(y, p >= cal.threshold) > 0.8
    assert np.all(np.diff(cal.predict(np.column_stack([np.linspace(-2, 3, 20), np.zeros(20)]))) > 0)


def test_best_threshold_maximises_mean_balanced_accuracy_over_groups() -> None:
    scores = np.array([0.1, 0.2, 0.6, 0.7, 0.3, 0.4, 0.8, 0.9])
    y = np.array([0, 0, 1, 1, 0, 0, 1, 1], dtype=bool)
    groups = np.array(["a"] * 4 + ["b"] * 4)
    t = best_threshold(scores, y, groups)
    assert 0.4 < t <= 0.6


def _stored(tmp_path: Path, model: str = "nli@abc") -> tuple[StoredCalibration, Path, Path]:
    x, y, groups = _data()
    dev_a, dev_b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    dev_a.write_text("a\n")
    dev_b.write_text("b\n")
    names = ("signal", "noise")
    held = {
        file_sha256(dev_a): ("a", fit(x[groups == "b"], y[groups == "b"], groups[groups == "b"], names)),
        file_sha256(dev_b): ("b", fit(x[groups == "a"], y[groups == "a"], groups[groups == "a"], names)),
    }
    fitted_on = ({"file": "a", "sha256": file_sha256(dev_a), "n": 200}, {"file": "b", "sha256": "", "n": 200})
    return StoredCalibration(model, fit(x, y, groups, names), held, fitted_on, {"limit": None}), dev_a, dev_b


def test_a_development_file_gets_the_calibrator_fitted_without_it(tmp_path: Path) -> None:
    stored, dev_a, _ = _stored(tmp_path)
    renamed = tmp_path / "renamed.jsonl"
    renamed.write_bytes(dev_a.read_bytes())  # recognised by content, not by name
    for path in (dev_a, renamed):
        cal, origin = stored.for_file(path)
        assert cal == stored.held_out[file_sha256(dev_a)][1] != stored.default
        assert "a itself left out" in origin
    other = tmp_path / "new.jsonl"
    other.write_text("new\n")
    cal, origin = stored.for_file(other)
    assert cal == stored.default and "new.jsonl is not among them" in origin


def test_stored_calibration_round_trips_and_is_tied_to_its_model(tmp_path: Path) -> None:
    stored, dev_a, _ = _stored(tmp_path)
    save(tmp_path / CALIBRATION_FILE, stored)
    loaded = StoredCalibration.from_dict(json.loads((tmp_path / CALIBRATION_FILE).read_text()))
    assert loaded == stored
    cal, origin = select(tmp_path, "nli@abc+int8", dev_a)  # the precision suffix does not matter
    assert cal == stored.held_out[file_sha256(dev_a)][1] and str(tmp_path) in origin
    cal, origin = select(tmp_path, "nli@retrained+int8", dev_a)
    assert cal is None and "fitted for nli@abc, not nli@retrained" in origin
    cal, origin = select(tmp_path / "elsewhere", "nli@abc", dev_a)
    assert cal is None and "no consistency.json" in origin
