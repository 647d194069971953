"""Would an MPNet-base cross-encoder meet the product's >= 100 NLI pairs/s on 2 CPU threads?

A speed check only, no download and no training: MPNet-base is built from `MPNetConfig()` (the
default base sizes: 12 layers, hidden 768, 12 heads, 110M parameters) with random weights and a
3-label head, and timed against the shipped MiniLM-L6 (`models/claimcheck-nli-minilm-l6`) on the
same 500 realistic news sentence pairs (consecutive sentences of BBC / Reuters articles), tokenised
with the MiniLM tokenizer (BERT uncased vocabulary; MPNet's own vocabulary has the same size),
max length 128, batches of 32 in length-sorted order (as `claimcheck/nli.py` runs them).

Random weights do not change the arithmetic, so pairs/s is what a trained MPNet would run at.

Precisions: bf16 autocast (the brief's setting), and also fp32 and dynamic int8, because bf16 is
only fast on CPUs with native bf16 (AMX / AVX512-BF16) and is emulated, many times slower, on
AVX2-only CPUs; `precision="auto"` picks int8 there. A variant that runs past --budget seconds is
stopped and its rate is measured on the batches it finished (reported as partial). Besides wall
time, the process's CPU time is recorded: on a shared machine wall-clock pairs/s mostly measures
the other processes, while pairs per CPU-second (run with --threads 1) does not.

    python eval/mpnet_speed.py --data ../shared/data --out runs/mpnet_speed.json
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import sys
import time
from pathlib import Path

import torch
from transformers import (
    AutoModelForSequenceClassification,
    AutoTokenizer,
    MPNetConfig,
    MPNetForSequenceClassification,
)

ROOT = Path(__file__).resolve().parent.parent
MINILM = ROOT / "models" / "claimcheck-nli-minilm-l6"
SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"])")


def news_pairs(data: Path, n: int, seed: int = 13) -> list[tuple[str, str]]:
    """n (sentence, next sentence) pairs of 40-300 characters from BBC and Reuters articles."""
    pairs = []
    for name in ("bbc_news_greene2006.jsonl.gz", "reuters21578.jsonl.gz"):
        with gzip.open(data / "news" / name, "rt", encoding="utf-8") as fh:
            for line in fh:
                doc = json.loads(line)
                sents = [s for p in doc["text"].split("\n") for s in SENT.split(p)]
                sents = [s.strip() for s in sents if 40 <= len(s.strip()) <= 300]
                pairs += list(zip(sents, sents[1:], strict=False))
    return random.Random(seed).sample(pairs, n)


def timed(model, batches, precision: str, budget: float) -> dict:
    if precision == "int8":
        model = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
    done, start, cpu0 = 0, None, None
    with torch.inference_mode():
        for k, batch in enumerate([batches[0]] + batches):  # the first batch is a warm-up
            if k == 1:
                start, cpu0 = time.perf_counter(), time.process_time()
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=precision == "bf16"):
                model(**batch).logits.float()
            if k >= 1:
                done += batch["input_ids"].shape[0]
                if time.perf_counter() - start > budget:
                    break
    secs = time.perf_counter() - start
    cpu = time.process_time() - cpu0  # all threads of this process: robust to other processes' load
    total = sum(b["input_ids"].shape[0] for b in batches)
    return {
        "pairs": done,
        "seconds": round(secs, 2),
        "pairs_per_second": round(done / secs, 1),
        "partial": done < total,
        "cpu_seconds": round(cpu, 2),
        # pairs per CPU-second; times the thread count = the rate on an otherwise idle machine if
        # the threads scale perfectly (an upper bound for 2 threads)
        "pairs_per_cpu_second": round(done / cpu, 1),
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, required=True, help="the shared data root (holds news/)")
    ap.add_argument("--out", type=Path, default=None, help="write the numbers as JSON here")
    ap.add_argument("--n", type=int, default=500)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--budget", type=float, default=120.0, help="seconds per variant at most")
    ap.add_argument("--precisions", default="bf16,fp32,int8")
    args = ap.parse_args(argv)

    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    tok = AutoTokenizer.from_pretrained(MINILM)
    pairs = news_pairs(args.data, args.n)
    enc = tok([p for p, _ in pairs], [h for _, h in pairs], truncation="longest_first", max_length=128)
    order = sorted(range(len(pairs)), key=lambda i: len(enc["input_ids"][i]))
    batches = []
    for i in range(0, len(order), args.batch_size):
        idx = order[i : i + args.batch_size]
        feats = [{"input_ids": enc["input_ids"][j], "attention_mask": enc["attention_mask"][j]} for j in idx]
        batches.append(tok.pad(feats, return_tensors="pt"))
    tokens = sum(len(x) for x in enc["input_ids"])
    result = {
        "n_pairs": len(pairs),
        "mean_tokens": round(tokens / len(pairs), 1),
        "threads": args.threads,
        "batch_size": args.batch_size,
        "cpu_native_bf16": "avx512_bf16" in Path("/proc/cpuinfo").read_text()
        or "amx_bf16" in Path("/proc/cpuinfo").read_text(),
        "load_before": [round(x, 2) for x in os.getloadavg()],
        "torch": torch.__version__,
    }
    models = {
        "minilm_l6": lambda: AutoModelForSequenceClassification.from_pretrained(MINILM).float().eval(),
        "mpnet_base_random": lambda: MPNetForSequenceClassification(MPNetConfig(num_labels=3)).float().eval(),
    }
    for name, build in models.items():
        model = build()
        result[name] = {"parameters_m": round(sum(p.numel() for p in model.parameters()) / 1e6, 1)}
        for precision in args.precisions.split(","):
            r = timed(model, batches, precision, args.budget)
            result[name][precision] = r
            print(name, precision, r, file=sys.stderr, flush=True)
    result["load_after"] = [round(x, 2) for x in os.getloadavg()]
    result["target_pairs_per_second"] = 100.0
    print(json.dumps(result, indent=2))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
