"""Decide each aligned pair: exact interval logic first, the NLI model for the rest.

Numbers and dates are decided by arithmetic and never handed to NLI, which is weak on
them; NLI only sees pairs of claims that carry neither, after the structural checks
(verify/structure.py: negation, antonyms, swapped actors) had their say, and reads them
without their attribution wrappers. Pairs of the "event" block (sentences across kinds) get
the structural checks only. Every verdict carries the method that decided it and one
sentence a person can check.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from claimcheck.align.events import links
from claimcheck.align.frames import describe as describe_frame
from claimcheck.align.frames import holder_shared, names, swapped_holder
from claimcheck.align.slots import EVENT, block_floor, block_key, copies
from claimcheck.core.intervals import Interval, compare, stated_interval
from claimcheck.core.settings import DEFAULTS, Settings, VerifySettings
from claimcheck.core.types import Claim, Frame, Pair, Quantity, Verdict
from claimcheck.extract.dates import describe_days
from claimcheck.extract.units import whole_count
from claimcheck.verify import confidence
from claimcheck.verify.nli import NLIModel, bidirectional
from claimcheck.verify.structure import describe as describe_predication
from claimcheck.verify.structure import edit_verdict, structural_verdict


def check_pairs(
    pairs: Sequence[Pair], nli: NLIModel | None = None, settings: Settings = DEFAULTS, calibrated: bool = True
) -> list[Verdict]:
    """A verdict for each pair the rules or the model can decide, in pair order within each method.

    Interval verdicts take their confidence from the similarity above their own block's floor
    (dates from the date floor, figures from the quantity floor). Contradictions then get the
    calibrated confidence (verify/confidence.py) unless `calibrated` is False (what the fit reads).
    """
    verdicts = []
    nli_pairs = []
    for p in pairs:
        plain = p.block == EVENT or p.a.kind == p.b.kind == "other"
        edited = edit_verdict(p, settings.align, settings.verify) if plain else None
        if edited is not None:
            verdicts.append(edited)
        elif p.block == EVENT:
            found = structural_verdict(p, settings.verify)
            if found is not None:
                verdicts.append(found)
        elif p.a.kind == "quantity" and p.b.kind == "quantity":
            verdicts.append(
                check_quantity(
                    p,
                    block_floor(block_key(p.a) or "", settings.align),
                    settings.verify,
                    settings.align.near_copy_min_ratio,
                )
            )
        elif p.a.kind == "date" and p.b.kind == "date":
            verdicts.append(check_date(p, settings.align.date_min_similarity, settings.verify))
        elif p.a.kind == "other" and p.b.kind == "other":
            found = _same_words(p, settings.verify) or structural_verdict(p, settings.verify)
            if found is not None:
                verdicts.append(found)
            else:
                nli_pairs.append(p)
    if nli is not None and nli_pairs:
        verdicts += check_nli(nli_pairs, nli, settings.verify)
    verdicts = _matched_elsewhere(verdicts)
    return confidence.calibrate(verdicts, confidence.shipped()) if calibrated else verdicts


def _matched_elsewhere(verdicts: list[Verdict]) -> list[Verdict]:
    """A figure that agrees with one figure of a sentence is that figure's fact, so its disagreement
    with another figure of that sentence, one the sentence gives to a holder the figure's own
    sentence never names, is two facts: "the Bass group holds about 24.9 pct" agrees with "a group
    led by Bass owns about 25 pct" and is not contradicted by that sentence's "and Carl Lindner
    about 16 pct"."""
    agreed = {
        (c.id, o.doc_id, o.sentence)
        for v in verdicts
        if v.method == "quantity" and v.label == "agreement"
        for c, o in ((v.pair.a, v.pair.b), (v.pair.b, v.pair.a))
        if o.sentence
    }

    def elsewhere(c: Claim, o: Claim) -> bool:
        holder = (o.frame or Frame()).holder
        return (c.id, o.doc_id, o.sentence) in agreed and bool(holder) and not names(holder or "", c)

    out = []
    for v in verdicts:
        a, b = v.pair.a, v.pair.b
        if v.method == "quantity" and v.label == "contradiction" and (elsewhere(a, b) or elsewhere(b, a)):
            said = v.explanation.replace(f" {_verb(v.label)} [", f" {_verb('neutral')} [", 1)
            v = replace(v, label="neutral", explanation=f"{said} {MATCHED}.")
        out.append(v)
    return out


