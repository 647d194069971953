from __future__ import annotations

import gzip
import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from claimcheck.cli.app import app
from claimcheck.core.errors import InputError
from claimcheck.evaluation.nli import (
    ENTAIL_CONTRA,
    ENTAIL_NEUTRAL,
    NOT_ENTAILMENT,
    THREE_WAY,
    compute_metrics,
    detect_scheme,
    read_nli_file,
    write_jsonl_atomic,
)
from claimcheck.infra import models
from claimcheck.verify.nli import load_nli

ROWS = [
    {"premise": "a man plays in the park", "hypothesis": "a man is in the park", "label": "entailment"},
    {"premise": "the dog sleeps", "hypothesis": "the dog runs", "label": "contradiction"},
    {"premise": "three nations met in paris", "hypothesis": "35 countries met", "label": "neutral"},
    {
        "premise": "the cat is in the house",
        "hypothesis": "a cat is not in the house",
        "label": "Contradiction",
    },
    {"premise": "a woman runs", "hypothesis": "a woman runs in the park", "label": "neutral", "genre": "x"},
]


GOOD = '{"premise": "a", "hypothesis": "b", "label": "neutral"}\n'


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    text = "".join(json.dumps(r) + "\n" for r in rows)
    if path.suffix == ".gz":
        with gzip.open(path, "wt", encoding="utf-8") as fh:
            fh.write(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("labels", "scheme"),
    [
        (["entailment", "neutral", "contradiction"], THREE_WAY),
        (["neutral", "contradiction"], THREE_WAY),
        (["entailment"], THREE_WAY),
        (["entailment", "not_entailment"], NOT_ENTAILMENT),
        (["not_entailment"], NOT_ENTAILMENT),
        (["entailment", "neutral"], ENTAIL_NEUTRAL),
        (["contradiction", "entailment"], ENTAIL_CONTRA),
    ],
)
def test_detect_scheme(labels: list[str], scheme: object) -> None:
    assert detect_scheme(labels) is scheme


def test_detect_scheme_refuses_mixed_not_entailment() -> None:
    with pytest.raises(InputError, match="not_entailment"):
        detect_scheme(["not_entailment", "contradiction"])


def test_collapse() -> None:
    probs = np.array([[0.4, 0.35, 0.25], [0.2, 0.5, 0.3], [0.6, 0.1, 0.3]])
    assert THREE_WAY.collapse(probs) == ["entailment", "neutral", "entailment"]
    assert NOT_ENTAILMENT.collapse(probs) == ["not_entailment", "not_entailment", "entailment"]
    assert ENTAIL_NEUTRAL.collapse(probs) == ["neutral", "neutral", "entailment"]
    assert ENTAIL_CONTRA.collapse(probs) == ["entailment", "contradiction", "entailment"]


def test_metrics_by_hand() -> None:
    gold = ["entailment", "entailment", "neutral", "neutral", "contradiction", "contradiction"]
    pred = ["entailment", "neutral", "neutral", "neutral", "entailment", "contradiction"]
    m = compute_metrics(gold, pred, THREE_WAY.labels)
    assert m["n"] == 6 and m["accuracy"] == pytest.approx(4 / 6)
    # entailment P 1/2 R 1/2; neutral P 2/3 R 1; contradiction P 1 R 1/2
    f1 = {"entailment": 0.5, "neutral": 0.8, "contradiction": 2 / 3}
    for label, value in f1.items():
        assert m["per_label"][label]["f1"] == pytest.approx(value)
        assert m["per_label"][label]["support"] == 2
    assert m["per_label"]["neutral"]["precision"] == pytest.approx(2 / 3)
    assert m["macro_f1"] == pytest.approx(sum(f1.values()) / 3)
    assert m["confusion"] == [[1, 1, 0], [0, 2, 0], [1, 0, 1]]


def test_macro_f1_ignores_labels_absent_from_gold() -> None:
    m = compute_metrics(["neutral", "contradiction"], ["neutral", "entailment"], THREE_WAY.labels)
    assert m["per_label"]["entailment"]["support"] == 0
    assert m["macro_f1"] == pytest.approx(0.5)


def test_read_plain_and_gz_with_limit(tmp_path: Path) -> None:
    for name in ("d.jsonl", "d.jsonl.gz"):
        data = read_nli_file(write_jsonl(tmp_path / name, ROWS), limit=2)
        assert data.labels == ["entailment", "contradiction"]
        assert data.pairs()[1] == ("the dog sleeps", "the dog runs")
        assert data.scheme is THREE_WAY  # detected on all rows, not the first two


