"""Evaluate an NLI model on every held-out set and write eval/RESULTS.md and eval/results.json.

Why one script: the numbers in the model card and the issue must come from one command that
anyone can re-run, with the held-out sets kept apart from anything the training mixture saw
(checked against eval/nli_mixture.py, not by hand). The EQUATE sets are scored twice: NLI
alone and the full checker (NLI plus quantity interval logic, claimcheck.verify.quantity_nli).

    python eval/run_all.py --data ../shared/data --model models/claimcheck-nli-minilm-l6
    python eval/run_all.py --data ../shared/data --model runs/nli-ckpt --limit 200 --out runs/R.md
    python eval/run_all.py --data ../shared/data --sections consistency   # re-run one part, merged

The consistency section (eval/consistency_section.py) scores the document-vs-claim sets the way
`claimcheck eval consistency` does, with the calibration stored beside the model.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from falke import falke_ranking  # noqa: E402
from nli_mixture import MIXTURE  # noqa: E402

from claimcheck.evaluation.nli import NOT_ENTAILMENT, NLIData, evaluate, read_nli_file  # noqa: E402
from claimcheck.verify.nli import PRECISIONS  # noqa: E402
from claimcheck.verify.quantity_nli import apply_verdicts, check_pairs, verdict_counts  # noqa: E402


@dataclass(frozen=True)
class EvalSet:
    name: str
    path: str  # relative to the data root
    group: str  # "nli" | "dev" | "quantity" | "seen"
    note: str = ""


HELD_OUT = (
    EvalSet("mnli_dev_matched", "nli/mnli_dev_matched.jsonl.gz", "nli", "headline"),
    EvalSet("mnli_dev_mismatched_taxinli_subset", "nli/mnli_dev_mismatched_taxinli_subset.jsonl.gz", "nli"),
    EvalSet(
        "lingnli_val_EVAL_ONLY",
        "nli/lingnli_val_EVAL_ONLY_mnli_dev_premises.jsonl.gz",
        "nli",
        "MNLI dev premises, new hypotheses",
    ),
    EvalSet("conjnli_dev", "nli/conjnli_dev.jsonl.gz", "nli"),
    EvalSet(
        "cad_snli_revised_dev",
        "nli/cad_snli_revised_dev.jsonl.gz",
        "nli",
        "NOT held out: 4 pairs (and 196 premises) are in the trained SNLI dev sample",
    ),
    EvalSet(
        "cad_snli_revised_test",
        "nli/cad_snli_revised_test.jsonl.gz",
        "nli",
        "NOT held out: 9 pairs (and 383 premises) are in the trained SNLI test sample",
    ),
    EvalSet(
        "sick_test", "eval/sick_test.jsonl", "dev", "49 pairs and 1,659 premises are in trained SICK train"
    ),
    EvalSet(
        "sick_trial", "eval/sick_trial.jsonl", "dev", "3 pairs and 233 premises are in trained SICK train"
    ),
    EvalSet("climate_fever_pairs", "eval/climate_fever_pairs.jsonl", "dev", "premise = evidence sentence"),
    EvalSet(
        "falke_sentence_pairs",
        "eval/falke_sentence_pairs.jsonl",
        "dev",
        "consistent -> entailment, inconsistent -> not_entailment",
    ),
)
# Sets the mixture trains on: scored only with --include-seen, and never as held-out numbers.
SEEN = tuple(
    EvalSet(name, f"nli/{name}.jsonl.gz", "seen", "in the training mixture")
    for name in (
        "snli_dev",
        "snli_test",
        "xnli_en_dev",
        "xnli_en_test",
        "anli_r1_dev",
        "anli_r2_dev",
        "anli_r3_dev",
    )
)
SKIPPED = {
    "eval/claimdiff_train.jsonl": "labels are strengthen/weaken/neither, not NLI",
    "eval/summedits_*.jsonl": "document-vs-claim sets: `claimcheck eval consistency`",
    "eval/sick_train.jsonl": "in the training mixture",
    "eval/newsquant_dev.jsonl": "quantity extraction, not NLI",
}
SECTIONS = ("nli", "consistency")
# The EQUATE sets ../shared/data/nli/README.md lists; any other equate_* file there is scored too.
EQUATE_README = ("awpnli", "newsnli", "redditnli", "rte_quant", "stresstest")
# What the decontamination check (eval/decontaminate.py) found in what stage 1 trained on.
EQUATE_NOTES = {
    "equate_rte_quant": "NOT held out: 14 pairs are in the trained RTE files (tokenisation differs)",
}
FALKE_LABELS = {"consistent": "entailment", "inconsistent": "not_entailment"}
# Ablations of the quantity checker, reported in results.json: which verdicts are applied.
CHECKER_RULES = {
    "full": frozenset({"contradiction", "neutral", "entailment"}),
    "no_entailment_boost": frozenset({"contradiction", "neutral"}),
    "contradiction_only": frozenset({"contradiction"}),
}


def eval_sets(root: Path, include_seen: bool) -> list[EvalSet]:
    """The held-out sets, every equate_* file, and optionally the seen ones; refuses leaks."""
    found = {p.name.split(".")[0] for p in (root / "nli").glob("equate_*.jsonl*")}
    names = sorted(found | {f"equate_{n}" for n in EQUATE_README})  # a missing README set is reported
    equate = [EvalSet(n, f"nli/{n}.jsonl.gz", "quantity", EQUATE_NOTES.get(n, "EQUATE")) for n in names]
    sets = [*HELD_OUT[:6], *equate, *HELD_OUT[6:], *(SEEN if include_seen else ())]
    trained = {pool.path for pool in MIXTURE}
    leaked = [s.path for s in sets if s.group != "seen" and s.path in trained]
    if leaked:
        raise SystemExit(f"error: held-out sets are in the training mixture: {leaked}")
    return sets


def read_set(root: Path, es: EvalSet, limit: int | None) -> NLIData:
    """Falke uses consistent/inconsistent, which `eval nli` does not accept: map it here."""
    if es.name != "falke_sentence_pairs":
        return read_nli_file(root / es.path, limit=limit)
    with (root / es.path).open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()][:limit]
    labels = [FALKE_LABELS[r["label"]] for r in rows]
    return NLIData(
        str(root / es.path),
        [r["premise"] for r in rows],
        [r["hypothesis"] for r in rows],
        labels,
        NOT_ENTAILMENT,
    )


def score_checker(data: NLIData, probs: np.ndarray) -> dict:
    """Full-checker metrics (and the rule ablations) on top of the NLI probabilities."""
    from claimcheck.evaluation.nli import compute_metrics

    start = time.perf_counter()
    verdicts = check_pairs(data.pairs())
    seconds = time.perf_counter() - start
    out: dict = {"quantity_verdicts": verdict_counts(verdicts), "quantity_seconds": round(seconds, 3)}
    for rule, use in CHECKER_RULES.items():
        adjusted = apply_verdicts(probs, verdicts, use=use)
        m = compute_metrics(data.labels, data.scheme.collapse(adjusted), data.scheme.labels)
        out[rule] = {k: m[k] for k in ("accuracy", "macro_f1", "per_label", "confusion")}
    return out


def run(args: argparse.Namespace, argv: list[str]) -> dict:
    import torch
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    from claimcheck.verify.nli import HFNLIModel

    torch.set_num_threads(args.threads)
    model = HFNLIModel(args.model, precision=args.precision)
    sets = eval_sets(args.data, args.include_seen)
    loaded = []
    for es in sets:
        path = args.data / es.path
        loaded.append((es, read_set(args.data, es, args.limit) if path.exists() else None))
    model.predict([("A warm-up pair.", "It keeps start-up cost out of the first set's pairs/s.")] * 8)
    total = sum(len(d.labels) for _, d in loaded if d is not None)
    results = []
    columns = (
        TextColumn("{task.description:36}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total} pairs"),
    )
    with Progress(*columns, TimeElapsedColumn(), TimeRemainingColumn(), transient=False) as bar:
        task = bar.add_task("eval", total=total)
        for es, data in loaded:
            bar.update(task, description=es.name)
            if data is None:
                results.append({"set": es.name, "group": es.group, "file": es.path, "missing": True})
                continue
            report, probs = evaluate(model, data, batch_size=args.batch_size)
            row = {"set": es.name, "group": es.group, "note": es.note, "file": es.path, **report}
            if es.group == "quantity":
                row["checker"] = score_checker(data, probs)
            if es.name == "falke_sentence_pairs":
                ids = _ids(args.data / es.path, len(data.labels))
                row["ranking_accuracy"] = falke_ranking(probs[:, 0], ids)
            results.append(row)
            bar.advance(task, len(data.labels))
    return {
        "command": "python eval/run_all.py " + shlex.join(argv),
        "model": model.model_id,
        "model_dir": str(args.model),
        "precision": model.precision,
        "threads": args.threads,
        "limit": args.limit,
        "torch": torch.__version__,
        "cpu": platform.processor() or platform.machine(),
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "sets": results,
        "skipped": SKIPPED,
    }


def _ids(path: Path, n: int) -> list[str]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line)["id"] for line in fh if line.strip()][:n]


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, required=True, help="the shared data root (holds nli/ and eval/)")
    ap.add_argument("--model", type=Path, default=None, help="model folder (default: the committed model)")
    ap.add_argument("--limit", type=int, default=None, help="score only the first N rows of each set")
    ap.add_argument("--out", type=Path, default=Path("eval/RESULTS.md"), help="markdown report")
    ap.add_argument(
        "--json", type=Path, default=None, help="JSON report (default: results.json beside --out)"
    )
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument(
        "--precision", choices=PRECISIONS, default="auto", help="default: auto, as shipped (bf16 or int8)"
    )
    ap.add_argument("--include-seen", action="store_true", help="also score sets the mixture trains on")
    ap.add_argument(
        "--sections",
        default=",".join(SECTIONS),
        help="which parts to (re-)run, merged into the existing results.json: nli, consistency or both",
    )
    ap.add_argument(
        "--refit-consistency",
        action="store_true",
        help="refit consistency.json beside the model (it is fitted anyway when missing or stale)",
    )
    args = ap.parse_args(argv)
    if args.model is None:
        from claimcheck.infra.models import DEFAULT_NLI_DIRNAME, PROJECT_MODELS

        args.model = PROJECT_MODELS / DEFAULT_NLI_DIRNAME
    args.model = Path(os.path.relpath(args.model))  # the report names it as a clone would, not this machine
    if not (args.model / "config.json").exists():
        raise SystemExit(f"error: no model at {args.model}")
    from results_md import render

    from claimcheck.infra.atomic import atomic_write_text

    sections = set(args.sections.split(","))
    if not sections or sections - set(SECTIONS):
        raise SystemExit(f"error: --sections takes a comma-separated subset of {','.join(SECTIONS)}")
    json_path = args.json or args.out.with_name("results.json")
    fresh = run(args, argv) if "nli" in sections else {}
    if "consistency" in sections:
        from consistency_section import run_consistency

        fresh["consistency"] = run_consistency(args, argv)
    # A section not re-run keeps its numbers from results.json, read only now: another section's
    # run that finished meanwhile is kept, not overwritten with what the file held at our start.
    report = json.loads(json_path.read_text(encoding="utf-8")) if json_path.exists() else {}
    if "nli" in sections:
        report = {k: v for k, v in report.items() if k == "consistency"}
    report |= fresh
    atomic_write_text(json_path, json.dumps(report, indent=1) + "\n")
    from bench_pipeline import section  # the performance numbers, kept in eval/bench_pipeline.json

    performance = section()
    atomic_write_text(args.out, render(report) + ("\n" + performance if performance else ""))
    print(f"wrote {args.out} and {json_path}", file=sys.stderr)


if __name__ == "__main__":
    main()
