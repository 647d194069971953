"""Fit the contradiction-confidence calibration on the dev clusters of eval/newsclusters.

Runs the shipped pipeline (uncalibrated) on every dev cluster and every dev planted copy, joins
each contradiction to a label, fits a logistic regression on claimcheck.verify.confidence.FEATURES,
writes claimcheck/verify/data/findings_calibration.json and prints reliability per confidence bin,
both leave-one-cluster-out (the honest figure: each cluster scored by a fit that never saw it) and
in-sample. One command; re-run it whenever extraction, alignment or the checks change the findings:

    python eval/newsclusters/build.py --data ../shared/data/news      # once
    python eval/fit_findings_calibration.py eval/newsclusters/build

Labels: a contradiction on an original cluster takes the gold label of its sentence pair
(gold.jsonl; unlabelled pairs are skipped and counted). In a planted copy only the contradictions
that pair a plant's edited sentence with its partner sentence are used (conflict plants are
positives, near-miss plants negatives); its other findings repeat the original cluster's.
Test clusters are never run.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from claimcheck.core.types import Verdict
from claimcheck.evaluation.findings import (
    article_id,
    load_gold,
    pair_key,
    planted_copy_name,
    sent_hash,
    sentence_span,
    sentence_starts,
)
from claimcheck.infra.load import load_corpus
from claimcheck.pipeline import Pipeline
from claimcheck.verify.confidence import FEATURES, FindingCalibration, features, shipped_path
from claimcheck.verify.findings import to_findings
from claimcheck.verify.rules import check_pairs

BINS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0001)


def contradictions(pipeline: Pipeline, files: list[Path]) -> tuple[list[Verdict], dict]:
    """The uncalibrated contradiction verdicts that became findings, and the documents' texts by id."""
    docs = load_corpus(files)
    claims = pipeline.extract(docs)
    verdicts = check_pairs(pipeline.align(claims), pipeline.nli, pipeline.settings, calibrated=False)
    kept = {f.id: f for f in to_findings(verdicts) if f.verdict == "contradiction"}
    by_claims = {f.claim_ids: f for f in kept.values()}
    chosen = []
    for v in verdicts:
        ids = tuple(sorted((v.pair.a.id, v.pair.b.id)))
        f = by_claims.get(ids)
        if v.label == "contradiction" and f is not None and f.method == v.method:
            chosen.append(v)
            del by_claims[ids]
    return chosen, {d.id: (article_id(d.path), d.text, sentence_starts(d.text)) for d in docs}


def side(texts: dict, claim) -> tuple[str, str, int, int]:
    """(article id, sent_hash, start, end) of the sentence(s) holding a claim, as the scorer keys them."""
    article, text, starts = texts[claim.doc_id]
    lo, hi = sentence_span(text, claim.start, claim.end, starts)
    return article, sent_hash(text[lo:hi]), lo, hi


def plant_span(texts: dict, article: str, anchor: str) -> tuple[int, int] | None:
    for art, text, starts in texts.values():
        if art == article and anchor in text:
            at = text.find(anchor)
            return sentence_span(text, at, at + len(anchor), starts)
    return None


def collect(bench: Path, pipeline: Pipeline) -> tuple[list[dict], dict]:
    gold = load_gold(bench / "gold.jsonl")
    plants = json.loads((bench / "planted.json").read_text(encoding="utf-8"))["plants"]
    rows, counts = [], defaultdict(int)
    for folder in sorted(p for p in (bench / "dev").glob("*") if p.is_dir()):
        verdicts, texts = contradictions(pipeline, sorted(folder.glob("*.txt")))
        for v in verdicts:
            a, b = side(texts, v.pair.a), side(texts, v.pair.b)
            row = gold.get(pair_key(a[:2], b[:2]))
            if row is None:
                counts["unlabelled"] += 1
                continue
            rows.append({"cluster": folder.name, "y": int(row["label"] == "conflict"), "x": features(v)})
    copies = defaultdict(list)
    for plant in plants:
        copies[planted_copy_name(plant)].append(plant)
    for folder in sorted(p for p in (bench / "planted" / "dev").glob("*") if p.is_dir()):
        verdicts, texts = contradictions(pipeline, sorted(folder.glob("*.txt")))
        for plant in copies.get(folder.name, []):
            edited = plant_span(texts, plant["doc"], plant["replace"])
            partner = plant_span(texts, plant["partner"]["doc"], plant["partner"]["sentence_contains"])
            for v in verdicts:
                sides = [side(texts, v.pair.a), side(texts, v.pair.b)]
                hit = any(
                    s[0] == plant["doc"]
                    and _overlaps(s[2:], edited)
                    and o[0] == plant["partner"]["doc"]
                    and _overlaps(o[2:], partner)
                    for s, o in (sides, sides[::-1])
                )
                if hit:
                    cluster = folder.name.split("__")[0]
                    rows.append(
                        {"cluster": cluster, "y": int(plant["expect"] == "conflict"), "x": features(v)}
                    )
                    counts["planted"] += 1
    return rows, dict(counts)


