"""Date mentions to day intervals, so "in 1999" and "on 3 March 1999" can be compared.

Absolute dates (a year, a month and year, a full date) are read by pattern. Dates that need the
document's date — a day and month without a year, a weekday, "last week", "yesterday", "the
first quarter" — are anchored on it with dateparser's RELATIVE_BASE; without a document date a
relative one stays unnormalised rather than guessed, and a day and month without a year is read
in the placeholder year `YEARLESS`, so "January 20th" and "January 25th" still compare with each
other (never with a dated claim: align blocks them apart). A weekday in an undated story is that
weekday of a placeholder week (`WEEKDAY_YEAR`), compared only with other undated weekdays: two
undated stories of one match can still disagree on its day.

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
from datetime import date, datetime, timedelta

from claimcheck.core.settings import DEFAULTS, ExtractSettings
from claimcheck.core.types import Interval
from claimcheck.extract.numbers import parse_number

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
    # A month alone ("in May"): capitalised, so the modal "may" is none; needs the document's year.
    re.compile(r"\b(?P<month>" + "|".join(calendar.month_name[1:]) + r")\b"),
]
# A leap year no story is set in: day-and-month dates without a year live here.
YEARLESS = 4
# The year before it holds weekdays named in an undated story ("on Saturday"), in its first full
# week: two undated stories of one event can still disagree on the day (align blocks them apart).
WEEKDAY_YEAR = 3
_WEEKDAY_MONDAY = date(WEEKDAY_YEAR, 1, 1) + timedelta(days=-date(WEEKDAY_YEAR, 1, 1).weekday() % 7)
_QUARTERS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
_QUARTER = re.compile(
    r"\b(?:(?P<y1>\d{4})\s+)?(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter"
    r"(?:\s+of\s+(?P<y2>\d{4}))?\b|\bQ(?P<qn>[1-4])\b",
    re.I,
)
_WEEKDAYS = "|".join(calendar.day_name)
# Only these are handed to dateparser: it reads "63" (an age spaCy tags DATE) as a year.
_RELATIVE = re.compile(
    rf"\b(?:{_WEEKDAYS}|yesterday|today|tomorrow|(?:last|this|next|past)\s+(?:week|month|year))\b", re.I
)
_PERIOD_DAYS = {"week": 7}
_WEEKDAY = re.compile(rf"\b(?:{_WEEKDAYS})\b", re.I)


def normalise_date(
    text: str, doc_date: date | None = None, settings: ExtractSettings = DEFAULTS.extract
) -> Interval | None:
    """Day-ordinal interval covered by a date phrase, or None when it cannot be pinned down.

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
    text = _POSSESSIVE_END.sub("", _TIME_OF.sub("", text.strip()))  # "Late yesterday", "last Friday's"
    text = _WORD_DAY.sub(_day_in_digits, text)  # "April six"
    if (span := _between(text, doc_date, settings)) is not None:
        return span
    if (quarter := _quarter(text, doc_date)) is not None:
        return quarter
    if (split := _split_year(text, settings)) is not None:
        return split
    if doc_date is not None and (found := _ago(text, doc_date) or _last_month(text, doc_date)) is not None:
        return found
    for pattern in PATTERNS:
        for m in pattern.finditer(text):
            g = m.groupdict()
            year = g.get("year") or g.get("year2")
            if year is None or settings.year_min <= int(year) <= settings.year_max:
                return _numeric(g) if g.get("year2") else _interval(g, doc_date)
    if doc_date is None:
        return _undated_weekday(text)
    return _relative(text, doc_date) if _RELATIVE.search(text) else None


def _undated_weekday(text: str) -> Interval | None:
    """A weekday in a story with no date, as that weekday of the placeholder week."""
    m = _WEEKDAY.search(text)
    if m is None:
        return None
    day = [d.lower() for d in calendar.day_name].index(m.group(0).lower())
    return Interval.point((_WEEKDAY_MONDAY + timedelta(days=day)).toordinal())


