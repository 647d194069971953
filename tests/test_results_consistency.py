"""eval/RESULTS.md: the consistency section renders alone or after the NLI part, with its caveats."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "eval"))

from results_md import render  # noqa: E402


def _set(name: str, bacc: float, published: dict | None = None) -> dict:
    metrics = {"balanced_accuracy": bacc, "roc_auc": 0.7, "threshold": 0.3}
    return {
        "set": name,
        "file": f"eval/{name}.jsonl",
        "note": "",
        "n": 10,
        **metrics,
        "labels": {"consistent": 4, "inconsistent": 6},
        "recall": {"consistent": 0.5, "inconsistent": 0.5},
        "confusion": [[2, 2], [3, 3]],
        "threshold_origin": f"fitted on the 1 other development files ({name} itself left out)",
        "nli_features_only": metrics,
        "uncalibrated": {"balanced_accuracy": 0.5, "roc_auc": None},
        "in_file_best_threshold": {"threshold": 0.2, "balanced_accuracy": 0.9},
        "by_kind": {"quantity": {"n": 3, "balanced_accuracy": 0.5, "roc_auc": None}},
        "seconds": 1.0,
        "published": published or {},
    }


CONSISTENCY = {
    "command": "python eval/run_all.py --sections consistency",
    "model": "m@abc+int8",
    "precision": "int8",
    "limit": 200,
    "calibration": "models/m/consistency.json",
    "refitted": True,
    "date": "now",
    "seconds": 5.0,
    "sets": [
        _set("summedits_podcast", 0.62, {"SummaC-Conv": 58.1, "QAFactEval": 63.7, "GPT-4": 82.7}),
        _set("sick_test", 0.8),
    ],
}


def test_consistency_section_alone() -> None:
    md = render({"consistency": CONSISTENCY})
    assert md.startswith("# Evaluation results")
    row = next(line for line in md.splitlines() if line.startswith("| summedits_podcast |"))
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells[3:6] == ["62.0", "0.700", "0.300"]
    assert "58.1 / 63.7 / 82.7" in cells and "*90.0*" in cells and "50.0 / –" in cells
    assert "**--limit 200: only the first 200 rows of each set**" in md
    assert "leave-one-file-out" in md and "not a result" in md
    assert "balanced accuracy 62.0 (SummaC-Conv 58.1" in md
    assert "| sick_test | 50.0 (n=3) |  |  |" in md


def test_consistency_section_follows_the_nli_part() -> None:
    nli = {
        "model": "m@abc+int8",
        "model_dir": "models/m",
        "precision": "int8",
        "command": "python eval/run_all.py",
        "date": "now",
        "torch": "2",
        "threads": 2,
        "limit": None,
        "sets": [],
        "skipped": {},
    }
    md = render(nli | {"consistency": CONSISTENCY})
    assert md.startswith("# NLI evaluation results")
    assert md.index("## Not scored") < md.index("## Document-vs-claim consistency")
    assert render(nli).count("consistency (`claimcheck eval") == 0
