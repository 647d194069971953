"""Quantity logic on an NLI pair: the "full checker" that `eval nli --checker` measures.

NLI cross-encoders are weak on numbers (DESIGN.md: never let NLI overrule exact arithmetic), so
for a premise/hypothesis pair we extract the quantities on both sides with claimcheck.extract.claims,
align each hypothesis quantity with the premise quantities of the same canonical unit, and let
interval logic speak where it can:

- some hypothesis quantity is disjoint from every same-unit premise quantity -> contradiction;
- some hypothesis quantity only overlaps them (it is narrower: "2 months" from "less than
  6 months") -> neutral, i.e. not entailed;
- every hypothesis quantity contains an aligned premise quantity ("more than 25" from "45")
  -> the figures are backed (label "entailment"), which means *not contradicted*, never
  "entailed": agreeing figures do not make a sentence true (on held-out news numeric NLI the
  old "entailed" reading was right only 62 % of the time). NLI still chooses entailment vs
  neutral; only its contradiction mass moves to neutral, unless it is confident of a
  contradiction the numbers cannot see (a different person or place);
- no hypothesis quantity, or one with no same-unit premise quantity -> no verdict: NLI decides.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from claimcheck.core.intervals import compare, contains, is_usable
from claimcheck.core.settings import DEFAULTS
from claimcheck.core.types import Quantity
from claimcheck.verify.nli import LABELS


@dataclass(frozen=True)
class QuantityVerdict:
    """What the numbers alone say about a pair, and one sentence a person can check."""

    label: str  # "contradiction" | "neutral" | "entailment"
    explanation: str


def quantity_verdict(premise: str, hypothesis: str) -> str | None:
    """The quantity-logic label for one pair, or None when the numbers decide nothing."""
    verdict = check_pairs([(premise, hypothesis)])[0]
    return None if verdict is None else verdict.label


def check_pairs(
    pairs: Sequence[tuple[str, str]], batch_size: int = DEFAULTS.verify.quantity_parse_batch_size
) -> list[QuantityVerdict | None]:
    """Verdicts for many pairs; spaCy parses each distinct text once (premises repeat a lot)."""
    texts = list(dict.fromkeys(t for pair in pairs for t in pair))
    found = dict(zip(texts, _extract(texts, batch_size), strict=True))
    return [compare_quantities(found[p], found[h]) for p, h in pairs]


def _extract(texts: Sequence[str], batch_size: int) -> Iterable[list[Quantity]]:
    """The figures of each text; one over extract.max_unit_chars is parsed in pieces, as
    extract_claims does, so an NLI file with a giant premise cannot crash spaCy (E088)."""
    from claimcheck.extract.claims import quantities
    from claimcheck.extract.nlp import get_nlp
    from claimcheck.extract.segment import Unit, cut_long

    pieces = [[u.text for u in cut_long(Unit(0, t, False))] for t in texts]
    docs = iter(get_nlp().pipe([p for ps in pieces for p in ps], batch_size=batch_size))
    for ps in pieces:
        yield [q for _ in ps for sent in next(docs).sents for q, _frame in quantities(sent)]


def compare_quantities(premise: Sequence[Quantity], hypothesis: Sequence[Quantity]) -> QuantityVerdict | None:
    """Align by canonical unit and apply the rules in the module docstring (contradiction first).

    Alignment is one-to-one: a premise figure backs at most one hypothesis figure, and figures
    the hypothesis repeats verbatim pair up first. Otherwise "40 kmph ... 60 kmph" would let the
    60 vouch for "more than 40" and hide that 40 is not more than 40.
    """
    free = [q for q in premise if is_usable(q.interval)]
    todo, backed, narrower, unaligned = [], [], [], 0
    for hq in (q for q in hypothesis if is_usable(q.interval)):
        same = next((pq for pq in free if pq.unit == hq.unit and pq.interval == hq.interval), None)
        if same is None:
            todo.append(hq)
        else:
            free.remove(same)
            backed.append((same, hq))
    for hq in todo:
        aligned = [pq for pq in free if pq.unit == hq.unit]
        if not aligned:
            unaligned += 1
            continue
        inside = next((pq for pq in aligned if contains(hq.interval, pq.interval)), None)
        overlapping = [pq for pq in aligned if compare(pq.interval, hq.interval)[0] == "agreement"]
        if inside is not None:
            free.remove(inside)
            backed.append((inside, hq))
        elif overlapping:
            free.remove(overlapping[0])
            narrower.append((overlapping[0], hq))
        else:
            pq = aligned[0]
            _, why = compare(pq.interval, hq.interval, a_text=pq.text, b_text=hq.text)
            more = f" (and {len(aligned) - 1} other {hq.unit} figure(s))" if len(aligned) > 1 else ""
            return QuantityVerdict("contradiction", f"{hq.unit}: {why}{more}")
    if narrower:
        pq, hq = narrower[0]
        return QuantityVerdict(
            "neutral", f"{hq.unit}: {hq.text} is narrower than {pq.text}, so it is not entailed"
        )
    if backed and not unaligned:
        listed = "; ".join(f"{pq.text} lies within {hq.text} ({hq.unit})" for pq, hq in backed)
        return QuantityVerdict("entailment", listed)
    return None


def apply_verdicts(
    probs: np.ndarray,
    verdicts: Sequence[QuantityVerdict | None],
    contradiction_override: float = DEFAULTS.verify.contradiction_override,
    use: frozenset[str] = frozenset({"contradiction", "neutral", "entailment"}),
) -> np.ndarray:
    """NLI probabilities (n, 3) in LABELS order, adjusted by the quantity verdicts.

    contradiction: all mass on contradiction (arithmetic is not overruled). neutral: the
    entailment mass moves to neutral ("not entailed"; NLI still chooses neutral vs
    contradiction). entailment (figures backed, i.e. not contradicted): the contradiction mass
    moves to neutral unless NLI's contradiction probability exceeds `contradiction_override`;
    entailment stays what NLI says. No verdict, or a label not in `use` (for ablations):
    unchanged.
    """
    out = np.array(probs, dtype=np.float64, copy=True).reshape(-1, len(LABELS))
    e, n, c = (LABELS.index(lab) for lab in ("entailment", "neutral", "contradiction"))
    for i, verdict in enumerate(verdicts):
        if verdict is None or verdict.label not in use:
            continue
        if verdict.label == "contradiction":
            out[i] = 0.0
            out[i, c] = 1.0
        elif verdict.label == "neutral":
            out[i, n] += out[i, e]
            out[i, e] = 0.0
        elif verdict.label == "entailment" and out[i, c] <= contradiction_override:
            out[i, n] += out[i, c]
            out[i, c] = 0.0
    return out


def verdict_counts(verdicts: Iterable[QuantityVerdict | None]) -> dict[str, int]:
    """How many pairs each quantity rule decided ("none": left to NLI)."""
    counts = {"contradiction": 0, "neutral": 0, "entailment": 0, "none": 0}
    for v in verdicts:
        counts["none" if v is None else v.label] += 1
    return counts
