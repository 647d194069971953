"""How well a trained same-fact model (train.py) tells one fact from two on the dev news clusters.

Positives: a planted number conflict's edited figure and its partner's figure of the same unit (each
pair of the two sentences' same-unit figures; a plant counts once, by its best pair). Negatives:
random cross-story figure pairs of one unit whose values are 1.15x apart or more, in the dev clusters'
planted copies. Printed: ROC AUC over all pairs and over the pairs the measurement frames part
(align.frames.frame_conflict), and how many of each a threshold lets through.

    python eval/slotmodel/dev_auc.py --bench eval/newsclusters/build --model runs/slotmodel
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from mine import block, masked  # noqa: E402
from train import predict, roc_auc  # noqa: E402

from claimcheck.align.frames import frame_conflict  # noqa: E402
from claimcheck.extract.claims import extract_claims  # noqa: E402
from claimcheck.infra.load import load_corpus  # noqa: E402


def dev_claims(bench: Path, cache: Path) -> dict[str, list]:
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    out = {d.name: extract_claims(load_corpus([d])) for d in sorted((bench / "planted" / "dev").iterdir())}
    cache.write_bytes(pickle.dumps(out))
    return out


def rows(bench: Path, claims: dict[str, list], seed: int = 1) -> list[dict]:
    plants = json.loads((bench / "planted.json").read_text())["plants"]
    split = {c["name"]: c["split"] for c in json.loads((bench / "manifest.json").read_text())["clusters"]}
    out = []
    for p in plants:
        if split[p["cluster"]] != "dev" or p["type"] != "number":
            continue
        copy = p["cluster"] if p.get("copy", "a") == "a" else f"{p['cluster']}__{p['copy']}"
        cs = [c for c in claims.get(copy, []) if c.kind == "quantity"]
        ours = [c for c in cs if c.doc_id.endswith(p["doc"]) and p["replace"] in c.sentence]
        theirs = [
            c
            for c in cs
            if c.doc_id.endswith(p["partner"]["doc"]) and p["partner"]["sentence_contains"] in c.sentence
        ]
        for a in ours:
            for b in theirs:
                if a.quantity.text in p["replace"] and block(a) == block(b) and masked(a) and masked(b):
                    out.append(
                        {
                            "label": 1,
                            "plant": p["id"],
                            "a": masked(a),
                            "b": masked(b),
                            "frame": frame_conflict(a, b),
                        }
                    )
    rng = random.Random(seed)
    for copy, cs in sorted(claims.items()):
        q = [c for c in cs if c.kind == "quantity"] if "__" not in copy else []
        for _ in range(40 if len(q) > 1 else 0):
            a, b = rng.sample(q, 2)
            va, vb = a.quantity.value, b.quantity.value
            if (
                a.doc_id != b.doc_id
                and block(a) == block(b)
                and va
                and vb
                and max(va, vb) / min(va, vb) >= 1.15
            ):
                if masked(a) and masked(b):
                    out.append(
                        {
                            "label": 0,
                            "plant": None,
                            "a": masked(a),
                            "b": masked(b),
                            "frame": frame_conflict(a, b),
                        }
                    )
    return out


def main(argv: list[str] | None = None) -> int:
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bench", type=Path, default=Path("eval/newsclusters/build"))
    ap.add_argument("--model", type=Path, required=True)
    ap.add_argument("--cache", type=Path, default=Path("runs/slot_dev_claims.pkl"))
    args = ap.parse_args(argv)
    data = rows(args.bench, dev_claims(args.bench, args.cache))
    tok = AutoTokenizer.from_pretrained(str(args.model))
    model = AutoModelForSequenceClassification.from_pretrained(str(args.model))
    scores = np.asarray(predict(model.float(), tok, data))
    labels = np.asarray([r["label"] for r in data])
    parted = np.asarray([bool(r["frame"]) for r in data])
    auc = roc_auc(list(labels), list(scores))
    print(f"pairs: {labels.sum()} planted, {(1 - labels).sum()} different-value; AUC {auc:.3f}")
    print(
        f"parted by the frames: {labels[parted].sum()} planted, {(1 - labels[parted]).sum()} different; "
        f"AUC {roc_auc(list(labels[parted]), list(scores[parted])):.3f}"
    )
    for t in (0.5, 0.7, 0.8, 0.85, 0.9):
        hit = scores >= t
        print(
            f"p >= {t}: planted {int((hit & (labels == 1)).sum())}, "
            f"different {int((hit & (labels == 0)).sum())}; "
            f"among parted: planted {int((hit & parted & (labels == 1)).sum())}, "
            f"different {int((hit & parted & (labels == 0)).sum())}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
