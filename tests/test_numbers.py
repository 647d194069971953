"""Quantity parsing: one table per behaviour, plus properties that must hold for any text."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimcheck.core.intervals import compare, is_empty
from claimcheck.core.settings import ExtractSettings
from claimcheck.core.types import Interval
from claimcheck.extract.numbers import find_quantities, parse_number

INF = None
SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def closed(low: float | None, high: float | None) -> Interval:
    return Interval(low, high, True, high is not None)


def open_low(low: float, high: float | None = None) -> Interval:
    return Interval(low, high, False, high is not None)


def open_high(low: float, high: float | None = None) -> Interval:
    return Interval(low, high, True, False)


def only(text: str, tolerance: float = 0.1):
    mentions = find_quantities(text, ExtractSettings(tolerance=tolerance))
    assert len(mentions) == 1, mentions
    return mentions[0]


def texts(text: str) -> list[str]:
    return [m.text for m in find_quantities(text)]


# --- parse_number -------------------------------------------------------------------------

PARSE = [
    ("35", 35),
    ("1,200", 1200),
    ("12,000,000", 12_000_000),
    ("2.5", 2.5),
    ("0.75", 0.75),
    (".5", 0.5),
    ("2.5 million", 2_500_000),
    ("1.2bn", 1_200_000_000),
    ("1.2 bn", 1_200_000_000),
    ("3 billion", 3_000_000_000),
    ("5k", 5000),
    ("1,200 million", 1_200_000_000),
    ("5 hundred thousand", 500_000),
    ("two dozen", 24),
    ("thirty-five", 35),
    ("Thirty-Five", 35),
    ("twenty one", 21),
    ("a hundred", 100),
    ("an hundred", 100),
    ("one hundred and twenty", 120),
    ("two thousand and five", 2005),
    ("twenty-five hundred", 2500),
    ("two million three hundred thousand", 2_300_000),
    ("a dozen", 12),
    ("half a dozen", 6),
    ("half a million", 500_000),
    ("two and a half million", 2_500_000),
    ("a thousand", 1000),
    ("one", 1),
    ("zero", 0),
    ("nineteen", 19),
    ("  42  ", 42),
    ("", None),
    ("a", None),
    ("half", None),
    ("fifteenth", None),
    ("15th", None),
    ("first", None),
    ("twenty-first", None),
    ("two-thirds", None),
    ("1990s", None),
    ("10am", None),
    ("5G", None),
    ("5kg", None),
    ("5m", None),
    ("$5", None),
    ("5%", None),
    ("3.5.1", None),
    ("1,2", None),
    ("twenty twenty", None),
    ("one one", None),
    ("million", None),
    ("5 million two", None),
    ("hundreds", None),
]


@pytest.mark.parametrize(("text", "expected"), PARSE)
def test_parse_number(text: str, expected: float | None) -> None:
    assert parse_number(text) == expected


_ONES = "zero one two three four five six seven eight nine".split()
_TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def spell(n: int, *, use_and: bool, hyphen: bool) -> str:
    """A small English spelled-out formatter for 0..999,999, independent of the parser."""
    if n == 0:
        return "zero"
    thousands, rest = divmod(n, 1000)
    parts = [f"{_spell_below_1000(thousands, use_and, hyphen)} thousand"] if thousands else []
    if rest:
        if thousands and rest < 100 and use_and:
            parts.append("and")
        parts.append(_spell_below_1000(rest, use_and, hyphen))
    return " ".join(parts)


def _spell_below_1000(n: int, use_and: bool, hyphen: bool) -> str:
    hundreds, rest = divmod(n, 100)
    parts = [f"{_ONES[hundreds]} hundred"] if hundreds else []
    if rest:
        if hundreds and use_and:
            parts.append("and")
        parts.append(_spell_below_100(rest, hyphen))
    return " ".join(parts)


def _spell_below_100(n: int, hyphen: bool) -> str:
    if n < 10:
        return _ONES[n]
    if n < 20:
        return _TEENS[n - 10]
    tens, ones = divmod(n, 10)
    return _TENS[tens] if not ones else f"{_TENS[tens]}{'-' if hyphen else ' '}{_ONES[ones]}"


@given(st.integers(0, 10**15))
def test_parse_number_round_trips_integers(n: int) -> None:
    assert parse_number(f"{n:,}") == n
    assert parse_number(str(n)) == n


@given(st.floats(0, 1e12, allow_nan=False).filter(lambda x: "e" not in str(x)))
def test_parse_number_round_trips_decimals(x: float) -> None:
    assert parse_number(str(x)) == x
    assert parse_number(f"{x:,}") == x


@given(st.integers(0, 999_999), st.booleans(), st.booleans())
def test_parse_number_round_trips_number_words(n: int, use_and: bool, hyphen: bool) -> None:
    assert parse_number(spell(n, use_and=use_and, hyphen=hyphen)) == n


@given(st.integers(1, 999), st.sampled_from([("thousand", 1e3), ("million", 1e6), ("billion", 1e9)]))
def test_parse_number_scales_digits(n: int, scale: tuple[str, float]) -> None:
    word, factor = scale
    assert parse_number(f"{n} {word}") == n * factor


# --- find_quantities: the DESIGN.md table and every qualifier -----------------------------

QUALIFIED = [
    # text, mention text, interval, qualifier, unit_hint
    ("35 nations", "35", Interval.point(35), None, None),
    ("thirty-five nations", "thirty-five", Interval.point(35), None, None),
    ("2.5 million people", "2.5 million", Interval.point(2_500_000), None, None),
    ("1,200 troops", "1,200", Interval.point(1200), None, None),
    ("over 30 nations", "over 30", open_low(30), "over", None),
    ("more than 30 nations", "more than 30", open_low(30), "more than", None),
    ("above 30 nations", "above 30", open_low(30), "above", None),
    ("in excess of 30 nations", "in excess of 30", open_low(30), "in excess of", None),
    ("upwards of 30 nations", "upwards of 30", open_low(30), "upwards of", None),
    ("at least 30 nations", "at least 30", open_high(30), "at least", None),
    ("no fewer than 30 nations", "no fewer than 30", open_high(30), "no fewer than", None),
    ("a minimum of 30 nations", "a minimum of 30", open_high(30), "a minimum of", None),
    ("nearly 30 nations", "nearly 30", open_high(27, 30), "nearly", None),
    ("almost 30 nations", "almost 30", open_high(27, 30), "almost", None),
    ("close to 30 nations", "close to 30", open_high(27, 30), "close to", None),
    ("just under 30 nations", "just under 30", open_high(27, 30), "just under", None),
    ("about 20 nations", "about 20", closed(18, 22), "about", None),
    ("approximately 20 percent", "approximately 20 percent", closed(18, 22), "approximately", "percent"),
    ("roughly 20 nations", "roughly 20", closed(18, 22), "roughly", None),
    ("around 20 nations", "around 20", closed(18, 22), "around", None),
    ("some 20 nations", "some 20", closed(18, 22), "some", None),
    ("an estimated 20 nations", "an estimated 20", closed(18, 22), "an estimated", None),
    ("~20 nations", "~20", closed(18, 22), "~", None),
    ("up to 30 nations", "up to 30", closed(0, 30), "up to", None),
    ("as many as 30 nations", "as many as 30", closed(0, 30), "as many as", None),
    ("at most 30 nations", "at most 30", closed(0, 30), "at most", None),
    ("no more than 30 nations", "no more than 30", closed(0, 30), "no more than", None),
    ("fewer than 30 nations", "fewer than 30", open_high(0, 30), "fewer than", None),
    ("less than 30 nations", "less than 30", open_high(0, 30), "less than", None),
    ("under 30 nations", "under 30", open_high(0, 30), "under", None),
    ("below 30 nations", "below 30", open_high(0, 30), "below", None),
    ("just over 30 nations", "just over 30", Interval(30, 30 * 1.1, False, True), "just over", None),
    ("exactly 30 nations", "exactly 30", Interval.point(30), "exactly", None),
    ("30 or more nations", "30 or more", open_high(30), "or more", None),
    ("30 or fewer nations", "30 or fewer", closed(0, 30), "or fewer", None),
    ("30+ nations", "30+", open_high(30), "+", None),
    ("dozens of nations", "dozens of", open_high(24), "dozens of", None),
    ("hundreds of nations", "hundreds of", open_high(200), "hundreds of", None),
    ("thousands of protesters", "thousands of", open_high(2000), "thousands of", None),
    ("Thousands marched", "Thousands", open_high(2000), "thousands", None),
    ("millions of people", "millions of", open_high(2e6), "millions of", None),
    ("tens of thousands of people", "tens of thousands of", open_high(20_000), "tens of thousands of", None),
    ("hundreds of thousands", "hundreds of thousands", open_high(200_000), "hundreds of thousands", None),
    ("several hundred troops", "several hundred", open_high(200), "several hundred", None),
    ("a few thousand troops", "a few thousand", open_high(2000), "a few thousand", None),
    ("a dozen nations", "a dozen", Interval.point(12), None, None),
    ("about a dozen nations", "about a dozen", closed(12 * 0.9, 12 * 1.1), "about", None),
    ("over half a million people", "over half a million", open_low(500_000), "over", None),
    ("between 20 and 30 nations", "between 20 and 30", closed(20, 30), "between", None),
    ("20-30 nations", "20-30", closed(20, 30), None, None),
    ("20–30 nations", "20–30", closed(20, 30), None, None),
    ("20 - 30 nations", "20 - 30", closed(20, 30), None, None),
    ("20 to 30 nations", "20 to 30", closed(20, 30), None, None),
    ("four or five months", "four or five", closed(4, 5), None, None),
    ("11 or 12 percentage points", "11 or 12 percentage points", closed(11, 12), None, "percentage_point"),
    ("twenty to thirty nations", "twenty to thirty", closed(20, 30), None, None),
    ("one to two million", "one to two million", closed(1e6, 2e6), None, None),
    ("500 to 2 million", "500 to 2 million", closed(500, 2e6), None, None),
    ("between two hundred and three hundred", "between two hundred and three hundred", closed(200, 300),
     "between", None),
    ("20-30%", "20-30%", closed(20, 30), None, "percent"),
    ("20 to 30 per cent", "20 to 30 per cent", closed(20, 30), None, "percent"),
    ("about 20-30 nations", "about 20-30", closed(18, 33), "about", None),
    ("$20-30m", "$20-30m", closed(20e6, 30e6), None, "usd"),
    ("2000-3000 troops", "2000-3000", closed(2000, 3000), None, None),
]  # fmt: skip


@pytest.mark.parametrize(("text", "mention", "interval", "qualifier", "unit"), QUALIFIED)
def test_find_quantities_qualifiers(
    text: str, mention: str, interval: Interval, qualifier: str | None, unit: str | None
) -> None:
    found = only(text)
    assert found.text == mention
    assert found.start == text.index(mention)
    assert found.qualifier == qualifier
    assert found.unit_hint == unit
    assert _approx_interval(found.interval, interval)


def _approx_interval(got: Interval, want: Interval) -> bool:
    def same(x: float | None, y: float | None) -> bool:
        return x == y if x is None or y is None else math.isclose(x, y)

    flags = (got.low_inclusive, got.high_inclusive) == (want.low_inclusive, want.high_inclusive)
    return same(got.low, want.low) and same(got.high, want.high) and flags


VALUES = [
    # text, mention text, value (None for ranges and vague plurals)
    ("35 nations", "35", 35),
    ("over 30 nations", "over 30", 30),
    ("dozens of nations", "dozens of", None),
    ("20-30 nations", "20-30", None),
    ("a dozen nations", "a dozen", 12),
]


@pytest.mark.parametrize(("text", "mention", "value"), VALUES)
def test_find_quantities_value(text: str, mention: str, value: float | None) -> None:
    found = only(text)
    assert (found.text, found.value) == (mention, value)


UNITS = [
    ("20%", "20%", "percent"),
    ("20 %", "20 %", "percent"),
    ("20 percent", "20 percent", "percent"),
    ("20 per cent", "20 per cent", "percent"),
    ("2 percentage points", "2 percentage points", "percentage_point"),
    ("2% points", "2% points", "percentage_point"),
    ("50 basis points", "50 basis points", "basis_point"),
    ("$5 billion", "$5 billion", "usd"),
    ("US$5bn", "US$5bn", "usd"),
    ("£1.2bn", "£1.2bn", "gbp"),
    ("€300m", "€300m", "eur"),
    ("300 €", "300 €", "eur"),
    ("USD10m", "USD10m", "usd"),
    ("at US $58.24 per barrel", "US $58.24", "usd"),
    ("should have cost HK $5.4m", "HK $5.4m", "hkd"),
    ("an interest rate of 1.38pc", "1.38pc", "percent"),
    ("EUR 5 million", "EUR 5 million", "eur"),
    ("5kg bags", "5kg", "kg"),
    ("a 37m wall", "37m", "m"),
    ("35 nations", "35", None),
    ("one percent", "one percent", "percent"),
]


@pytest.mark.parametrize(("text", "mention", "unit"), UNITS)
def test_find_quantities_unit_hint(text: str, mention: str, unit: str | None) -> None:
    found = only(text)
    assert (found.text, found.unit_hint) == (mention, unit)


SCALED = [
    ("$5 billion", 5e9),
    ("£5m", 5e6),
    ("$2b", 2e9),
    ("5k runners", 5e3),
    ("2.5 million", 2.5e6),
    ("1.2bn", 1.2e9),
    ("17.35 mln tonnes", 17.35e6),
    ("253m euros", 253e6),
    ("1.7m people", 1.7e6),
    ("a 37m wall", 37),
    ("a rate of .001 per cent", 0.001),
    ("the 60m hurdles", 60),
]


@pytest.mark.parametrize(("text", "value"), SCALED)
def test_find_quantities_scales(text: str, value: float) -> None:
    assert only(text).value == value


NOT_QUANTITIES = [
    "in 1999",
    "since 2014, talks stalled",
    "by 2030",
    "the 1999 East Timor peacekeeping mission",
    "Ukraine's 2014 Euromaidan protests",
    "the summer of 1999.",
    "between 1990 and 2000",
    "around 2000, talks began",
    "the 15th meeting",
    "the first meeting",
    "the twenty-first century",
    "two-thirds of members",
    "three quarters of members",
    "at 10:30 local time",
    "at 10 pm",
    "at 10 a.m.",
    "at 10am",
    "COVID-19 cases",
    "F-16 jets",
    "G7 leaders",
    "an A320 jet",
    "5G networks",
    "on March 3 leaders met",
    "on 3 March leaders met",
    "by Oct. 31 leaders met",
    "in March 2025",
    "after 9/11",
    "open 24/7",
    "at No. 10",
    "ranked #5",
    "NATO's Article 5 framework",
    "Resolution 2231 requires",
    "the iPhone 11 Pro",
    "second bottom in the Six Nations table",
    "won the title, then the Five Nations, in 1985",
    "the S&P 500 index",
    "the 1990s",
    "the 2014-15 season",
    "a 3-1 win",
    "on 2024-01-15",
    "version 3.5.1 shipped",
    "one of the most effective",
    "one another",
    "no one came",
    "more than one",
    "one has to question",
    "a third of members",
    "several European countries",
]


@pytest.mark.parametrize("text", NOT_QUANTITIES)
def test_find_quantities_skips(text: str) -> None:
    assert find_quantities(text) == []


KEPT_BESIDE_NOISE = [
    ("a crowd of 2000 people", ["2000"]),
    ("more than 2000 attended", ["more than 2000"]),
    ("by 2030, 35 nations", ["35"]),
    ("from 20 to 30 nations", ["20", "30"]),
    ("the score was 30 to 20", ["30", "20"]),
    ("a 10-day ceasefire", ["10"]),
    ("a five-year plan", ["five"]),
    ("one million people", ["one million"]),
    ("one to two", ["one to two"]),
    ("After three years", ["three"]),
    ("NATO’s 2% GDP target", ["2%"]),
    ("Coalition Of 35 Nations", ["35"]),
    ("Paris\n35 nations met", ["35"]),
    ("20 percent or more than 30", ["20 percent or more", "30"]),
    ("30 nations — 20 of them", ["30", "20"]),
    ("shedding 15% to 22 cents", ["15%", "22 cents"]),  # cents are an amount (usd_cent)
    ("S&P 500 +0.3%", ["0.3%"]),
    ("a 5-10W laser", ["5-10W"]),
]


@pytest.mark.parametrize(("text", "mentions"), KEPT_BESIDE_NOISE)
def test_find_quantities_mentions(text: str, mentions: list[str]) -> None:
    assert texts(text) == mentions


def test_tolerance_is_configurable() -> None:
    assert only("about 20 nations", tolerance=0.25).interval == Interval(15, 25)
    assert only("nearly 40 nations", tolerance=0.25).interval == Interval(30, 40, True, False)


@pytest.mark.parametrize("tolerance", [0, -0.1, 1, 1.5, math.nan])
def test_bad_tolerance_fails_loudly(tolerance: float) -> None:
    with pytest.raises(ValueError, match="tolerance"):
        find_quantities("about 20", ExtractSettings(tolerance=tolerance))


# --- the seed articles: exact offsets -----------------------------------------------------

SEED_SENTENCES = [
    # seed file prefix, phrase that locates the mention, mention text, interval, qualifier, unit
    ("000", "from over 30 nations convened", "over 30", open_low(30), "over", None),
    ("001", "as 35 nations convened", "35", Interval.point(35), None, None),
    ("001", "featuring 27 heads of state", "27", Interval.point(27), None, None),
    ("001", "over approximately 20 percent of", "approximately 20 percent", closed(18, 22), "approximately",
     "percent"),
    ("000", "which involved 20 nations", "20", Interval.point(20), None, None),
    ("001", "from 15 countries", "15", Interval.point(15), None, None),
]  # fmt: skip


def _seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("seed", "context", "mention", "interval", "qualifier", "unit"), SEED_SENTENCES)
def test_seed_mentions_have_exact_offsets(
    seed: str, context: str, mention: str, interval: Interval, qualifier: str | None, unit: str | None
) -> None:
    text = _seed(seed)
    start = text.index(context) + context.index(mention)
    (found,) = [m for m in find_quantities(text) if m.start == start]
    assert (found.end, found.text, found.qualifier, found.unit_hint) == (
        start + len(mention),
        mention,
        qualifier,
        unit,
    )
    assert _approx_interval(found.interval, interval)


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_seed_years_and_names_are_not_quantities(seed: str) -> None:
    found = " | ".join(m.text for m in find_quantities(_seed(seed)))
    for noise in ("1999", "2014", "Article 5", "20th"):
        assert noise not in found


def test_seed_sentence_in_1999() -> None:
    sentence = "Australia's leadership in the 1999 East Timor peacekeeping mission, which involved 20 nations"
    assert texts(sentence) == ["20"]
    assert texts("The mission began in 1999.") == []


# --- properties over any text -------------------------------------------------------------

FRAGMENTS = [
    "over", "more than", "about", "nearly", "up to", "at least", "between", "and", "to", "from",
    "30", "1,200", "2.5", "million", "bn", "thirty-five", "a dozen", "dozens of", "one", "-", "–",
    "%", "percent", "$", "£5m", "1999", "in", "since", "March", "Article", "10:30", "COVID-19",
    "15th", "nations", "people", "the", "or more", "+", ".", ",", "\n", "several", "hundred",
]  # fmt: skip


@given(
    st.one_of(
        st.lists(st.sampled_from(FRAGMENTS), max_size=25).map(" ".join),
        st.lists(st.sampled_from(FRAGMENTS), max_size=25).map("".join),
        st.text(max_size=80),
    )
)
def test_mentions_are_ordered_disjoint_and_exact(text: str) -> None:
    end = 0
    for mention in find_quantities(text):
        assert end <= mention.start < mention.end
        assert text[mention.start : mention.end] == mention.text
        assert not is_empty(mention.interval)
        end = mention.end


@given(st.integers(0, 10**7), st.integers(0, 10**7))
def test_over_n_agrees_exactly_with_larger_counts(n: int, m: int) -> None:
    over = only(f"over {n:,} nations").interval
    exact = only(f"{m:,} nations").interval
    label, _ = compare(over, exact)
    assert label == ("agreement" if m > n else "contradiction")


@given(st.integers(1, 999), st.integers(0, 99), st.integers(-400, 400), st.sampled_from("eE"))
def test_scientific_notation_is_one_number_or_none(mantissa: int, frac: int, exp: int, e: str) -> None:
    """Issue 12: "1e308" was not read at all. A finite value is read whole; one no float holds
    ("1e400") gives no quantity rather than a wrong one."""
    numeral = f"{mantissa}.{frac}{e}{exp}"
    found = find_quantities(f"The fund holds {numeral} dollars.")
    value = float(numeral)
    if math.isfinite(value):
        # the currency word now belongs to the mention ("1.5e3 dollars"); the number is read whole
        assert [(m.text.split()[0], m.interval.low) for m in found] == [(numeral, value)]
    else:
        assert found == []


@pytest.mark.parametrize("text", ["10^400", "10**400", "2^2000"])
def test_a_power_too_large_for_a_float_is_no_quantity(text: str) -> None:
    """Issue 12: "10^400 dollars" was read as 10 and as 400 dollars."""
    assert find_quantities(f"The debt is {text} dollars.") == []


@pytest.mark.parametrize("text, value", [("10^6", 1e6), ("2**10", 1024.0), ("1e308", 1e308), ("$1e6.", 1e6)])
def test_powers_and_exponents_are_read_whole(text: str, value: float) -> None:
    assert [m.interval.low for m in find_quantities(f"It cost {text}")] == [value]


@pytest.mark.parametrize(
    "text",
    [
        "Five people died.",
        "EXPORTS STOPPED FOR FIVE MONTHS",
        'He said: "Three men came."',
        "won three Grand Slams",
    ],
)
def test_a_capitalised_number_that_counts_is_read(text: str) -> None:
    assert len(find_quantities(text)) == 1
