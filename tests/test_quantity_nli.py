"""Quantity logic on NLI pairs (claimcheck.verify.quantity_nli) and `eval nli --checker`."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from claimcheck.cli.app import app
from claimcheck.verify.quantity_nli import QuantityVerdict, apply_verdicts, quantity_verdict

PARIS = "Over 30 nations met in Paris."


@pytest.mark.parametrize(
    ("premise", "hypothesis", "expected"),
    [
        (PARIS, "12 nations met in Paris.", "contradiction"),
        (PARIS, "35 nations met in Paris.", "neutral"),  # agrees, but is more specific: not entailed
        ("35 nations met in Paris.", "Over 30 countries met in Paris.", "entailment"),
        ("35 nations met in Paris.", "At least 35 nations met in Paris.", "entailment"),
        ("35 nations met in Paris.", "More than 35 nations met in Paris.", "contradiction"),
        (PARIS, "Leaders met in Paris.", None),  # no figure in the hypothesis
        ("35 nations met in Paris.", "20 percent of the territory is occupied.", None),  # other unit
        # one-to-one alignment: the 60 km must not vouch for "more than 40 km"
        (
            "He drove 40 km on Monday and 60 km on Tuesday.",
            "He drove more than 40 km on Monday and 60 km on Tuesday.",
            "contradiction",
        ),
    ],
)
def test_quantity_verdict(premise: str, hypothesis: str, expected: str | None) -> None:
    assert quantity_verdict(premise, hypothesis) == expected


def test_over_30_and_35_never_contradict() -> None:
    assert quantity_verdict(PARIS, "35 nations met in Paris.") != "contradiction"
    assert quantity_verdict("35 nations met in Paris.", PARIS) != "contradiction"


def test_a_giant_premise_is_read_in_pieces_not_a_crash() -> None:
    """A premise over spaCy's 1,000,000-character limit (a base64 blob) used to raise E088."""
    blob = base64.b64encode(bytes(range(256)) * 3500).decode()
    premise = f"{blob} 35 nations met in Paris."
    assert len(premise) > 1_000_000
    assert quantity_verdict(premise, "More than 35 nations met in Paris.") == "contradiction"


def test_apply_verdicts() -> None:
    probs = np.array([[0.7, 0.2, 0.1]] * 3 + [[0.02, 0.03, 0.95], [0.5, 0.3, 0.2]])
    verdicts = [
        QuantityVerdict("contradiction", ""),
        QuantityVerdict("neutral", ""),
        QuantityVerdict("entailment", ""),
        QuantityVerdict("entailment", ""),  # NLI is sure of a contradiction the numbers cannot see
        None,
    ]
    out = apply_verdicts(probs, verdicts)
    assert out[0].tolist() == [0, 0, 1]
    assert out[1] == pytest.approx([0.0, 0.9, 0.1])
    assert out[2] == pytest.approx([0.7, 0.3, 0.0])  # backed figures: not contradicted, not entailed
    assert out[3:] == pytest.approx(probs[3:])
    assert apply_verdicts(probs, verdicts, use=frozenset({"contradiction"}))[1:] == pytest.approx(probs[1:])
    assert probs[0].tolist() == [0.7, 0.2, 0.1]  # input untouched


def test_cli_eval_nli_checker(tmp_path: Path, tiny_nli_dir: Path) -> None:
    rows = [
        {"premise": PARIS, "hypothesis": "12 nations met in Paris.", "label": "contradiction"},
        {
            "premise": "35 nations met in Paris.",
            "hypothesis": "Over 30 countries met.",
            "label": "entailment",
        },
        {
            "premise": "The dog sleeps in the house.",
            "hypothesis": "The dog is in the house.",
            "label": "entailment",
        },
    ]
    src = tmp_path / "q.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    model = tiny_nli_dir  # random weights: the two quantity rows must be decided by the numbers
    preds = tmp_path / "p.jsonl"
    args = ["eval", "nli", str(src), "--checker", "--format", "json", "--predictions", str(preds)]
    result = CliRunner().invoke(app, [*args, "--nli-model", str(model)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["n"] == 3 and report["method"] == "nli+quantity"
    assert set(report["nli_alone"]) >= {"accuracy", "macro_f1", "confusion"}
    assert report["quantity_verdicts"] == {"contradiction": 1, "neutral": 0, "entailment": 1, "none": 1}
    lines = [json.loads(x) for x in preds.read_text().splitlines()]
    # backed figures rule out a numeric contradiction; whether the rest is entailed is NLI's call
    assert lines[0]["label"] == "contradiction" and lines[1]["label"] != "contradiction"
    assert [x["method"] for x in lines] == ["quantity:contradiction", "quantity:entailment", "nli"]
    assert "disjoint" in lines[0]["explanation"]

    table = CliRunner().invoke(app, ["eval", "nli", str(src), "--checker", "--nli-model", str(model)])
    assert table.exit_code == 0 and "nli alone accuracy" in table.stdout
