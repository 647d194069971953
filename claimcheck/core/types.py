"""The plain dataclasses that flow between stages: load -> extract -> align -> verify -> report.

Interval is defined with the interval logic (core.intervals) and re-exported here with the rest."""

from __future__ import annotations

from dataclasses import dataclass, field

from claimcheck.core.intervals import Interval

__all__ = ["Claim", "Document", "Finding", "Frame", "Interval", "Pair", "Predication", "Quantity", "Verdict"]


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
    kind: str = "exact"  # the qualifier kind (core.intervals.QUALIFIER_KINDS), "range" or "vague"
    step: float | None = None  # unit of the last digit stated, in `unit` ("9.3bn" -> 1e8): its precision
    rounded: bool = False  # the step comes from trailing zeros ("20,000"), which may be exact


@dataclass(frozen=True)
class Frame:
    """What a figure or date is the value of: two claims are one fact only when their frames are.

    None means the sentence does not say; a frame with an unknown part is compatible with any value
    of that part. Lemmatised and canonicalised so two stories' wordings of one fact compare equal.
    """

    holder: str | None = None  # whose figure ("GenCorp" in "GenCorp's stake")
    measure: str | None = None  # what is measured ("stake", "offer", "output"), or the dated event
    period: str | None = None  # the time the figure refers to, as shown ("1987-02", "1985")
    # level | new level | change | previous | forecast | possible; dates: point | since | repeat | ...
    aspect: str = "level"
    target: str | None = None  # what a deal or offer is for ("USAir" in "TWA's offer for USAir")
    period_days: Interval | None = field(default=None, compare=False)  # the period as day ordinals
    period_own: bool = field(
        default=False, compare=False
    )  # the period is on the figure itself ("February output")


@dataclass(frozen=True)
class Predication:
    """One predicate of a claim's clause with its arguments, as the parse gives them.

    What verify/structure.py compares: the same predicate denied in one story and affirmed in the
    other, antonym predicates on the same arguments, or the same act credited to another actor.
    Arguments are keys: "entity:<canonical name>" for named entities, "lemma:<lemma>" otherwise.
    """

    lemma: str  # the predicate's lemma, with its particle ("turn down"); nouns too ("increase")
    text: str  # the predicate as written, for explanations
    negated: (
        bool  # denied: "did not", "no longer has an agreement to", "failed to", "an unsuccessful attempt to"
    )
    modal: bool  # a possibility or intention ("may raise", "seeks to buy"), not a reported fact
    frame: str = ""  # the word it is embedded under ("agreement" in "an agreement to sell"); "" when main
    nominal: bool = False  # a change noun ("tax rises"), not a verb: weaker evidence of one event
    subject: tuple[str, ...] = ()  # the actor(s): nsubj, or the "by" agent of a passive
    subject_label: str | None = None  # entity label of the actor (ORG, PERSON, ...) when it is named
    own_subject: bool = False  # the actor is the predicate's own subject or agent, not inherited
    object: tuple[str, ...] = ()  # what is acted on: dobj, passive subject, complement or first pobj
    possessed: bool = False  # the object belongs to the actor ("its prime rate"): actors cannot swap
    entities: tuple[str, ...] = ()  # canonical names of every entity among its arguments


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
    frame: Frame | None = None  # quantity and date claims: what the value is the value of
    content: str = ""  # the claim without its attribution wrapper ("X said that ..."): what NLI reads
    predications: tuple[Predication, ...] = ()  # the predicates of the content clause (structure checks)
    part: int = 0  # which atomic claim of its sentence this is: two copies of one sentence pair part by part


@dataclass(frozen=True)
class Pair:
    a: Claim
    b: Claim
    reason: str  # why alignment paired them ("unit:country", "embedding:0.83", ...)
    similarity: float = 0.0
    block: str = ""  # the alignment block ("unit:usd", "date", "other", "event"): decides the checker


@dataclass(frozen=True)
class Verdict:
    pair: Pair
    label: str  # "contradiction" | "agreement" | "neutral"
    confidence: float
    method: str  # "quantity" | "date" | "nli" | "structure"
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
