"""Table tests for findings_eval with a fake `run` over a tiny synthetic bench (no model, no real data)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimcheck.evaluation.findings import (
    evaluate_findings,
    format_table,
    normalise,
    sent_hash,
    sentence_span,
    sentence_starts,
)

DOC_A = (
    "March 3, 1987 (Reuters) -\n\nACME BID\n\n"
    "Acme Corp. offered 10 dlrs a share. The U.S. unit earned 5 mln dlrs.\n"
)
DOC_B = (
    "March 3, 1987 (Reuters) -\n\nACME OFFER\n\n"
    "Acme offered 10 dlrs a share for Beta. Beta earned 7 mln dlrs last year.\n"
)
PLANTED_A = DOC_A.replace("offered 10 dlrs", "offered 12 dlrs")


def _span(text: str, sub: str) -> tuple[int, int]:
    start = text.index(sub)
    return start, start + len(sub)


def _sentence(text: str, sub: str) -> str:
    lo, hi = sentence_span(text, *_span(text, sub))
    return text[lo:hi]


def _write(folder: Path, texts: dict[str, str]) -> None:
    folder.mkdir(parents=True)
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")


@pytest.fixture
def bench(tmp_path: Path) -> Path:
    files = {"01_doc-a.txt": DOC_A, "02_doc-b.txt": DOC_B}
    _write(tmp_path / "dev" / "acme", files)
    _write(tmp_path / "test" / "acme2", files)
    _write(tmp_path / "planted" / "dev" / "acme", {"01_doc-a.txt": PLANTED_A, "02_doc-b.txt": DOC_B})
    plants = [
        {
            "id": "p1",
            "cluster": "acme",
            "doc": "doc-a",
            "find": "offered 10 dlrs",
            "replace": "offered 12 dlrs",
            "type": "number",
            "expect": "conflict",
            "partner": {"doc": "doc-b", "sentence_contains": "Acme offered 10 dlrs"},
        },
        {
            "id": "p2",
            "cluster": "acme",
            "doc": "doc-a",
            "find": "The U.S. unit earned 5 mln dlrs",
            "replace": "The U.S. unit earned 5 mln dlrs",
            "type": "near_miss_about",
            "expect": "no_conflict",
            "partner": {"doc": "doc-b", "sentence_contains": "Beta earned 7 mln"},
        },
    ]
    (tmp_path / "planted.json").write_text(json.dumps({"plants": plants}), encoding="utf-8")
    earn_a = ("doc-a", sent_hash(_sentence(DOC_A, "unit earned")))
    earn_b = ("doc-b", sent_hash(_sentence(DOC_B, "Beta earned")))
    offer_a = ("doc-a", sent_hash(_sentence(DOC_A, "offered 10")))
    offer_b = ("doc-b", sent_hash(_sentence(DOC_B, "Acme offered")))
    gold = [
        {
            "cluster": "acme",
            "a": {"doc": earn_a[0], "sent_hash": earn_a[1]},
            "b": {"doc": earn_b[0], "sent_hash": earn_b[1]},
            "label": "no_conflict",
            "reason": "different_slot",
            "note": "two companies",
        },
        {
            "cluster": "acme",
            "a": {"doc": offer_a[0], "sent_hash": offer_a[1]},
            "b": {"doc": offer_b[0], "sent_hash": offer_b[1]},
            "label": "conflict",
            "reason": "same_fact_conflict",
            "note": "test row",
        },
    ]
    (tmp_path / "gold.jsonl").write_text("".join(json.dumps(r) + "\n" for r in gold), encoding="utf-8")
    return tmp_path


def _report(files: list[Path], pairs: list[tuple[str, str, float]]) -> dict:
    """A claimcheck-shaped report: one claim per substring, one contradiction per (sub_a, sub_b, conf)."""
    docs = [{"id": p.stem, "path": str(p)} for p in files]
    texts = {p.stem: p.read_text(encoding="utf-8") for p in files}
    claims, findings = [], []
    for n, (sub_a, sub_b, conf) in enumerate(pairs):
        ids = []
        for doc, sub in (("01_doc-a", sub_a), ("02_doc-b", sub_b)):
            start, end = _span(texts[doc], sub)
            cid = f"{doc}:{n}{len(ids)}"
            claims.append(
                {"id": cid, "doc_id": doc, "text": sub, "start": start, "end": end, "kind": "quantity"}
            )
            ids.append(cid)
        findings.append(
            {
                "id": f"C{n}",
                "verdict": "contradiction",
                "claim_ids": ids,
                "confidence": conf,
                "method": "quantity",
                "explanation": "x",
            }
        )
    claims.append(
        {"id": "extra", "doc_id": "01_doc-a", "text": "ACME BID", "start": 28, "end": 36, "kind": "event"}
    )
    findings.append({"id": "A1", "verdict": "agreement", "claim_ids": ["extra"], "confidence": 0.9})
    return {"documents": docs, "claims": claims, "findings": findings}


def fake_run(files: list[Path]) -> dict:
    cluster = files[0].parent.name
    if files[0].parent.parent.parent.name == "planted":
        return _report(files, [("offered 12 dlrs", "Acme offered 10 dlrs", 0.9)])
    if cluster == "acme":
        return _report(
            files, [("earned 5 mln", "earned 7 mln", 0.85), ("offered 10 dlrs", "offered 10 dlrs", 0.5)]
        )
    return _report(files, [("ACME BID", "ACME OFFER", 0.95)])


@pytest.mark.parametrize(
    ("text", "sub", "expected"),
    [
        ("Acme Corp. said it won. Beta lost.", "won", "Acme Corp. said it won."),
        ("The U.S. unit grew. Next one.", "grew", "The U.S. unit grew."),
        ("One.\nTwo three.\nFour.", "three", "Two three."),
        ('He said "yes." Then left.', "yes", 'He said "yes."'),
        ("Prices rose 3.5 pct. Volume fell.", "3.5", "Prices rose 3.5 pct."),
        ("Mr. Smith left. Ms. Jones stayed.", "Jones", "Ms. Jones stayed."),
    ],
)
def test_sentence_span(text: str, sub: str, expected: str) -> None:
    assert _sentence(text, sub) == expected


def test_span_over_two_sentences_gives_both() -> None:
    text = "First one. Second one. Third."
    assert _sentence(text, "one. Second") == "First one. Second one."
    assert sentence_starts(text) == [0, 11, 23]


def test_normalise_and_hash_are_stable() -> None:
    assert normalise("  Acme   OFFERED\n10 dlrs ") == "acme offered 10 dlrs"
    assert sent_hash("Acme offered 10") == sent_hash("acme  offered 10")
    assert len(sent_hash("x")) == 16


def test_metrics(bench: Path) -> None:
    m = evaluate_findings(bench, fake_run)
    dev, test, overall = m["dev"], m["test"], m["overall"]
    assert dev["n_findings"] == 2 and dev["n_labelled"] == 2
    assert dev["contradiction_precision"] == 0.5
    assert dev["n_claims"] == 5
    assert dev["false_alarms_per_100_claims"] == 20.0
    assert dev["precision_at_0.8"] == 0.0 and dev["n_findings_at_0.8"] == 1
    assert test["n_labelled"] == 0 and test["contradiction_precision"] is None
    assert test["n_unlabelled"] == 1 and overall["n_unlabelled"] == 1
    assert overall["n_findings"] == 3
    [row] = m["unlabelled"]
    assert row["cluster"] == "acme2" and {row["a"]["doc"], row["b"]["doc"]} == {"doc-a", "doc-b"}
    assert "ACME" in row["a"]["text"] and row["confidence"] == 0.95


def test_planted(bench: Path) -> None:
    m = evaluate_findings(bench, fake_run)
    dev = m["dev"]
    # The unedited cluster already paired these two sentences, so the hit says little about the edit.
    assert dev["planted_recall_by_type"]["number"] == {
        "n": 1,
        "caught": 1,
        "already_flagged": 1,
        "recall": 1.0,
    }
    assert dev["planted_recall"] == 1.0 and dev["planted_recall_new"] == 0.0
    assert [p["flagged_before"] for p in m["plants"]] == [True, True]
    assert dev["near_miss_by_type"]["near_miss_about"] == {
        "n": 1,
        "flagged": 0,
        "already_flagged": 0,
        "rate": 0.0,
    }
    assert dev["near_miss_false_flags"] == 0.0
    assert m["test"]["planted_recall"] is None
    assert [p["id"] for p in m["plants"]] == ["p1", "p2"]


def test_format_table(bench: Path) -> None:
    table = format_table(evaluate_findings(bench, fake_run))
    lines = table.splitlines()
    assert lines[0].split() == ["metric", "dev", "test", "overall"]
    rows = {line[:36].strip(): line[36:].split() for line in lines[2:]}
    assert rows["contradiction precision"] == ["0.500", "-", "0.500"]
    assert rows["recall number"] == ["1/1(1b)", "-", "1/1(1b)"]
    assert rows["flagged near_miss_about"] == ["0/1", "-", "0/1"]
    assert rows["unlabelled pairs"] == ["0", "1", "1"]


def test_empty_bench(tmp_path: Path) -> None:
    m = evaluate_findings(tmp_path, fake_run)
    assert m["overall"]["n_findings"] == 0 and m["unlabelled"] == []
    assert "contradiction precision" in format_table(m)


def test_dev_split_alone_runs_no_test_cluster_and_names_the_primary_metric(bench: Path) -> None:
    seen: list[str] = []

    def run(files: list[Path]) -> dict:
        seen.append(files[0].parent.parent.name)
        return fake_run(files)

    m = evaluate_findings(bench, run, ("dev",))
    assert set(seen) == {"dev"} and m["test"]["n_findings"] == 0
    assert m["primary_metric"] == "contradiction_precision" and m["dev"][m["primary_metric"]] == 0.5