def _same_words(p: Pair, settings: VerifySettings) -> Verdict | None:
    """Two sources stating a claim in the same words agree, whatever the model makes of them: the
    shipped model gave a word-for-word quote of a ruling p=0.52 contradiction both ways."""
    a, b = (_words(c.content or c.text) for c in (p.a, p.b))
    if a != b:
        return None
    why = f"{p.a.doc_id} and {p.b.doc_id} state it in the same words."
    return Verdict(p, "agreement", settings.structure_confidence, "structure", why)


def _words(text: str) -> list[str]:
    """The words of a claim up to case, punctuation and a plural -s: one quote in two stories reads
    "military action" in one and "military actions" in the other, and the model called them
    contradictory (p=0.68 and 0.60)."""
    return [w.removesuffix("s") for w in re.findall(r"[\w'-]+", text.lower())]


def other_verdicts(
    pairs: Sequence[Pair], ab: np.ndarray, ba: np.ndarray, config: VerifySettings = DEFAULTS.verify
) -> list[Verdict]:
    """The rule for plain claims on NLI probabilities already computed: same words, structure, then NLI.

    `claimcheck bench`'s naive run scores every pair itself and decides with this, so it reaches
    the verdicts `check_pairs` reaches on the same pairs.
    """
    out = []
    for k, p in enumerate(pairs):
        found = _same_words(p, config) or structural_verdict(p, config)
        out.append(found if found is not None else nli_verdicts([p], ab[k : k + 1], ba[k : k + 1], config)[0])
    return out


def slot_confidence(p: Pair, floor: float, settings: VerifySettings = DEFAULTS.verify) -> float:
    """How sure we are the two claims fill one slot: grows with similarity above the floor."""
    top = settings.confident_similarity
    share = min(1.0, max(0.0, (p.similarity - floor) / max(1e-6, top - floor)))
    conf = settings.confidence_base + settings.confidence_span * share
    if p.a.hedged or p.b.hedged:
        conf *= settings.hedge_discount
    return round(conf, 4)


# Bounds whose limit is the stated fact: two stories giving one limit different values disagree.
BOUNDS = ("gt", "ge", "lt", "le")


def precise(q: Quantity, settings: VerifySettings = DEFAULTS.verify) -> Interval:
    """The numbers a figure allows at the precision it was stated with (core.intervals.stated_interval);
    a whole number of whole things ("three daughters") is that number exactly, so "four" is another,
    and "almost three years" reaches the three years another story rounds to."""
    if q.step == 1 and not q.rounded and q.value is not None and whole_count(q.unit):
        whole = {
            "exact": (q.value, q.value),
            "nearly": (q.value - 1, q.value),
            "just_over": (q.value, q.value + 1),
        }
        if q.kind in whole:
            return Interval(*whole[q.kind])
    return stated_interval(
        q.kind,
        q.value,
        q.step,
        q.interval,
        rounded=q.rounded,
        half_width=settings.rounding_half_width,
        about_steps=settings.about_steps,
        zero_share=settings.trailing_zero_share,
    )


