"""A cross-encoder that reads two sentences and says whether their figures are one fact.

Why: the measurement frames (align.frames) are rules over the parse. They are right when they say
two figures are one fact, but they also part many figures that are one fact in other words ("intends
to plead guilty to four felony counts" is a forecast to them, "agreed to plead guilty to four felony
counts" a level). The model was trained (eval/slotmodel) on figure pairs of same-event news stories,
with the figure hidden, so it judges the words around the figure, never the value. It only reopens
a pair the frames parted on measure or aspect; it never decides a conflict: the interval logic does.

Nothing downloads: the model is committed under models/ and is optional. Without it the aligner
keeps the frames' word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from claimcheck.core.types import Claim
from claimcheck.infra.models import default_samefact_dir

MASK = "[MASK]"
_DIGITS = re.compile(r"\d(?:[\d,.]*\d)?")  # a sentence-final period is no digit
MIN_WORDS = 8  # shorter "sentences" are table rows ("Shr loss 12 cts vs profit 5 cts"): no words to read


class SameFact(Protocol):
    """Pairs of masked sentences to the probability that their [MASK]ed figures are one fact."""

    def __call__(self, pairs: Sequence[tuple[str, str]], /) -> np.ndarray: ...


def masked_figure(claim: Claim) -> str | None:
    """The claim's sentence with its figure as [MASK] and every other digit as '#' (the model must not
    compare values), or None when the figure is not in the sentence exactly once."""
    figure = claim.quantity.text if claim.quantity is not None else claim.date_text
    sentence = claim.sentence
    if not figure or sentence.count(figure) != 1 or len(sentence.split()) < MIN_WORDS:
        return None
    before, after = sentence.split(figure)
    return f"{_DIGITS.sub('#', before)}{MASK}{_DIGITS.sub('#', after)}".strip()


class CrossEncoderSameFact:
    """The committed model: one logit per pair, averaged over both orders (the relation is symmetric)."""

    def __init__(self, path: str | Path, max_length: int = 160, batch_size: int = 32) -> None:
        self.path, self.max_length, self.batch_size = Path(path), max_length, batch_size
        self._model = None  # loaded on first use: a corpus with no figure to reopen never pays for it

    def _loaded(self):
        if self._model is not None:
            return self._model
        import torch
        from transformers import AutoModelForSequenceClassification, AutoTokenizer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
        model = AutoModelForSequenceClassification.from_pretrained(str(self.path), dtype=torch.float32)
        self._model = AutoTokenizer.from_pretrained(str(self.path)), model.eval()
        return self._model

    def __call__(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        if not pairs:
            return np.zeros(0, dtype=np.float32)
        import torch

        from claimcheck.infra.hardware import native_bf16

        tok, model = self._loaded()
        both = list(pairs) + [(b, a) for a, b in pairs]
        out: list[float] = []
        with torch.inference_mode():
            for lo in range(0, len(both), self.batch_size):
                part = both[lo : lo + self.batch_size]
                enc = tok(
                    [a for a, _ in part],
                    [b for _, b in part],
                    truncation="longest_first",
                    max_length=self.max_length,
                    padding=True,
                    return_tensors="pt",
                )
                with torch.autocast("cpu", dtype=torch.bfloat16, enabled=native_bf16()):
                    out += torch.sigmoid(model(**enc).logits[:, 0].float()).tolist()
        scores = np.asarray(out, dtype=np.float32)
        return (scores[: len(pairs)] + scores[len(pairs) :]) / 2


def load_same_fact(path: str | Path | None = None) -> SameFact | None:
    """The model at `path`, or the committed one; None when there is none (the frames decide alone)."""
    where = Path(path) if path is not None else default_samefact_dir()
    return CrossEncoderSameFact(where) if where is not None and (where / "config.json").exists() else None
