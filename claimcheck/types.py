"""The plain dataclasses that flow between stages: load -> extract -> align -> check -> report."""

from __future__ import annotations

import math
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Document:
    id: str
    path: str
    text: str
    meta: dict = field(default_factory=dict, compare=False, hash=False)


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


@dataclass(frozen=True)
class Quantity:
    value: float | None
    interval: Interval
    unit: str  # canonical counted thing or unit ("country", "percent", "usd", "person")
    qualifier: str | None = None  # "over", "about", "up to", ... as written, lower-cased
    text: str = ""  # the quantity phrase as written


@dataclass(frozen=True)
class Claim:
    id: str
    doc_id: str
    start: int
    end: int
    text: str
    kind: str  # "quantity" | "date" | "other"
    quantity: Quantity | None = None
    date: Interval | None = None  # ordinal days (date.toordinal()) covered by the date mention
    date_text: str | None = None
    entities: tuple[str, ...] = ()  # canonical entity names
    places: tuple[str, ...] = ()  # canonical places the claim is located at ("in Paris")
    years: tuple[int, ...] = ()  # years the sentence is set in (context, not the claim's own date)
    hedged: bool = False
    attribution: str | None = None
    sentence: str = ""  # the whole sentence the claim came from (context for NLI/alignment)


@dataclass(frozen=True)
class Pair:
    a: Claim
    b: Claim
    reason: str  # why alignment paired them ("unit:country", "embedding:0.83", ...)
    similarity: float = 0.0


@dataclass(frozen=True)
class Verdict:
    pair: Pair
    label: str  # "contradiction" | "agreement" | "neutral"
    confidence: float
    method: str  # "quantity" | "date" | "nli"
    explanation: str


@dataclass(frozen=True)
class Finding:
    id: str
    verdict: str
    claim_ids: tuple[str, ...]
    confidence: float
    method: str
    explanation: str
    baselined: bool = False