def check_quantity(
    p: Pair,
    floor: float,
    settings: VerifySettings = DEFAULTS.verify,
    copy_ratio: float = DEFAULTS.align.near_copy_min_ratio,
) -> Verdict:
    """Two figures of one frame: they agree when some number rounds to both as stated; `copy_ratio`
    tells copies of one sentence (align.slots.copies), whose figures are one fact however far apart."""
    qa, qb = p.a.quantity, p.b.quantity
    assert qa is not None and qb is not None
    if qa.kind == qb.kind and qa.kind in BOUNDS:
        # "up to 300 jobs" vs "up to 900 jobs": one stated limit against another, read as figures
        qa, qb = replace(qa, kind="exact"), replace(qb, kind="exact")
    label, why = compare(precise(qa, settings), precise(qb, settings))
    ratio = _ratio(qa, qb)
    if swapped_holder(p.a, p.b):
        label, why = _swapped(label, p)
    elif (
        label == "contradiction"
        and ratio > settings.conflict_max_ratio
        and not copies(p.a.sentence or p.a.text, p.b.sentence or p.b.text, copy_ratio)
    ):
        # copies of one sentence state one fact however far apart their figures: "capable of
        # handling 16 trillion operations" vs "six trillion" is a misprint, not two facts
        label, why = "neutral", f"{ratio:.1f} times apart, too far to be one figure misreported (two facts)"
    elif label == "contradiction" and _unheld(p, settings):
        label, why = "neutral", UNHELD
    explanation = (
        f"{_fact(p)}: {qa.text} ({p.a.doc_id}) vs {qb.text} ({p.b.doc_id}) {_verb(label)} [{qa.unit}]: {why}."
    )
    return Verdict(p, label, slot_confidence(p, floor, settings), "quantity", explanation + _hedge_note(p))


def _swapped(label: str, p: Pair) -> tuple[str, str]:
    """Two holders, one target: the same stated figure is one deal credited to two actors; other
    figures, even ones that round alike (£1.4bn, £1.5bn), are two bidders' offers: news, not a
    conflict."""
    fa, fb = p.a.frame or Frame(), p.b.frame or Frame()
    qa, qb = p.a.quantity, p.b.quantity
    if (
        label == "agreement"
        and qa is not None
        and qb is not None
        and qa.value is not None
        and qa.value == qb.value
    ):
        return (
            "contradiction",
            f"the same {fa.measure} credited to different actors ({fa.holder} vs {fb.holder})",
        )
    return "neutral", f"two holders' {fa.measure}s ({fa.holder}, {fb.holder}): different facts"


# One sentence, word for word, with one relative date ("today") anchored on two datelines: the wire
# re-ran the story a day later, and the two anchors are one report, not two dates.
RERUN = "the same sentence in both, its relative date read against two datelines (a story re-run)"
UNHELD = "neither sentence says whose figure the other's is, so they may be two facts"
MATCHED = "Not reported: the figure agrees with another figure of that sentence, whose fact it is"


def _unheld(p: Pair, settings: VerifySettings) -> bool:
    """Whether a disagreement lacks the shared holder a fact-checker needs before calling it one fact
    misreported: "its 109 bn debt" and "countries owing 150 bn" are not one debt. Only a near-copy
    sentence pair speaks for itself."""
    return not holder_shared(p.a, p.b) and p.similarity < settings.unheld_min_similarity


def _magnitude(q: Quantity) -> float:
    """The figure's size: its value, else the middle of its range, else its one stated bound."""
    if q.value is not None:
        return abs(q.value)
    ends = [e for e in (q.interval.low, q.interval.high) if e is not None]
    return abs(sum(ends) / len(ends)) if ends else 0.0


def _ratio(qa: Quantity, qb: Quantity) -> float:
    """How many times larger one figure is than the other (1.0 when either has no positive size)."""
    x, y = _magnitude(qa), _magnitude(qb)
    return max(x, y) / min(x, y) if min(x, y) > 0 else 1.0


def check_date(p: Pair, floor: float, settings: VerifySettings = DEFAULTS.verify) -> Verdict:
    da, db = p.a.date, p.b.date
    assert da is not None and db is not None
    label, _ = compare(da, db)
    why = "the dates overlap" if label == "agreement" else "the dates do not overlap"
    if label == "contradiction" and _unheld(p, settings):
        label, why = "neutral", UNHELD
    elif (
        label == "contradiction"
        and p.a.sentence
        and p.a.sentence == p.b.sentence
        and p.a.date_text == p.b.date_text
    ):
        label, why = "neutral", RERUN
    explanation = (
        f"{_fact(p)}: {p.a.date_text} = {describe_days(da)} ({p.a.doc_id}) vs {p.b.date_text} = "
        f"{describe_days(db)} ({p.b.doc_id}) {_verb(label)}: {why}."
    )
    return Verdict(p, label, slot_confidence(p, floor, settings), "date", explanation + _hedge_note(p))


