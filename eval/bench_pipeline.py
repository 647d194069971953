"""Pipeline performance for eval/RESULTS.md: `claimcheck bench` and a 1,000-document run.

Why a script beside the CLI verb: the numbers in RESULTS.md and the README must come from one
command anyone can re-run. It runs (1) the bench as `claimcheck bench` does (shipped vs naive,
1x/2x/4x) and (2) the shipped pipeline alone on 1,000 BBC news documents (the "1,000
news-length documents in under 10 minutes on 2 cores" target), writes both reports to
eval/bench_pipeline.json and puts the performance section into eval/RESULTS.md between
markers. eval/run_all.py rewrites RESULTS.md and appends the same section from the JSON, so
neither script erases the other's numbers.

    nice python eval/bench_pipeline.py --data ../shared/data
    python eval/bench_pipeline.py --render-only          # RESULTS.md from the existing JSON
"""

from __future__ import annotations

import argparse
import json
import re
import shlex
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_corpus import BBC_FILE, STORY_SIZE, data_dir, news_documents  # noqa: E402

from claimcheck.evaluation.bench import COLUMNS, headline, table_rows  # noqa: E402

HERE = Path(__file__).resolve().parent
JSON_FILE = HERE / "bench_pipeline.json"
BEGIN = "<!-- performance: written by eval/bench_pipeline.py from eval/bench_pipeline.json -->"
END = "<!-- /performance -->"
LARGE_TARGET_S = 600.0


def section(json_path: Path = JSON_FILE) -> str:
    """The performance section of RESULTS.md, or "" when the bench has not been run."""
    if not json_path.is_file():
        return ""
    runs = json.loads(json_path.read_text(encoding="utf-8"))
    lines = [BEGIN, "", "## Pipeline performance (`claimcheck bench`)", ""]
    lines += [
        "Shipped: index-based candidate pairs, interval logic for quantities and dates, the NLI model",
        "as shipped behind a fresh (cold) verdict cache; the warm row re-runs 1x on that cache. Naive:",
        "every cross-source claim pair through the fp32 NLI model in both directions, no index, no",
        "cache; its findings use the same slot and verdict rules, evaluated on every pair.",
        "Times exclude model loading (once per process). pairs/s = pairs checked / check-stage",
        "seconds (for the naive run: pairs scored by the model / model seconds).",
        "",
        "### Shipped vs naive, and scaling",
        "",
        render_markdown(runs["bench"]),
    ]
    if "large" in runs:
        large = runs["large"]
        row = large["scaling"][0]
        verdict = "met" if row["seconds"] < LARGE_TARGET_S else "NOT met"
        lines += [
            f"### {row['docs']:,} news documents, shipped pipeline only",
            "",
            f"{row['docs']:,} BBC documents ({row['chars']:,} characters) in {row['seconds']:.0f} s "
            f"({row['seconds'] / 60:.1f} min; target < {LARGE_TARGET_S / 60:.0f} min on 2 cores: {verdict}).",
            "",
            render_markdown(large),
        ]
    return "\n".join([*lines, END]) + "\n"


def render_markdown(report: dict) -> str:
    """The performance section of eval/RESULTS.md."""
    m = report["machine"]
    lines = [
        f"- command: `{report.get('command', 'claimcheck bench')}`",
        f"- corpus: {report['corpus']['source']}; 1x = {report['corpus']['docs']:,} documents, "
        f"{report['corpus']['chars']:,} characters",
        f"- models: shipped `{report['models']['shipped']}`, naive `{report['models']['naive']}`",
        f"- machine: {m['cpus']} CPUs, {m['torch_threads']} torch threads, torch {m['torch']}; "
        f"load average {m['load_average_at_start']} at start, {m.get('load_average_at_end')} at end; "
        f"{m['date']}",
        "",
        "| " + " | ".join(COLUMNS) + " |",
        "|---|" + "---:|" * (len(COLUMNS) - 1),
    ]
    lines += ["| " + " | ".join(row) + " |" for row in table_rows(report)]
    lines += ["", *(f"- {line}" for line in headline(report))]
    return "\n".join(lines) + "\n"


def merge(markdown: str, part: str) -> str:
    """`markdown` with its performance section replaced by `part` (appended when absent)."""
    pattern = re.compile(re.escape(BEGIN) + r".*?" + re.escape(END) + r"\n?", re.S)
    if pattern.search(markdown):
        return pattern.sub(lambda _m: part, markdown)
    return markdown.rstrip("\n") + "\n\n" + part if part else markdown


def run(args: argparse.Namespace, argv: list[str]) -> dict:
    from rich.console import Console

    from claimcheck.evaluation import bench as b

    news = news_documents(data_dir(args.data))
    console = Console(stderr=True)
    command = "python eval/bench_pipeline.py " + shlex.join(argv)
    out = {}
    source = f"BBC news ({BBC_FILE}), stories of {STORY_SIZE} sources"
    runs = {"bench": (news[: args.docs * 4], b.BenchConfig(naive_docs=args.naive_docs))}
    if args.large:
        config = b.BenchConfig(naive_docs=0, scales=(1,), warm_cache=False, index_recall=False)
        runs["large"] = (news[: args.large], config)
    for name, (docs, config) in runs.items():
        with console.status(name) as status:
            say = lambda m, tag=name: status.update(f"{tag}: {m}")  # noqa: E731
            report = b.bench(docs, args.model, config, progress=say, source=source)
        report["command"] = command
        print(b.render_table(report), file=sys.stderr)
        out[name] = report
    return out


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=None, help="shared data folder (default: $CLAIMCHECK_DATA)")
    ap.add_argument("--model", default=None, help="NLI model folder (default: the shipped one)")
    ap.add_argument("--docs", type=int, default=48, help="documents in the 1x corpus")
    ap.add_argument("--naive-docs", type=int, default=6, help="documents for the naive all-pairs run")
    ap.add_argument("--large", type=int, default=1000, help="documents for the large run (0 skips it)")
    ap.add_argument("--json", type=Path, default=JSON_FILE)
    ap.add_argument("--results", type=Path, default=HERE / "RESULTS.md")
    ap.add_argument("--render-only", action="store_true", help="only rewrite the RESULTS.md section")
    args = ap.parse_args(argv)
    from claimcheck.infra.atomic import atomic_write_text

    if not args.render_only:
        atomic_write_text(args.json, json.dumps(run(args, argv), indent=1) + "\n")
    existing = args.results.read_text(encoding="utf-8") if args.results.is_file() else ""
    atomic_write_text(args.results, merge(existing, section(args.json)))
    print(f"wrote {args.json} and the performance section of {args.results}", file=sys.stderr)


if __name__ == "__main__":
    main()
