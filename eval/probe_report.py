"""Per-type results on the mined news probe (eval/mine_news_pairs.py), for one or more models.

Why: overall accuracy on the probe hides what the issue is about: whether planted negations,
antonyms, swapped actors, changed figures and dates are called contradictions, and whether
attribution-wrapped paraphrases (wrap_add / wrap_strip) are *not*. Reads the probe file and the
`--predictions` JSONL that `claimcheck eval nli` writes (one line per row, in input order):

    claimcheck eval nli runs/mined/probe.jsonl.gz --predictions runs/probe_old.jsonl --format json
    python eval/probe_report.py runs/mined/probe.jsonl.gz old=runs/probe_old.jsonl new=runs/probe_new.jsonl

Per type and model: accuracy (3-way argmax vs the rule's label) and the share of rows predicted
contradiction. Also printed: the share of wrapper-paraphrase pairs called contradiction.
"""

from __future__ import annotations

import argparse
import gzip
import json
from collections import defaultdict
from pathlib import Path

WRAPPER_TYPES = ("wrap_add", "wrap_strip")


def read_jsonl(path: Path) -> list[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def per_type(probe: list[dict], preds: list[dict]) -> dict[str, dict]:
    if len(probe) != len(preds):
        raise SystemExit(f"{len(probe)} probe rows but {len(preds)} predictions")
    groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row, pred in zip(probe, preds, strict=True):
        groups[row["type"]].append((row["label"], pred["label"]))
        groups[f"label:{row['label']}"].append((row["label"], pred["label"]))
        groups["all"].append((row["label"], pred["label"]))
        if row["type"] in WRAPPER_TYPES:
            groups["wrappers (wrap_add + wrap_strip)"].append((row["label"], pred["label"]))
    out = {}
    for name, pairs in groups.items():
        n = len(pairs)
        out[name] = {
            "n": n,
            "label": pairs[0][0] if not name.startswith(("all", "label", "wrappers")) else "",
            "accuracy": round(sum(g == p for g, p in pairs) / n, 4),
            "share_contradiction": round(sum(p == "contradiction" for _, p in pairs) / n, 4),
        }
    return out


def order(names) -> list[str]:
    def key(name: str):
        if name == "all":
            return (3, name)
        if name.startswith("label:"):
            return (2, name)
        if name.startswith("wrappers"):
            return (1, name)
        return (0, name)

    return sorted(names, key=key)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("probe", type=Path)
    ap.add_argument("predictions", nargs="+", help="NAME=PATH of a `claimcheck eval nli --predictions` file")
    ap.add_argument("--json", type=Path, default=None, help="also write the numbers here")
    args = ap.parse_args(argv)
    probe = read_jsonl(args.probe)
    results = {}
    for spec in args.predictions:
        name, _, path = spec.partition("=")
        results[name] = per_type(probe, read_jsonl(Path(path)))
    names = list(results)
    head = " | ".join(f"{n} acc | {n} share C" for n in names)
    print(f"| type | label | n | {head} |")
    print("|---|---|---:|" + "---:|" * (2 * len(names)))
    first = results[names[0]]
    for typ in order(first):
        cells = " | ".join(
            f"{results[n][typ]['accuracy']:.3f} | {results[n][typ]['share_contradiction']:.3f}" for n in names
        )
        print(f"| {typ} | {first[typ]['label']} | {first[typ]['n']} | {cells} |")
    wrap = "wrappers (wrap_add + wrap_strip)"
    for n in names:
        if wrap in results[n]:
            share = results[n][wrap]["share_contradiction"]
            print(f"\n{n}: wrapper paraphrases called contradiction: {share:.3f}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
