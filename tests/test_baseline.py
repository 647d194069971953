"""Baselines end to end: accept today's findings, then fail only on new ones, in every format;
stale entries are reported; a broken baseline file is an input error (exit 2, one line)."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.cli.app import app
from tests.conftest import copy_seeds, sentence_pairs

pytestmark = pytest.mark.usefixtures("memo_pipeline")
runner = CliRunner()

INJECTED = (
    "Envoys meet again on Ukraine\n\n"
    "Delegations from 22 nations convened in Paris this week to plan a security force for Ukraine.\n"
    "The 1999 East Timor peacekeeping mission, led by Australia, involved 12 nations.\n"
)
NEW_CONFLICT = "A later account says the 1999 East Timor peacekeeping mission involved 9 nations.\n"
UNRELATED = "The city museum opened a new wing on Tuesday, its director said.\n"


def check(corpus: Path, *extra: str, fmt: str = "json"):
    return runner.invoke(app, ["check", str(corpus), "--no-nli", "--format", fmt, *extra])


def one_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    return lines[0]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # The two seeds that report the Paris count and the East Timor mission keep the runs short.
    dest = tmp_path_factory.mktemp("baseline") / "corpus"
    return copy_seeds(dest, only=("000", "001"), **{"900_injected": INJECTED})


@pytest.fixture(scope="module")
def before(corpus: Path) -> dict:
    res = check(corpus)
    assert res.exit_code == 1, res.output
    return json.loads(res.stdout)


@pytest.fixture(scope="module")
def baseline(corpus: Path, before: dict) -> Path:
    path = corpus.parent / "ci" / "claimcheck-baseline.json"
    res = check(corpus, "--write-baseline", str(path))
    assert res.exit_code == 0, res.output  # what was just accepted does not fail this run
    assert all(f["baselined"] for f in json.loads(res.stdout)["findings"])
    return path


def test_written_baseline_lists_every_finding_for_humans_too(baseline: Path, before: dict) -> None:
    doc = json.loads(baseline.read_text(encoding="utf-8"))
    assert doc["version"] == 1
    ids = [e["id"] for e in doc["findings"]]
    assert ids == sorted(f["id"] for f in before["findings"])
    claims = {c["id"]: c for c in before["claims"]}
    for entry, finding in zip(
        doc["findings"], sorted(before["findings"], key=lambda f: f["id"]), strict=True
    ):
        assert entry["verdict"] == finding["verdict"]
        expected = [{"doc_id": claims[c]["doc_id"], "text": claims[c]["text"]} for c in finding["claim_ids"]]
        assert entry["claims"] == expected
    assert [p.name for p in baseline.parent.iterdir()] == [baseline.name]  # atomic: no temporary left


def test_rewriting_an_unchanged_baseline_changes_nothing(
    corpus: Path, baseline: Path, tmp_path: Path
) -> None:
    again = tmp_path / "again.json"
    assert check(corpus, "--write-baseline", str(again)).exit_code == 0
    assert again.read_bytes() == baseline.read_bytes()


def test_baselined_findings_pass_the_gate(corpus: Path, baseline: Path, before: dict) -> None:
    res = check(corpus, "--baseline", str(baseline))
    assert res.exit_code == 0, res.output
    report = json.loads(res.stdout)
    assert [f["id"] for f in report["findings"]] == [f["id"] for f in before["findings"]]
    assert all(f["baselined"] for f in report["findings"])
    assert res.stderr == ""


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "md", "sarif", "html", "table"])
def test_every_format_marks_baselined_findings(corpus: Path, baseline: Path, before: dict, fmt: str) -> None:
    res = check(corpus, "--baseline", str(baseline), fmt=fmt)
    assert res.exit_code == 0, res.output
    out = res.stdout
    ids = [f["id"] for f in before["findings"]]
    rows = len(sentence_pairs(before, "contradiction"))  # what the human formats list, one row each
    if fmt == "jsonl":
        assert [json.loads(line)["baselined"] for line in out.splitlines()] == [True] * len(ids)
    elif fmt == "csv":
        assert {row["baselined"] for row in csv.DictReader(io.StringIO(out))} == {"true"}
    elif fmt == "md":
        assert out.startswith("## claimcheck: no new contradictions") and "**new**" not in out
        assert out.count("| baselined |") == rows
    elif fmt == "sarif":
        results = json.loads(out)["runs"][0]["results"]
        assert results and {r["baselineState"] for r in results} == {"unchanged"}
    elif fmt == "html":
        cards = sum(f["verdict"] == "contradiction" for f in before["findings"])
        assert out.count('class="badge baselined"') == rows + cards  # overview rows + finding cards
        assert 'class="badge new"' not in out
    else:
        assert out.count("(baseline)") == rows and " new " not in out


def test_only_the_new_conflict_fails_the_build(
    tmp_path: Path, corpus: Path, baseline: Path, before: dict
) -> None:
    edited = tmp_path / "corpus"
    shutil.copytree(corpus, edited)
    (edited / "902_new.md").write_text(NEW_CONFLICT, encoding="utf-8")
    res = check(edited, "--baseline", str(baseline))
    assert res.exit_code == 1, res.output
    report = json.loads(res.stdout)
    doc_of = {c["id"]: c["doc_id"] for c in report["claims"]}
    new = [f for f in report["findings"] if not f["baselined"]]
    assert any(f["verdict"] == "contradiction" for f in new)
    assert all("902_new" in {doc_of[c] for c in f["claim_ids"]} for f in new)
    old = {f["id"] for f in report["findings"] if f["baselined"]}
    assert old == {f["id"] for f in before["findings"]}  # the accepted ones are still there, unchanged


def test_ids_survive_an_unrelated_document(
    tmp_path: Path, corpus: Path, baseline: Path, before: dict
) -> None:
    edited = tmp_path / "corpus"
    shutil.copytree(corpus, edited)
    (edited / "000_unrelated.md").write_text(UNRELATED, encoding="utf-8")  # sorts first: shifts positions
    res = check(edited, "--baseline", str(baseline))
    assert res.exit_code == 0, res.output
    assert res.stderr == ""  # nothing stale
    report = json.loads(res.stdout)
    assert [f["id"] for f in report["findings"]] == [f["id"] for f in before["findings"]]


def test_stale_entries_are_reported(tmp_path: Path, corpus: Path, baseline: Path, before: dict) -> None:
    fixed = tmp_path / "corpus"
    shutil.copytree(corpus, fixed)
    (fixed / "900_injected.md").unlink()  # the discrepancies were fixed
    res = check(fixed, "--baseline", str(baseline))
    assert res.exit_code == 0, res.output
    doc_of = {c["id"]: c["doc_id"] for c in before["claims"]}
    gone = sorted(
        f["id"] for f in before["findings"] if "900_injected" in {doc_of[c] for c in f["claim_ids"]}
    )
    assert gone
    warning = one_line(res.stderr)
    assert warning.startswith("claimcheck: warning: baseline") and "stale" in warning
    assert all(i in warning for i in gone)
    notes = json.loads(res.stdout)["notes"]
    assert any("stale" in n and all(i in n for i in gone) for n in notes)
    md = check(fixed, "--baseline", str(baseline), fmt="md").stdout
    assert "stale" in md and gone[0] in md


@pytest.mark.parametrize(
    "content, needle",
    [
        (None, "baseline file not found"),
        ("{not json", "not valid JSON"),
        ('{"version": 2, "findings": []}', "version 1"),
        ('{"version": 1, "findings": [{"verdict": "contradiction"}]}', 'string "id"'),
        ("[]", "version 1"),
        (b"\xff\xfe", "cannot read baseline"),
    ],
)
def test_a_broken_baseline_is_an_input_error(tmp_path: Path, content, needle: str) -> None:
    path = tmp_path / "baseline.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    (tmp_path / "doc.txt").write_text(UNRELATED, encoding="utf-8")
    res = check(tmp_path / "doc.txt", "--baseline", str(path))
    assert res.exit_code == 2 and "Traceback" not in res.output
    assert needle in one_line(res.stderr)


def test_a_deeply_nested_baseline_is_an_input_error(tmp_path: Path) -> None:
    """Issue 12: json.loads raised RecursionError, a traceback and exit 1."""
    path = tmp_path / "baseline.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (tmp_path / "doc.txt").write_text(UNRELATED, encoding="utf-8")
    res = check(tmp_path / "doc.txt", "--baseline", str(path))
    assert res.exit_code == 2 and "Traceback" not in res.output
    assert "nested too deeply" in one_line(res.stderr)


@pytest.mark.parametrize("where", ["folder", "under-a-file"])
def test_a_failed_run_leaves_the_baseline_as_it_was(
    corpus: Path, baseline: Path, tmp_path: Path, where
) -> None:
    """Issue 12: with --output a folder, the run failed after it had replaced the baseline."""
    old = baseline.read_bytes()
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    output = tmp_path if where == "folder" else tmp_path / "a-file" / "report.json"
    res = check(corpus, "--write-baseline", str(baseline), "--output", str(output))
    assert res.exit_code == 2 and "Traceback" not in res.output
    one_line(res.stderr)
    assert baseline.read_bytes() == old


def test_the_report_is_written_before_the_baseline(
    corpus: Path, baseline: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A kill between the two renames leaves a new report beside the old baseline, never a new
    baseline (accepting findings) beside an old report that never showed them."""
    from claimcheck.infra import atomic

    old = baseline.read_bytes()
    report = tmp_path / "report.json"
    real = atomic.atomic_write_text

    def killed_at_the_baseline(path, text, *args):
        if Path(path) == baseline:
            raise KeyboardInterrupt  # what a SIGINT between the two renames looks like
        real(path, text, *args)

    monkeypatch.setattr(atomic, "atomic_write_text", killed_at_the_baseline)
    res = check(corpus, "--write-baseline", str(baseline), "--output", str(report))
    assert res.exit_code == 130 and res.stderr.strip() == "claimcheck: interrupted"
    assert baseline.read_bytes() == old and json.loads(report.read_text(encoding="utf-8"))["findings"]
