"""Fine-tune all-MiniLM-L6-v2 into the "same fact?" cross-encoder over mined figure pairs (mine.py).

One logit: does the [MASK]ed figure of sentence a state the same fact as the [MASK]ed figure of
sentence b? Trained with binary cross-entropy on the distant labels of mine.py. A tenth of the story
pairs (by the hash of the pair) is held out, and its ROC AUC is printed after every epoch; the
epoch with the best held-out AUC is saved in fp16.

    python eval/slotmodel/train.py --pairs runs/slotmine/pairs.jsonl --out runs/slotmodel

Deterministic for one seed on one machine (the example order is a function of the seed).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

import torch
from transformers import AutoModelForSequenceClassification, AutoTokenizer

from claimcheck.infra.hardware import native_bf16
from claimcheck.infra.models import minilm_dir


def held_out(group: str, share: float) -> bool:
    return int(group, 16) % 1000 < share * 1000


def roc_auc(labels: list[int], scores: list[float]) -> float:
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(labels, scores)) if len(set(labels)) == 2 else float("nan")


@torch.no_grad()
def predict(model, tok, rows: list[dict], batch: int = 64, max_length: int = 160) -> list[float]:
    model.eval()
    out: list[float] = []
    for lo in range(0, len(rows), batch):
        part = rows[lo : lo + batch]
        enc = tok(
            [r["a"] for r in part],
            [r["b"] for r in part],
            truncation="longest_first",
            max_length=max_length,
            padding=True,
            return_tensors="pt",
        )
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=native_bf16()):
            out += torch.sigmoid(model(**enc).logits[:, 0].float()).tolist()
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pairs", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--epochs", type=int, default=2)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--lr", type=float, default=4e-5)
    ap.add_argument("--max-length", type=int, default=160, help="tokens of the pair; news sentences fit")
    ap.add_argument("--holdout", type=float, default=0.1)
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args(argv)
    rows = [json.loads(line) for line in args.pairs.read_text().splitlines() if line.strip()]
    train = [r for r in rows if not held_out(r["group"], args.holdout)]
    val = [r for r in rows if held_out(r["group"], args.holdout)]
    rng = random.Random(args.seed)
    # Both orders: "same fact" is symmetric, and the aligner may hand either claim first.
    train = train + [dict(r, a=r["b"], b=r["a"]) for r in train]
    print(f"{len(train)} train rows (both orders), {len(val)} held out", file=sys.stderr)
    torch.manual_seed(args.seed)
    tok = AutoTokenizer.from_pretrained(str(minilm_dir()))
    model = AutoModelForSequenceClassification.from_pretrained(str(minilm_dir()), num_labels=1)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    steps = args.epochs * ((len(train) + args.batch - 1) // args.batch)
    warm = max(1, steps // 10)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / max(1, steps - warm)))
    )
    loss_fn = torch.nn.BCEWithLogitsLoss()
    best = -1.0
    for epoch in range(args.epochs):
        model.train()
        order = list(range(len(train)))
        rng.shuffle(order)
        t0, seen = time.time(), 0
        for lo in range(0, len(order), args.batch):
            part = [train[i] for i in order[lo : lo + args.batch]]
            enc = tok(
                [r["a"] for r in part],
                [r["b"] for r in part],
                truncation="longest_first",
                max_length=args.max_length,
                padding=True,
                return_tensors="pt",
            )
            target = torch.tensor([float(r["label"]) for r in part])
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=native_bf16()):
                logits = model(**enc).logits[:, 0].float()
            loss = loss_fn(logits, target)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            seen += len(part)
            if (lo // args.batch) % 100 == 0:
                print(
                    f"epoch {epoch} {seen}/{len(train)} loss {loss.item():.3f} "
                    f"{seen / (time.time() - t0):.1f} pairs/s",
                    file=sys.stderr,
                    flush=True,
                )
        auc = roc_auc([r["label"] for r in val], predict(model, tok, val))
        print(f"epoch {epoch}: held-out AUC {auc:.3f}", file=sys.stderr, flush=True)
        if auc > best:
            best = auc
            model.half().save_pretrained(args.out, safe_serialization=True)
            model.float()
            tok.save_pretrained(args.out)
            (args.out / "train_info.json").write_text(
                json.dumps(
                    {
                        "epoch": epoch,
                        "heldout_auc": round(auc, 4),
                        "train_rows": len(train),
                        "heldout_rows": len(val),
                        "args": {k: str(v) for k, v in vars(args).items()},
                    },
                    indent=1,
                )
                + "\n"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
