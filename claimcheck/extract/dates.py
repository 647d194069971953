"""Date mentions to day intervals, so "in 1999" and "on 3 March 1999" can be compared.

Only absolute dates are normalised (a year, a month and year, a full date, or a day and
month when the document date gives the year); relative ones ("on Monday", "this week")
stay unnormalised rather than guessed.

Numeric dates: ISO "2020-03-01" is read as written; "01/03/2020" is 1 March in Europe and
January 3 in the US, so an ambiguous one covers both readings (the interval between them:
it can then contradict a date outside both, never agree by accident), and one with a part
over 12 has one reading. A date no calendar has ("31/02/2020", "30 February 2020") is
*invalid* (`is_invalid_date`): the claim that states it is not checked at all, since an NLI
model would happily call it the same as "01/03/2020".
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from claimcheck.core.settings import DEFAULTS, ExtractSettings
from claimcheck.core.types import Interval

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS |= {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m}
MONTHS["sept"] = 9
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
NUMERIC_DATE = re.compile(
    r"(?<![\d/.-])(?:(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})"
    r"|(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<year2>\d{4}))(?![\d/.-]\d)"
)
PATTERNS = [
    NUMERIC_DATE,
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.I),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I),
    re.compile(rf"\b{_MONTH},?\s+{_YEAR}\b", re.I),
    re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!\s*,?\s*\d)", re.I),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\b", re.I),
    re.compile(rf"(?<![\d,.$£€-]){_YEAR}(?P<decade>s)?(?![\d,.%-]|\s*(?:percent|per cent))", re.I),
]


def normalise_date(
    text: str, doc_date: date | None = None, settings: ExtractSettings = DEFAULTS.extract
) -> Interval | None:
    """Day-ordinal interval covered by a date phrase, or None when it is not absolute.

    The first match of the first pattern that has one wins; a four-digit "year" outside
    settings.year_min..year_max is no year, so the search goes on past it.
    """
    try:
        return _first(text, doc_date, settings)
    except _InvalidDate:
        return None


def is_invalid_date(text: str, settings: ExtractSettings = DEFAULTS.extract) -> bool:
    """Whether the first date phrase in `text` names a day no calendar has ("31/02/2020")."""
    try:
        _first(text, None, settings)
    except _InvalidDate:
        return True
    return False


class _InvalidDate(ValueError):
    pass


def _first(text: str, doc_date: date | None, settings: ExtractSettings) -> Interval | None:
    for pattern in PATTERNS:
        for m in pattern.finditer(text):
            g = m.groupdict()
            year = g.get("year") or g.get("year2")
            if year is None or settings.year_min <= int(year) <= settings.year_max:
                return _numeric(g) if g.get("year2") else _interval(g, doc_date)
    return None


def _numeric(g: dict[str, str | None]) -> Interval:
    """dd/mm/yyyy or mm/dd/yyyy: every valid reading, as the interval that spans them."""
    a, b, year = int(g["a"]), int(g["b"]), int(g["year2"])
    days = {
        date(year, month, day).toordinal()
        for day, month in ((a, b), (b, a))
        if 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]
    }
    if not days:
        raise _InvalidDate(f"{a}/{b}/{year}")
    return Interval(min(days), max(days))


def _interval(g: dict[str, str | None], doc_date: date | None) -> Interval | None:
    year = int(g["year"]) if g.get("year") else (doc_date.year if doc_date else None)
    if year is None:
        return None
    month_text = g.get("month")
    month = (
        (int(month_text) if month_text.isdigit() else MONTHS[month_text.lower().rstrip(".")])
        if month_text
        else None
    )
    if month is not None and not 1 <= month <= 12:
        raise _InvalidDate(f"month {month}")
    if month is None:
        last_year = year + 9 if g.get("decade") else year
        return Interval(date(year, 1, 1).toordinal(), date(last_year, 12, 31).toordinal())
    if g.get("day"):
        day = int(g["day"])
        if not 1 <= day <= calendar.monthrange(year, month)[1]:
            raise _InvalidDate(f"{year}-{month}-{day}")
        return Interval.point(date(year, month, day).toordinal())
    last = calendar.monthrange(year, month)[1]
    return Interval(date(year, month, 1).toordinal(), date(year, month, last).toordinal())


def describe_days(iv: Interval) -> str:
    """Human form of a day interval ("1999", "March 1999", "2025-01-20")."""
    lo, hi = date.fromordinal(int(iv.lo())), date.fromordinal(int(iv.hi()))
    if lo == hi:
        return lo.isoformat()
    if (lo.month, lo.day, hi.month, hi.day) == (1, 1, 12, 31) and lo.year == hi.year:
        return str(lo.year)
    if lo.year == hi.year and lo.month == hi.month:
        return lo.strftime("%B %Y")
    return f"{lo.isoformat()}..{hi.isoformat()}"
