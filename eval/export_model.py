"""Export a trained NLI run as the fp16 safetensors folder that ships in models/.

Why fp16: the committed model is read by every clone, and fp16 halves it (about 45 MB for
MiniLM-L6) at no cost in accuracy, since HFNLIModel up-casts to fp32 for CPU inference.
Why the checkpoint fallback: a run in progress has only RUN_DIR/checkpoint.pt, and an export
of it is how the eval tooling is tested before training ends (export those to a temp folder,
never to models/).

    python eval/export_model.py runs/nli-v1 models/claimcheck-nli-minilm-l6
    python eval/export_model.py runs/nli-v1 runs/nli-ckpt      # before runs/nli-v1/model exists
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

LABELS = ("entailment", "neutral", "contradiction")
TOKENIZER_FILES = ("tokenizer.json", "tokenizer_config.json", "vocab.txt", "special_tokens_map.json")
PROBE = [
    ("A man is playing a guitar on stage.", "A man is playing an instrument."),
    ("A man is playing a guitar on stage.", "Nobody is playing music."),
    ("A man is playing a guitar on stage.", "The man is famous."),
]


def load_source(run_dir: Path):
    """(fp32 model, tokenizer folder, provenance) from RUN_DIR/model, else RUN_DIR/checkpoint.pt."""
    import torch
    from transformers import AutoModelForSequenceClassification
    from transformers.utils import logging as hf_logging

    final = run_dir / "model"
    if (final / "config.json").exists():
        model = AutoModelForSequenceClassification.from_pretrained(final, local_files_only=True)
        info = {"source": str(final), "step": _final_steps(run_dir)}
        return model.float().eval(), _tokenizer_dir(run_dir, final), info
    ckpt = run_dir / "checkpoint.pt"
    if not ckpt.exists():
        raise FileNotFoundError(f"neither {final} nor {ckpt} exists")
    from claimcheck.infra.models import minilm_dir

    base = minilm_dir()
    verbosity = hf_logging.get_verbosity()
    hf_logging.set_verbosity_error()  # "newly initialized classifier" is expected: we overwrite it
    try:
        model = AutoModelForSequenceClassification.from_pretrained(
            base,
            num_labels=3,
            id2label=dict(enumerate(LABELS)),
            label2id={lab: i for i, lab in enumerate(LABELS)},
            local_files_only=True,
        )
    finally:
        hf_logging.set_verbosity(verbosity)
    state = torch.load(ckpt, map_location="cpu", weights_only=False)
    model.load_state_dict(state["model"])
    return model.float().eval(), base, {"source": str(ckpt), "step": state.get("step")}


def _tokenizer_dir(run_dir: Path, final: Path) -> Path:
    """The base model's own tokenizer files when they tokenize exactly as the run's re-saved ones.

    Training never changes the tokenizer, and the base files (vocab.txt included) are the
    portable originals; the run's copy is re-serialised by whatever transformers version trained
    it. Falls back to the run's files if the base is gone or tokenizes differently.
    """
    from transformers import AutoTokenizer

    args = run_dir / "train_args.json"
    base = Path(json.loads(args.read_text()).get("base", "")) if args.exists() else None
    if base is None or not (base / "vocab.txt").exists():
        return final
    ours, theirs = (AutoTokenizer.from_pretrained(d, local_files_only=True) for d in (base, final))
    texts = [p for p, _ in PROBE], [h for _, h in PROBE]
    return base if ours(*texts)["input_ids"] == theirs(*texts)["input_ids"] else final


def _final_steps(run_dir: Path) -> int | None:
    args = run_dir / "train_args.json"
    return json.loads(args.read_text()).get("steps") if args.exists() else None


def export(run_dir: Path, out_dir: Path, *, force: bool = False) -> dict:
    """Write OUT_DIR atomically (built in a sibling temp folder, then renamed); returns a summary."""
    import numpy as np

    from claimcheck.verify.nli import HFNLIModel

    if out_dir.exists() and not force:
        raise FileExistsError(f"{out_dir} exists (pass --force to replace it)")
    model, tok_dir, info = load_source(run_dir)
    reference = _probs(model, tok_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-", dir=out_dir.parent))
    try:
        model.half().save_pretrained(tmp)  # transformers >= 5 always writes model.safetensors
        for name in TOKENIZER_FILES:
            if (tok_dir / name).exists():
                shutil.copy2(tok_dir / name, tmp / name)
        (tmp / "export_info.json").write_text(json.dumps({**info, "dtype": "float16"}, indent=2) + "\n")
        loaded = HFNLIModel(tmp, precision="fp32")
        dtypes = {str(p.dtype) for p in loaded.model.parameters()}
        exported = loaded.predict(PROBE)
        drift = float(np.abs(exported - reference).max())
        if dtypes != {"torch.float32"} or drift > 0.01:
            raise RuntimeError(f"exported model does not round-trip: dtypes={dtypes} max |Δp|={drift:.4f}")
        tmp.chmod(0o755)  # mkdtemp makes it private; the folder is meant to be committed and shared
        for path in tmp.iterdir():
            path.chmod(0o644)
        if out_dir.exists():
            shutil.rmtree(out_dir)
        tmp.rename(out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    size = sum(p.stat().st_size for p in out_dir.iterdir())
    return {**info, "out": str(out_dir), "bytes": size, "max_prob_drift_fp16": round(drift, 6)}


def _probs(model, tok_dir: Path):
    """Reference probabilities in LABELS order from the fp32 source, to check the export against."""
    import torch
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(tok_dir, local_files_only=True)
    enc = tok([p for p, _ in PROBE], [h for _, h in PROBE], padding=True, return_tensors="pt")
    with torch.inference_mode():
        probs = torch.softmax(model(**enc).logits.float(), dim=-1).numpy()
    order = [model.config.label2id[lab] for lab in LABELS]
    return probs[:, order]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("run_dir", type=Path, help="training run folder (holds model/ or checkpoint.pt)")
    ap.add_argument("out_dir", type=Path, help="folder to write the fp16 model to")
    ap.add_argument("--force", action="store_true", help="replace OUT_DIR if it exists")
    args = ap.parse_args(argv)
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    try:
        summary = export(args.run_dir, args.out_dir, force=args.force)
    except (FileNotFoundError, FileExistsError, RuntimeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        raise SystemExit(2) from exc
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
