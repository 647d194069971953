"""`claimcheck bench`: the pipeline as shipped against a naive all-pairs run, and how it scales.

Why it exists: "fast" and "sub-quadratic" are claims about this machine and this corpus, so
they are measured in one process on one corpus, not asserted. Four measurements:

- shipped: the pipeline exactly as `claimcheck check` runs it (index-based candidate pairs,
  interval logic for quantities and dates, int8 NLI behind the verdict cache), with a fresh
  empty cache so the number is a cold run; the same run repeated on the now-warm cache is
  reported beside it;
- naive: every cross-source claim pair scored by the fp32 NLI model in both directions, with
  no index, no cache and no interval shortcut. Its findings use the same slot rule
  (`align.slot_pair`, evaluated on every pair) and the same verdict rules, so
  `findings_agreement` measures what blocking, int8 and the cache lose, not a different
  notion of what a finding is. The all-pairs run is quadratic, so it runs on a small prefix
  of the corpus (`naive_docs`);
- scaling: the shipped run on the corpus at 1x/2x/4x, each scale made of distinct documents
  (a copy would be answered by the cache), and the exponent of time against corpus size;
- memory: peak resident memory during each run, sampled from /proc (tracemalloc would miss
  the native allocations of torch and spaCy, which are most of it, and slow spaCy down).

The corpus is the user's (PATH): the largest scale is all of it and the smaller ones are its
first documents in load order (1x = a quarter at the default scales 1,2,4), so every scale is
made of distinct documents. eval/bench_corpus.py builds the news corpus RESULTS.md reports.
"""

from __future__ import annotations

import io
import os
import platform
import resource
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from itertools import combinations
from pathlib import Path

import numpy as np

from claimcheck.align.embed import mask_numbers
from claimcheck.align.slots import block_floor, block_key, slot_pair
from claimcheck.core.errors import InputError
from claimcheck.core.result import Result
from claimcheck.core.settings import DEFAULTS, AlignSettings, Settings
from claimcheck.core.types import Claim, Document, Finding, Pair, Verdict
from claimcheck.pipeline import Pipeline
from claimcheck.verify.findings import to_findings
from claimcheck.verify.nli import bidirectional
from claimcheck.verify.rules import check_date, check_quantity, nli_verdicts, other_verdicts

# What blocking, the cache and reduced precision buy over checking every pair.
PRIMARY_METRIC = "speedup_vs_naive"
DEFAULT_NAIVE_DOCS = 6
DEFAULT_SCALES = (1, 2, 4)

# ---------------------------------------------------------------- measuring


class PeakMemory:
    """Peak resident set size (MiB) of this process while the block runs, sampled every 10 ms.

    Linux /proc/self/statm; elsewhere the process-lifetime peak from getrusage, which can only
    grow across runs (the report says which was used).
    """

    def __init__(self) -> None:
        self.peak_mib = 0.0
        self.method = "proc" if Path("/proc/self/statm").is_file() else "getrusage"
        self._stop = threading.Event()

    def __enter__(self) -> PeakMemory:
        self.peak_mib = self._now()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak_mib = round(max(self.peak_mib, self._now()), 1)

    def _sample(self) -> None:
        while not self._stop.wait(0.01):
            self.peak_mib = max(self.peak_mib, self._now())

    def _now(self) -> float:
        if self.method == "proc":
            pages = int(Path("/proc/self/statm").read_text().split()[1])
            return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


@dataclass
class RunStats:
    """One timed run: what it read, what it compared, how long each stage took."""

    name: str
    docs: int
    chars: int
    claims: int
    pairs_checked: int  # pairs that reached a verdict rule (interval logic or NLI)
    nli_pairs: int  # of those, pairs scored by the NLI model (each in both directions)
    seconds: float
    stages: dict[str, float]
    pairs_per_second: float  # pairs_checked / seconds of the check stage
    peak_rss_mib: float
    findings: int
    contradictions: int
    by_method: dict[str, dict[str, int]] = field(default_factory=dict)  # method -> verdict -> findings
    extra: dict = field(default_factory=dict)


