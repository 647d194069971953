"""Whether two figures or dates can be one fact, by their measurement frames (extract.frames).

Frames that clearly differ are different slots: a per-share offer and a takeover's total cost, a
change and a level, February output and January output, the date of a takeover and the date of
the verdict about it. Such pairs are never compared, so they are reported neither as conflicts
nor as agreements. A part one sentence leaves unsaid (None) is no evidence either way, except the
measure: a figure whose measure is known is only compared with a figure of that measure.
"""

from __future__ import annotations

import re

from claimcheck.align.events import same_entity
from claimcheck.core.intervals import intersection
from claimcheck.core.settings import DEFAULTS, AlignSettings
from claimcheck.core.types import Claim, Frame
from claimcheck.extract.frames import rules


def frame_conflict(a: Claim, b: Claim) -> str | None:
    """Why the two claims' frames make them different facts, or None when they may be one."""
    fa, fb = a.frame or Frame(), b.frame or Frame()
    if fa.aspect != fb.aspect and not _same_time_level(fa, fb):
        return f"different aspects ({fa.aspect} vs {fb.aspect})"
    if fa.measure != fb.measure:
        return f"different measures ({fa.measure or 'unstated'} vs {fb.measure or 'unstated'})"
    if fa.measure == "age" and not same_entity(fa.holder or "", fb.holder or ""):
        return f"different people ({fa.holder} vs {fb.holder})"  # "Ebbers, 63, ... Mr Sullivan": not his
    if fa.holder and fb.holder and not same_holder(fa.holder, fb.holder, a, b) and not swapped_holder(a, b):
        return f"different holders ({fa.holder} vs {fb.holder})"
    if fa.target and fb.target and not same_entity(fa.target, fb.target):
        return f"different targets ({fa.target} vs {fb.target})"
    for target, other in ((fa.target, b), (fb.target, a)):
        if target and not names(target, other) and target.lower() not in other.sentence.lower():
            return f"the offer for {target} is not the one the other sentence is about"
    if a.kind == "date" and not fa.measure:
        return "a date of no named event"
    if fa.period_days and fb.period_days and intersection(fa.period_days, fb.period_days) is None:
        return f"different periods ({fa.period} vs {fb.period})"
    return None


def _same_time_level(fa: Frame, fb: Frame) -> bool:
    """A level reached by a change ("cut its stake to 10%") is a plain level ("holds 20%") only at a
    time both state: without periods, one may be the level before the change."""
    return {fa.aspect, fb.aspect} == {"level", "new level"} and bool(fa.period_days and fb.period_days)


def same_holder(ha: str, hb: str, a: Claim, b: Claim) -> bool:
    """Whether two stated holders are one: one name under two spellings ("GM", "General Motors"), or
    two names each story uses for the other's ("the German exchange" and "Deutsche Boerse" when
    each sentence names both). One story naming the other's holder as the target is not enough:
    "TWA's stake in USAir" and "USAir's stake in Piedmont" are two holders."""
    return same_entity(ha, hb) or (names(ha, b) and names(hb, a))


def swapped_holder(a: Claim, b: Claim) -> bool:
    """Whether two claims may credit one single event to different actors: an offer or deal for one
    target (the cluster's, when a sentence names none), each with a holder its own sentence names,
    and neither sentence naming the other's holder (a story that names both bidders is telling of
    two offers). The figures decide (verify.rules): the same price is one deal credited twice,
    different prices two offers."""
    fa, fb = a.frame or Frame(), b.frame or Frame()
    return bool(
        a.kind == b.kind == "quantity"
        and fa.holder
        and fb.holder
        and fa.measure == fb.measure
        and fa.measure in rules()["single_event_measures"]
        and (not fa.target or not fb.target or same_entity(fa.target, fb.target))
        and not same_entity(fa.holder, fb.holder)
        and names(fa.holder, a)  # named in the sentence itself, not read from "it" or "the company"
        and names(fb.holder, b)
        and not names(fa.holder, b)
        and not names(fb.holder, a)
    )


def holder_named(a: Claim, b: Claim) -> bool:
    """Whether both frames state a holder and the holders are one."""
    ha, hb = (a.frame or Frame()).holder, (b.frame or Frame()).holder
    return bool(ha and hb and same_holder(ha, hb, a, b))


def holder_shared(a: Claim, b: Claim) -> bool:
    """Whether the two figures are known to be one holder's: both name it, or one names it and the
    other sentence mentions it. With no holder on either side, a shared place can stand for the
    event the figure belongs to ("22 nations convened in Paris", "35 nations met in Paris");
    otherwise whose figure it is is unknown."""
    ha, hb = (a.frame or Frame()).holder, (b.frame or Frame()).holder
    if ha and hb:
        return same_holder(ha, hb, a, b)
    if ha or hb:
        return _names_as_holder(ha, b) if ha else _names_as_holder(hb or "", a)
    return bool(set(a.places) & set(b.places))


# A figure a sentence states: digits, not a year ("in 1987" is no one's figure).
_FIGURE = re.compile(r"(?<![\w.,])(?!(?:1[5-9]|20)\d\d(?!\d))\d[\d,.]*")


def _names_as_holder(holder: str, claim: Claim) -> bool:
    """Whether the claim's sentence names the holder as its figure's. A name after the figure that
    another figure follows is that figure's: "A group led by Bass owns about 25 pct, and Carl Lindner
    about 16 pct" names Lindner as the holder of the 16 pct, not of the 25."""
    if not names(holder, claim):
        return False
    q = claim.quantity
    own = claim.text.find(q.text) if q is not None else -1
    mention = re.search(rf"(?<!\w){re.escape(holder)}", claim.text, re.I)
    if own < 0 or mention is None or mention.start() < own:
        return True
    return not any(f.start() > mention.end() for f in _FIGURE.finditer(claim.text))


def names(holder: str, claim: Claim) -> bool:
    """Whether the claim's sentence names the holder, under any spelling of it: as a whole word, a
    plural or a possessive ("Germans", "Dixons" name "German", "Dixon"), but "USAir" does not name "US"."""
    if any(same_entity(holder, e) for e in claim.entities):
        return True
    return re.search(rf"(?<!\w){re.escape(holder)}(?:s|['’]s)?(?!\w)", claim.text, re.I) is not None


def frame_bonus(a: Claim, b: Claim, settings: AlignSettings = DEFAULTS.align) -> float:
    """Similarity added when both frames name the same measure or event: two stories word one fact
    differently around it ("who is set to take office on January 20th", "due to take office on...")."""
    same = a.frame and b.frame and a.frame.measure and a.frame.measure == b.frame.measure
    return settings.frame_bonus if same and "#" not in (a.frame.measure or "") else 0.0


def describe(frame: Frame | None) -> str:
    """The frame in words for an explanation: "GenCorp's stake (1987-03)"."""
    if frame is None:
        return ""
    what = frame.measure or "figure"
    if frame.target:
        what += f" for {frame.target}"
    owner = (
        "" if not frame.holder else f"{frame.holder}'" if frame.holder.endswith("s") else f"{frame.holder}'s"
    )
    text = f"{owner} {what}" if owner else what
    if frame.aspect not in ("level", "point"):
        text += f" ({frame.aspect})"
    return text + (f" in {frame.period}" if frame.period else "")
