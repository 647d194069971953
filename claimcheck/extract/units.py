"""Canonical counted things and units: "nations" and "countries" count the same slot.

A lemma table, not an ontology: the question alignment asks is only "are these two
numbers counting the same kind of thing", and a short synonym list answers it exactly.
Physical units convert with pint ("5 miles" and "8 km" are one length); pence and cents are
hundredths of their currency.
"""

from __future__ import annotations

from functools import lru_cache

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
    "dlr": "usd",
    "dlrs": "usd",
    "buck": "usd",
    "stg": "gbp",
    "penny": "gbp_pence",
    "pence": "gbp_pence",
    "cent": "usd_cent",
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
# What completes a partitive head into the head itself: shares of stock are shares ("652,000 shares
# of Cyclops Corp common stock" vs "852,000 shares").
WHOLE_OF = {"stock", "common stock"}

# Nouns that measure nothing on their own ("2 of them", "10 times").
NOT_UNITS = {"time", "one", "other", "them", "those", "these", "way", "lot", "bit"}


def canonical_unit(lemma: str, of_object: str | None = None) -> str | None:
    """Canonical unit for a counted noun lemma; of_object completes partitive heads."""
    lemma = lemma.lower().strip()
    if not lemma or lemma in NOT_UNITS:
        return None
    if lemma in PARTITIVE_HEADS and of_object and of_object.lower() not in WHOLE_OF:
        return f"{lemma} of {of_object.lower()}"
    return SYNONYMS.get(lemma, lemma)


# Currencies as units come out (codes, and the lemma of a currency word): "20 francs" is "franc".
MONEY = {
    "usd", "gbp", "eur", "jpy", "chf", "cny", "rub", "uah", "inr", "cad", "aud", "hkd", "nzd", "sgd",
    "brl", "gbp_pence", "usd_cent", "franc", "mark", "yen", "yuan", "renminbi", "peso", "real", "rand",
    "naira", "won", "crown", "krona", "rupee", "rouble", "ruble", "hryvnia", "lira", "dinar", "riyal",
}  # fmt: skip
# Units of a share or a rate: a percentage may be rounded to a whole one.
SHARE_UNITS = {"percent", "percentage_point", "basis_point"}


def whole_count(unit: str) -> bool:
    """Whether a unit counts whole things (ships, daughters, years of age): a figure stated to its
    units digit is then that number and no other, so "three daughters" and "four" differ. Money,
    percentages, per-units and physical measures are not: "$9" may be $9.40 rounded."""
    return unit not in MONEY | SHARE_UNITS and " per " not in unit and unit not in _pint_bases()


@lru_cache(maxsize=1)
def _pint_bases() -> frozenset[str]:
    return frozenset(conversion(name)[0] for name in PINT_NAMES)


# Hundredths of a currency: converted so "530 pence" and "£5.30" are one price.
SUBUNITS = {"gbp_pence": ("gbp", 0.01), "usd_cent": ("usd", 0.01)}
# Units pint converts to their base (metre, kilogram, ...), as our unit names spell them.
PINT_NAMES = {
    "km": "kilometer", "mile": "mile", "m": "meter", "cm": "centimeter", "mm": "millimeter",
    "ft": "foot", "foot": "foot", "yard": "yard", "kg": "kilogram", "g": "gram", "mg": "milligram",
    "lb": "pound", "oz": "ounce", "tonne": "metric_ton", "ton": "metric_ton", "mph": "mile/hour",
    "kph": "kilometer/hour", "ml": "milliliter", "litre": "liter", "liter": "liter", "gallon": "gallon",
    "ha": "hectare", "acre": "acre", "kw": "kilowatt", "mw": "megawatt", "gw": "gigawatt",
    "kwh": "kilowatt_hour", "mwh": "megawatt_hour", "gwh": "gigawatt_hour", "twh": "terawatt_hour",
}  # fmt: skip


def conversion(unit: str) -> tuple[str, float]:
    """(canonical unit, factor to multiply values by): "mile" -> ("meter", 1609.344)."""
    if unit in SUBUNITS:
        return SUBUNITS[unit]
    if unit in PINT_NAMES:
        return _pint_base(PINT_NAMES[unit])
    return unit, 1.0


@lru_cache(maxsize=64)
def _pint_base(name: str) -> tuple[str, float]:
    base = _registry().Quantity(1.0, name).to_base_units()
    return f"{base.units:~}".replace(" ", ""), float(base.magnitude)


@lru_cache(maxsize=1)
def _registry():  # deferred: pint's definitions take a moment to load
    import pint

    return pint.UnitRegistry()
