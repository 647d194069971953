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

Without PATH the corpus is real BBC news from the data folder, grouped into stories so that
several sources speak about the same events; with PATH that corpus is the 1x corpus and the
larger scales add BBC stories to it.
"""

from __future__ import annotations

import gzip
import io
import json
import math
import os
import platform
import re
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

from claimcheck.align import PLACE_BONUS, YEAR_BONUS, AlignConfig, block_floor, block_key, slot_pair
from claimcheck.cache import cached
from claimcheck.check import CheckConfig, check_date, check_quantity, nli_verdicts
from claimcheck.embed import embed, mask_numbers
from claimcheck.errors import InputError
from claimcheck.extract import extract_claims
from claimcheck.findings import to_findings
from claimcheck.nli import NLIModel, bidirectional
from claimcheck.pipeline import Result, check_documents
from claimcheck.types import Claim, Document, Finding, Pair, Verdict

BBC_FILE = "news/bbc_news_greene2006.jsonl.gz"
STORY_SIZE = 4  # sources per story in the generated corpus
DEFAULT_DOCS = 48
DEFAULT_NAIVE_DOCS = 6
DEFAULT_SCALES = (1, 2, 4)
_WORD = re.compile(r"[a-z][a-z'-]{3,}")
_RARE_DF = 40  # a word in more articles than this says nothing about which story an article is


# ---------------------------------------------------------------- corpus


def data_dir(explicit: Path | None) -> Path:
    """The shared data folder: --data, else $CLAIMCHECK_DATA, else ../shared/data if present."""
    for candidate in (explicit, os.environ.get("CLAIMCHECK_DATA"), "../shared/data"):
        if candidate is not None and (Path(candidate) / BBC_FILE).is_file():
            return Path(candidate)
    where = explicit or os.environ.get("CLAIMCHECK_DATA") or "../shared/data"
    raise InputError(f"no BBC news corpus at {Path(where) / BBC_FILE} (pass --data or set CLAIMCHECK_DATA)")


def read_bbc(root: Path) -> list[dict]:
    with gzip.open(root / BBC_FILE, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def story_order(articles: Sequence[dict], size: int = STORY_SIZE) -> list[list[dict]]:
    """Articles grouped into stories of up to `size` sources, best-overlapping stories first.

    Two articles are close when their headline and first paragraph share rare words (idf
    weighted); each story is a seed article and its closest unassigned neighbours in the
    same section. Deterministic (ties broken by id), so the corpus and finding ids are too.
    Lexical, not MiniLM: grouping 2,225 articles must not cost more than checking them.
    """
    words = [set(_WORD.findall(f"{a['title']} {a['text'].split(chr(10))[0]}".lower())) for a in articles]
    df: dict[str, int] = defaultdict(int)
    for ws in words:
        for w in ws:
            df[w] += 1
    index: dict[str, list[int]] = defaultdict(list)
    for i, ws in enumerate(words):
        for w in ws:
            if 2 <= df[w] <= _RARE_DF:
                index[w].append(i)
    section = [a["source"] for a in articles]
    scores: list[dict[int, float]] = []
    for i, ws in enumerate(words):
        s: dict[int, float] = defaultdict(float)
        for w in sorted(ws):  # a fixed order of float sums: set order changes with PYTHONHASHSEED
            for j in index.get(w, ()):
                if j != i and section[j] == section[i]:
                    s[j] += math.log(len(articles) / df[w])
        scores.append(s)
    best = [max(s.values(), default=0.0) for s in scores]
    seeds = sorted(range(len(articles)), key=lambda i: (-best[i], articles[i]["id"]))
    taken: set[int] = set()
    stories = []
    for i in seeds:
        if i in taken:
            continue
        near = sorted(
            (j for j in scores[i] if j not in taken), key=lambda j: (-scores[i][j], articles[j]["id"])
        )
        story = [i, *near[: size - 1]]
        taken.update(story)
        stories.append([articles[j] for j in story])
    return stories


def news_documents(root: Path) -> list[Document]:
    """Every BBC article as a Document, in story order (a prefix of any length is a corpus)."""
    docs = []
    for story in story_order(read_bbc(root)):
        for a in story:
            docs.append(Document(a["id"], f"{root / BBC_FILE}#{a['id']}", f"{a['title']}\n{a['text']}\n"))
    return docs


def scaled_corpora(
    base: Sequence[Document], extra: Sequence[Document], scales: Sequence[int]
) -> dict[int, list[Document]]:
    """The corpus at each scale: `base` plus distinct documents from `extra` up to scale x len(base).

    Never copies: a copy would be answered by the verdict cache and make the larger runs cheap.
    """
    seen = {d.id for d in base}
    pool = [d for d in extra if d.id not in seen]
    out = {}
    for k in scales:
        need = (k - 1) * len(base)
        if need > len(pool):
            raise InputError(f"scale {k}x needs {need} more documents than the corpus has ({len(pool)})")
        out[k] = [*base, *pool[:need]]
    return out


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


def run_shipped(
    name: str, docs: Sequence[Document], nli: NLIModel | None, cache_dir: Path
) -> tuple[Result, RunStats]:
    """`claimcheck check` as shipped: the verdict cache in `cache_dir` (fresh for a cold run)."""
    with PeakMemory() as memory:
        start = time.perf_counter()
        result = check_documents(docs, cached(nli, cache_dir))
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


def naive_check(
    docs: Sequence[Document],
    nli: NLIModel,
    align_config: AlignConfig | None = None,
    check_config: CheckConfig | None = None,
) -> NaiveOutcome:
    """Every cross-source pair through `nli` (both directions), then the shipped verdict rules.

    `flood` counts the false alarms NLI alone would raise on those pairs, which is what
    blocking exists to prevent.
    """
    align_config = align_config or AlignConfig()
    check_config = check_config or CheckConfig()
    timings = {}
    t = time.perf_counter()
    claims = extract_claims(docs)
    timings["extract"] = time.perf_counter() - t
    t = time.perf_counter()
    index = cross_source_pairs(claims)
    ordered = [
        (claims[i], claims[j]) if claims[i].id < claims[j].id else (claims[j], claims[i]) for i, j in index
    ]
    ab, ba = bidirectional(nli, [(a.text, b.text) for a, b in ordered], batch_size=check_config.batch_size)
    timings["nli_all_pairs"] = time.perf_counter() - t
    t = time.perf_counter()
    pairs = exhaustive_slot_pairs(claims, embed([mask_numbers(c.text) for c in claims]), align_config)
    row_of = {(a.id, b.id): row for row, (a, b) in enumerate(ordered)}
    rows = [row_of[p.a.id, p.b.id] for p in pairs]
    timings["align"] = time.perf_counter() - t
    t = time.perf_counter()
    verdicts = _naive_verdicts(pairs, ab[rows], ba[rows], align_config, check_config)
    timings["check"] = time.perf_counter() - t
    unfiltered = nli_verdicts([Pair(a, b, "all pairs") for a, b in ordered], ab, ba, check_config)
    flood = sum(v.label == "contradiction" for v in unfiltered)
    result = Result(list(docs), claims, pairs, verdicts, to_findings(verdicts), [], timings, nli.model_id)
    return NaiveOutcome(result, len(index), flood)


def exhaustive_slot_pairs(claims: Sequence[Claim], vectors: np.ndarray, config: AlignConfig) -> list[Pair]:
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
        near = sims >= block_floor(key, config) - PLACE_BONUS - YEAR_BONUS - 1e-6
        ii, jj = np.nonzero(np.triu(near & (docs[:, None] != docs[None, :]), 1))
        for i, j in zip(idx[ii], idx[jj], strict=True):
            pair = slot_pair(claims[i], claims[j], float(vectors[i] @ vectors[j]), key, config)
            if pair is not None:
                out.append(pair)
    return sorted(out, key=lambda p: (p.a.id, p.b.id))


def index_recall(result: Result, config: AlignConfig | None = None) -> dict:
    """What the index missed on a shipped run, against `exhaustive_slot_pairs` on its claims.

    No NLI is needed, so this runs at the largest scale, where the naive run cannot:
    slot_recall is the share of slot pairs the index found, interval_contradiction_recall the
    share of quantity and date contradictions (decided by arithmetic alone) it reported.
    """
    config = config or AlignConfig()
    ref = exhaustive_slot_pairs(result.claims, embed([mask_numbers(c.text) for c in result.claims]), config)
    found = {(p.a.id, p.b.id) for p in result.pairs}
    interval = [p for p in ref if p.a.kind != "other"]
    none = np.zeros((len(interval), 3))
    wanted = {
        f.id
        for f in to_findings(_naive_verdicts(interval, none, none, config, CheckConfig()))
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
    pairs: Sequence[Pair], ab: np.ndarray, ba: np.ndarray, align: AlignConfig, config: CheckConfig
) -> list[Verdict]:
    """Interval logic for quantity and date slots (arithmetic is never overruled), NLI for the rest."""
    out: list[Verdict] = []
    other = [k for k, p in enumerate(pairs) if p.a.kind == "other"]
    for p in pairs:
        if p.a.kind == "quantity":
            out.append(check_quantity(p, align.quantity_min_similarity))
        elif p.a.kind == "date":
            out.append(check_date(p, align.quantity_min_similarity))
    if other:
        out += nli_verdicts([pairs[k] for k in other], ab[other], ba[other], config)
    return out


def run_naive(name: str, docs: Sequence[Document], nli: NLIModel) -> tuple[Result, RunStats]:
    with PeakMemory() as memory:
        start = time.perf_counter()
        naive = naive_check(docs, nli)
        seconds = time.perf_counter() - start
    stats = _stats(name, docs, naive.result, seconds, memory, naive.scored)
    stats.pairs_checked = naive.scored  # every cross-source pair went through the model
    stats.pairs_per_second = round(naive.scored / max(1e-9, naive.result.timings["nli_all_pairs"]), 1)
    stats.extra["nli_contradictions_without_slot_rule"] = naive.flood
    return naive.result, stats


# ---------------------------------------------------------------- the bench


@dataclass(frozen=True)
class BenchConfig:
    docs: int = DEFAULT_DOCS  # documents in the 1x corpus (ignored with PATH)
    naive_docs: int = DEFAULT_NAIVE_DOCS  # prefix of the 1x corpus for the naive comparison; 0 skips it
    scales: tuple[int, ...] = DEFAULT_SCALES
    warm_cache: bool = True  # also time the 1x run again on its now-warm cache
    index_recall: bool = True  # compare the index with every pair at the largest scale (quadratic)


Progress = Callable[[str], None]


def bench(
    base: Sequence[Document] | None,
    root: Path | None,
    shipped_nli: NLIModel | None,
    naive_nli: NLIModel | None,
    config: BenchConfig = BenchConfig(),
    progress: Progress | None = None,
) -> dict:
    """Run every measurement and return the report (the JSON `claimcheck bench` prints).

    `base` is the user's corpus (None: the first `config.docs` news documents); `root` is the
    data folder the news documents come from (needed for scales above 1x, or without `base`).
    """
    say = progress or (lambda _msg: None)
    news = news_documents(root) if root is not None else []
    source = "user corpus" if base is not None else f"BBC news ({BBC_FILE}), stories of {STORY_SIZE} sources"
    if base is None:
        if len(news) < config.docs:
            raise InputError(f"the news corpus has {len(news)} documents, fewer than --docs {config.docs}")
        base = news[: config.docs]
    corpora = scaled_corpora(base, news, config.scales)
    report: dict = {
        "corpus": {
            "source": source,
            "docs": len(base),
            "chars": sum(len(d.text) for d in base),
        },
        "machine": _machine(),
        "models": {
            "shipped": getattr(shipped_nli, "model_id", None),
            "naive": getattr(naive_nli, "model_id", None),
        },
        "notes": [],
    }
    say("warming up (models load outside the timings)")
    _warm_up(shipped_nli, naive_nli)
    with tempfile.TemporaryDirectory(prefix="claimcheck-bench-") as tmp:
        if config.naive_docs > 0 and naive_nli is not None:
            small = list(base[: config.naive_docs])
            say(f"naive: every cross-source pair of {len(small)} documents through the fp32 model")
            naive_result, naive_stats = run_naive("naive", small, naive_nli)
            say(f"shipped on the same {len(small)} documents")
            shipped_result, shipped_stats = run_shipped("shipped", small, shipped_nli, Path(tmp, "shipped"))
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
            docs = corpora[k]
            say(f"shipped at {k}x: {len(docs)} documents")
            cache = Path(tmp, f"{k}x")
            result, stats = run_shipped(f"{k}x", docs, shipped_nli, cache)
            row = {"scale": k, **asdict(stats)}
            if config.warm_cache and k == config.scales[0]:
                say(f"shipped at {k}x again, on the warm verdict cache")
                _, warm = run_shipped(f"{k}x warm", docs, shipped_nli, cache)
                report["warm_cache"] = asdict(warm)
            rows.append(row)
        if config.index_recall and rows:
            say(f"index recall at {rows[-1]['scale']}x: every pair of each block (not timed)")
            report["index_recall"] = {"scale": rows[-1]["scale"], **index_recall(result)}
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


def _warm_up(*models: NLIModel | None) -> None:
    """Load spaCy, MiniLM and the NLI models and run each once, so no timing pays for a load."""
    from claimcheck.nlp import get_nlp

    get_nlp()("A warm-up sentence about 30 nations.")
    embed(["A warm-up sentence."])
    for m in models:
        if m is not None:
            m.predict([("A warm-up premise.", "A warm-up hypothesis.")] * 4)


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
            f"findings_agreement {fmt(report['findings_agreement'], '.3f')} (target >= 0.95)",
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
