"""Interval arithmetic for checking quantity claims against each other.

Two quantity claims about the same slot agree exactly when some number satisfies both, so the
verdict is decided by whether their intervals intersect: "over 30" and "35" agree, "over 30"
and "20" contradict. Every function here is symmetric in its two arguments by construction, so
the order in which alignment hands over a pair can never change a verdict.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Interval:
    """A closed/open interval of numbers; None ends mean unbounded."""

    low: float | None
    high: float | None
    low_inclusive: bool = True
    high_inclusive: bool = True

    @classmethod
    def point(cls, value: float) -> Interval:
        return cls(value, value, True, True)

    def lo(self) -> float:
        return -math.inf if self.low is None else self.low

    def hi(self) -> float:
        return math.inf if self.high is None else self.high

    def overlaps(self, other: Interval) -> bool:
        """True when some number lies in both intervals (open ends respected)."""
        lo, lo_inc = max(
            (self.lo(), self.low_inclusive), (other.lo(), other.low_inclusive), key=lambda t: (t[0], not t[1])
        )
        hi, hi_inc = min(
            (self.hi(), self.high_inclusive), (other.hi(), other.high_inclusive), key=lambda t: (t[0], t[1])
        )
        if lo < hi:
            return True
        return lo == hi and lo_inc and hi_inc and math.isfinite(lo)

    def describe(self) -> str:
        if self.low is not None and self.low == self.high:
            return _fmt(self.low)
        left = "(" if not self.low_inclusive or self.low is None else "["
        right = ")" if not self.high_inclusive or self.high is None else "]"
        lo = "-inf" if self.low is None else _fmt(self.low)
        hi = "inf" if self.high is None else _fmt(self.high)
        return f"{left}{lo}, {hi}{right}"


def _fmt(x: float) -> str:
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.4g}"


def is_empty(interval: Interval) -> bool:
    """True when no number satisfies the interval, such as [5, 3] or (5, 5].

    Raises ValueError on NaN ends: a NaN bound means an upstream parsing bug, and comparing it
    would silently answer "disjoint".
    """
    if any(end is not None and math.isnan(end) for end in (interval.low, interval.high)):
        raise ValueError(f"interval has a NaN end: {interval!r}")
    lo, hi = interval.lo(), interval.hi()
    if lo != hi:
        return lo > hi
    return not (math.isfinite(lo) and interval.low_inclusive and interval.high_inclusive)


def intersection(a: Interval, b: Interval) -> Interval | None:
    """The numbers both intervals allow, or None when they are disjoint.

    Ties between equal ends are broken towards the exclusive end (the stricter one) with a key
    that does not depend on argument order, so intersection(a, b) == intersection(b, a).
    """
    _require_nonempty(a)
    _require_nonempty(b)
    if not a.overlaps(b):
        return None
    low, low_inclusive = max(
        (a.lo(), a.low_inclusive), (b.lo(), b.low_inclusive), key=lambda end: (end[0], not end[1])
    )
    high, high_inclusive = min(
        (a.hi(), a.high_inclusive), (b.hi(), b.high_inclusive), key=lambda end: (end[0], end[1])
    )
    return Interval(
        None if math.isinf(low) else low,
        None if math.isinf(high) else high,
        low_inclusive,
        high_inclusive,
    )


def compare(
    a: Interval, b: Interval, *, a_text: str | None = None, b_text: str | None = None
) -> tuple[str, str]:
    """("agreement" | "contradiction", one checkable sentence) for two quantity intervals.

    a_text and b_text are the phrases as written ("over 30"); when given they lead the
    explanation so a reader can see where each interval came from.
    """
    common = intersection(a, b)
    pair = f"{_labelled(a, a_text)} and {_labelled(b, b_text)}"
    if common is None:
        return "contradiction", f"{pair} are disjoint"
    return "agreement", f"{pair} overlap at {_show(common)}"


def _require_nonempty(interval: Interval) -> None:
    """An empty interval would contradict everything, which hides the bug that produced it."""
    if is_empty(interval):
        raise ValueError(f"empty interval: {interval!r}")


def _labelled(interval: Interval, text: str | None) -> str:
    return _show(interval) if text is None else f"{text} = {_show(interval)}"


def _show(interval: Interval) -> str:
    """Interval.describe, with single points bracketed so they read as sets like the rest."""
    text = interval.describe()
    return text if text[0] in "([" else f"[{text}]"


def contains(outer: Interval, inner: Interval) -> bool:
    """Every number `inner` allows, `outer` allows too (open ends respected)."""
    lo_ok = inner.lo() > outer.lo() or (
        inner.lo() == outer.lo()
        and (math.isinf(inner.lo()) or outer.low_inclusive or not inner.low_inclusive)
    )
    hi_ok = inner.hi() < outer.hi() or (
        inner.hi() == outer.hi()
        and (math.isinf(inner.hi()) or outer.high_inclusive or not inner.high_inclusive)
    )
    return lo_ok and hi_ok


def is_usable(interval: Interval) -> bool:
    """Neither NaN-ended nor empty: such intervals are extraction bugs and would contradict everything."""
    if any(end is not None and math.isnan(end) for end in (interval.low, interval.high)):
        return False
    return not is_empty(interval)


# What each qualifier kind means as an interval around the stated value v, with tolerance t
# (DESIGN.md's table): "over 30" is (30, inf), "about 20" [18, 22], "up to 30" [0, 30].
_QUALIFIED: dict[str, Callable[[float, float], Interval]] = {
    "exact": lambda v, t: Interval.point(v),
    "gt": lambda v, t: Interval(v, None, False, False),
    "ge": lambda v, t: Interval(v, None, True, False),
    "just_over": lambda v, t: Interval(v, v * (1 + t), False, True),
    "about": lambda v, t: Interval(v * (1 - t), v * (1 + t)),
    "nearly": lambda v, t: Interval(v * (1 - t), v, True, False),
    "le": lambda v, t: Interval(0.0, v, True, True),
    "lt": lambda v, t: Interval(0.0, v, True, False),
}
QUALIFIER_KINDS = tuple(_QUALIFIED)


def qualified(kind: str, value: float, tolerance: float) -> Interval:
    """The DESIGN.md interval for a qualifier kind; counts are never negative, so "up to" starts
    at 0. At 0 the strict kinds would be empty ("fewer than 0"), so the point is used instead."""
    interval = _QUALIFIED[kind](value, tolerance)
    return Interval.point(value) if is_empty(interval) else interval


def stated_interval(
    kind: str,
    value: float | None,
    step: float | None,
    stated: Interval,
    *,
    rounded: bool = False,
    half_width: float = 0.5,
    about_steps: float = 1.0,
    zero_share: float = 0.1,
) -> Interval:
    """The numbers a figure allows given the precision it was stated with.

    A figure stands for every number that rounds to it: "9.3bn" is [9.25bn, 9.35bn] (closed: a
    $9.35bn sale is "$9.3bn" to one writer and "$9.4bn" to another), so "$9bn" agrees with "$9.3bn"
    and "261bn" with "260.75bn". A step set by trailing zeros
    ("20,000") counts `zero_share` of itself, since round numbers are often exact. "about",
    "nearly" and "just over" reach `about_steps` steps, not a flat share of the value: "about 9.8
    pct" is [9.7, 9.9], so it conflicts with 9.4; "about" on a round figure is everything that rounds
    to it ("about 360 mln" is (355, 365) mln, "about 20 percent" admits 21 but not 29). Bounds
    ("over 30"), ranges and vague amounts keep their stated interval."""
    if value is None or step is None or step <= 0 or not math.isfinite(value):
        return stated
    s = step * (zero_share if rounded else 1.0)
    if kind == "exact":
        return Interval(value - half_width * s, value + half_width * s)
    if kind == "about" and rounded:
        # "about 360 mln" says the zero is not exact: it is whatever rounds to 360, so 356 agrees;
        # open, so "about 10 days" and "about 20 days" do not meet at 15
        return Interval(value - half_width * step, value + half_width * step, False, False)
    if kind == "about":
        return Interval(value - about_steps * s, value + about_steps * s)
    if kind == "nearly":
        return Interval(value - about_steps * s, value, True, False)
    if kind == "just_over":
        return Interval(value, value + about_steps * s, False, True)
    return stated
