"""The NLI path of `check`, with tiny models built in the test that always answer one
label: NLI decides only claims without numbers or dates, and never overrules arithmetic."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.core.types import Document
from claimcheck.pipeline import Pipeline
from claimcheck.verify.nli import load_nli
from tests.conftest import make_tiny_nli

DOCS = [
    Document(
        "a",
        "a.txt",
        "Over 30 nations convened in Paris this week. The coalition is led by France and Britain.",
    ),
    Document(
        "b", "b.txt", "35 nations convened in Paris this week. The coalition is led by Britain and France."
    ),
]


@pytest.fixture(scope="module", params=["contradiction", "entailment"])
def biased(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, object]:
    folder = make_tiny_nli(tmp_path_factory.mktemp("m") / request.param, bias_label=request.param)
    return request.param, load_nli(folder, precision="fp32")


def test_nli_decides_other_claims_and_quantities_stay_arithmetic(biased) -> None:
    label, model = biased
    result = Pipeline(nli=model).run(DOCS)
    by_method = {f.method: f for f in result.findings}
    assert by_method["quantity"].verdict == "agreement"  # 'over 30' vs 35, whatever the model says
    expected = "contradiction" if label == "contradiction" else "agreement"
    assert by_method["nli"].verdict == expected
    assert result.model == model.model_id and not result.notes


def test_without_a_model_the_report_says_so() -> None:
    result = Pipeline(nli=None).run(DOCS)
    assert {f.method for f in result.findings} == {"quantity"}
    assert any("No NLI model" in n for n in result.notes)


def test_missing_model_path_is_an_input_error(tmp_path: Path) -> None:
    from claimcheck.core.errors import InputError

    with pytest.raises(InputError, match="NLI model not found"):
        load_nli(tmp_path / "absent")


def _pair(text_a: str, text_b: str, hedged: bool = False):
    from claimcheck.core.types import Claim, Pair

    a = Claim("a1", "a", 0, len(text_a), text_a, "other", hedged=hedged)
    b = Claim("b1", "b", 0, len(text_b), text_b, "other")
    return Pair(a, b, "other similarity 0.70", 0.7)


@pytest.mark.parametrize(
    ("ab", "ba", "expected"),
    [
        ((0.05, 0.05, 0.90), (0.05, 0.10, 0.85), "contradiction"),  # both ways: a real conflict
        ((0.03, 0.10, 0.87), (0.26, 0.48, 0.26), "neutral"),  # one-sided: the seeds' false alarm
        ((0.64, 0.28, 0.08), (0.05, 0.21, 0.74), "agreement"),  # entailed one way, no two-way conflict
        ((0.20, 0.70, 0.10), (0.30, 0.60, 0.10), "neutral"),
    ],
)
def test_nli_contradiction_needs_both_directions(ab, ba, expected: str) -> None:
    import numpy as np

    from claimcheck.verify.rules import nli_verdicts

    (verdict,) = nli_verdicts([_pair("x happened.", "x did not happen.")], np.array([ab]), np.array([ba]))
    assert verdict.label == expected
    assert verdict.method == "nli"


def test_a_hedged_claim_never_contradicts_through_nli() -> None:
    import numpy as np

    from claimcheck.verify.rules import nli_verdicts

    probs = np.array([(0.05, 0.05, 0.90)])
    pair = _pair("Stability would depend on it.", "It will fail.", hedged=True)
    (verdict,) = nli_verdicts([pair], probs, probs)
    assert verdict.label == "neutral" and "hedged" in verdict.explanation
