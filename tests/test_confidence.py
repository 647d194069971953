"""Calibrated contradiction confidence: a stored logistic fit maps each verdict's features to
P(real conflict); agreements keep their confidence, and an unreadable calibration changes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimcheck.core.types import Claim, Pair, Verdict
from claimcheck.verify.confidence import (
    FEATURES,
    FindingCalibration,
    calibrate,
    features,
    read_calibration,
    shipped,
)


def _verdict(label: str, method: str, confidence: float, hedged: bool = False) -> Verdict:
    a = Claim("a1", "a", 0, 10, "Acme sold its stake.", "other", entities=("Acme", "Beta"), hedged=hedged)
    b = Claim("b1", "b", 0, 10, "Acme retains its stake.", "other", entities=("Acme Inc",))
    return Verdict(Pair(a, b, "other similarity 0.70", 0.7, "other"), label, confidence, method, "why")


def _calibration(**coef: float) -> FindingCalibration:
    names = FEATURES
    return FindingCalibration(
        names, (0.0,) * len(names), (1.0,) * len(names), tuple(coef.get(n, 0.0) for n in names), 0.0
    )


def test_features_name_the_method_and_count_shared_entities() -> None:
    x = features(_verdict("contradiction", "structure", 0.7, hedged=True))
    assert set(x) == set(FEATURES)
    assert x["method_structure"] == 1.0 and x["method_nli"] == 0.0
    assert x["raw"] == 0.7 and x["similarity"] == 0.7 and x["hedged"] == 1.0
    assert x["shared_entities"] == 1.0  # Acme ~ Acme Inc; Beta is not in b


def test_calibrate_rescores_contradictions_only() -> None:
    cal = _calibration(method_structure=3.0, method_nli=-3.0)
    structure, nli, agree = (
        _verdict("contradiction", "structure", 0.5),
        _verdict("contradiction", "nli", 0.9),
        _verdict("agreement", "nli", 0.9),
    )
    out = calibrate([structure, nli, agree], cal)
    assert out[0].confidence > 0.9 > 0.1 > out[1].confidence
    assert out[2] == agree
    assert calibrate([structure], None) == [structure]


@given(st.floats(0, 1), st.floats(-5, 5))
def test_probability_is_monotone_in_a_positive_feature(raw: float, weight: float) -> None:
    cal = _calibration(raw=abs(weight))
    low = cal.probability(_verdict("contradiction", "nli", raw * 0.5))
    high = cal.probability(_verdict("contradiction", "nli", raw))
    assert 0.0 < low <= high < 1.0


def test_round_trip_and_version_guard(tmp_path: Path) -> None:
    cal = _calibration(raw=1.5)
    path = tmp_path / "c.json"
    path.write_text(cal.to_json(), encoding="utf-8")
    assert read_calibration(path) == cal
    data = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(data | {"version": 0}), encoding="utf-8")
    assert read_calibration(path) is None
    assert read_calibration(tmp_path / "absent.json") is None


def test_the_shipped_calibration_is_readable() -> None:
    cal = shipped()
    if cal is None:
        pytest.fail("claimcheck/verify/data/findings_calibration.json is missing or stale: refit it")
    assert cal.features == FEATURES and "dev clusters" in cal.fitted_on


def test_check_pairs_applies_the_shipped_calibration_to_contradictions() -> None:
    from claimcheck.core.types import Interval, Quantity
    from claimcheck.verify.rules import check_pairs

    def claim(cid: str, doc: str, n: int) -> Claim:
        q = Quantity(float(n), Interval.point(float(n)), "nation", None, str(n))
        return Claim(
            cid,
            doc,
            0,
            20,
            f"{n} nations met in Paris.",
            "quantity",
            q,
            entities=("Paris",),
            places=("Paris",),
        )

    pair = Pair(claim("a1", "a", 22), claim("b1", "b", 35), "unit:nation similarity 0.90", 0.9, "unit:nation")
    (raw,) = check_pairs([pair], calibrated=False)
    (cal,) = check_pairs([pair])
    assert raw.label == cal.label == "contradiction"
    assert cal.confidence == round(shipped().probability(raw), 4) != raw.confidence
