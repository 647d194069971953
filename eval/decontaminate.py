"""Train/eval overlap after normalisation, and the filter train_nli.py applies before training.

Why: the data READMEs checked overlap after lower-casing and whitespace only, which misses pairs
that differ in tokenisation: 14 of the 166 EQUATE RTE-Quant pairs are in the RTE training files as
"world 's" / "5 %" where EQUATE has "world's" / "5%"; SICK test/trial share about half their
premises with SICK train; CAD dev/test share pairs with the trained SNLI samples. `normalize`
makes those equal: unicode NFKC, lower case, PTB quotes and brackets mapped back, "n't" and
"cannot" split the same way, every punctuation mark a token of its own, whitespace collapsed, a
final period dropped.

A training row is contaminated when its normalised (premise, hypothesis) pair, in either order,
is a pair of an evaluation set. `drop_contaminated` removes those rows; rows that only share a
premise are kept (and counted here), because removing them would remove most of SICK train and
all MNLI-premise rows that share a one-word premise ("Yes.") with MNLI dev.

    python eval/decontaminate.py --data ../shared/data --probe runs/mined/probe.jsonl.gz \
        --mined-train runs/mined/train.jsonl.gz --out runs/decontam.json
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import unicodedata
from collections.abc import Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from nli_mixture import MIXTURES  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

# Evaluation-only pair sets, as the READMEs list them (paths under the data root).
EVAL_SETS: dict[str, str] = {
    "mnli_dev_matched": "nli/mnli_dev_matched.jsonl.gz",
    "mnli_dev_mismatched_taxinli_subset": "nli/mnli_dev_mismatched_taxinli_subset.jsonl.gz",
    "lingnli_val_EVAL_ONLY": "nli/lingnli_val_EVAL_ONLY_mnli_dev_premises.jsonl.gz",
    "conjnli_dev": "nli/conjnli_dev.jsonl.gz",
    "equate_rte_quant": "nli/equate_rte_quant.jsonl.gz",
    "equate_stresstest": "nli/equate_stresstest.jsonl.gz",
    "equate_awpnli": "nli/equate_awpnli.jsonl.gz",
    "equate_newsnli": "nli/equate_newsnli.jsonl.gz",
    "equate_redditnli": "nli/equate_redditnli.jsonl.gz",
    "sick_test": "eval/sick_test.jsonl",
    "sick_trial": "eval/sick_trial.jsonl",
    "cad_snli_revised_dev": "nli/cad_snli_revised_dev.jsonl.gz",
    "cad_snli_revised_test": "nli/cad_snli_revised_test.jsonl.gz",
    "climate_fever_pairs": "eval/climate_fever_pairs.jsonl",
    "falke_sentence_pairs": "eval/falke_sentence_pairs.jsonl",
    "claimdiff_train": "eval/claimdiff_train.jsonl",
}
MINED_PROBE = ROOT / "runs" / "mined" / "probe.jsonl.gz"

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "`": "'"})
_PTB = [
    (re.compile(r"-lrb-"), "("),
    (re.compile(r"-rrb-"), ")"),
    (re.compile(r"-lsb-"), "["),
    (re.compile(r"-rsb-"), "]"),
    (re.compile(r"''|``"), '"'),
    (re.compile(r"(\w)n't\b"), r"\1 n't"),
    (re.compile(r"\bcannot\b"), "can not"),  # PTB splits "cannot" (EQUATE's RTE-Quant has "can not")
    (re.compile(r"\b(gon|wan)na\b"), r"\1 na"),
    (re.compile(r"[^\w\s]"), r" \g<0> "),
    (re.compile(r"\s+"), " "),
]


def normalize(text: str) -> str:
    """Tokenisation-insensitive form: "The world's 5%." == "the world 's 5 %" -> "the world ' s 5 %"."""
    s = unicodedata.normalize("NFKC", text or "").lower().translate(_QUOTES)
    for pat, rep in _PTB:
        s = pat.sub(rep, s)
    s = s.strip()
    return s[:-2].rstrip() if s.endswith(" .") or s == "." else s


def pair_key(premise: str, hypothesis: str) -> tuple[str, str]:
    return normalize(premise), normalize(hypothesis)


def read_rows(path: Path) -> list[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def eval_files(data: Path, probe: Path | None = MINED_PROBE) -> dict[str, Path]:
    files = {name: data / rel for name, rel in EVAL_SETS.items() if (data / rel).exists()}
    if probe is not None and Path(probe).exists():
        files["mined_probe"] = Path(probe)
    return files


def load_eval_keys(data: Path, probe: Path | None = MINED_PROBE) -> set[tuple[str, str]]:
    """Normalised pairs of every evaluation set, in both orders (the filter train_nli.py uses)."""
    keys: set[tuple[str, str]] = set()
    for path in eval_files(data, probe).values():
        for r in read_rows(path):
            if "premise" in r and "hypothesis" in r:
                p, h = pair_key(r["premise"], r["hypothesis"])
                keys.add((p, h))
                keys.add((h, p))
    return keys


def drop_contaminated(rows: Iterable[dict], eval_keys: set[tuple[str, str]]) -> tuple[list[dict], int]:
    """Rows whose normalised (premise, hypothesis) pair is not an evaluation pair; and how many went."""
    kept, dropped = [], 0
    for r in rows:
        if pair_key(r["premise"], r["hypothesis"]) in eval_keys:
            dropped += 1
        else:
            kept.append(r)
    return kept, dropped


def training_files(data: Path, mined_train: Path | None) -> dict[str, Path]:
    paths = {}
    for pools in MIXTURES.values():
        for pool in pools:
            paths[pool.path] = pool_path(pool, data)
    if mined_train is not None:
        paths["runs/mined/train.jsonl.gz"] = Path(mined_train)
    return {k: v for k, v in paths.items() if v.exists()}


def pool_path(pool, data: Path) -> Path:
    return ROOT / pool.path if getattr(pool, "in_repo", False) else data / pool.path


def loose(text: str) -> str:
    """The READMEs' own check: lower case and collapsed whitespace only."""
    return " ".join((text or "").lower().split())


