"""The seed corpus end to end, the way a user meets it: copy the seeds, add a document
that restates some facts with other numbers, and expect exactly those conflicts."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.cli.app import app

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
runner = CliRunner()


def run_check(*paths: Path, extra: tuple[str, ...] = ()) -> tuple[int, dict]:
    res = runner.invoke(app, ["check", *map(str, paths), "--format", "json", "--no-nli", *extra])
    assert res.exit_code in (0, 1), res.output
    return res.exit_code, json.loads(res.stdout)


@pytest.fixture(scope="module")
def seeds_report() -> dict:
    code, report = run_check(SEEDS)
    assert code == 0
    return report


def claims_of(report: dict, finding: dict) -> list[dict]:
    by_id = {c["id"]: c for c in report["claims"]}
    return [by_id[i] for i in finding["claim_ids"]]


def test_seeds_have_no_contradictions(seeds_report: dict) -> None:
    assert [f for f in seeds_report["findings"] if f["verdict"] == "contradiction"] == []


def test_over_30_and_35_nations_agree(seeds_report: dict) -> None:
    agreeing = [
        {c["quantity"]["text"] for c in claims_of(seeds_report, f)}
        for f in seeds_report["findings"]
        if f["verdict"] == "agreement" and f["method"] == "quantity"
    ]
    assert any({"over 30", "35"} <= texts for texts in agreeing), agreeing


def test_other_slots_are_not_paired_with_the_paris_count(seeds_report: dict) -> None:
    for f in seeds_report["findings"]:
        texts = " | ".join(c["text"] for c in claims_of(seeds_report, f))
        for other_slot in ("27 heads of state", "15 countries", "involved 20 nations", "20 percent"):
            assert other_slot not in texts, f


def test_offsets_point_at_the_evidence(seeds_report: dict) -> None:
    texts = {d["id"]: Path(d["path"]).read_text(encoding="utf-8") for d in seeds_report["documents"]}
    assert len(seeds_report["claims"]) > 50
    for c in seeds_report["claims"]:
        span = texts[c["doc_id"]][c["start"] : c["end"]]
        assert span.strip() and (c["kind"] != "quantity" or c["quantity"]["text"] in span), c


INJECTED = """Envoys meet again on Ukraine

Delegations from 22 nations convened in Paris this week to plan a security force for Ukraine.
The 1999 East Timor peacekeeping mission, led by Australia, involved 12 nations.
Security advisers from 15 countries met in Kyiv to prepare the talks.
"""


def test_injected_conflicts_are_exactly_reported(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    (corpus / "900_injected.md").write_text(INJECTED, encoding="utf-8")
    code, report = run_check(corpus)
    assert code == 1
    conflicts = [f for f in report["findings"] if f["verdict"] == "contradiction"]
    pairs = set()
    for f in conflicts:
        claims = claims_of(report, f)
        new = [c for c in claims if c["doc_id"] == "900_injected"]
        old = [c for c in claims if c["doc_id"] != "900_injected"]
        assert len(new) == 1 and len(old) == 1, f  # every conflict involves the new document
        pairs.add((new[0]["quantity"]["text"], old[0]["quantity"]["text"]))
    assert ("22", "over 30") in pairs and ("22", "35") in pairs
    assert ("12", "20") in pairs
    assert all(new in ("22", "12") for new, _ in pairs), pairs  # Kyiv's 15 agrees with Kyiv's 15


def test_finding_ids_are_stable_when_an_unrelated_document_is_added(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    (corpus / "900_injected.md").write_text(INJECTED, encoding="utf-8")
    _, before = run_check(corpus)
    (corpus / "901_unrelated.txt").write_text("The museum opened a new wing on Tuesday.\n", encoding="utf-8")
    _, after = run_check(corpus)
    assert {f["id"] for f in before["findings"]} == {f["id"] for f in after["findings"]}
    _, again = run_check(corpus)
    assert after == again  # deterministic


INAUGURATION = """Trump sworn in later this month

Donald Trump is due to take office on January 25th, aides said.
"""


def test_a_day_without_a_year_conflicts_with_the_seeds_january_20th(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    (corpus / "902_inauguration.md").write_text(INAUGURATION, encoding="utf-8")
    code, report = run_check(corpus)
    assert code == 1
    dates = {
        frozenset(c["date"]["text"] for c in claims_of(report, f))
        for f in report["findings"]
        if f["verdict"] == "contradiction" and f["method"] == "date"
    }
    assert frozenset({"January 20th", "January 25th"}) in dates, dates


def test_doc_date_must_be_a_date(tmp_path: Path) -> None:
    res = runner.invoke(app, ["check", str(SEEDS), "--no-nli", "--doc-date", "20 Jan"])
    assert res.exit_code == 2
    assert "--doc-date must be YYYY-MM-DD" in res.output and "Traceback" not in res.output


def test_doc_date_anchors_relative_dates(tmp_path: Path) -> None:
    _, report = run_check(SEEDS, extra=("--doc-date", "2025-01-08"))
    monday = [c for c in report["claims"] if c["kind"] == "date" and c["date"]["text"] == "Monday"]
    assert monday and all(c["frame"] is not None for c in monday)
    inauguration = next(
        c for c in report["claims"] if c["kind"] == "date" and "January 20th" in c["date"]["text"]
    )
    assert inauguration["date"]["low"] == date(2025, 1, 20).toordinal()