def fit_exponent(sizes: Sequence[float], seconds: Sequence[float]) -> float:
    """k in seconds ~ c * size**k: least squares on log-log (1.0 = linear, 2.0 = quadratic)."""
    if len(sizes) < 2 or len(set(sizes)) < 2:
        raise ValueError("need at least two different sizes to fit an exponent")
    slope, _ = np.polyfit(np.log(np.asarray(sizes, float)), np.log(np.asarray(seconds, float)), 1)
    return float(slope)


def findings_agreement(naive: Sequence[Finding], shipped: Sequence[Finding]) -> float | None:
    """Share of the naive run's contradiction findings that the shipped run also reports."""
    wanted = {f.id for f in naive if f.verdict == "contradiction"}
    if not wanted:
        return None
    return len(wanted & {f.id for f in shipped}) / len(wanted)


def _stats(
    name: str, docs: Sequence[Document], result: Result, seconds: float, memory: PeakMemory, nli_pairs: int
) -> RunStats:
    check_s = result.timings.get("check", 0.0)
    return RunStats(
        name=name,
        docs=len(docs),
        chars=sum(len(d.text) for d in docs),
        claims=len(result.claims),
        pairs_checked=len(result.verdicts),
        nli_pairs=nli_pairs,
        seconds=round(seconds, 3),
        stages={k: round(v, 3) for k, v in result.timings.items()},
        pairs_per_second=round(len(result.verdicts) / check_s, 1) if check_s > 0 else 0.0,
        peak_rss_mib=memory.peak_mib,
        findings=len(result.findings),
        contradictions=sum(f.verdict == "contradiction" for f in result.findings),
        by_method=_by_method(result.findings),
    )


def _by_method(findings: Sequence[Finding]) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for f in findings:
        out[f.method][f.verdict] += 1
    return {m: dict(sorted(v.items())) for m, v in sorted(out.items())}


def run_shipped(name: str, docs: Sequence[Document], pipeline: Pipeline) -> tuple[Result, RunStats]:
    """`claimcheck check` as shipped; `pipeline` brings the verdict cache (fresh for a cold run)."""
    with PeakMemory() as memory:
        start = time.perf_counter()
        result = pipeline.run(docs)
        seconds = time.perf_counter() - start
    nli_pairs = sum(v.method == "nli" for v in result.verdicts)
    return result, _stats(name, docs, result, seconds, memory, nli_pairs)


def cross_source_pairs(claims: Sequence[Claim]) -> list[tuple[int, int]]:
    """Every pair of claims from different documents, as index pairs (i < j)."""
    return [(i, j) for i, j in combinations(range(len(claims)), 2) if claims[i].doc_id != claims[j].doc_id]


@dataclass
class NaiveOutcome:
    result: Result
    scored: int  # cross-source pairs the model scored (each in both directions)
    flood: int  # of those, pairs NLI alone calls contradictory, with no slot rule


