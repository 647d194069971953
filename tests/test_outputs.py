"""Writing outputs: atomic, no temp file left by a killed run, and `extract` in every format
through the same writer as `check` (issue 12)."""

from __future__ import annotations

import csv
import io
import json
import os
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.cli.app import app
from claimcheck.infra.atomic import atomic_write_text

TEXT = (
    "Officials from 35 nations convened in Paris on Monday to discuss a security force.\n"
    '=HYPERLINK("http://x") said 40 people were there on 3 March 2024.\n'
)


def test_a_temp_file_left_by_a_killed_run_is_removed_by_the_next_write(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    stale, fresh = tmp_path / ".report.json.k1ll3d.tmp", tmp_path / ".report.json.wr1t1ng.tmp"
    for tmp in (stale, fresh):
        tmp.write_text("half", encoding="utf-8")
    an_hour_ago = time.time() - 3601
    os.utime(stale, (an_hour_ago, an_hour_ago))
    other = tmp_path / ".notes.md.x.tmp"  # another file's temporary: not ours to touch
    other.write_text("x", encoding="utf-8")
    os.utime(other, (an_hour_ago, an_hour_ago))
    atomic_write_text(target, "new\n")
    assert target.read_text(encoding="utf-8") == "new\n"
    assert not stale.exists() and fresh.exists() and other.exists()  # a run still writing keeps its own


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("extract")
    (root / "a.md").write_text(TEXT, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def outputs(corpus: Path) -> dict[str, str]:
    out = {}
    for fmt in ("table", "json", "jsonl", "csv"):
        path = corpus.parent / f"claims.{fmt}"
        res = CliRunner().invoke(app, ["extract", str(corpus), "--format", fmt, "--output", str(path)])
        assert res.exit_code == 0 and res.stdout == "", res.output
        out[fmt] = path.read_text(encoding="utf-8")
    return out


def test_extract_json_and_jsonl_carry_the_same_claims(outputs: dict[str, str]) -> None:
    doc = json.loads(outputs["json"])
    lines = [json.loads(line) for line in outputs["jsonl"].splitlines()]
    assert [d["id"] for d in doc["documents"]] == ["a"]
    assert doc["claims"] == lines and {c["kind"] for c in lines} >= {"quantity", "date"}


def test_extract_csv_has_a_row_per_claim_and_no_formula_cells(outputs: dict[str, str]) -> None:
    rows = list(csv.DictReader(io.StringIO(outputs["csv"])))
    assert len(rows) == len(outputs["jsonl"].splitlines())
    assert all(not v.startswith(("=", "+", "-", "@")) for r in rows for v in r.values())
    assert any(r["text"].startswith("'=HYPERLINK") for r in rows)


def test_extract_table_names_every_claim(outputs: dict[str, str]) -> None:
    for claim in map(json.loads, outputs["jsonl"].splitlines()):
        assert claim["id"] in outputs["table"]


def test_extract_output_to_a_folder_is_exit_2(corpus: Path) -> None:
    res = CliRunner().invoke(app, ["extract", str(corpus), "--output", str(corpus)])
    assert res.exit_code == 2 and res.stderr.strip() == f"error: is a folder, not a file: {corpus}"
