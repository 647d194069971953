"""Shared fixtures. Append new ones below; keep them cheap (the CI machine has two cores)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")

TINY_VOCAB = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] + (
    "a the man woman dog cat is are not no plays sleeps runs in on park house "
    "three five nations countries met paris kyiv over more than 30 35 ."
).split()

# Deliberately not the LABELS order, so tests catch code that ignores config.id2label.
TINY_ID2LABEL = {0: "contradiction", 1: "entailment", 2: "neutral"}


def make_tiny_nli(
    out: Path, id2label: dict[int, str] | None = None, bias_label: str | None = None, seed: int = 0
) -> Path:
    """Save a random 2-layer BERT NLI model + tokenizer to `out` (a few hundred KB, < 1 s).

    With `bias_label`, the classifier ignores its input and always puts ~all mass on that label.
    """
    import torch
    from transformers import BertConfig, BertForSequenceClassification, BertTokenizerFast

    id2label = dict(TINY_ID2LABEL if id2label is None else id2label)
    out.mkdir(parents=True, exist_ok=True)
    vocab = out / "vocab.txt"
    vocab.write_text("\n".join(TINY_VOCAB) + "\n", encoding="utf-8")
    BertTokenizerFast(vocab_file=str(vocab), do_lower_case=True).save_pretrained(out)
    config = BertConfig(
        vocab_size=len(TINY_VOCAB),
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=37,
        max_position_embeddings=128,
        num_labels=len(id2label),
        id2label=id2label,
        label2id={v: k for k, v in id2label.items()},
    )
    torch.manual_seed(seed)
    model = BertForSequenceClassification(config)
    if bias_label is not None:
        with torch.no_grad():
            model.classifier.weight.zero_()
            model.classifier.bias.zero_()
            target = next(i for i, name in id2label.items() if name == bias_label)
            model.classifier.bias[target] = 50.0
    model.save_pretrained(out, safe_serialization=True)
    return out


@pytest.fixture(scope="session")
def tiny_nli_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny random NLI model folder with a non-standard label order."""
    return make_tiny_nli(tmp_path_factory.mktemp("models") / "tiny-nli")


SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def copy_seeds(dest: Path, only: tuple[str, ...] = (), **extra: str) -> Path:
    """A copy of seeds/ (or of the seeds whose names start with one of `only`) at `dest`,
    plus one document per keyword (name.md -> text)."""
    dest.mkdir(parents=True)
    for seed in SEEDS.iterdir():
        if not only or seed.name.startswith(only):
            (dest / seed.name).write_bytes(seed.read_bytes())
    for name, text in extra.items():
        (dest / f"{name}.md").write_text(text, encoding="utf-8")
    return dest


@pytest.fixture(scope="session", autouse=True)
def _private_verdict_cache(tmp_path_factory: pytest.TempPathFactory):
    """No test reads or writes the user's own NLI verdict cache."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CLAIMCHECK_CACHE_DIR", str(tmp_path_factory.mktemp("verdict-cache")))
        yield


@pytest.fixture(scope="module")
def memo_pipeline():
    """Pipeline.run memoised on the documents' ids and texts, the model and the settings, per module.

    Tests that drive the real CLI many times over one corpus (every format, baseline round
    trips) then pay for extraction and alignment once; everything the CLI does around the
    pipeline (config, loading, baselines, rendering, the gate, writing) still runs each time.
    Module scope keeps other modules' determinism checks honest.
    """
    from dataclasses import replace

    from claimcheck.pipeline import Pipeline

    real = Pipeline.run
    memo: dict = {}

    def run(self, docs):
        key = (tuple((d.id, d.text) for d in docs), getattr(self.nli, "model_id", None), self.settings)
        if key not in memo:
            memo[key] = real(self, docs)
        return replace(memo[key], documents=list(docs))  # this run's paths

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(Pipeline, "run", run)
        yield


def sentence_pairs(report: dict, verdict: str) -> set[tuple]:
    """The distinct pairs of sentences (document, start, end) behind the findings with `verdict`."""
    by_id = {c["id"]: c for c in report["claims"]}
    return {
        tuple(sorted({(by_id[c]["doc_id"], by_id[c]["start"], by_id[c]["end"]) for c in f["claim_ids"]}))
        for f in report["findings"]
        if f["verdict"] == verdict
    }


@pytest.fixture(scope="module")
def raw_confidence():
    """Contradictions keep their raw confidence, uncalibrated: for tests of the gate's arithmetic on
    known confidences (a clear conflict 1.0, a hedged one 0.5). tests/test_confidence.py tests the
    calibration, which a refit changes."""
    from claimcheck.verify import confidence

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(confidence, "shipped", lambda: None)
        yield
