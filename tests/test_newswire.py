"""Extraction coverage for newswire and British/European copy: fractions, dlrs, pence, ranges,
per-share prices, conversions, and figures restated in another currency."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimcheck.core.types import Claim, Document, Frame, Pair, Verdict
from claimcheck.extract.claims import extract_claims
from claimcheck.extract.numbers import find_quantities
from claimcheck.extract.units import conversion
from claimcheck.verify.findings import to_findings


@pytest.mark.parametrize(
    ("text", "mention", "value", "unit"),
    [
        ("raised to 7-3/4 pct", "7-3/4 pct", 7.75, "percent"),
        ("down 1/2 pct", "1/2 pct", 0.5, "percent"),
        ("for 217 mln dlrs", "217 mln dlrs", 217e6, "usd"),
        ("a one dlr rise", "one dlr", 1.0, "usd"),
        ("a 530p offer", "530p", 530.0, "gbp_pence"),
        ("22 cents a share", "22 cents", 22.0, "usd_cent"),
        ("£1.35bn", "£1.35bn", 1.35e9, "gbp"),
        ("1.16bn euros", "1.16bn euros", 1.16e9, "eur"),
        ("75-100,000 bpd", "75-100,000", None, None),
        ("supplies 120,000 barrels a day", "120,000 barrels a day", 120e3, "bpd"),
        ("1.5 mln barrels per day", "1.5 mln barrels per day", 1.5e6, "bpd"),
        ("a 190,000 barrel-per-day refinery", "190,000 barrel-per-day", 190e3, "bpd"),
        ("will lend Ecuador 50,000 bpd", "50,000", 50e3, None),  # a grouped number names nothing
        ("a 4.3 billion Canadian dlr bid", "4.3 billion Canadian dlr", 4.3e9, "cad"),  # not U.S. dollars
        ("paid 5 mln U.S. dlrs", "5 mln U.S. dlrs", 5e6, "usd"),
    ],
)
def test_newswire_figures(text: str, mention: str, value: float | None, unit: str | None) -> None:
    (m,) = find_quantities(text)
    assert (m.text, m.value, m.unit_hint) == (mention, value, unit)


def test_wire_ranges_share_the_thousands() -> None:
    (m,) = find_quantities("75-100,000 bpd")
    assert (m.interval.low, m.interval.high) == (75_000, 100_000)


@given(st.integers(min_value=0, max_value=99), st.sampled_from([2, 4, 8, 16, 32]), st.data())
def test_fractions_read_exactly(whole: int, denominator: int, data) -> None:
    top = data.draw(st.integers(min_value=1, max_value=denominator - 1))
    text = f"{whole}-{top}/{denominator} pct" if whole else f"{top}/{denominator} pct"
    (m,) = find_quantities(text)
    assert m.value == whole + top / denominator
    assert m.step == 0.5 / denominator


@pytest.mark.parametrize("text", ["the 9/11 attacks", "open 24/7"])
def test_codes_are_no_fractions(text: str) -> None:
    assert find_quantities(text) == []


def test_units_convert_so_miles_and_km_compare() -> None:
    unit_mile, per_mile = conversion("mile")
    unit_km, per_km = conversion("km")
    assert unit_mile == unit_km == "m"
    assert 5 * per_mile == pytest.approx(8.04672 * per_km, rel=1e-6)
    assert conversion("gbp_pence") == ("gbp", 0.01)
    assert conversion("country") == ("country", 1.0)


def quantities(sentence: str) -> list[Claim]:
    return [c for c in extract_claims([Document("d", "d.txt", sentence)]) if c.kind == "quantity"]


def test_a_conversion_in_brackets_is_the_same_figure() -> None:
    found = quantities("Rosneft bought the unit for $9.3bn (£5bn) in December.")
    assert [c.quantity.text for c in found] == ["$9.3bn"]


def test_per_share_prices_are_their_own_unit_and_pence_convert() -> None:
    (offer,) = quantities("Deutsche Boerse made a 530 pence-per-share offer for the LSE.")
    assert offer.quantity.unit == "gbp per share" and offer.quantity.value == pytest.approx(5.30)
    (price,) = quantities("GenCorp launched a 100 dlrs a share tender offer.")
    assert price.quantity.unit == "usd per share"


@pytest.mark.parametrize(
    ("sentence", "unit"),
    [
        ("Holders will receive 24.60 dlrs per common share.", "usd per share"),
        ("Caesars World rejected an offer for its shares at 28 dlrs each.", "usd per share"),
        ("CSR said it will offer 2.20 dlrs cash each for the shares.", "usd per share"),
        ("The tickets were sold at 28 dlrs each on Friday.", "usd per each"),  # no shares: each ticket
        ("Holders will receive 1.5 to 1.9 common shares each.", "share per each"),  # a ratio, not a price
    ],
)
def test_a_price_each_in_a_sentence_about_shares_is_per_share(sentence: str, unit: str) -> None:
    assert [c.quantity.unit for c in quantities(sentence)] == [unit]


def test_a_later_bare_sum_takes_the_sentence_currency() -> None:
    found = quantities("Ecuador owes 450 mln dlrs in interest and about 96 mln in principal payments.")
    assert [c.quantity.unit for c in found] == ["usd", "usd"]


@pytest.mark.parametrize(
    ("sentence", "low", "low_inclusive"),
    [
        # "over six months" of a time span may be "across six months": at least six, six included
        ("The reference price is revised if the average price over six months is below it.", 6.0, True),
        ("The union said it had been on strike for over 30 years in all.", 30.0, True),
        ("The company said it had sold over 30 tonnes of copper to China.", 30000.0, False),  # not time (kg)
    ],
)
def test_over_a_span_of_time_is_at_least_it(sentence: str, low: float, low_inclusive: bool) -> None:
    (c,) = quantities(sentence)
    iv = c.quantity.interval
    assert (iv.low, iv.low_inclusive, iv.high) == (low, low_inclusive, None)


def test_change_and_level_are_two_facts() -> None:
    found = quantities("Output rose 12 pct to 4.5 mln bpd.")
    assert {(c.quantity.text, c.frame.aspect) for c in found} == {
        ("12 pct", "change"),
        ("4.5 mln", "new level"),
    }


def _claim(cid: str, doc: str, sentence: str) -> Claim:
    return Claim(
        cid, doc, 0, 1, sentence, "quantity", sentence=sentence, frame=Frame("General Partners", "stake")
    )


def test_one_finding_per_sentence_pair_and_frame_with_a_stable_id() -> None:
    a_pct = _claim("a:1", "a", "GP holds 9.8 pct, or 2,180,608 shares.")
    a_shares = _claim("a:2", "a", "GP holds 9.8 pct, or 2,180,608 shares.")
    b_pct = _claim("b:1", "b", "GP holds 9.4 pct, or 2,090,000 shares.")
    b_shares = _claim("b:2", "b", "GP holds 9.4 pct, or 2,090,000 shares.")
    verdicts = [
        Verdict(Pair(a_pct, b_pct, "t"), "contradiction", 0.7, "quantity", "pct"),
        Verdict(Pair(a_shares, b_shares, "t"), "contradiction", 0.9, "quantity", "shares"),
    ]
    found = to_findings(verdicts)
    assert len(found) == 1 and found[0].explanation == "shares"  # the stake once, its surest reading
    assert to_findings(list(reversed(verdicts))) == found  # the order of verdicts changes nothing
    other = Verdict(
        Pair(a_pct, _claim("c:1", "c", "GP holds 9.4 pct."), "t"),
        "contradiction",
        0.8,
        "quantity",
        "c",
    )
    assert len(to_findings([*verdicts, other])) == 2  # another story's sentence is another finding


@pytest.mark.parametrize(
    ("sentence", "unit"),
    [
        ("Dixons holds about 652,000 shares of Cyclops Corp common stock.", "share"),
        ("Fleet will issue 1.5 mln shares of stock to Norstar holders.", "share"),
        ("The bidder bought 20 pct of the shares of Piedmont.", "percent"),
        ("The summit featured 27 heads of state.", "head of state"),  # a partitive head keeps its "of"
    ],
)
def test_shares_of_stock_are_shares(sentence: str, unit: str) -> None:
    assert [c.quantity.unit for c in quantities(sentence)][:1] == [unit]
