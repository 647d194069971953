"""The same-fact model's place in alignment: it reads masked sentences, and it may only reopen a
pair the frames parted on measure or aspect, never one they parted on holder, period or target."""

from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimcheck.align.samefact import MASK, masked_figure
from claimcheck.align.slots import decide
from claimcheck.core.intervals import Interval
from claimcheck.core.settings import DEFAULTS
from claimcheck.core.types import Claim, Frame, Quantity

SENT_A = "Boyd Jefferies said he intends to plead guilty to 2 felony counts of securities fraud."
SENT_B = "Boyd Jefferies agreed to plead guilty to 2 felony counts, the Jefferies group said on Friday."


def count(cid: str, doc: str, sentence: str, frame: Frame, value: float = 2.0, text: str = "2") -> Claim:
    q = Quantity(value, Interval.point(value), "count", None, text, step=1.0)
    return Claim(
        cid, doc, 0, len(sentence), sentence, "quantity", quantity=q, frame=frame, sentence=sentence,
        entities=("Boyd Jefferies",),
    )


class Fake:
    """A same-fact model that answers one probability and records what it was asked."""

    def __init__(self, p: float) -> None:
        self.p, self.asked = p, []

    def __call__(self, pairs):
        self.asked += list(pairs)
        return np.full(len(pairs), self.p, dtype=np.float32)


@pytest.mark.parametrize(
    ("sentence", "figure", "masked"),
    [
        (SENT_A, "2", SENT_A.replace(" 2 ", f" {MASK} ")),
        (
            "Nippon Life will buy a 13 pct stake for 538 mln dlrs, the company said in 1987.",
            "538 mln dlrs",
            f"Nippon Life will buy a # pct stake for {MASK}, the company said in #.",
        ),
        ("It paid 5 dlrs, then 5 dlrs again for the same shares last week.", "5 dlrs", None),  # twice
        ("Shr loss 12 cts vs 5 cts", "12 cts", None),  # a table row, no words to read
    ],
)
def test_masked_figure(sentence: str, figure: str, masked: str | None) -> None:
    assert masked_figure(count("a", "d1", sentence, Frame(), text=figure)) == masked


@given(st.lists(st.sampled_from(["the", "bank", "rose", "12", "3.5", "pct", "1,200", "said"]), min_size=8))
def test_masked_sentences_hide_every_value(words: list[str]) -> None:
    sentence = " ".join([*words, "to 77 dlrs"])
    out = masked_figure(count("a", "d1", sentence, Frame(), text="77 dlrs"))
    if out is not None:
        assert out.count(MASK) == 1 and not re.search(r"\d", out)


def test_a_pair_parted_on_wording_is_reopened_only_when_the_model_reads_one_fact() -> None:
    a = count("a", "d1", SENT_A, Frame("Boyd Jefferies", "plead", aspect="forecast"))
    b = count("b", "d2", SENT_B, Frame("Boyd Jefferies", "plead"))
    cand = [(a, b, 0.7, "unit:count")]
    assert decide(cand, DEFAULTS.align, None) == []  # the frames alone part them
    assert decide(cand, DEFAULTS.align, Fake(0.5)) == []
    (pair,) = decide(cand, DEFAULTS.align, Fake(0.95))
    assert "same-fact model (p=0.95)" in pair.reason


def test_the_model_never_overrules_a_holder_or_period() -> None:
    a = count("a", "d1", SENT_A, Frame("Boyd Jefferies", "plead", aspect="forecast"))
    other_holder = count("b", "d2", SENT_B, Frame("Ivan Boesky", "plead"))
    fake = Fake(0.99)
    assert decide([(a, other_holder, 0.7, "unit:count")], DEFAULTS.align, fake) == []
    assert fake.asked == []  # nothing it could change is sent to it
