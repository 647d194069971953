"""Whether two figures or dates can be one fact, by their measurement frames (extract.frames).

Frames that clearly differ are different slots: a per-share offer and a takeover's total cost, a
change and a level, February output and January output, the date of a takeover and the date of
the verdict about it. Such pairs are never compared, so they are reported neither as conflicts
nor as agreements. A part one sentence leaves unsaid (None) is no evidence either way, except the
measure: a figure whose measure is known is only compared with a figure of that measure.
"""

from __future__ import annotations

from claimcheck.core.intervals import intersection
from claimcheck.core.settings import DEFAULTS, AlignSettings
from claimcheck.core.types import Claim, Frame


def frame_conflict(a: Claim, b: Claim) -> str | None:
    """Why the two claims' frames make them different facts, or None when they may be one."""
    fa, fb = a.frame or Frame(), b.frame or Frame()
    if fa.aspect != fb.aspect:
        return f"different aspects ({fa.aspect} vs {fb.aspect})"
    if fa.measure != fb.measure:
        return f"different measures ({fa.measure or 'unstated'} vs {fb.measure or 'unstated'})"
    if fa.holder and fb.holder and not (_names(fa.holder, b) or _names(fb.holder, a)):
        return f"different holders ({fa.holder} vs {fb.holder})"
    if fa.target and fb.target and fa.target.lower() != fb.target.lower():
        return f"different targets ({fa.target} vs {fb.target})"
    for target, other in ((fa.target, b), (fb.target, a)):
        if target and target.lower() not in other.sentence.lower():
            return f"the offer for {target} is not the one the other sentence is about"
    if a.kind == "date" and not fa.measure:
        return "a date of no named event"
    if fa.period_days and fb.period_days and intersection(fa.period_days, fb.period_days) is None:
        return f"different periods ({fa.period} vs {fb.period})"
    return None


def _names(holder: str, claim: Claim) -> bool:
    """Whether the claim's sentence names the holder: "the German exchange" and "Deutsche Boerse"
    are one holder when each story names the other's words for it."""
    h = holder.lower()
    return any(h in e.lower() or e.lower() in h for e in claim.entities) or (
        (claim.frame is not None and claim.frame.holder or "").lower() == h
    )


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