def naive_check(docs: Sequence[Document], pipeline: Pipeline) -> NaiveOutcome:
    """Every cross-source pair through the pipeline's model (both directions, no cache), then the
    shipped verdict rules on the pairs the slot rule accepts.

    `flood` counts the false alarms NLI alone would raise on those pairs, which is what
    blocking exists to prevent.
    """
    nli, settings = pipeline.nli, pipeline.settings
    if nli is None:
        raise InputError("the naive run needs an NLI model")
    timings = {}
    t = time.perf_counter()
    claims = pipeline.extract(docs)
    timings["extract"] = time.perf_counter() - t
    t = time.perf_counter()
    index = cross_source_pairs(claims)
    ordered = [
        (claims[i], claims[j]) if claims[i].id < claims[j].id else (claims[j], claims[i]) for i, j in index
    ]
    texts = [(a.content or a.text, b.content or b.text) for a, b in ordered]
    ab, ba = bidirectional(nli, texts, batch_size=settings.verify.nli_batch_size)
    timings["nli_all_pairs"] = time.perf_counter() - t
    t = time.perf_counter()
    vectors = pipeline.embedder([mask_numbers(c.text) for c in claims], settings.align.embed_batch_size)
    pairs = exhaustive_slot_pairs(claims, vectors, settings.align)
    row_of = {(a.id, b.id): row for row, (a, b) in enumerate(ordered)}
    rows = [row_of[p.a.id, p.b.id] for p in pairs]
    timings["align"] = time.perf_counter() - t
    t = time.perf_counter()
    verdicts = _naive_verdicts(pairs, ab[rows], ba[rows], settings)
    timings["check"] = time.perf_counter() - t
    unfiltered = nli_verdicts([Pair(a, b, "all pairs") for a, b in ordered], ab, ba, settings.verify)
    flood = sum(v.label == "contradiction" for v in unfiltered)
    return NaiveOutcome(pipeline.result(docs, claims, pairs, verdicts, timings), len(index), flood)


def exhaustive_slot_pairs(claims: Sequence[Claim], vectors: np.ndarray, config: AlignSettings) -> list[Pair]:
    """Every cross-source pair the slot rule accepts, found by looking at all pairs of each block.

    Quadratic on purpose: it is the reference the index (`align.align`) is measured against.
    Pairs far below the floor even with the largest context bonus are skipped in numpy.
    """
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(claims):
        key = block_key(c)
        if key is not None:
            blocks[key].append(i)
    out = []
    for key, members in blocks.items():
        idx = np.asarray(members)
        docs = np.asarray([claims[i].doc_id for i in members])
        sims = vectors[idx] @ vectors[idx].T
        near = sims >= block_floor(key, config) - config.place_bonus - config.year_bonus - 1e-6
        ii, jj = np.nonzero(np.triu(near & (docs[:, None] != docs[None, :]), 1))
        for i, j in zip(idx[ii], idx[jj], strict=True):
            pair = slot_pair(claims[i], claims[j], float(vectors[i] @ vectors[j]), key, config)
            if pair is not None:
                out.append(pair)
    return sorted(out, key=lambda p: (p.a.id, p.b.id))


def index_recall(result: Result, pipeline: Pipeline) -> dict:
    """What the index missed on a shipped run, against `exhaustive_slot_pairs` on its claims.

    No NLI is needed, so this runs at the largest scale, where the naive run cannot:
    slot_recall is the share of slot pairs the index found, interval_contradiction_recall the
    share of quantity and date contradictions (decided by arithmetic alone) it reported.
    """
    settings = pipeline.settings
    vectors = pipeline.embedder(
        [mask_numbers(c.text) for c in result.claims], settings.align.embed_batch_size
    )
    ref = exhaustive_slot_pairs(result.claims, vectors, settings.align)
    found = {(p.a.id, p.b.id) for p in result.pairs}
    interval = [p for p in ref if p.a.kind != "other"]
    none = np.zeros((len(interval), 3))
    wanted = {
        f.id
        for f in to_findings(_naive_verdicts(interval, none, none, settings))
        if f.verdict == "contradiction"
    }
    got = {f.id for f in result.findings}
    return {
        "slot_pairs_exhaustive": len(ref),
        "slot_pairs_found": sum((p.a.id, p.b.id) in found for p in ref),
        "slot_recall": round(sum((p.a.id, p.b.id) in found for p in ref) / len(ref), 4) if ref else None,
        "interval_contradictions_exhaustive": len(wanted),
        "interval_contradiction_recall": round(len(wanted & got) / len(wanted), 4) if wanted else None,
    }


