"""Tests that kill three breakages a review found surviving the whole suite.

Each was planted by hand and nothing failed: date verdicts forced to "agreement" in the
checker, the "different years" alignment rule switched off, and the date-contradiction branch
of the consistency scorer removed. Each test below fails under its breakage.
"""

from __future__ import annotations

from datetime import date

import pytest

from claimcheck.align.slots import context_conflict, slot_pair
from claimcheck.consistency.scorer import ConsistencyScorer
from claimcheck.core.settings import DEFAULTS
from claimcheck.core.types import Claim, Frame, Interval, Pair
from claimcheck.verify.rules import check_pairs
from tests.test_consistency import WordNLI


def day(y: int, m: int, d: int) -> Interval:
    return Interval.point(date(y, m, d).toordinal())


def date_claim(cid: str, doc: str, when: Interval, text: str) -> Claim:
    frame = Frame("Trump", "take office")  # whose event it is: a date conflict needs a shared holder
    return Claim(
        cid, doc, 0, len(text), text, "date", date=when, date_text=text, entities=("Trump",), frame=frame
    )


@pytest.mark.parametrize(
    "a, b, label",
    [
        (day(2025, 1, 20), day(2025, 1, 25), "contradiction"),
        (day(2025, 1, 20), day(2025, 1, 20), "agreement"),
        (Interval(day(2025, 1, 1).low, day(2025, 1, 31).low), day(2025, 1, 20), "agreement"),  # "January"
    ],
)
def test_date_pairs_are_decided_by_their_intervals(a: Interval, b: Interval, label: str) -> None:
    pair = Pair(
        date_claim("c1", "d1", a, "Trump takes office"),
        date_claim("c2", "d2", b, "Trump takes office"),
        "",
        0.9,
    )
    (verdict,) = check_pairs([pair])
    assert (verdict.method, verdict.label) == ("date", label)


def test_date_confidence_uses_the_date_floor_not_the_quantity_floor() -> None:
    """A date pair exactly at the date floor is at the bottom of the confidence curve."""
    a, b = day(2025, 1, 20), day(2025, 1, 25)
    floor = DEFAULTS.align.date_min_similarity
    pair = Pair(date_claim("c1", "d1", a, "x"), date_claim("c2", "d2", b, "x"), "", floor)
    (verdict,) = check_pairs([pair], calibrated=False)  # the raw curve; calibration rescales it
    assert verdict.confidence == pytest.approx(DEFAULTS.verify.confidence_base)


def quantity_claim(cid: str, doc: str, years: tuple[int, ...]) -> Claim:
    from claimcheck.core.types import Quantity

    q = Quantity(20.0, Interval.point(20.0), "country", None, "20 nations")
    text = "The mission involved 20 nations."
    return Claim(cid, doc, 0, len(text), text, "quantity", quantity=q, entities=("UN",), years=years)


def test_figures_set_in_different_years_are_different_slots() -> None:
    a, b = quantity_claim("c1", "d1", (1999,)), quantity_claim("c2", "d2", (2025,))
    assert "different years" in (context_conflict(a, b) or "")
    assert slot_pair(a, b, 0.95, "unit:country", DEFAULTS.align) is None
    same = quantity_claim("c3", "d2", (1999,))
    assert slot_pair(a, same, 0.95, "unit:country", DEFAULTS.align) is not None


def test_consistency_flags_a_claimed_date_the_document_contradicts() -> None:
    doc = "The talks were held in Geneva. The summit opened on 3 March 2005 in the old town hall."
    score = ConsistencyScorer(WordNLI(always="entailment")).score(doc, "The summit opened on 9 April 2005.")
    assert score.features["date_contradicted"] == 1.0
    assert score.label == "inconsistent" and score.evidence[0].method == "date"
    agreeing = ConsistencyScorer(WordNLI(always="entailment")).score(
        doc, "The summit opened on 3 March 2005."
    )
    assert agreeing.features["date_contradicted"] == 0.0 and agreeing.label == "consistent"
