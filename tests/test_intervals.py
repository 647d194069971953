"""Interval verdicts: tables for the cases a reader checks by eye, properties for the rest."""

from __future__ import annotations

import math

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from claimcheck.core.intervals import compare, intersection, is_empty
from claimcheck.core.types import Interval

OVER_30 = Interval(30, None, False, False)
AT_LEAST_30 = Interval(30, None, True, False)
UP_TO_30 = Interval(0, 30)
FEWER_THAN_30 = Interval(0, 30, True, False)
NEARLY_30 = Interval(27, 30, True, False)
ABOUT_20 = Interval(18, 22)

COMPARE = [
    # a, b, label, explanation
    (OVER_30, Interval.point(35), "agreement", "(30, inf) and [35] overlap at [35]"),
    (OVER_30, Interval.point(20), "contradiction", "(30, inf) and [20] are disjoint"),
    (OVER_30, Interval.point(30), "contradiction", "(30, inf) and [30] are disjoint"),
    (AT_LEAST_30, Interval.point(30), "agreement", "[30, inf) and [30] overlap at [30]"),
    (UP_TO_30, Interval.point(30), "agreement", "[0, 30] and [30] overlap at [30]"),
    (FEWER_THAN_30, Interval.point(30), "contradiction", "[0, 30) and [30] are disjoint"),
    (NEARLY_30, Interval.point(28), "agreement", "[27, 30) and [28] overlap at [28]"),
    (NEARLY_30, OVER_30, "contradiction", "[27, 30) and (30, inf) are disjoint"),
    (ABOUT_20, Interval.point(20), "agreement", "[18, 22] and [20] overlap at [20]"),
    (ABOUT_20, Interval.point(35), "contradiction", "[18, 22] and [35] are disjoint"),
    (ABOUT_20, Interval(20, 30), "agreement", "[18, 22] and [20, 30] overlap at [20, 22]"),
    (Interval(24, None, True, False), OVER_30, "agreement", "[24, inf) and (30, inf) overlap at (30, inf)"),
    (Interval.point(35), Interval.point(35), "agreement", "[35] and [35] overlap at [35]"),
    (Interval.point(35), Interval.point(27), "contradiction", "[35] and [27] are disjoint"),
    (Interval(None, None), Interval.point(2.5), "agreement", "(-inf, inf) and [2.5] overlap at [2.5]"),
]


@pytest.mark.parametrize(("a", "b", "label", "explanation"), COMPARE)
def test_compare(a: Interval, b: Interval, label: str, explanation: str) -> None:
    assert compare(a, b) == (label, explanation)


def test_compare_names_the_phrases_when_given() -> None:
    verdict = compare(OVER_30, Interval.point(35), a_text="over 30", b_text="35")
    assert verdict == ("agreement", "over 30 = (30, inf) and 35 = [35] overlap at [35]")


INTERSECTION = [
    (OVER_30, Interval.point(35), Interval.point(35)),
    (OVER_30, Interval(20, 40), Interval(30, 40, False, True)),
    (OVER_30, AT_LEAST_30, OVER_30),
    (UP_TO_30, FEWER_THAN_30, FEWER_THAN_30),
    (UP_TO_30, AT_LEAST_30, Interval.point(30)),
    (FEWER_THAN_30, AT_LEAST_30, None),
    (OVER_30, Interval.point(20), None),
    (Interval(None, 5, True, False), Interval(None, 3, False, True), Interval(None, 3, False, True)),
]


@pytest.mark.parametrize(("a", "b", "expected"), INTERSECTION)
def test_intersection(a: Interval, b: Interval, expected: Interval | None) -> None:
    assert intersection(a, b) == expected
    assert intersection(b, a) == expected


EMPTY = [
    Interval(5, 3),
    Interval(5, 5, False, True),
    Interval(5, 5, True, False),
    Interval(math.inf, None),
]


@pytest.mark.parametrize("interval", EMPTY)
def test_empty_intervals_fail_loudly(interval: Interval) -> None:
    assert is_empty(interval)
    with pytest.raises(ValueError, match="empty"):
        compare(interval, Interval.point(4))
    with pytest.raises(ValueError, match="empty"):
        intersection(Interval.point(4), interval)


def test_nan_fails_loudly() -> None:
    with pytest.raises(ValueError, match="NaN"):
        compare(Interval(math.nan, 3), Interval.point(2))


# Small integer ends make ties (where open and closed ends matter) common.
ENDS = st.one_of(st.none(), st.integers(-20, 20).map(float), st.floats(-1e6, 1e6, allow_nan=False))


@st.composite
def intervals(draw: st.DrawFn) -> Interval:
    interval = Interval(draw(ENDS), draw(ENDS), draw(st.booleans()), draw(st.booleans()))
    assume(not is_empty(interval))
    return interval


def contains(outer: Interval, inner: Interval) -> bool:
    low_ok = outer.lo() < inner.lo() or (
        outer.lo() == inner.lo() and (outer.low_inclusive or not inner.low_inclusive)
    )
    high_ok = inner.hi() < outer.hi() or (
        inner.hi() == outer.hi() and (outer.high_inclusive or not inner.high_inclusive)
    )
    return low_ok and high_ok


@given(intervals(), intervals())
def test_compare_verdict_is_symmetric(a: Interval, b: Interval) -> None:
    assert compare(a, b)[0] == compare(b, a)[0]


@given(intervals(), intervals())
def test_intersection_is_symmetric_and_within_both(a: Interval, b: Interval) -> None:
    common = intersection(a, b)
    assert common == intersection(b, a)
    assert (common is None) == (not a.overlaps(b))
    if common is not None:
        assert not is_empty(common)
        assert contains(a, common) and contains(b, common)


@given(intervals(), intervals())
def test_overlaps_is_symmetric_and_reflexive(a: Interval, b: Interval) -> None:
    assert a.overlaps(b) == b.overlaps(a)
    assert a.overlaps(a)


@given(st.floats(-1e9, 1e9, allow_nan=False), st.floats(-1e9, 1e9, allow_nan=False))
def test_over_n_agrees_with_exactly_the_larger_points(n: float, m: float) -> None:
    label, _ = compare(Interval(n, None, False, False), Interval.point(m))
    assert label == ("agreement" if m > n else "contradiction")
