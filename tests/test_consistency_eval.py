"""`claimcheck eval consistency`: input errors exit 2 with one line, the report and predictions
follow the contract, and the metrics are right on hand-made scores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.cli.app import app
from claimcheck.core.errors import InputError
from claimcheck.evaluation.consistency import compute_metrics, read_consistency_file

ROWS = [
    {"id": "r1", "document": "Three dogs play in the park.", "claim": "Dogs play.", "label": "consistent"},
    {"id": "r2", "document": "A cat sleeps in the house.", "claim": "The cat runs.", "label": "inconsistent"},
    {
        "id": "r3",
        "document": "Five nations met in Paris.",
        "claim": "Five nations met.",
        "label": "consistent",
    },
]


def _write(path: Path, rows: list[dict] | str) -> Path:
    text = rows if isinstance(rows, str) else "".join(json.dumps(r) + "\n" for r in rows)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "no such file"),
        ('{"document": "a", "claim": "b", "label": "consistent"}\n{not json\n', "line 2 is not valid JSON"),
        ([{"document": "a", "claim": "b", "label": "maybe"}], "row 1: unknown label 'maybe'"),
        ([{"document": "a", "label": "consistent"}], "needs keys document, claim, label"),
        ([{"document": "a", "claim": "b"}], "missing key(s) label"),
        ([{"document": 3, "claim": "b", "label": "consistent"}], "document must be a string"),
        ("", "no rows"),
    ],
)
def test_bad_input_exits_2_with_one_line(tmp_path: Path, tiny_nli_dir: Path, content, message: str) -> None:
    path = tmp_path / "in.jsonl"
    if content is not None:
        _write(path, content)
    result = CliRunner().invoke(app, ["eval", "consistency", str(path), "--nli-model", str(tiny_nli_dir)])
    assert result.exit_code == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_report_and_predictions_follow_the_contract(tmp_path: Path, tiny_nli_dir: Path) -> None:
    path = _write(tmp_path / "in.jsonl", ROWS)
    preds = tmp_path / "preds.jsonl"
    args = ["eval", "consistency", str(path), "--nli-model", str(tiny_nli_dir), "--format", "json"]
    result = CliRunner().invoke(app, [*args, "--predictions", str(preds), "--limit", "2"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["n"] == 2 and report["labels"] == {"consistent": 1, "inconsistent": 1}
    assert {"balanced_accuracy", "roc_auc", "threshold", "threshold_origin"} <= set(report)
    assert report["threshold"] == 0.5 and "uncalibrated" in report["threshold_origin"]
    rows = [json.loads(line) for line in preds.read_text().splitlines()]
    assert [r["id"] for r in rows] == ["r1", "r2"]
    for r in rows:
        assert r["label"] in ("consistent", "inconsistent") and 0.0 <= r["score"] <= 1.0
        assert r["label"] == ("consistent" if r["score"] >= 0.5 else "inconsistent")
        assert r["evidence"] and all(e["method"] in ("nli", "quantity", "date") for e in r["evidence"])
    again = CliRunner().invoke(app, [*args, "--limit", "2", "--threshold", "0.0"])
    assert json.loads(again.stdout)["recall"] == {"consistent": 1.0, "inconsistent": 0.0}
    assert "--threshold 0.0" in json.loads(again.stdout)["threshold_origin"]


def test_pair_files_are_read_as_document_and_claim(tmp_path: Path) -> None:
    rows = [
        {"premise": "p1", "hypothesis": "h1", "label": "entailment"},
        {"premise": "p2", "hypothesis": "h2", "label": "neutral"},
        {"premise": "p3", "hypothesis": "h3", "label": "CONTRADICTION"},
        {"premise": "p4", "hypothesis": "h4", "label": "consistent"},
    ]
    data = read_consistency_file(_write(tmp_path / "pairs.jsonl", rows), limit=3)
    assert data.rows() == [("p1", "h1"), ("p2", "h2"), ("p3", "h3")]
    assert data.labels == ["consistent", "inconsistent", "inconsistent"]
    assert data.ids == ["1", "2", "3"]
    with pytest.raises(InputError, match="row 5: unknown label 1"):
        read_consistency_file(
            _write(tmp_path / "bad.jsonl", [*rows, {"premise": "a", "hypothesis": "b", "label": 1}])
        )


@pytest.mark.parametrize(
    "scores, threshold, bacc, auc",
    [
        ([0.9, 0.8, 0.2, 0.1], 0.5, 1.0, 1.0),
        ([0.1, 0.2, 0.8, 0.9], 0.5, 0.0, 0.0),
        ([0.9, 0.8, 0.7, 0.1], 0.5, 0.75, 1.0),  # ranking perfect, threshold too low
        ([0.6, 0.6, 0.6, 0.6], 0.5, 0.5, 0.5),
    ],
)
def test_metrics(scores: list[float], threshold: float, bacc: float, auc: float) -> None:
    m = compute_metrics(["consistent", "consistent", "inconsistent", "inconsistent"], scores, threshold)
    assert m["balanced_accuracy"] == pytest.approx(bacc) and m["roc_auc"] == pytest.approx(auc)
    assert sum(map(sum, m["confusion"])) == 4


def test_auc_is_none_with_one_class() -> None:
    m = compute_metrics(["consistent"] * 3, [0.2, 0.6, 0.9], 0.5)
    assert m["roc_auc"] is None and m["balanced_accuracy"] == pytest.approx(2 / 3)
