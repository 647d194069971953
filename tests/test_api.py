"""The notebook API: the same report as the CLI, typed DataFrames, raw texts beside paths."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import claimcheck
from claimcheck.api import documents_from
from claimcheck.cli.app import app
from tests.conftest import copy_seeds


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_seeds(tmp_path_factory.mktemp("api") / "seeds", only=("000", "001"))


@pytest.fixture(scope="module")
def result(corpus: Path, tiny_nli_dir: Path, tmp_path_factory: pytest.TempPathFactory):
    return claimcheck.check(corpus, nli_model=tiny_nli_dir, cache_dir=tmp_path_factory.mktemp("cache"))


def test_to_json_is_the_cli_json_report(result, corpus: Path, tiny_nli_dir: Path) -> None:
    out = CliRunner().invoke(
        app, ["check", str(corpus), "--format", "json", "--fail-on", "none", "--nli-model", str(tiny_nli_dir)]
    )
    assert out.exit_code == 0, out.output
    assert result.to_json() == out.stdout
    assert result.findings.finding_id.tolist() == [f["id"] for f in result.to_dict()["findings"]]


def test_claims_frame_is_typed_and_its_spans_index_the_documents(result) -> None:
    claims = result.claims
    assert len(claims) == len(result.raw.claims) > 0
    assert str(claims.start.dtype) == "int64" and str(claims.kind.dtype) == "category"
    assert str(claims.value.dtype) == "float64" and str(claims.hedged.dtype) == "bool"
    texts = {d.id: d.text for d in result.raw.documents}
    sentence_claims = claims[claims.kind != "other"]
    assert len(sentence_claims) > 0
    for r in sentence_claims.itertuples():
        assert texts[r.doc_id][r.start : r.end] == r.text
    quantities = claims[claims.kind == "quantity"]
    assert quantities.unit.notna().all() and claims[claims.kind == "other"].unit.isna().all()


def test_findings_and_pairs_frames_name_sources_spans_and_verdicts(result) -> None:
    findings, pairs = result.findings, result.pairs
    assert len(findings) == len(result.raw.findings) > 0
    for f in findings.itertuples():
        a, b = result.raw.claim(f.claim_a), result.raw.claim(f.claim_b)
        assert (f.doc_a, f.start_a, f.end_a, f.doc_b, f.start_b) == (
            a.doc_id,
            a.start,
            a.end,
            b.doc_id,
            b.start,
        )
    assert set(findings.verdict.astype(str)) <= {"agreement", "contradiction"}
    assert len(pairs) == len(result.raw.pairs)
    checked = pairs.dropna(subset=["verdict"])
    assert len(checked) == len(result.raw.verdicts) and set(checked.method.astype(str)) <= {
        "quantity",
        "date",
        "nli",
        "structure",
    }


def test_raw_texts_and_named_texts(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("Thirty nations met in Paris on Monday.", encoding="utf-8")
    docs = documents_from([tmp_path / "a.md", "Twenty nations met in Paris on Monday.", "Second text here."])
    assert [d.id for d in docs] == ["a", "text-0", "text-1"]
    assert docs[1].text == "Twenty nations met in Paris on Monday."
    named = documents_from({"bbc": "One.", "reuters": "Two."})
    assert [(d.id, d.text) for d in named] == [("bbc", "One."), ("reuters", "Two.")]
    long_text = "word " * 2000  # never mistaken for a path, however long
    assert documents_from(long_text)[0].id == "text-0"
    r = claimcheck.check(
        {
            "a": "Military representatives from 22 nations met in Paris on Monday.",
            "b": "Military representatives from 35 nations met in Paris on Monday.",
        },
        no_nli=True,
    )
    # the count conflicts; the undated "on Monday" of both agrees
    assert sorted(r.findings.verdict.astype(str).tolist()) == ["agreement", "contradiction"]
    assert {r.findings.doc_a[0], r.findings.doc_b[0]} == {"a", "b"}


def test_import_claimcheck_stays_light() -> None:
    code = "import sys, claimcheck; assert not {'pandas', 'torch', 'spacy'} & set(sys.modules)"
    subprocess.run([sys.executable, "-c", code], check=True)
    assert callable(claimcheck.check) and claimcheck.check.__module__ == "claimcheck"
