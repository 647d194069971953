"""The document's own date: a wire dateline, a front-matter field, or what the caller says.

Relative dates ("on Monday", "last week", "January 20th") only mean something against the day
the story was written, so that day is found once per document: `doc.meta["doc_date"]` (set by
`claimcheck check --doc-date`) wins, then a dateline at the top of the file ("March 4, 1987
(Reuters) -"), then a front-matter line ("date: 2025-01-20"). The dateline itself states no
fact: its span is returned so extraction skips it (stories a day apart are not in conflict).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from claimcheck.core.types import Document

# Only the first lines are searched: a dateline further down is a quotation, not the story's date.
_HEAD_CHARS = 400
_DATELINE = re.compile(
    r"\A\s*(?P<date>[A-Z][a-z]+\.? \d{1,2}, \d{4}|\d{1,2} [A-Z][a-z]+ \d{4}|\d{4}-\d{2}-\d{2})"
    r"\s*(?:\((?:[A-Z][\w ]*)\))?\s*[-\u2013\u2014:]*[ \t]*(?=\n|\Z)"
)
_FRONT_MATTER = re.compile(r"^(?:date|published|dateline)\s*:\s*(?P<date>[^\n]+)$", re.I | re.M)


@dataclass(frozen=True)
class Dateline:
    day: date | None  # the document's date, None when nothing gives it
    end: int  # offset after the dateline line (0 when the date came from elsewhere): no claims before


def parse_day(text: str) -> date | None:
    """A calendar day from one absolute date phrase ("March 4, 1987", "2025-01-20"), else None."""
    import dateparser  # deferred: its language data takes a second to load

    found = dateparser.parse(text.strip(), languages=["en"], settings={"STRICT_PARSING": True})
    return found.date() if isinstance(found, datetime) else None


def document_date(doc: Document) -> Dateline:
    """The day `doc` was written and where its dateline ends; day None leaves relative dates open."""
    given = doc.meta.get("doc_date")
    head = doc.text[:_HEAD_CHARS]
    line = _DATELINE.match(head)
    end = line.end() if line else 0
    if isinstance(given, date):
        return Dateline(given, end)
    if line and (day := parse_day(line.group("date"))):
        return Dateline(day, end)
    front = _FRONT_MATTER.search(head)
    if front and (day := parse_day(front.group("date"))):
        return Dateline(day, front.end())
    return Dateline(None, end)