def _naive_verdicts(
    pairs: Sequence[Pair], ab: np.ndarray, ba: np.ndarray, settings: Settings
) -> list[Verdict]:
    """Interval logic for quantity and date slots (arithmetic is never overruled), NLI for the rest;
    the same floors and confidence curve as `verify.rules.check_pairs`."""
    out: list[Verdict] = []
    other = [k for k, p in enumerate(pairs) if p.a.kind == "other"]
    for p in pairs:
        if p.a.kind == "quantity":
            floor = block_floor(block_key(p.a) or "", settings.align)
            out.append(check_quantity(p, floor, settings.verify, settings.align.near_copy_min_ratio))
        elif p.a.kind == "date":
            out.append(check_date(p, settings.align.date_min_similarity, settings.verify))
    if other:
        out += other_verdicts([pairs[k] for k in other], ab[other], ba[other], settings.verify)
    return out


def run_naive(name: str, docs: Sequence[Document], pipeline: Pipeline) -> tuple[Result, RunStats]:
    with PeakMemory() as memory:
        start = time.perf_counter()
        naive = naive_check(docs, pipeline)
        seconds = time.perf_counter() - start
    stats = _stats(name, docs, naive.result, seconds, memory, naive.scored)
    stats.pairs_checked = naive.scored  # every cross-source pair went through the model
    stats.pairs_per_second = round(naive.scored / max(1e-9, naive.result.timings["nli_all_pairs"]), 1)
    stats.extra["nli_contradictions_without_slot_rule"] = naive.flood
    return naive.result, stats


# ---------------------------------------------------------------- the bench


@dataclass(frozen=True)
class BenchConfig:
    naive_docs: int = DEFAULT_NAIVE_DOCS  # prefix of the 1x corpus for the naive comparison; 0 skips it
    scales: tuple[int, ...] = DEFAULT_SCALES  # the largest is the whole corpus
    warm_cache: bool = True  # also time the 1x run again on its now-warm cache
    index_recall: bool = True  # compare the index with every pair at the largest scale (quadratic)


Progress = Callable[[str], None]


def nested_corpora(docs: Sequence[Document], scales: Sequence[int]) -> dict[int, list[Document]]:
    """The corpus at each scale: its first k x (len / max scale) documents, the largest being all.

    Nested prefixes of distinct documents, never copies: a copy would be answered by the verdict
    cache and make the larger runs cheap.
    """
    if not scales or min(scales) < 1:
        raise InputError("scales must be positive integers")
    unit = len(docs) // max(scales)
    if unit < 1:
        raise InputError(f"the corpus has {len(docs)} documents, too few for scales {list(scales)}")
    return {k: list(docs[: k * unit]) for k in scales}


