"""Canonical counted things and units: "nations" and "countries" count the same slot.

A lemma table, not an ontology: the question alignment asks is only "are these two
numbers counting the same kind of thing", and a short synonym list answers it exactly.
"""

from __future__ import annotations

SYNONYMS: dict[str, str] = {
    "nation": "country",
    "country": "country",
    "state": "country",
    "people": "person",
    "person": "person",
    "individual": "person",
    "civilian": "civilian",
    "soldier": "troop",
    "troop": "troop",
    "serviceman": "troop",
    "percent": "percent",
    "per cent": "percent",
    "%": "percent",
    "pct": "percent",
    "dollar": "usd",
    "buck": "usd",
    "euro": "eur",
    "pound": "gbp",
    "year": "year",
    "month": "month",
    "day": "day",
    "hour": "hour",
    "kilometre": "km",
    "kilometer": "km",
    "km": "km",
    "mile": "mile",
}

# Nouns that are only half a unit: "heads of state" counts heads of state, not heads.
PARTITIVE_HEADS = {"head", "member", "leader", "minister", "representative", "delegate", "share", "part"}

# Nouns that measure nothing on their own ("2 of them", "10 times").
NOT_UNITS = {"time", "one", "other", "them", "those", "these", "way", "lot", "bit"}


def canonical_unit(lemma: str, of_object: str | None = None) -> str | None:
    """Canonical unit for a counted noun lemma; of_object completes partitive heads."""
    lemma = lemma.lower().strip()
    if not lemma or lemma in NOT_UNITS:
        return None
    if lemma in PARTITIVE_HEADS and of_object:
        return f"{lemma} of {of_object.lower()}"
    return SYNONYMS.get(lemma, lemma)
