"""Quantity expressions in plain text: the number, its qualifier, and the interval they imply.

Pure functions over strings, no spaCy: the caller finds the counted noun ("35 *nations*") with
its parser and this module answers what the number phrase itself means. The text is split into
number, word and single-punctuation tokens that keep their character offsets; a small
left-to-right scanner then reads, at each token, an optional currency, a number written in
digits or words with its scale ("2.5 million", "thirty-five", "half a million"), a unit that is
part of the expression ("%", "per cent"), a range ("20-30", "between 20 and 30"), and the
qualifier before or after it ("more than", "or more"). Vague plurals ("dozens of") are read as
open-ended intervals.

Choices, so that callers know what is skipped on purpose:

- Not quantities: ordinals ("15th", "first", "twenty-first"), fractions ("two-thirds"), clock
  times ("10:30", "9 pm"), dates ("March 3", "3 March", "Oct. 31", "9/11"), decades ("1990s"),
  numbers inside codes and names ("COVID-19", "F-16", "G7", "5G", "Article 5", "No. 10"), and
  the bare word "one" ("one of the", "no one"), which is a pronoun far more often than a count;
  "1", "one million", "one percent" and "one to two" still count.
- A four-digit whole number in the year window (ExtractSettings, 1500-2099) is a year unless a
  qualifier that is not also a preposition comes first ("more than 2000") or it is followed by
  a plural-looking lowercase noun ("2000 troops"); after "in", "since", "by", "from", "until",
  "the", ... it is always a year. "of" decides nothing: "the summer of 1999" and "a crowd of
  2000 people" both occur.
- "m" and "b" glued to a number mean million and billion only after a currency or before a
  currency word or a word for people ("£5m", "$2b", "253m euros", "1.7m people"); otherwise
  "60m hurdles" is sixty metres. "bn", "mn", "mln", "bln", "tn" and "k" are always scales.
- "from 20 to 30" is a change, not a range, so it gives two quantities; "20 to 30",
  "20-30", "between 20 and 30" and "four or five" give one closed interval. A glued "A-B" with A >= B
  ("2014-15", "3-1", "2024-01-15") is a season, score or date and gives nothing.
- Vague plurals take twice their unit as the lower bound, unbounded above: "dozens of" is
  [24, inf), "tens of thousands" [20000, inf), "several hundred" [200, inf).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

from claimcheck.core.intervals import Interval, qualified
from claimcheck.core.settings import DEFAULTS, ExtractSettings

# Scientific notation ("1e308", "2.5E-3") and powers ("10^400", "10**6") are one token, so
# they are read as one number, or as none when it is too large for a float: never as two.
_POWER = r"[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?|\^|\*\*)[0-9]+(?!\w|\.[0-9])"
_TOKEN_RE = re.compile(
    rf"(?P<num>{_POWER}|(?:(?<!\S)\.)?[0-9]+(?:[.,\u00a0\u202f][0-9]+)*)|(?P<word>[^\W\d_]+)|(?P<punct>\S)"
)
_POWER_RE = re.compile(r"(?P<base>[0-9]+(?:\.[0-9]+)?)(?P<op>[eE]|\^|\*\*)(?P<exp>[+-]?[0-9]+)")
_NUMERAL_RE = re.compile(
    r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]{1,3}(?:[\u00a0\u202f][0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?|\.[0-9]+"
)

_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9,
}  # fmt: skip
_TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_WORD_VALUES = {**_SMALL, **_TEENS, **_TENS}
_BIG_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_ABBREVIATED_SCALES = {"k": 1e3, "mn": 1e6, "mln": 1e6, "bn": 1e9, "bln": 1e9, "tn": 1e12, "trn": 1e12}
_CURRENCY_SCALES = {"m": 1e6, "b": 1e9}  # only with money or people near: "60m hurdles" is metres
_MULTIPLIERS = {"hundred", "dozen", *_BIG_SCALES}

# Glued units, matched case-sensitively so that "5G" (a network) is not "5 g" (grams).
_GLUED_UNITS = {
    "km": "km", "m": "m", "cm": "cm", "mm": "mm", "kg": "kg", "g": "g", "mg": "mg",
    "lb": "lb", "lbs": "lb", "oz": "oz", "ft": "ft", "mph": "mph", "kph": "kph", "ml": "ml",
    "kW": "kw", "MW": "mw", "GW": "gw", "kWh": "kwh", "MWh": "mwh", "GWh": "gwh", "TWh": "twh",
    "MB": "mb", "GB": "gb", "TB": "tb", "Hz": "hz", "MHz": "mhz", "GHz": "ghz", "ha": "ha",
    "bpd": "bpd", "C": "celsius", "min": "min", "pc": "percent", "W": "w", "p": "gbp_pence",
}  # fmt: skip
_CURRENCY_SYMBOLS = {"$": "usd", "£": "gbp", "€": "eur", "¥": "jpy", "₹": "inr", "₽": "rub", "₴": "uah"}
_DOLLAR_PREFIXES = {"US": "usd", "A": "aud", "C": "cad", "HK": "hkd", "NZ": "nzd", "S": "sgd", "R": "brl"}
_CURRENCY_WORDS = {
    "dollars", "euros", "euro", "pounds", "sterling", "yen", "yuan", "renminbi", "rupees", "roubles",
    "rubles", "hryvnias", "francs", "pesos", "reais", "naira", "rand", "won", "crowns", "kronor",
    "dlrs", "dlr", "stg",
}  # fmt: skip
_GROUPED = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")
_CONNECTORS = {"-", "/", ":", ".", "_"}
_CURRENCY_CODES = {"USD", "EUR", "GBP", "JPY", "CHF", "CNY", "RUB", "UAH", "INR", "CAD", "AUD"}

_ORDINALS = {
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
    "seventeenth", "eighteenth", "nineteenth", "twentieth", "thirtieth", "fortieth",
    "fiftieth", "sixtieth", "seventieth", "eightieth", "ninetieth", "hundredth",
    "thousandth", "millionth", "billionth",
}  # fmt: skip
_PLURAL_FRACTIONS = {"halves", "quarters"} | {f"{o}s" for o in _ORDINALS}
_FRACTIONS = {"half", "quarter"} | _ORDINALS | _PLURAL_FRACTIONS

_VAGUE_PLURALS = {
    "dozens": 12, "tens": 10, "hundreds": 100, "thousands": 1e3, "millions": 1e6,
    "billions": 1e9, "trillions": 1e12,
}  # fmt: skip
_VAGUE_SINGULARS = {"dozen": 12, "hundred": 100, **_BIG_SCALES}
_VAGUE_LEADS = ("several", "a few", "many")

_MONTHS = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
    "Sept", "Oct", "Nov", "Dec",
}  # fmt: skip
_YEAR_CUES = {
    "in", "since", "by", "from", "until", "till", "during", "before", "after", "the", "this",
    "that", "early", "late", "mid", "through", "throughout", "circa", "spring", "summer",
    "autumn", "winter", "year", "fiscal",
}  # fmt: skip
# Qualifiers that are also prepositions, so they may come before a year ("around 2000,").
_PREPOSITION_QUALIFIERS = {"over", "under", "above", "below", "around", "about", "some", "circa", "c.", "~"}
_COUNT_NOUNS = {
    "people", "men", "women", "children", "police", "personnel", "staff", "cattle", "sheep",
    "livestock", "feet", "geese", "mice", "fish", "deer", "aircraft",
}  # fmt: skip
# Words after "5m" that make the "m" a million rather than metres.
_MILLION_CUES = _CURRENCY_WORDS | _COUNT_NOUNS
_NOT_PLURALS = {
    "was", "has", "as", "its", "yes", "always", "perhaps", "whereas", "towards", "afterwards",
    "onwards", "besides", "sometimes", "news", "series", "species", "hers", "ours", "theirs",
}  # fmt: skip
# Capitalised words that may precede a count: sentence-initial or title-case function words.
_FUNCTION_WORDS = {
    "a", "an", "the", "of", "in", "on", "at", "by", "for", "from", "to", "with", "without",
    "into", "over", "under", "about", "around", "among", "between", "after", "before",
    "since", "until", "during", "than", "and", "or", "but", "so", "yet", "if", "as", "only",
    "just", "all", "some", "any", "each", "every", "both", "these", "those", "this", "that",
    "its", "their", "his", "her", "our", "my", "your", "another", "other", "more", "less",
    "fewer", "least", "most", "then", "now", "today", "yesterday", "last", "next", "also",
    "still", "even", "while", "when", "where", "there", "here", "we", "they", "he", "she",
    "it", "i", "you", "who", "which", "what", "are", "is", "was", "were", "had", "has",
    "have", "will", "would", "could", "should", "may", "might", "can", "did", "do", "does",
    "per", "across", "through", "within", "including", "like", "via", "such", "many",
    "several", "nearly", "almost", "roughly", "approximately", "exactly", "up", "down",
}  # fmt: skip

_PREFIX_QUALIFIERS = {
    "gt": ("more than", "over", "above", "in excess of", "upwards of", "greater than", "well over",
           "well above", "exceeding"),
    "ge": ("at least", "no fewer than", "no less than", "not less than", "not fewer than",
           "a minimum of"),
    "nearly": ("nearly", "almost", "close to", "just under", "just below", "just shy of",
               "just short of", "slightly under", "slightly less than", "just less than", "not quite"),
    "about": ("about", "approximately", "approx", "approx.", "roughly", "around", "some",
              "an estimated", "estimated", "circa", "c.", "~", "≈"),
    "le": ("up to", "as many as", "as much as", "at most", "no more than", "not more than",
           "a maximum of"),
    "lt": ("fewer than", "less than", "under", "below", "lower than"),
    "just_over": ("just over", "just above", "slightly over", "slightly more than", "just more than"),
    "exact": ("exactly", "precisely"),
}  # fmt: skip
_POSTFIX_QUALIFIERS = {
    "ge": ("or more", "or over", "or above", "and over", "and above", "-plus", "+"),
    "le": ("or fewer", "or less", "or under", "and under"),
}
_DOLLARS = ("dlrs", "dlr", "dollars", "dollar")
_DOLLAR_COUNTRIES = {
    "cad": "canadian", "aud": "australian", "nzd": "new zealand", "hkd": "hong kong", "sgd": "singapore",
}  # fmt: skip
_UNIT_PHRASES = {
    "percent": ("%", "percent", "per cent", "pct"),
    "percentage_point": ("percentage point", "percentage points", "% point", "% points"),
    "basis_point": ("basis point", "basis points", "bps"),
    "eur": ("€", "euros", "euro"),
    "usd": ("dlrs", "dlr", "dollars", "dollar", *(f"u.s. {d}" for d in _DOLLARS)),
    # "a 4.3 billion Canadian dlr bid": the wire names other dollars by their country
    **{code: tuple(f"{country} {d}" for d in _DOLLARS) for code, country in _DOLLAR_COUNTRIES.items()},
    "gbp": ("stg", "sterling"),
    "usd_cent": ("cents", "cent"),
    "gbp_pence": ("pence",),
    "bpd": (
        "barrels a day",
        "barrels per day",
        "barrel a day",
        "barrel per day",
        "barrel-per-day",
        "barrels-per-day",
        "barrel-a-day",
        "barrels daily",
    ),
}
_TIME_SUFFIXES = ("am", "pm", "a.m.", "p.m.", "a.m", "p.m", "o'clock", "o’clock", "gmt", "utc", "bst", "cet")


@dataclass(frozen=True)
class QuantityMention:
    """A quantity phrase as written: text[start:end] == self.text, qualifier included.

    unit_hint is a unit that is part of the phrase ("percent", "usd", "km"); None means the
    counted thing is the noun that follows, which the caller finds with its parser.
    """

    start: int
    end: int
    text: str
    value: float | None
    interval: Interval
    qualifier: str | None
    unit_hint: str | None
    kind: str = "exact"  # the qualifier kind (core.intervals.QUALIFIER_KINDS), or "range" / "vague"
    step: float | None = None  # the unit of the last digit stated ("9.3bn" -> 1e8): its precision
    rounded: bool = False  # the step comes from trailing zeros ("20,000"): they may be exact


def parse_number(text: str) -> float | None:
    """The value of a text that is exactly one number ("1,200", "2.5 million", "thirty-five").

    None for anything else, including ordinals ("15th"), numbers with units ("5kg") and
    surrounding words, so callers can use it as a strict test of "is this a number".
    """
    seq = _Seq.of(text)
    number = _read_number(seq, 0, currency=False, allow_and=True)
    if number is None or number.end != len(seq.toks) or number.glued_unit is not None:
        return None
    return number.value


def find_quantities(text: str, settings: ExtractSettings = DEFAULTS.extract) -> list[QuantityMention]:
    """Every quantity phrase in text, left to right, without overlaps.

    settings.tolerance is the relative half-width given to approximate qualifiers: "about 20"
    with 0.1 is [18, 22] and "nearly 30" is [27, 30); settings.year_min/year_max bound the
    four-digit numbers that can be years.
    """
    tolerance = settings.tolerance
    if not 0 < tolerance < 1:
        raise ValueError(f"tolerance must be in (0, 1), got {tolerance!r}")
    seq = _Seq.of(text, (settings.year_min, settings.year_max))
    mentions: list[QuantityMention] = []
    index = floor = 0
    while index < len(seq.toks):
        found = _vague_at(seq, index) or _numeric_at(seq, index, floor, tolerance)
        if found is None:
            index += 1
            continue
        if found.interval is not None:
            mentions.append(_mention(seq, found, found.interval))
        index = floor = found.end
    return mentions


# --- tokens -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Tok:
    start: int
    end: int
    text: str
    kind: str  # "num" | "word" | "punct"
    low: str


@dataclass(frozen=True)
class _Seq:
    """Tokens with offsets; out-of-range lookups answer None so rules need no bounds checks."""

    text: str
    toks: tuple[_Tok, ...]
    years: tuple[int, int] = (DEFAULTS.extract.year_min, DEFAULTS.extract.year_max)

    @classmethod
    def of(
        cls, text: str, years: tuple[int, int] = (DEFAULTS.extract.year_min, DEFAULTS.extract.year_max)
    ) -> _Seq:
        toks = tuple(
            _Tok(m.start(), m.end(), m.group(), m.lastgroup or "", m.group().lower())
            for m in _TOKEN_RE.finditer(text)
        )
        return cls(text, toks, years)

    def tok(self, k: int) -> _Tok | None:
        return self.toks[k] if 0 <= k < len(self.toks) else None

    def low(self, k: int) -> str | None:
        tok = self.tok(k)
        return None if tok is None else tok.low

    def word(self, k: int) -> str | None:
        tok = self.tok(k)
        return tok.low if tok is not None and tok.kind == "word" else None

    def kind(self, k: int) -> str | None:
        tok = self.tok(k)
        return None if tok is None else tok.kind

    def glued(self, k: int) -> bool:
        """True when token k touches the token before it (no space between)."""
        return 0 < k < len(self.toks) and self.toks[k].start == self.toks[k - 1].end

    def matches(self, k: int, phrase: tuple[str, ...]) -> bool:
        return k >= 0 and all(self.low(k + n) == part for n, part in enumerate(phrase))


def _phrase_table(groups: dict[str, tuple[str, ...]]) -> dict[tuple[str, ...], str]:
    """Phrases as token tuples, longest first, so the longest match wins ("no more than")."""
    table = {tuple(t.low for t in _Seq.of(p).toks): key for key, ps in groups.items() for p in ps}
    return dict(sorted(table.items(), key=lambda item: -len(item[0])))


_PREFIX_TABLE = _phrase_table(_PREFIX_QUALIFIERS)
_POSTFIX_TABLE = _phrase_table(_POSTFIX_QUALIFIERS)
_UNIT_TABLE = _phrase_table(_UNIT_PHRASES)
_TIME_TABLE = _phrase_table({"time": _TIME_SUFFIXES})
_VAGUE_LEAD_TABLE = _phrase_table({"lead": _VAGUE_LEADS})


def _match_forward(seq: _Seq, k: int, table: dict[tuple[str, ...], str]) -> tuple[str, int] | None:
    """(table value, end token) of the longest phrase starting at token k."""
    for phrase, value in table.items():
        if seq.matches(k, phrase):
            return value, k + len(phrase)
    return None


def _match_backward(
    seq: _Seq, k: int, floor: int, table: dict[tuple[str, ...], str]
) -> tuple[str, int] | None:
    """(table value, start token) of the longest phrase ending just before token k, at or after floor."""
    for phrase, value in table.items():
        start = k - len(phrase)
        if start >= floor and seq.matches(start, phrase):
            return value, start
    return None


def _span_text(seq: _Seq, start: int, end: int) -> str:
    """The lower-cased text of tokens [start, end) with runs of whitespace made single spaces."""
    return " ".join(seq.text[seq.toks[start].start : seq.toks[end - 1].end].lower().split())


# --- numbers ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Acc:
    """State of the number reader: value so far and what kind of token came last.

    `last` drives the grammar: "twenty" may take "one" after it, "one" may not; a big scale
    may only follow smaller ones ("two million three thousand"). Digits take scale words only
    ("5 million", not "5 million two").
    """

    end: int
    total: float
    cur: float
    last: str  # "digit" | "small" | "teen" | "tens" | "hundred" | "scale" | "dozen" | "half" | "a" | "unit"
    digits: bool
    big: float = math.inf
    mult: float = 1.0
    glued_unit: str | None = None
    fraction: float = 0.0  # half of 1/denominator for "7-3/4" and "1/2", else 0


@dataclass(frozen=True)
class _Number:
    end: int
    value: float
    mult: float  # the last scale applied ("2.5 million" -> 1e6), for sharing scales in ranges
    glued_unit: str | None
    words: bool
    step: float = 1.0  # the unit of the last digit stated ("9.3bn" -> 1e8)
    rounded: bool = False  # the step comes from trailing zeros ("20,000"), which may be exact


def _read_number(seq: _Seq, k: int, *, currency: bool, allow_and: bool) -> _Number | None:
    acc = _start(seq, k, currency)
    if acc is None:
        return None
    while (step := _step(seq, acc, allow_and)) is not None:
        acc = step
    if acc.last == "a" or (not acc.digits and _fraction_or_ordinal_follows(seq, acc.end)):
        return None
    value = acc.total + acc.cur
    step, rounded = _step_of(seq.toks[k].text, acc, value)
    return _Number(acc.end, value, acc.mult, acc.glued_unit, not acc.digits, step, rounded)


def _step_of(numeral: str, acc: _Acc, value: float) -> tuple[float, bool]:
    """(unit of the last digit a number states, scale included; whether trailing zeros set it).

    "9.3bn" 1e8, "261bn" 1e9, "20,000" 1e4 (trailing zeros: rounded, True), "7-3/4" 1/8 (half the
    fraction's denominator, so quarter points stay apart). Precision-aware comparison
    (core.intervals.stated_interval) reads it."""
    if acc.fraction:
        return acc.fraction, False
    digits = re.sub(r"[,\u00a0\u202f]", "", numeral) if acc.digits else ""
    if "." in digits:
        return 10.0 ** -len(digits.split(".")[1]) * acc.mult, False
    whole = value / acc.mult
    if whole <= 0 or not float(whole).is_integer():
        return acc.mult, False
    zeros = len(str(int(whole))) - len(str(int(whole)).rstrip("0"))
    return 10.0**zeros * acc.mult, zeros > 0


def _start(seq: _Seq, k: int, currency: bool) -> _Acc | None:
    if seq.kind(k) == "num":
        return _start_digits(seq, k, currency)
    word = seq.word(k)
    if word in ("a", "an") and seq.word(k + 1) in _MULTIPLIERS:
        return _Acc(k + 1, 0.0, 1.0, "a", digits=False)
    if word == "half" and seq.word(k + 1) in ("a", "an") and seq.word(k + 2) in _MULTIPLIERS:
        return _Acc(k + 2, 0.0, 0.5, "a", digits=False)
    kind = _word_kind(word)
    return None if kind is None else _Acc(k + 1, 0.0, _word_value(word), kind, digits=False)


def _start_digits(seq: _Seq, k: int, currency: bool) -> _Acc | None:
    """A numeral and what is glued to its right: a scale ("1.2bn"), a unit ("5kg"), or
    something that makes it no quantity at all ("15th", "1990s", "10am", "5G")."""
    numeral = seq.toks[k].text
    if _POWER_RE.fullmatch(numeral):
        value = _power_value(numeral)
        if value is None:
            return None  # "10^400": no float holds it, and 10 and 400 it is not
    elif not _NUMERAL_RE.fullmatch(numeral):
        return None  # "3.5.1", "1,2": versions, lists, decimal commas
    else:
        value = float(re.sub(r"[,\u00a0\u202f]", "", numeral))
    acc = _Acc(k + 1, 0.0, value, "digit", digits=True)
    if (fraction := _newswire_fraction(seq, k)) is not None:
        value, end, denominator = fraction
        return replace(acc, end=end, cur=value, fraction=0.5 / denominator)
    suffix = seq.tok(k + 1)
    if suffix is None or suffix.kind != "word" or not seq.glued(k + 1):
        return acc
    money = currency or seq.word(k + 2) in _MILLION_CUES
    scale = _ABBREVIATED_SCALES.get(suffix.low) or (_CURRENCY_SCALES.get(suffix.low) if money else None)
    if scale:
        return replace(acc, end=k + 2, total=acc.cur * scale, cur=0.0, last="scale", big=scale, mult=scale)
    unit = _GLUED_UNITS.get(suffix.text)
    return replace(acc, end=k + 2, last="unit", glued_unit=unit) if unit else None


def _power_value(numeral: str) -> float | None:
    """The value of "1e308" or "10^6", or None when it is not a finite float."""
    m = _POWER_RE.fullmatch(numeral)
    base, exp = float(m["base"]), int(m["exp"])
    try:
        value = float(numeral) if m["op"] in "eE" else base**exp
    except (OverflowError, ZeroDivisionError):
        return None
    return value if math.isfinite(value) else None


_DENOMINATORS = (2, 4, 8, 16, 32, 64)


def _newswire_fraction(seq: _Seq, k: int) -> tuple[float, int, int] | None:
    """(value, end token, denominator) for "7-3/4" and "1/2" at token k: wire copy writes rates and
    prices in eighths; "9/11" and "24/7" have no such denominator and stay codes."""

    def glued_num(i: int) -> int | None:
        tok = seq.tok(i)
        if tok is None or tok.kind != "num" or not tok.text.isdigit() or not seq.glued(i):
            return None
        return int(tok.text)

    whole = seq.toks[k].text
    if not whole.isdigit():
        return None
    if seq.low(k + 1) == "-" and seq.glued(k + 1) and seq.low(k + 3) == "/" and seq.glued(k + 3):
        top, bottom = glued_num(k + 2), glued_num(k + 4)
        if top is not None and bottom in _DENOMINATORS and 0 < top < bottom:
            return int(whole) + top / bottom, k + 5, bottom
    if seq.low(k + 1) == "/" and seq.glued(k + 1) and not seq.glued(k):
        bottom = glued_num(k + 2)
        if bottom in _DENOMINATORS and 0 < int(whole) < bottom:
            return int(whole) / bottom, k + 3, bottom
    return None


def _word_kind(word: str | None) -> str | None:
    if word in _SMALL and word != "zero":
        return "small"
    if word in _TEENS or word == "zero":
        return "teen"  # zero behaves like a teen: nothing may be added to it
    return "tens" if word in _TENS else None


def _word_value(word: str) -> float:
    return float(_WORD_VALUES[word])


def _step(seq: _Seq, acc: _Acc, allow_and: bool) -> _Acc | None:
    """The reader after one more token, or None when the number ends before token acc.end."""
    k = acc.end
    if seq.low(k) == "-":
        return _hyphen_step(seq, acc)
    word = seq.word(k)
    if word is None or seq.glued(k):
        return None
    if word in _MULTIPLIERS:
        return _scale_step(acc, word)
    if word in _ABBREVIATED_SCALES and acc.last in ("digit", "small", "teen", "tens"):
        # "4 mln" and newswire's "four mln shares" alike
        return _big_scale(acc, _ABBREVIATED_SCALES[word])
    if acc.digits:
        return None
    if word == "and":
        return _and_step(seq, acc) if allow_and else None
    return _add_step(acc, word, k + 1)


def _hyphen_step(seq: _Seq, acc: _Acc) -> _Acc | None:
    """Only "thirty-five" joins across a hyphen; "five-year" and "twenty-first" stop before it."""
    k = acc.end
    unit = seq.word(k + 1)
    joins = seq.glued(k) and seq.glued(k + 1) and acc.last == "tens" and acc.cur % 10 == 0
    if unit is None or not joins or _word_kind(unit) != "small":
        return None
    return replace(acc, end=k + 2, cur=acc.cur + _word_value(unit), last="small")


def _and_step(seq: _Seq, acc: _Acc) -> _Acc | None:
    """ "one hundred and twenty", "two and a half"; never a dangling "and"."""
    k = acc.end
    if acc.last in ("small", "teen", "tens") and seq.matches(k + 1, ("a", "half")):
        return replace(acc, end=k + 3, cur=acc.cur + 0.5, last="half")
    if acc.last in ("hundred", "scale") and not seq.glued(k + 1):
        return _add_step(acc, seq.word(k + 1), k + 2)
    return None


_ADD_AFTER = {
    "small": ("tens", "hundred", "scale"),
    "teen": ("hundred", "scale"),
    "tens": ("hundred", "scale"),
}


def _add_step(acc: _Acc, word: str | None, end: int) -> _Acc | None:
    kind = _word_kind(word)
    if kind is None or word is None or acc.last not in _ADD_AFTER[kind]:
        return None
    if acc.last == "tens" and acc.cur % 10:
        return None
    return replace(acc, end=end, cur=acc.cur + _word_value(word), last=kind)


def _scale_step(acc: _Acc, word: str) -> _Acc | None:
    counted = acc.last in ("digit", "small", "teen", "tens", "a")
    if word == "hundred" and counted and 0 < acc.cur < 100:
        return replace(acc, end=acc.end + 1, cur=acc.cur * 100, last="hundred", mult=100.0)
    if word == "dozen" and counted and acc.total == 0 and 0 < acc.cur < 100:
        return replace(acc, end=acc.end + 1, cur=acc.cur * 12, last="dozen", mult=12.0)
    if word in _BIG_SCALES and (counted or acc.last in ("hundred", "half")):
        return _big_scale(acc, _BIG_SCALES[word])
    return None


def _big_scale(acc: _Acc, scale: float) -> _Acc | None:
    if not (acc.cur > 0 and scale < acc.big):
        return None
    return replace(
        acc, end=acc.end + 1, total=acc.total + acc.cur * scale, cur=0.0, last="scale", big=scale, mult=scale
    )


def _fraction_or_ordinal_follows(seq: _Seq, k: int) -> bool:
    """ "twenty-first", "two-thirds", "three quarters": the words are not a count."""
    if seq.low(k) == "-" and seq.glued(k) and seq.glued(k + 1):
        return seq.word(k + 1) in _FRACTIONS
    return seq.word(k) in _PLURAL_FRACTIONS


# --- quantity phrases ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Core:
    """Currency, number and unit: the part of a phrase that a range repeats ("$20m-$30m")."""

    first: int
    end: int
    value: float
    mult: float
    unit: str | None
    currency: bool
    words: bool
    numeral: str  # the number's first token as written, for the year test
    step: float = 1.0  # the unit of the last digit stated, scale included
    rounded: bool = False  # the step comes from trailing zeros


@dataclass(frozen=True)
class _Found:
    """A scanned phrase over tokens [start, end); interval None means "consumed, not a quantity"."""

    start: int
    end: int
    interval: Interval | None
    value: float | None = None
    qualifier: str | None = None
    unit: str | None = None
    cores: tuple[_Core, ...] = ()
    kind: str = "exact"


def _read_core(seq: _Seq, k: int, *, allow_and: bool, assume_currency: bool = False) -> _Core | None:
    currency, n = _currency_at(seq, k)
    number = _read_number(seq, n, currency=currency is not None or assume_currency, allow_and=allow_and)
    if number is None:
        return None
    unit, end = currency or number.glued_unit, number.end
    if unit is None and (found := _match_forward(seq, end, _UNIT_TABLE)):
        unit, end = found
    return _Core(
        k,
        end,
        number.value,
        number.mult,
        unit,
        currency is not None,
        number.words,
        seq.toks[n].text,
        number.step,
        number.rounded,
    )


def _currency_at(seq: _Seq, k: int) -> tuple[str | None, int]:
    """(currency code, index of the number) for "$5", "US$5", "HK $5", "USD 5"; (None, k) otherwise."""
    tok = seq.tok(k)
    if tok is None:
        return None, k
    if tok.text in _CURRENCY_SYMBOLS:
        return _CURRENCY_SYMBOLS[tok.text], k + 1
    if tok.text in _DOLLAR_PREFIXES and seq.low(k + 1) == "$":
        return _DOLLAR_PREFIXES[tok.text], k + 2
    if tok.text in _CURRENCY_CODES:
        return tok.low, k + 1
    return None, k


def _numeric_at(seq: _Seq, k: int, floor: int, tolerance: float) -> _Found | None:
    """The number phrase starting at token k; its qualifier may reach back to token floor."""
    core = _read_core(seq, k, allow_and=seq.low(k - 1) != "between")
    if core is None:
        return None
    found = _range_at(seq, core, floor, tolerance) or _single(seq, core, floor, tolerance)
    if found.interval is not None and _is_noise(seq, found):
        return replace(found, interval=None)
    return found


def _single(seq: _Seq, core: _Core, floor: int, tolerance: float) -> _Found:
    """One number with its qualifier: the one before it ("over 30") or else the one after ("30 or more")."""
    start, end, kind, qualifier = core.first, core.end, "exact", None
    if (prefix := _match_backward(seq, core.first, floor, _PREFIX_TABLE)) is not None:
        kind, start = prefix
        qualifier = _span_text(seq, start, core.first)
    elif (postfix := _postfix_qualifier(seq, core.end)) is not None:
        kind, end = postfix
        qualifier = _span_text(seq, core.end, end)
    interval = qualified(kind, core.value, tolerance)
    return _Found(start, end, interval, core.value, qualifier, core.unit, (core,), kind)


def _postfix_qualifier(seq: _Seq, k: int) -> tuple[str, int] | None:
    """ "or more", "-plus", and "+" only when glued ("30+"): a spaced "+" is a sign or a sum."""
    found = _match_forward(seq, k, _POSTFIX_TABLE)
    return None if found is None or (seq.low(k) == "+" and not seq.glued(k)) else found


def _range_at(seq: _Seq, a: _Core, floor: int, tolerance: float) -> _Found | None:
    """ "20-30", "20 to 30", "between 20 and 30"; None when a does not start a range.

    A glued "A-B" that is not increasing is consumed as nothing: a score, season or date.
    """
    separator = _range_separator(seq, a)
    if separator is None:
        return None
    b = _read_core(seq, a.end + 1, allow_and=True, assume_currency=a.currency)
    if b is None:
        return None
    bounds = _range_bounds(a, b)
    if bounds is None:
        return _Found(a.first, b.end, None) if separator == "glued" else None
    low, high, unit = bounds
    if separator == "between":
        return _Found(a.first - 1, b.end, Interval(low, high), None, "between", unit, (a, b), "range")
    prefix = _match_backward(seq, a.first, floor, _PREFIX_TABLE)
    if prefix is None or prefix[0] != "about":
        return _Found(a.first, b.end, Interval(low, high), None, None, unit, (a, b), "range")
    widened = Interval(low * (1 - tolerance), high * (1 + tolerance))
    qualifier = _span_text(seq, prefix[1], a.first)
    return _Found(prefix[1], b.end, widened, None, qualifier, unit, (a, b), "range")


def _range_separator(seq: _Seq, a: _Core) -> str | None:
    """ "glued" for 20-30, "spaced" for 20 - 30, 20 to 30 and 20 or 30, "between" for between 20 and 30.

    "from 20 to 30" is a change between two values, so it is no range; a spaced em dash
    starts a new clause.
    """
    k = a.end
    separator = seq.low(k)
    if separator in ("-", "–", "—") and seq.glued(k) and seq.glued(k + 1):
        return "glued"
    if separator in ("-", "–") or (separator == "to" and seq.low(a.first - 1) != "from"):
        return "spaced"
    if separator == "or":
        return "spaced"  # "four or five months", "11 or 12 percentage points": one span of values
    if separator == "and" and seq.low(a.first - 1) == "between":
        return "between"
    return None


def _range_bounds(a: _Core, b: _Core) -> tuple[float, float, str | None] | None:
    """(low, high, unit) with b's scale shared by a bare a ("20-30 million"), or None when the
    two ends do not make an increasing range of one unit."""
    if a.unit is not None and a.unit != b.unit and (b.unit is not None or not a.currency):
        return None  # "15% to 22 cents" is a change; only a currency sign may be left unrepeated
    shares_scale = a.mult == 1 and b.mult > 1 and a.value < b.value / b.mult
    low = a.value * b.mult if shares_scale else a.value
    # "75-100,000 bpd": wire copy leaves the thousands off the low end.
    if not shares_scale and a.mult == 1 == b.mult and b.value >= 1000 and b.value % 1000 == 0:
        if 0 < a.value < 1000 and a.value * 1000 < b.value and a.value.is_integer():
            low = a.value * 1000
    return (low, b.value, a.unit or b.unit) if low < b.value else None


def _vague_at(seq: _Seq, k: int) -> _Found | None:
    """ "dozens of", "tens of thousands", "several hundred", "a few thousand"."""
    lead = _match_forward(seq, k, _VAGUE_LEAD_TABLE)
    n = lead[1] if lead else k
    scales = _VAGUE_SINGULARS if lead and seq.word(n) in _VAGUE_SINGULARS else _VAGUE_PLURALS
    product, end = _vague_chain(seq, n, scales)
    if end == n:
        return None
    if seq.word(end) == "of":
        end += 1
    vague = Interval(2 * product, None, True, False)
    return _Found(k, end, vague, None, _span_text(seq, k, end), kind="vague")


def _vague_chain(seq: _Seq, k: int, scales: dict[str, float]) -> tuple[float, int]:
    """Product of growing scale words from token k, "of" allowed between plurals."""
    product, last, end = 1.0, 0.0, k
    while (word := seq.word(end)) in scales and scales[word] > last:
        product, last, end = product * scales[word], scales[word], end + 1
        if scales is _VAGUE_PLURALS and seq.word(end) == "of" and seq.word(end + 1) in scales:
            end += 1
    return product, end


# --- what is not a quantity ---------------------------------------------------------------


def _is_noise(seq: _Seq, found: _Found) -> bool:
    """Numbers that are part of something else; see the module docstring for the list."""
    first, end = found.cores[0], found.cores[-1].end
    return (
        _inside_code(seq, first.first, end)
        or _match_forward(seq, end, _TIME_TABLE) is not None
        or _is_calendar(seq, first, end)
        or _after_name(seq, first, found.qualifier)
        or _is_year(seq, found)
        or _is_lone_one(found)
        or _is_title(seq, found)
    )


def _inside_code(seq: _Seq, first: int, end: int) -> bool:
    """G7, A320, F-16, COVID-19, #5, No. 10, and both halves of 10:30, 9/11, 24/7."""
    before = seq.tok(first - 1)
    if before is not None and seq.glued(first):
        chained = (
            before.text in _CONNECTORS and seq.glued(first - 1) and seq.kind(first - 2) in ("word", "num")
        )
        if before.kind == "word" or before.text in ("#", "№") or chained:
            return True
    if seq.low(first - 1) == "." and seq.low(first - 2) in ("no", "nos"):
        return True
    return seq.low(end) in (":", "/") and seq.glued(end) and seq.glued(end + 1) and seq.kind(end + 1) == "num"


def _is_calendar(seq: _Seq, first: _Core, end: int) -> bool:
    """ "March 3", "Oct. 31", "March 2025", "3 March": days and years of a named month."""
    if first.words:
        return False
    month_before = _is_month(seq, first.first - 1) or (
        seq.low(first.first - 1) == "." and _is_month(seq, first.first - 2)
    )
    day = first.value.is_integer() and 1 <= first.value <= 31 and first.unit is None
    return month_before or (day and _is_month(seq, end))


def _is_month(seq: _Seq, k: int) -> bool:
    tok = seq.tok(k)
    return tok is not None and tok.text in _MONTHS


def _after_name(seq: _Seq, first: _Core, qualifier: str | None) -> bool:
    """ "Article 5", "iPhone 11", "World War Two": a word with a capital on the same line that
    is not a function word names the number rather than counting with it. A number written with
    thousands separators names nothing ("will lend Ecuador 50,000 barrels")."""
    before, number = seq.tok(first.first - 1), seq.toks[first.first]
    return (
        qualifier is None
        and not first.currency
        and not _GROUPED.fullmatch(number.text)
        and before is not None
        and before.kind == "word"
        and before.text != before.low
        and before.low not in _FUNCTION_WORDS
        and "\n" not in seq.text[before.end : number.start]
    )


def _is_year(seq: _Seq, found: _Found) -> bool:
    """Years are written exactly like counts, so the words around them decide."""
    if not all(_year_shaped(core, seq.years) for core in found.cores):
        return False
    if found.qualifier not in (None, "between", *_PREPOSITION_QUALIFIERS):
        return False
    first, end = found.cores[0], found.cores[-1].end
    return seq.low(first.first - 1) in _YEAR_CUES or not _counted_noun_at(seq, end)


def _year_shaped(core: _Core, years: tuple[int, int]) -> bool:
    plain = core.unit is None and core.mult == 1 and not core.words
    return plain and len(core.numeral) == 4 and core.numeral.isdigit() and years[0] <= core.value <= years[1]


def _is_title(seq: _Seq, found: _Found) -> bool:
    """ "the Six Nations", "a Five Nations title": a capitalised number word inside a sentence,
    before a capitalised word, is part of a name. A headline in capitals counts as usual."""
    core = found.cores[0]
    first, after, before = seq.toks[core.first], seq.tok(found.end), seq.tok(core.first - 1)
    return (
        len(found.cores) == 1
        and core.words
        and first.text.istitle()
        and before is not None
        and before.text not in ".!?\"“‘'(:;"
        and "\n" not in seq.text[before.end : first.start]
        and after is not None
        and after.kind == "word"
        and after.text.istitle()
    )


def _is_lone_one(found: _Found) -> bool:
    """The word "one" by itself is a pronoun far more often than a count."""
    core = found.cores[0]
    return len(found.cores) == 1 and core.words and core.value == 1 and core.mult == 1 and core.unit is None


def _counted_noun_at(seq: _Seq, k: int) -> bool:
    """A lowercase plural-looking word: what makes "2000 troops" a count and "1999 East" a year."""
    tok = seq.tok(k)
    if tok is None or tok.kind != "word" or seq.glued(k) or not tok.text.islower():
        return False
    plural = (
        tok.low.endswith("s") and not tok.low.endswith(("ss", "us", "is")) and tok.low not in _NOT_PLURALS
    )
    return plural or tok.low in _COUNT_NOUNS


def _mention(seq: _Seq, found: _Found, interval: Interval) -> QuantityMention:
    start, end = seq.toks[found.start].start, seq.toks[found.end - 1].end
    single = found.cores[0] if len(found.cores) == 1 else None
    return QuantityMention(
        start,
        end,
        seq.text[start:end],
        found.value,
        interval,
        found.qualifier,
        found.unit,
        found.kind,
        single.step if single else None,
        single.rounded if single else False,
    )
