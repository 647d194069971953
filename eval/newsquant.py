"""Value F1 of quantity extraction on NewsQuant (../shared/data/eval/newsquant_dev.jsonl).

Each gold quantity is a value ("800000000.0") or a range ("20-30"); each mention
`claimcheck.extract.numbers.find_quantities` finds gives its value, or its two ends for a range. A
predicted value matches an unmatched gold value of the same sentence when they agree to 1e-6
relative; precision, recall and F1 are micro-averaged over all quantities. Values only: units and
bounds ("change") are not scored. The published figures (CQE 91.2, quantulum3 73.1) are on the
full 590 sentences; this file is the 295-sentence dev half.

    python eval/newsquant.py --data ../shared/data            # prints one JSON line
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

from claimcheck.extract.numbers import find_quantities


def gold_values(quantity: dict) -> list[float]:
    text = str(quantity["value"]).replace(",", "")
    parts = [p for p in text.split("-") if p] if "-" in text[1:] else [text]
    try:
        return [float(p) for p in parts]
    except ValueError:
        return []


def predicted_values(text: str) -> list[float]:
    out = []
    for m in find_quantities(text):
        if m.value is not None:
            out.append(m.value)
        else:
            out += [
                end for end in (m.interval.low, m.interval.high) if end is not None and math.isfinite(end)
            ]
    return out


def score(rows: list[dict]) -> dict:
    tp = n_pred = n_gold = 0
    for row in rows:
        gold = [v for q in row["quantities"] for v in gold_values(q)]
        pred = predicted_values(row["text"])
        n_pred, n_gold = n_pred + len(pred), n_gold + len(gold)
        left = list(gold)
        for v in pred:
            hit = next((g for g in left if math.isclose(v, g, rel_tol=1e-6, abs_tol=1e-9)), None)
            if hit is not None:
                left.remove(hit)
                tp += 1
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"sentences": len(rows), "gold": n_gold, "predicted": n_pred, "precision": round(p, 4),
            "recall": round(r, 4), "f1": round(f1, 4)}  # fmt: skip


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    path = ap.parse_args().data / "eval" / "newsquant_dev.jsonl"
    if not path.is_file():
        print(f"newsquant: {path} not found", file=sys.stderr)
        return 2
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    print(json.dumps(score(rows)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