def bench(
    docs: Sequence[Document],
    nli_model: str | Path | None = None,
    config: BenchConfig = BenchConfig(),
    progress: Progress | None = None,
    settings: Settings = DEFAULTS,
    source: str = "user corpus",
) -> dict:
    """Run every measurement on `docs` and return the report (the JSON `claimcheck bench` prints).

    The shipped runs are `Pipeline.build` with a fresh verdict cache each; the naive run is the
    same model in fp32, uncached, on every cross-source pair of the first `naive_docs` documents.
    """
    say = progress or (lambda _msg: None)
    corpora = nested_corpora(docs, config.scales)
    base = corpora[min(config.scales)]
    shipped = Pipeline.build(settings=settings, nli_model=nli_model, use_cache=False)
    if shipped.nli is None:
        raise InputError("no NLI model to bench: install one or pass --nli-model")
    naive = Pipeline.build(settings=settings, nli_model=nli_model, precision="fp32", use_cache=False)
    report: dict = {
        "corpus": {"source": source, "docs": len(base), "chars": sum(len(d.text) for d in base)},
        "machine": _machine(),
        "models": {"shipped": shipped.nli.model_id, "naive": getattr(naive.nli, "model_id", None)},
        "notes": [],
        "primary_metric": PRIMARY_METRIC,
    }
    say("warming up (models load outside the timings)")
    _warm_up(shipped, naive)

    def cold(cache: Path) -> Pipeline:
        return Pipeline.build(settings=settings, nli_model=nli_model, cache_dir=cache)

    with tempfile.TemporaryDirectory(prefix="claimcheck-bench-") as tmp:
        if config.naive_docs > 0:
            small = list(base[: config.naive_docs])
            say(f"naive: every cross-source pair of {len(small)} documents through the fp32 model")
            naive_result, naive_stats = run_naive("naive", small, naive)
            say(f"shipped on the same {len(small)} documents")
            shipped_result, shipped_stats = run_shipped("shipped", small, cold(Path(tmp, "shipped")))
            report["naive"] = asdict(naive_stats)
            report["shipped"] = asdict(shipped_stats)
            report["speedup_vs_naive"] = round(naive_stats.seconds / shipped_stats.seconds, 2)
            agreement = findings_agreement(naive_result.findings, shipped_result.findings)
            report["findings_agreement"] = None if agreement is None else round(agreement, 4)
            report["findings_agreement_all"] = _all_agreement(naive_result.findings, shipped_result.findings)
            report["missed_contradictions"] = _missed(naive_result, shipped_result)
            report["notes"].append(
                f"naive all-pairs run capped at the first {len(small)} documents (it is quadratic); "
                "speedup_vs_naive and findings_agreement are measured on that corpus"
            )
        else:
            report |= {"speedup_vs_naive": None, "findings_agreement": None}
            report["notes"].append("naive run skipped")
        rows = []
        for k in config.scales:
            say(f"shipped at {k}x: {len(corpora[k])} documents")
            run = cold(Path(tmp, f"{k}x"))
            result, stats = run_shipped(f"{k}x", corpora[k], run)
            rows.append({"scale": k, **asdict(stats)})
            if config.warm_cache and k == config.scales[0]:
                say(f"shipped at {k}x again, on the warm verdict cache")
                _, warm = run_shipped(f"{k}x warm", corpora[k], run)
                report["warm_cache"] = asdict(warm)
        if config.index_recall and rows:
            say(f"index recall at {rows[-1]['scale']}x: every pair of each block (not timed)")
            report["index_recall"] = {"scale": rows[-1]["scale"], **index_recall(result, shipped)}
    report["scaling"] = rows
    report["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    if len({r["chars"] for r in rows}) > 1:
        chars = [r["chars"] for r in rows]
        report["scaling_exponent"] = round(fit_exponent(chars, [r["seconds"] for r in rows]), 3)
        report["pairs_exponent"] = round(fit_exponent(chars, [max(1, r["pairs_checked"]) for r in rows]), 3)
    else:
        report["scaling_exponent"] = None
        report["notes"].append("one scale only: no scaling exponent")
    return report


def _warm_up(*pipelines: Pipeline) -> None:
    """Load spaCy, MiniLM and the NLI models and run each once, so no timing pays for a load."""
    for run in pipelines:
        run.extract([Document("warm-up", "", "A warm-up sentence about 30 nations met in Paris.")])
        run.embedder(["A warm-up sentence."], 1)
        if run.nli is not None:
            run.nli.predict([("A warm-up premise.", "A warm-up hypothesis.")] * 4)


def _all_agreement(naive: Sequence[Finding], shipped: Sequence[Finding]) -> float | None:
    wanted = {f.id for f in naive}
    return round(len(wanted & {f.id for f in shipped}) / len(wanted), 4) if wanted else None


def _missed(naive: Result, shipped: Result, limit: int = 10) -> list[dict]:
    """The naive contradictions the shipped run did not report, so a drop can be explained."""
    got = {f.id for f in shipped.findings}
    return [
        {"id": f.id, "method": f.method, "explanation": f.explanation}
        for f in naive.findings
        if f.verdict == "contradiction" and f.id not in got
    ][:limit]


def _machine() -> dict:
    import torch

    return {
        "cpus": os.cpu_count(),
        "torch_threads": torch.get_num_threads(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "torch": torch.__version__,
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }


# ---------------------------------------------------------------- rendering

COLUMNS = (
    "run",
    "docs",
    "claims",
    "pairs checked",
    "NLI pairs",
    "extract s",
    "align s",
    "check s",
    "total s",
    "pairs/s",
    "peak MiB",
    "contradictions",
)


def table_rows(report: dict) -> list[list[str]]:
    """One row per timed run, in COLUMNS order (shared by the terminal table and RESULTS.md)."""
    runs = [report[k] for k in ("naive", "shipped") if k in report]
    runs += report["scaling"] + ([report["warm_cache"]] if "warm_cache" in report else [])
    out = []
    for r in runs:
        st = r["stages"]
        check_s = st.get("check", 0.0) + st.get("nli_all_pairs", 0.0)  # the naive run's NLI is checking
        out.append(
            [
                r["name"],
                f"{r['docs']:,}",
                f"{r['claims']:,}",
                f"{r['pairs_checked']:,}",
                f"{r['nli_pairs']:,}",
                f"{st.get('extract', 0.0):.1f}",
                f"{st.get('align', 0.0):.1f}",
                f"{check_s:.1f}",
                f"{r['seconds']:.1f}",
                f"{r['pairs_per_second']:,.0f}",
                f"{r['peak_rss_mib']:,.0f}",
                f"{r['contradictions']:,}",
            ]
        )
    return out


def headline(report: dict) -> list[str]:
    """The contract numbers as sentences, with their targets."""

    def fmt(x: float | None, spec: str) -> str:
        return "n/a" if x is None else format(x, spec)

    lines = []
    if "naive" in report:
        lines += [
            f"speedup_vs_naive {fmt(report['speedup_vs_naive'], '.1f')}x (target >= 3)",
            f"findings_agreement {fmt(report['findings_agreement'], '.3f')} (target >= 0.95)"
            + (
                " (the naive run finds no contradiction); all findings agree at "
                f"{fmt(report.get('findings_agreement_all'), '.3f')}"
                if report["findings_agreement"] is None
                else ""
            ),
        ]
    if report.get("scaling_exponent") is not None:
        lines.append(
            f"scaling_exponent {report['scaling_exponent']:.2f} (target <= 1.3); "
            f"pairs grow with exponent {fmt(report.get('pairs_exponent'), '.2f')}"
        )
    if report["scaling"]:
        last = report["scaling"][-1]
        counts = "; ".join(
            f"{m}: " + ", ".join(f"{n:,} {v}" for v, n in verdicts.items())
            for m, verdicts in last["by_method"].items()
        )
        lines.append(f"findings at {last['name']} by method: {counts or 'none'}")
    if "index_recall" in report:
        r = report["index_recall"]
        lines.append(
            f"index at {r['scale']}x vs every pair of each block: slot-pair recall "
            f"{fmt(r['slot_recall'], '.3f')} ({r['slot_pairs_found']:,} of {r['slot_pairs_exhaustive']:,}), "
            f"quantity/date contradiction recall {fmt(r['interval_contradiction_recall'], '.3f')} "
            f"(of {r['interval_contradictions_exhaustive']:,})"
        )
    if "naive" in report:
        flood = report["naive"]["extra"].get("nli_contradictions_without_slot_rule")
        lines.append(
            f"naive: {report['naive']['pairs_checked']:,} cross-source pairs through the fp32 model; "
            f"NLI alone calls {flood:,} of them contradictory, the slot rule keeps "
            f"{report['naive']['contradictions']:,} contradiction findings"
        )
    return lines + list(report["notes"])


def render_table(report: dict) -> str:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"claimcheck bench: {report['corpus']['source']}")
    for col in COLUMNS:
        table.add_column(col, justify="left" if col == "run" else "right")
    for row in table_rows(report):
        table.add_row(*row)
    console = Console(width=160, file=io.StringIO())
    console.print(table)
    for line in headline(report):
        console.print(line, highlight=False)
    return console.file.getvalue()