SPLIT_YEAR = re.compile(r"(?<![\d/.-])(?P<y>\d{4})/(?P<end>\d{4}|\d{2})(?![\d/.-])")
_WORD = r"[a-z]+(?:-[a-z]+)?"  # a number in words ("six", "twenty-one"): extract.numbers reads it
_WORD_DAY = re.compile(r"\b(?P<m>" + "|".join(calendar.month_name[1:]) + rf")\s+(?P<d>{_WORD})\b", re.I)
_TIME_OF = re.compile(r"^(?:late|early|mid|earlier|later)[\s-]+(?=\w)", re.I)
_POSSESSIVE_END = re.compile(r"['’]s$")
_BETWEEN = re.compile(r"^(?:between|from)\s+(?P<a>.+?)\s+(?:and|to|until|through)\s+(?P<b>.+)$", re.I)
_AGO = re.compile(rf"\b(?P<n>\d{{1,2}}|{_WORD})\s+(?P<unit>year|month|week|day)s?\s+ago\b", re.I)
_LAST_MONTH = re.compile(
    r"\b(?P<which>last|next)\s+(?P<month>" + "|".join(calendar.month_name[1:]) + r")\b"
    r"(?:\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b)?(?!\s*,?\s*\d)",
    re.I,
)


def _day_in_digits(m: re.Match) -> str:
    """ "April six" as "April 6", for the digit patterns; any other word after a month stays."""
    day = parse_number(m.group("d"))
    return (
        f"{m.group('m')} {int(day)}" if day is not None and day == int(day) and 1 <= day <= 31 else m.group(0)
    )


def _whole_year(year: int) -> Interval:
    return Interval(date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal())


def _whole_month(year: int, month: int) -> Interval:
    last = calendar.monthrange(year, month)[1]
    return Interval(date(year, month, 1).toordinal(), date(year, month, last).toordinal())


def _split_year(text: str, settings: ExtractSettings) -> Interval | None:
    """A split year ("1987/88", "1999/2000"): the British fiscal year, April to March, so two
    successive ones do not overlap (a US writer says "fiscal 1988")."""
    m = SPLIT_YEAR.search(text)
    if m is None:
        return None
    first, end = int(m.group("y")), m.group("end")
    last = int(end) if len(end) == 4 else first // 100 * 100 + int(end)
    if last != first + 1 or not settings.year_min <= first <= settings.year_max:
        return None
    return Interval(date(first, 4, 1).toordinal(), date(last, 3, 31).toordinal())


def _between(text: str, doc_date: date | None, settings: ExtractSettings) -> Interval | None:
    """ "between January 1987 and December 1992", "from 1987 to 1990": from the start of the first
    to the end of the second (both must be dates)."""
    m = _BETWEEN.match(text)
    if m is None:
        return None
    a, b = _first(m.group("a"), doc_date, settings), _first(m.group("b"), doc_date, settings)
    if a is None or b is None:
        return None
    return Interval(min(a.lo(), b.lo()), max(a.hi(), b.hi()))


def _ago(text: str, doc_date: date) -> Interval | None:
    """ "two years ago" in a 1987 story is 1985; "three months ago" a month, "five days ago" a day."""
    m = _AGO.search(text)
    if m is None:
        return None
    word = m.group("n").lower()
    value = 1.0 if word in ("a", "an") else parse_number(word)
    if value is None or value != int(value):
        return None
    n, unit = int(value), m.group("unit").lower()
    if unit == "year":
        return _whole_year(doc_date.year - n)
    if unit == "month":
        year, month = divmod(doc_date.year * 12 + doc_date.month - 1 - n, 12)
        return _whole_month(year, month + 1)
    days = n * (7 if unit == "week" else 1)
    return Interval.point(doc_date.toordinal() - days)


def _last_month(text: str, doc_date: date) -> Interval | None:
    """ "last April" is the latest April before the document's month, "next April" the first after;
    "last April 14" the latest April 14 before the document's day."""
    m = _LAST_MONTH.search(text)
    if m is None:
        return None
    month = MONTHS[m.group("month").lower()]
    day = int(m.group("day")) if m.group("day") else None
    if day is not None:
        if not 1 <= day <= calendar.monthrange(YEARLESS, month)[1]:
            return None
        # "last April 14": the latest April 14 before the story, "next April 14" the first after it
        named, today = (month, day), (doc_date.month, doc_date.day)
        if m.group("which").lower() == "last":
            year = doc_date.year if named < today else doc_date.year - 1
        else:
            year = doc_date.year if named > today else doc_date.year + 1
        if month == 2 and day == 29 and not calendar.isleap(year):
            return None
        return Interval.point(date(year, month, day).toordinal())
    if m.group("which").lower() == "last":
        year = doc_date.year if month < doc_date.month else doc_date.year - 1
    else:
        year = doc_date.year if month > doc_date.month else doc_date.year + 1
    return _whole_month(year, month)


