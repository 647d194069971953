"""`claimcheck bench` and what it stands on: the naive reference, the index, the corpus, the fit.

No timed asserts: speed targets live in the bench output (eval/RESULTS.md), not here. These
tests check that the numbers the bench prints mean what they say.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import sys
import time
from itertools import combinations
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from claimcheck.align import slots as align_mod
from claimcheck.align.slots import align, block_key, slot_pair
from claimcheck.cli.app import app
from claimcheck.core.settings import AlignSettings
from claimcheck.core.types import Claim, Document, Interval, Quantity
from claimcheck.evaluation import bench as b
from claimcheck.pipeline import Pipeline
from claimcheck.verify.nli import LABELS
from tests.conftest import copy_seeds

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "eval"))  # the news corpus is dev code
import bench_corpus  # noqa: E402

runner = CliRunner()
PROJECT = Path(__file__).resolve().parent.parent
SECTIONS = ("business", "sport")


def fake_news(root: Path, per_section: int = 6) -> Path:
    """A data folder holding a small BBC-format news file: two stories per section."""
    rows = []
    for s in SECTIONS:
        for i in range(per_section):
            story = ("harbour", "railway")[i % 2]
            rows.append(
                {
                    "id": f"bbc-{s}-{i:03d}",
                    "title": f"{story.capitalize()} talks open in Paris",
                    "text": f"Officials from {20 + i} nations met in Paris on the {story} plan for {s}.\n"
                    f"The {story} meeting began on 3 March 2005 and lasted {2 + i} days.",
                    "source": f"bbc_news_2004_2005/{s}",
                }
            )
    path = root / bench_corpus.BBC_FILE
    path.parent.mkdir(parents=True)
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write("".join(json.dumps(r) + "\n" for r in rows))
    return root


class CountingNLI:
    """An NLIModel that records every pair it is asked about and answers 'neutral'."""

    model_id = "counting"

    def __init__(self) -> None:
        self.seen: list[tuple[str, str]] = []

    def predict(self, pairs, batch_size: int = 64) -> np.ndarray:
        self.seen += list(pairs)
        out = np.zeros((len(pairs), len(LABELS)))
        out[:, LABELS.index("neutral")] = 1.0
        return out


# ---------------------------------------------------------------- pure logic


@settings(max_examples=60, deadline=None)
@given(
    k=st.floats(0.3, 2.5),
    c=st.floats(1e-3, 1e3),
    sizes=st.lists(st.integers(10, 10**6), min_size=2, max_size=6, unique=True),
)
def test_fit_exponent_recovers_a_power_law(k: float, c: float, sizes: list[int]) -> None:
    assert b.fit_exponent(sizes, [c * s**k for s in sizes]) == pytest.approx(k, abs=1e-6)


def test_fit_exponent_needs_two_sizes() -> None:
    with pytest.raises(ValueError):
        b.fit_exponent([10, 10], [1.0, 2.0])


def test_findings_agreement_counts_naive_contradictions_found_as_shipped() -> None:
    from claimcheck.core.types import Finding

    def f(fid: str, verdict: str = "contradiction") -> Finding:
        return Finding(fid, verdict, ("a", "b"), 0.9, "quantity", "")

    naive = [f("C-1"), f("C-2"), f("C-3"), f("C-4"), f("A-1", "agreement")]
    shipped = [f("C-1"), f("C-2"), f("C-3"), f("C-9")]
    assert b.findings_agreement(naive, shipped) == 0.75
    assert b.findings_agreement([f("A-1", "agreement")], shipped) is None


def test_nested_corpora_are_prefixes_of_distinct_documents(tmp_path: Path) -> None:
    news = bench_corpus.news_documents(fake_news(tmp_path))
    corpora = b.nested_corpora(news, (1, 2, 4))
    assert [len(corpora[k]) for k in (1, 2, 4)] == [3, 6, 12]
    for docs in corpora.values():
        assert len({d.id for d in docs}) == len(docs)
        assert len({d.text for d in docs}) == len(docs)
    assert corpora[4][:6] == corpora[2] and corpora[4] == news
    with pytest.raises(b.InputError, match="too few"):
        b.nested_corpora(news[:3], (1, 4))


def test_stories_group_articles_of_one_story_and_section(tmp_path: Path) -> None:
    stories = bench_corpus.story_order(bench_corpus.read_bbc(fake_news(tmp_path)), size=3)
    everything = bench_corpus.read_bbc(tmp_path)
    assert sorted(a["id"] for s in stories for a in s) == sorted(a["id"] for a in everything)
    first = stories[0]
    assert len(first) == 3
    assert len({a["source"] for a in first}) == 1
    assert len({a["title"] for a in first}) == 1  # the harbour story, not the railway one
    assert stories == bench_corpus.story_order(everything, size=3)


def test_peak_memory_sees_native_allocations() -> None:
    with b.PeakMemory() as before:
        pass
    with b.PeakMemory() as during:
        block = np.ones(64 * 2**20, dtype=np.uint8)  # 64 MiB outside Python's allocator
        block[::4096] = 2
        time.sleep(0.1)  # alive for ten sampling periods: a loaded CI machine may skip a few
        del block
    assert during.peak_mib >= before.peak_mib + 48


# ---------------------------------------------------------------- the index vs all pairs


def _claims(n_docs: int, per_doc: int = 6) -> list[Claim]:
    """Distinct documents whose quantity claims all count one unit: the worst case for blocking."""
    out = []
    for d in range(n_docs):
        for k in range(per_doc):
            v = float(d * per_doc + k)
            q = Quantity(v, Interval.point(v), "country", None, str(int(v)))
            out.append(Claim(f"d{d:04d}:{k}", f"d{d:04d}", 0, 1, f"doc {d} claim {k}", "quantity", q))
    return out


def _vectors(texts: list[str]) -> np.ndarray:
    """Deterministic unit vectors, all alike (cosine > 0.9): every pair passes the similarity floor."""
    rows = []
    for t in texts:
        seed = int(hashlib.sha1(t.encode()).hexdigest()[:8], 16)
        v = np.random.default_rng(seed).normal(size=16) * 0.1 + 1.0
        rows.append(v / np.linalg.norm(v))
    return np.asarray(rows, dtype=np.float32).reshape(len(texts), 16)


def test_candidate_pairs_grow_linearly_while_all_pairs_grow_quadratically(monkeypatch) -> None:
    monkeypatch.setattr(align_mod, "embed", _vectors)
    sizes, indexed, exhaustive = [40, 80, 160, 320], [], []
    for n in sizes:
        claims = _claims(n)
        indexed.append(len(align(claims)))
        exhaustive.append(len(b.cross_source_pairs(claims)))
    assert b.fit_exponent(sizes, exhaustive) > 1.9
    assert b.fit_exponent(sizes, indexed) < 1.15
    assert (
        max(p / (n * 6) for p, n in zip(indexed, sizes, strict=True)) <= AlignSettings().interval_neighbours
    )


def test_slot_rule_is_the_aligners(monkeypatch) -> None:
    """Every indexed pair is one the exhaustive slot rule accepts, with the same similarity."""
    monkeypatch.setattr(align_mod, "embed", _vectors)
    claims = _claims(12)
    vec = _vectors([align_mod.mask_numbers(c.text) for c in claims])
    pos = {c.id: i for i, c in enumerate(claims)}
    for p in align(claims):
        ref = slot_pair(p.a, p.b, float(vec[pos[p.a.id]] @ vec[pos[p.b.id]]), block_key(p.a), AlignSettings())
        assert ref == p


def test_exhaustive_slot_pairs_is_the_slot_rule_on_every_cross_source_pair() -> None:
    """The numpy pre-filter drops no pair the slot rule would accept (context bonus included)."""
    from dataclasses import replace

    rng = np.random.default_rng(7)
    claims = [
        replace(c, places=("Paris",) if k % 3 == 0 else (), years=(2005,) if k % 4 == 0 else ())
        for k, c in enumerate(_claims(10, per_doc=5))
    ]
    vectors = rng.normal(size=(len(claims), 6)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    config = AlignSettings()
    brute = [
        p
        for i, j in b.cross_source_pairs(claims)
        if (p := slot_pair(claims[i], claims[j], float(vectors[i] @ vectors[j]), "unit:country", config))
    ]
    got = b.exhaustive_slot_pairs(claims, vectors, config)
    assert 0 < len(got) < len(b.cross_source_pairs(claims))
    assert got == sorted(brute, key=lambda p: (p.a.id, p.b.id))
    assert any("similarity" in p.reason and p.a.places and p.b.places for p in got)  # bonus cases present


# ---------------------------------------------------------------- the naive run


@pytest.fixture(scope="module")
def three_docs() -> list[Document]:
    texts = [
        "Officials from 35 nations met in Paris on Monday. The talks were chaired by France.",
        "More than 30 countries sent delegates to Paris. The United Kingdom pledged troops.",
        "Twenty-two nations attended the Paris meeting. Germany did not send a minister.",
    ]
    return [Document(f"doc{i}", f"doc{i}.txt", t) for i, t in enumerate(texts)]


def test_naive_scores_every_cross_source_pair_in_both_directions(three_docs: list[Document]) -> None:
    nli = CountingNLI()
    naive = b.naive_check(three_docs, Pipeline(nli=nli))
    claims = naive.result.claims
    cross = [(a, c) for a, c in combinations(claims, 2) if a.doc_id != c.doc_id]
    assert len({c.doc_id for c in claims}) == 3
    assert naive.scored == len(cross) > 0
    asked = set(nli.seen)
    for a, c in cross:
        assert (a.text, c.text) in asked and (c.text, a.text) in asked
    assert len(nli.seen) == 2 * len(cross)
    assert naive.flood == 0  # the model said neutral to everything


def test_naive_finds_the_quantity_conflict_by_arithmetic(three_docs: list[Document]) -> None:
    naive = b.naive_check(three_docs, Pipeline(nli=CountingNLI()))
    conflicts = [f for f in naive.result.findings if f.verdict == "contradiction"]
    assert conflicts and all(f.method == "quantity" for f in conflicts)
    assert any("22" in f.explanation or "Twenty-two" in f.explanation for f in conflicts)


# ---------------------------------------------------------------- the command


@pytest.fixture(scope="module")
def bench_json(tmp_path_factory: pytest.TempPathFactory, tiny_nli_dir: Path) -> dict:
    tmp = tmp_path_factory.mktemp("bench")
    corpus = copy_seeds(tmp / "corpus", only=("000", "001", "002"))
    for d in bench_corpus.news_documents(fake_news(tmp / "data"))[:3]:  # 6 documents: 3 per scale
        (corpus / f"news_{d.id}.txt").write_text(d.text, encoding="utf-8")
    out = tmp / "bench.json"
    res = runner.invoke(
        app,
        [
            "bench",
            str(corpus),
            "--naive-docs",
            "2",
            "--scales",
            "1,2",
            "--nli-model",
            str(tiny_nli_dir),
            "--format",
            "json",
            "--output",
            str(out),
        ],
    )
    assert res.exit_code == 0, res.output
    report = json.loads(res.stdout)
    assert json.loads(out.read_text()) == report
    return report


def test_bench_json_has_the_contract_keys(bench_json: dict) -> None:
    assert bench_json["speedup_vs_naive"] > 0
    assert isinstance(bench_json["scaling_exponent"], float)
    agreement = bench_json["findings_agreement"]
    assert agreement is None or 0.0 <= agreement <= 1.0
    assert "+" not in bench_json["models"]["naive"]  # the naive run is fp32
    assert bench_json["models"]["shipped"] != bench_json["models"]["naive"]


def test_bench_runs_are_sane(bench_json: dict) -> None:
    naive, shipped = bench_json["naive"], bench_json["shipped"]
    assert naive["docs"] == shipped["docs"] == 2
    assert naive["claims"] == shipped["claims"] > 0
    assert naive["pairs_checked"] == naive["nli_pairs"] >= shipped["pairs_checked"] > 0
    assert set(shipped["stages"]) == {"extract", "align", "check"}
    scales = bench_json["scaling"]
    assert [r["scale"] for r in scales] == [1, 2]
    assert scales[1]["docs"] == 2 * scales[0]["docs"] == 6
    assert scales[1]["chars"] > scales[0]["chars"]
    for r in [naive, shipped, *scales]:
        assert r["seconds"] > 0 and r["peak_rss_mib"] > 0
        assert sum(n for v in r["by_method"].values() for n in v.values()) == r["findings"]
    recall = bench_json["index_recall"]
    assert recall["scale"] == 2
    assert 0 <= recall["slot_pairs_found"] <= recall["slot_pairs_exhaustive"]
    assert recall["slot_pairs_exhaustive"] >= scales[1]["pairs_checked"]  # the index finds a subset
    warm = bench_json["warm_cache"]
    assert warm["pairs_checked"] == scales[0]["pairs_checked"]
    assert warm["findings"] == scales[0]["findings"]


def test_bench_table_and_markdown_name_the_targets(bench_json: dict) -> None:
    from bench_pipeline import render_markdown

    for text in (b.render_table(bench_json), render_markdown(bench_json)):
        assert "speedup_vs_naive" in text and "scaling_exponent" in text and "findings_agreement" in text


@pytest.mark.parametrize(
    "args, why",
    [
        (["bench", "/no/such/folder"], "no such file or folder"),
        (["bench", "empty"], "no .txt or .md files"),
        (["bench"], "bench needs a corpus"),
        (["bench", ".", "--scales", "1,x"], "--scales"),
        (["bench", ".", "--scales", "0"], "--scales"),
        (["bench", "small/one.txt", "--scales", "1,4"], "too few"),
    ],
)
def test_bench_bad_input_is_one_line_and_exit_2(args: list[str], why: str, monkeypatch, tmp_path) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty").mkdir()
    (tmp_path / "small").mkdir()
    (tmp_path / "small" / "one.txt").write_text("Officials from 35 nations met in Paris.", encoding="utf-8")
    res = runner.invoke(app, args)
    assert res.exit_code == 2
    assert why in res.stderr and len(res.stderr.strip().splitlines()) == 1


def test_results_section_survives_a_rewrite_and_replaces_itself(bench_json: dict, tmp_path: Path) -> None:
    """eval/bench_pipeline.py's section: appended once, replaced in place, rendered from the JSON."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_pipeline", PROJECT / "eval" / "bench_pipeline.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    runs = tmp_path / "bench_pipeline.json"
    assert mod.section(runs) == ""
    runs.write_text(json.dumps({"bench": bench_json}), encoding="utf-8")
    part = mod.section(runs)
    assert part.startswith(mod.BEGIN) and part.rstrip().endswith(mod.END) and "speedup_vs_naive" in part
    page = mod.merge("# NLI evaluation results\n\nnumbers\n", part)
    assert page.count(mod.BEGIN) == 1 and page.startswith("# NLI evaluation results\n\nnumbers\n")
    again = mod.merge(page + "\n## After\n", part.replace("speedup_vs_naive", "SPEEDUP"))
    assert again.count(mod.BEGIN) == 1 and "SPEEDUP" in again and again.rstrip().endswith("## After")
