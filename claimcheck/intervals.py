"""Interval arithmetic for checking quantity claims against each other.

Two quantity claims about the same slot agree exactly when some number satisfies both, so the
verdict is decided by whether their intervals intersect: "over 30" and "35" agree, "over 30"
and "20" contradict. Every function here is symmetric in its two arguments by construction, so
the order in which alignment hands over a pair can never change a verdict.
"""

from __future__ import annotations

import math

from claimcheck.types import Interval


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