def is_yearless(iv: Interval) -> bool:
    """Whether a date was read without a year (in the placeholder year)."""
    return date.fromordinal(int(iv.lo())).year == YEARLESS


def is_weekday_only(iv: Interval) -> bool:
    """Whether a date is a weekday of an undated story (in the placeholder week)."""
    return date.fromordinal(int(iv.lo())).year == WEEKDAY_YEAR


def _quarter(text: str, doc_date: date | None) -> Interval | None:
    m = _QUARTER.search(text)
    if m is None:
        return None
    year_text = m.group("y1") or m.group("y2")
    year = int(year_text) if year_text else (doc_date.year if doc_date else None)
    if year is None:
        return None
    q = int(m.group("qn")) if m.group("qn") else _QUARTERS[m.group("q").lower()]
    first = date(year, 3 * q - 2, 1)
    last_month = 3 * q
    return Interval(
        first.toordinal(), date(year, last_month, calendar.monthrange(year, last_month)[1]).toordinal()
    )


def _relative(text: str, doc_date: date) -> Interval | None:
    """Weekdays and "last week" against the document's date, by dateparser."""
    from dateparser.date import DateDataParser  # deferred: its language data takes a second to load

    base = datetime(doc_date.year, doc_date.month, doc_date.day)
    found = DateDataParser(languages=["en"], settings={"RELATIVE_BASE": base}).get_date_data(text)
    if not isinstance(found.date_obj, datetime):
        return None
    day = found.date_obj.date()
    if found.period == "year":
        return _whole_year(day.year)
    if found.period == "month":
        return _whole_month(day.year, day.month)
    if found.period in _PERIOD_DAYS:
        monday = day - timedelta(days=day.weekday())
        return Interval(monday.toordinal(), monday.toordinal() + _PERIOD_DAYS[found.period] - 1)
    return Interval.point(day.toordinal())


# News looks back: a month named without a year this far past the document date is last year's.
_FUTURE_DAYS = 120


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
    month_text = g.get("month")
    month = (
        (int(month_text) if month_text.isdigit() else MONTHS[month_text.lower().rstrip(".")])
        if month_text
        else None
    )
    if month is not None and not 1 <= month <= 12:
        raise _InvalidDate(f"month {month}")
    year = int(g["year"]) if g.get("year") else (doc_date.year if doc_date else None)
    if not g.get("year") and doc_date is not None and month is not None:
        if (date(year, month, 1) - doc_date).days > _FUTURE_DAYS:
            year -= 1  # "the ceiling it set in December", written in March 1987
    if year is None:
        if month is None or not g.get("day"):
            return None
        year = YEARLESS
    if month is None:
        last_year = year + 9 if g.get("decade") else year
        return Interval(date(year, 1, 1).toordinal(), date(last_year, 12, 31).toordinal())
    if g.get("day"):
        day = int(g["day"])
        if not 1 <= day <= calendar.monthrange(year, month)[1]:
            raise _InvalidDate(f"{year}-{month}-{day}")
        return Interval.point(date(year, month, day).toordinal())
    return _whole_month(year, month)


def describe_days(iv: Interval) -> str:
    """Human form of a day interval ("1999", "March 1999", "2025-01-20", "January 20 (no year)")."""
    lo, hi = date.fromordinal(int(iv.lo())), date.fromordinal(int(iv.hi()))
    if lo.year == WEEKDAY_YEAR:
        return f"{lo.strftime('%A')} (no date)"
    if lo.year == YEARLESS:
        return f"{lo.strftime('%B')} {lo.day} (no year)"
    if lo == hi:
        return lo.isoformat()
    if (lo.month, lo.day, hi.month, hi.day) == (1, 1, 12, 31) and lo.year == hi.year:
        return str(lo.year)
    whole_month = lo.day == 1 and hi.day == calendar.monthrange(hi.year, hi.month)[1]
    if lo.year == hi.year and lo.month == hi.month and whole_month:
        return lo.strftime("%B %Y")
    return f"{lo.isoformat()}..{hi.isoformat()}"