def _fact(p: Pair) -> str:
    """Who, what and when the two values are of, from the first claim's frame, filled in from the
    second's ("GenCorp's stake in 1987-03")."""
    fa, fb = p.a.frame or Frame(), p.b.frame or Frame()
    merged = Frame(
        fa.holder or fb.holder,
        fa.measure or fb.measure,
        fa.period or fb.period,
        fa.aspect,
        fa.target or fb.target,
    )
    return describe_frame(merged)


def check_nli(
    pairs: Sequence[Pair], nli: NLIModel, config: VerifySettings = DEFAULTS.verify
) -> list[Verdict]:
    """Both directions: contradiction is symmetric, entailment in either direction agrees."""
    texts = [(p.a.content or p.a.text, p.b.content or p.b.text) for p in pairs]
    ab, ba = bidirectional(nli, texts, batch_size=config.nli_batch_size)
    return nli_verdicts(pairs, ab, ba, config)


def nli_verdicts(
    pairs: Sequence[Pair], ab: np.ndarray, ba: np.ndarray, config: VerifySettings = DEFAULTS.verify
) -> list[Verdict]:
    """The verdict rule on probabilities already computed (a->b and b->a rows, `LABELS` order).

    Kept apart from the model call so `claimcheck bench`'s naive run, which scores every pair
    itself, decides its pairs by exactly the rule the shipped run uses.
    """
    out = []
    for p, x, y in zip(pairs, ab, ba, strict=True):
        # Contradiction is symmetric, so both directions must find it: on the seeds every NLI
        # false alarm was one-sided (p>0.7 one way, <0.3 the other); a real conflict reads both ways.
        contra = float(min(x[2], y[2]))
        entail = float(max(x[0], y[0]))
        hedged = p.a.hedged or p.b.hedged
        if contra >= config.nli_threshold and contra > entail and hedged:
            # Speculation ("would", "might") cannot conflict with a report of fact in prose; only
            # arithmetic on hedged figures is trusted to flag them (with halved confidence).
            label, conf = "neutral", contra
            why = f"contradictory both ways (p={contra:.2f}), but a hedged claim asserts no fact to conflict"
        elif contra >= config.nli_threshold and contra > entail:
            label, conf = "contradiction", contra
            why = f"the NLI model finds them contradictory both ways (p={x[2]:.2f} and {y[2]:.2f})"
        elif entail >= config.nli_threshold:
            label, conf = "agreement", entail
            direction = (
                "each entails the other"
                if min(x[0], y[0]) >= config.nli_threshold
                else "one entails the other"
            )
            why = f"{direction} (p={entail:.2f})"
        else:
            label, conf = "neutral", float(max(x[1], y[1]))
            why = "neither entails nor contradicts the other"
        if hedged:
            conf *= config.hedge_discount
        out.append(
            Verdict(
                p,
                label,
                round(conf, 4),
                "nli",
                f"{_event(p)}: {why}." + _hedge_note(p),
            )
        )
    return out


def _event(p: Pair) -> str:
    """The shared event in words when the parses give one ("USAir rejected offer (a) vs USAir
    accepted offer (b)"), else which documents the claims come from."""
    found = links(p.a, p.b)
    if not found:
        return f"Claims in {p.a.doc_id} and {p.b.doc_id}"
    x, y, _ = found[0]
    return f"{describe_predication(x)} ({p.a.doc_id}) vs {describe_predication(y)} ({p.b.doc_id})"


def _verb(label: str) -> str:
    return {"agreement": "agree", "contradiction": "conflict"}.get(label, "differ")


def _hedge_note(p: Pair) -> str:
    hedged = [c.doc_id for c in (p.a, p.b) if c.hedged]
    return f" (hedged in {', '.join(hedged)}: confidence halved)" if hedged else ""