@pytest.mark.parametrize(
    ("content", "match"),
    [
        (GOOD + "\n" + '{"premise": "a", oops\n', "line 3 is not"),
        (GOOD + GOOD.replace('"a"', "[1]"), "row 2: premise must be a string"),
        ('{"premise": "a", "label": "entailment"}\n', "missing key"),
        ("\n", "no rows"),
        ('{"premise": "a", "hypothesis": "b", "label": "maybe"}\n', "unknown label"),
        ('{"premise": "a", "hypothesis": "b", "label": null}\n', "unknown label"),
        ('{"premise": "a", "hypothesis": null, "label": "neutral"}\n', "must be a string"),
    ],
)
def test_read_errors(tmp_path: Path, capfd: pytest.CaptureFixture[str], content: str, match: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=match):
        read_nli_file(path)
    assert capfd.readouterr().err == ""  # no log lines around our one-line error


def test_read_non_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.jsonl"
    path.write_bytes('{"premise": "café", "hypothesis": "b", "label": "neutral"}\n'.encode("latin-1"))
    with pytest.raises(InputError, match="latin1.jsonl"):
        read_nli_file(path)


def test_read_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_nli_file(tmp_path / "missing.jsonl")


def test_write_jsonl_atomic(tmp_path: Path) -> None:
    out = tmp_path / "p.jsonl"
    write_jsonl_atomic(out, [{"a": 1}, {"a": 2}])
    assert [json.loads(x) for x in out.read_text().splitlines()] == [{"a": 1}, {"a": 2}]
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["p.jsonl"]
    with pytest.raises(InputError, match="folder does not exist"):
        write_jsonl_atomic(tmp_path / "nope" / "p.jsonl", [])


@pytest.mark.parametrize("name", ["d.jsonl", "d.jsonl.gz"])
def test_cli_eval_nli_json_and_predictions(tmp_path: Path, tiny_nli_dir: Path, name: str) -> None:
    src = write_jsonl(tmp_path / name, ROWS)
    preds = tmp_path / "preds.jsonl"
    args = ["eval", "nli", str(src), "--format", "json", "--predictions", str(preds)]
    result = CliRunner().invoke(app, [*args, "--nli-model", str(tiny_nli_dir)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["n"] == 5 and report["scheme"] == THREE_WAY.name
    assert 0.0 <= report["accuracy"] <= 1.0 and 0.0 <= report["macro_f1"] <= 1.0
    assert report["labels"] == list(THREE_WAY.labels) and len(report["confusion"]) == 3
    assert report["model"] == load_nli(tiny_nli_dir).model_id
    lines = [json.loads(x) for x in preds.read_text().splitlines()]
    assert len(lines) == len(ROWS)
    expected = load_nli(tiny_nli_dir).predict([(r["premise"], r["hypothesis"]) for r in ROWS])
    for line, probs in zip(lines, expected, strict=True):
        assert line["label"] in THREE_WAY.labels
        assert sum(line["probs"].values()) == pytest.approx(1.0, abs=1e-5)
        assert list(line["probs"].values()) == pytest.approx(list(probs), abs=1e-5)


def test_cli_eval_nli_table_with_limit(tmp_path: Path, tiny_nli_dir: Path) -> None:
    src = write_jsonl(tmp_path / "d.jsonl", ROWS)
    result = CliRunner().invoke(
        app, ["eval", "nli", str(src), "--limit", "3", "--nli-model", str(tiny_nli_dir)]
    )
    assert result.exit_code == 0, result.output
    assert "macro_f1" in result.stdout and "confusion" in result.stdout


def test_cli_input_errors_exit_2_without_traceback(
    tmp_path: Path, tiny_nli_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"premise": "a", "hypothesis": "b", "label": "neutral"}\nnot json\n', encoding="utf-8")
    good = write_jsonl(tmp_path / "d.jsonl", ROWS)
    monkeypatch.setattr(models, "default_nli_dir", lambda: None)
    cases = [
        [str(bad), "--nli-model", str(tiny_nli_dir)],
        [str(tmp_path / "missing.jsonl"), "--nli-model", str(tiny_nli_dir)],
        [str(good), "--nli-model", str(tmp_path / "no-model")],
        [str(good)],  # no model installed
        [str(good), "--nli-model", str(tiny_nli_dir), "--predictions", str(tmp_path / "x" / "p.jsonl")],
    ]
    for args in cases:
        result = CliRunner().invoke(app, ["eval", "nli", *args])
        assert result.exit_code == 2, (args, result.output)
        assert isinstance(result.exception, SystemExit) and "Traceback" not in result.output
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert result.stdout == ""


def test_reports_declare_their_primary_metric() -> None:
    from claimcheck.evaluation import consistency, nli

    assert nli.PRIMARY_METRIC in nli.compute_metrics(["entailment"], ["entailment"], nli.LABELS)
    assert consistency.PRIMARY_METRIC in consistency.compute_metrics(
        ["consistent", "inconsistent"], [0.9, 0.1], 0.5
    )
