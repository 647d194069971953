"""The NLI path of `check`, with tiny models built in the test that always answer one
label: NLI decides only claims without numbers or dates, and never overrules arithmetic."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.nli import load_nli
from claimcheck.pipeline import check_documents
from claimcheck.types import Document
from tests.conftest import make_tiny_nli

DOCS = [
    Document(
        "a",
        "a.txt",
        "Over 30 nations convened in Paris this week. The coalition is led by France and Britain.",
    ),
    Document(
        "b", "b.txt", "35 nations convened in Paris this week. The coalition is led by France and Britain."
    ),
]


@pytest.fixture(scope="module", params=["contradiction", "entailment"])
def biased(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, object]:
    folder = make_tiny_nli(tmp_path_factory.mktemp("m") / request.param, bias_label=request.param)
    return request.param, load_nli(folder, precision="fp32")


def test_nli_decides_other_claims_and_quantities_stay_arithmetic(biased) -> None:
    label, model = biased
    result = check_documents(DOCS, model)
    by_method = {f.method: f for f in result.findings}
    assert by_method["quantity"].verdict == "agreement"  # 'over 30' vs 35, whatever the model says
    expected = "contradiction" if label == "contradiction" else "agreement"
    assert by_method["nli"].verdict == expected
    assert result.model == model.model_id and not result.notes


def test_without_a_model_the_report_says_so() -> None:
    result = check_documents(DOCS, None)
    assert {f.method for f in result.findings} == {"quantity"}
    assert any("No NLI model" in n for n in result.notes)


def test_missing_model_path_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        load_nli(tmp_path / "absent")
