"""The plain dataclasses that flow between stages: load -> extract -> align -> verify -> report.

Interval is defined with the interval logic (core.intervals) and re-exported here with the rest."""

from __future__ import annotations

from dataclasses import dataclass, field

from claimcheck.core.intervals import Interval

__all__ = ["Claim", "Document", "Finding", "Interval", "Pair", "Quantity", "Verdict"]


@dataclass(frozen=True)
class Document:
    id: str
    path: str
    text: str
    meta: dict = field(default_factory=dict, compare=False, hash=False)


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
