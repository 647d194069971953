"""Precision-aware comparison: a figure allows what rounds to it, "about" scales with its precision."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimcheck.core.intervals import compare, stated_interval
from claimcheck.core.types import Interval, Quantity
from claimcheck.extract.numbers import find_quantities
from claimcheck.verify.rules import precise


def figure(text: str) -> Quantity:
    (m,) = find_quantities(text)
    return Quantity(m.value, m.interval, m.unit_hint or "", m.qualifier, m.text, m.kind, m.step, m.rounded)


@pytest.mark.parametrize(
    ("a", "b", "label"),
    [
        ("$9bn", "$9.3bn", "agreement"),  # a rounded figure agrees with one that rounds to it
        ("261bn", "260.75bn", "agreement"),
        ("28.1%", "28%", "agreement"),
        ("2.2 billion", "2.23 billion", "agreement"),
        ("£1.35bn", "£1.3bn", "agreement"),
        ("$9.3bn", "$9.4bn", "agreement"),  # both may round a $9.35bn sale
        ("about £1.35bn", "£1.3bn", "agreement"),
        ("about 20 percent", "21 percent", "agreement"),  # "about" scales with the stated precision
        ("about 9.8 pct", "9.4 pct", "contradiction"),  # ... not a flat 10 per cent
        ("about 360 mln dlrs", "356 mln dlrs", "agreement"),  # about a round figure: what rounds to it
        ("about 20 percent", "29 percent", "contradiction"),
        ("about 10 days", "about 20 days", "contradiction"),  # two round figures do not meet halfway
        ("9.8 pct", "9.4 pct", "contradiction"),
        ("28.1%", "21.8%", "contradiction"),
        ("20,000", "30,000", "contradiction"),  # round numbers one step apart differ
        ("100 dlrs", "110 dlrs", "contradiction"),  # trailing zeros are not a licence for 50 either way
        ("7-3/4 pct", "7-1/2 pct", "contradiction"),  # quarter points stay apart
        ("7-3/4 pct", "7.75 pct", "agreement"),
        ("over 30", "35", "agreement"),
        ("over 30", "22", "contradiction"),
    ],
)
def test_precise_comparison(a: str, b: str, label: str) -> None:
    assert compare(precise(figure(a)), precise(figure(b)))[0] == label


@given(
    st.integers(min_value=1, max_value=10**6),
    st.integers(min_value=0, max_value=3),
    st.sampled_from(["exact", "about", "nearly", "just_over"]),
)
def test_stated_interval_holds_the_figure_and_is_symmetric(digits: int, decimals: int, kind: str) -> None:
    value, step = digits / 10**decimals, 10.0**-decimals
    iv = stated_interval(kind, value, step, Interval.point(value))
    assert iv.lo() <= value <= iv.hi()
    assert iv.hi() - iv.lo() <= 2 * step + 1e-9  # never wider than its precision allows
    other = stated_interval("exact", value + 3 * step, step, Interval.point(value + 3 * step))
    assert compare(iv, other)[0] == compare(other, iv)[0]


@given(st.integers(min_value=1, max_value=10**6), st.integers(min_value=1, max_value=3), st.data())
def test_every_number_of_an_exact_interval_rounds_to_the_figure(digits: int, decimals: int, data) -> None:
    value, step = digits / 10**decimals, 10.0**-decimals
    iv = stated_interval("exact", value, step, Interval.point(value))
    x = data.draw(st.floats(min_value=iv.lo(), max_value=iv.hi(), exclude_max=True))
    assert abs(x / step - value / step) <= 0.5 + 1e-6  # x rounds (half up) to the stated figure


def test_bounds_ranges_and_unknown_precision_keep_the_stated_interval() -> None:
    over = Interval(30, None, False, False)
    assert stated_interval("gt", 30, 10, over) == over
    assert stated_interval("range", None, None, Interval(20, 30)) == Interval(20, 30)
    assert stated_interval("exact", 5, None, Interval.point(5)) == Interval.point(5)


@pytest.mark.parametrize(
    ("a", "b", "unit", "label"),
    [
        ("three", "four", "daughter", "contradiction"),  # no number of daughters rounds to both
        ("30", "31", "year of age", "contradiction"),
        ("12", "12", "ship", "agreement"),
        ("almost three", "three", "year", "agreement"),  # not a conflict a fact-checker would sign
        ("almost three", "two", "year", "agreement"),
        ("just over four", "three", "year", "contradiction"),
        ("30", "35", "nation", "contradiction"),
        ("3", "4", "usd", "agreement"),  # a price of $3.50 is "$3" to one writer, "$4" to another
        ("3 pct", "4 pct", "percent", "agreement"),
    ],
)
def test_a_whole_count_is_exact_but_money_and_shares_may_round(a: str, b: str, unit: str, label: str) -> None:
    qa, qb = (replace(figure(x), unit=unit) for x in (a, b))
    assert compare(precise(qa), precise(qb))[0] == label