def _overlaps(span: tuple[int, int], other: tuple[int, int] | None) -> bool:
    return other is not None and span[0] < other[1] and other[0] < span[1]


def fit(rows: list[dict]) -> FindingCalibration:
    x = np.array([[r["x"][f] for f in FEATURES] for r in rows], dtype=np.float64)
    y = np.array([r["y"] for r in rows])
    mean = x.mean(axis=0)
    scale = np.where(x.std(axis=0) > 1e-9, x.std(axis=0), 1.0)
    model = LogisticRegression(C=1.0, max_iter=1000).fit((x - mean) / scale, y)
    return FindingCalibration(
        FEATURES,
        tuple(round(float(v), 6) for v in mean),
        tuple(round(float(v), 6) for v in scale),
        tuple(round(float(v), 6) for v in model.coef_[0]),
        round(float(model.intercept_[0]), 6),
    )


def reliability(scores: list[float], labels: list[int]) -> list[str]:
    lines = []
    for lo, hi in zip(BINS, BINS[1:], strict=False):
        inside = [y for s, y in zip(scores, labels, strict=True) if lo <= s < hi]
        real = f"{sum(inside) / len(inside):.3f}" if inside else "-"
        lines.append(
            f"  [{lo:.1f}, {min(hi, 1.0):.1f}{']' if hi > 1 else ')'}  n={len(inside):4d}  real={real}"
        )
    high = [y for s, y in zip(scores, labels, strict=True) if s >= 0.8]
    prec = f"{sum(high) / len(high):.3f}" if high else "-"
    lines.append(f"  precision at >= 0.8: {prec} ({sum(high)}/{len(high)})")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("bench", type=Path, help="a built benchmark (eval/newsclusters/build.py)")
    ap.add_argument("--out", type=Path, default=shipped_path(), help="where to write the calibration")
    args = ap.parse_args(argv)
    if not (args.bench / "manifest.json").is_file():
        print(f"not a built benchmark: {args.bench}", file=sys.stderr)
        return 2
    pipeline = Pipeline.build(use_cache=True)
    rows, counts = collect(args.bench, pipeline)
    positives = sum(r["y"] for r in rows)
    print(f"{len(rows)} labelled contradictions ({positives} real), {counts}")
    if positives == 0 or positives == len(rows):
        print("need both real and false contradictions to fit", file=sys.stderr)
        return 2
    clusters = sorted({r["cluster"] for r in rows})
    held_scores, held_labels = [], []
    for cluster in clusters:
        train = [r for r in rows if r["cluster"] != cluster]
        test = [r for r in rows if r["cluster"] == cluster]
        if 0 < sum(r["y"] for r in train) < len(train):
            cal = fit(train)
            held_scores += [cal.probability_of(r["x"]) for r in test]
            held_labels += [r["y"] for r in test]
    final = fit(rows)
    final = FindingCalibration(
        final.features,
        final.mean,
        final.scale,
        final.coef,
        final.intercept,
        f"dev clusters of eval/newsclusters: {len(clusters)} clusters, {len(rows)} contradictions, "
        f"{positives} real",
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(final.to_json(), encoding="utf-8")
    print("reliability, leave-one-cluster-out:")
    print("\n".join(reliability(held_scores, held_labels)))
    print("reliability, in-sample (the stored fit):")
    print("\n".join(reliability([final.probability_of(r["x"]) for r in rows], [r["y"] for r in rows])))
    print("raw confidence, for comparison:")
    print("\n".join(reliability([r["x"]["raw"] for r in rows], [r["y"] for r in rows])))
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