def report(data: Path, probe: Path | None, mined_train: Path | None) -> dict:
    evals = {name: read_rows(path) for name, path in eval_files(data, probe).items()}
    train = {name: read_rows(path) for name, path in training_files(data, mined_train).items()}
    # every training pair / premise, with the files it is in
    t_pairs: dict[tuple[str, str], set[str]] = {}
    t_loose: set[tuple[str, str]] = set()
    t_pairs_fwd: set[tuple[str, str]] = set()
    t_prem: dict[str, set[str]] = {}
    for name, rows in train.items():
        for r in rows:
            p, h = pair_key(r["premise"], r["hypothesis"])
            t_pairs.setdefault((p, h), set()).add(name)
            t_pairs.setdefault((h, p), set()).add(name)
            t_pairs_fwd.add((p, h))
            t_loose.add((loose(r["premise"]), loose(r["hypothesis"])))
            t_loose.add((loose(r["hypothesis"]), loose(r["premise"])))
            t_prem.setdefault(p, set()).add(name)
    all_eval_keys = set()
    for rows in evals.values():
        for r in rows:
            if "premise" in r:
                p, h = pair_key(r["premise"], r["hypothesis"])
                all_eval_keys |= {(p, h), (h, p)}
    # after: the training files once drop_contaminated has run
    kept_pairs: set[tuple[str, str]] = set()
    kept_prem: set[str] = set()
    dropped_by_source = {}
    for name, rows in train.items():
        kept, dropped = drop_contaminated(rows, all_eval_keys)
        dropped_by_source[name] = {"rows": len(rows), "dropped": dropped}
        for r in kept:
            p, h = pair_key(r["premise"], r["hypothesis"])
            kept_pairs |= {(p, h), (h, p)}
            kept_prem.add(p)
    table = {}
    for name, rows in evals.items():
        rows = [r for r in rows if "premise" in r and "hypothesis" in r]
        keys = [pair_key(r["premise"], r["hypothesis"]) for r in rows]
        pair_hits = [k for k in keys if k in t_pairs]
        sources: dict[str, int] = {}
        for k in pair_hits:
            for s in t_pairs[k]:
                sources[s] = sources.get(s, 0) + 1
        prem = {k[0] for k in keys}
        table[name] = {
            "rows": len(rows),
            "pairs_in_train_loose": sum(
                (loose(r["premise"]), loose(r["hypothesis"])) in t_loose for r in rows
            ),
            "pairs_in_train_normalised": len(pair_hits),
            "pairs_in_train_normalised_same_order": sum(k in t_pairs_fwd for k in keys),
            "pairs_in_train_after_drop": sum(k in kept_pairs for k in keys),
            "premises": len(prem),
            "premises_in_train": sum(p in t_prem for p in prem),
            "premises_in_train_after_drop": sum(p in kept_prem for p in prem),
            "rows_with_premise_in_train": sum(k[0] in t_prem for k in keys),
            "pair_sources": dict(sorted(sources.items(), key=lambda kv: -kv[1])),
        }
    return {
        "normalisation": "NFKC, lower case, PTB quotes/brackets, n't split, punctuation tokens, final period",
        "eval_sets": table,
        "training_sources": dropped_by_source,
        "training_rows": sum(len(r) for r in train.values()),
        "training_rows_dropped": sum(v["dropped"] for v in dropped_by_source.values()),
    }


def markdown(rep: dict) -> str:
    out = [
        "| eval set | rows | pairs in train (lower+ws, either order) | normalised, same order "
        "| normalised, either order | after drop | premises | premises in train | after drop "
        "| main sources of the pairs |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for name, t in rep["eval_sets"].items():
        src = ", ".join(
            f"{k.split('/')[-1].split('.')[0]} {v}" for k, v in list(t["pair_sources"].items())[:3]
        )
        out.append(
            f"| {name} | {t['rows']:,} | {t['pairs_in_train_loose']} "
            f"| {t['pairs_in_train_normalised_same_order']} | {t['pairs_in_train_normalised']} "
            f"| {t['pairs_in_train_after_drop']} | {t['premises']:,} | {t['premises_in_train']} "
            f"| {t['premises_in_train_after_drop']} | {src} |"
        )
    out += ["", "| training source | rows | dropped (pair in an eval set) |", "|---|---:|---:|"]
    for name, t in rep["training_sources"].items():
        if t["dropped"]:
            out.append(f"| {name} | {t['rows']:,} | {t['dropped']} |")
    out.append(f"| **all {len(rep['training_sources'])} files** | {rep['training_rows']:,} "
               f"| {rep['training_rows_dropped']} |")  # fmt: skip
    return "\n".join(out)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, required=True, help="the shared data root (holds nli/ and eval/)")
    ap.add_argument("--probe", type=Path, default=MINED_PROBE, help="mined probe (an eval set)")
    ap.add_argument("--mined-train", type=Path, default=ROOT / "runs" / "mined" / "train.jsonl.gz")
    ap.add_argument("--out", type=Path, default=ROOT / "runs" / "decontam.json")
    args = ap.parse_args(argv)
    rep = report(args.data, args.probe, args.mined_train if args.mined_train.exists() else None)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(rep, indent=2) + "\n")
    print(markdown(rep))


if __name__ == "__main__":
    main()
