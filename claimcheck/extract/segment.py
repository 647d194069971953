"""Split a document into text units before sentence segmentation.

Headlines and bullet lines carry no final full stop, so a sentence splitter glues them to
the next line; we cut at line breaks first. A long line with no closing punctuation is a
sentence wrapped across lines (004's "incoming U.S. President\\nDonald Trump") and is
joined with the next one instead, and so is a short one with a comma (headlines rarely have one); a line
in Title Case is a headline whatever its length. Nothing is joined across a blank line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimcheck.core.settings import DEFAULTS

BULLET = re.compile(r"^\s*(?:[-*•‣▪–]|\d{1,2}[.)])\s+")
CLOSERS = tuple(".!?:;\"”’')…]")


@dataclass(frozen=True)
class Unit:
    start: int  # offset of text in the document
    text: str
    is_line: bool  # a headline or bullet: one claim unit, no further sentence splitting


def split_units(text: str, wrap_min_words: int = DEFAULTS.extract.wrap_min_words) -> list[Unit]:
    lines = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", text)]
    units: list[Unit] = []
    pending: tuple[int, int] | None = None  # start, end of a wrapped sentence being joined
    for start, line in lines:
        stripped = line.rstrip()
        if not stripped.strip():
            continue
        if pending is not None and "\n\n" in text[pending[1] : start].replace(" ", "").replace("\t", ""):
            s, e = pending  # a blank line ends a paragraph: nothing wraps across it
            units.append(Unit(s, text[s:e], "\n" not in text[s:e]))
            pending = None
        if pending is not None:
            pending = (pending[0], start + len(stripped))
        else:
            bullet = BULLET.match(stripped)
            if bullet:
                units.append(Unit(start + bullet.end(), stripped[bullet.end() :], True))
                continue
            lead = len(stripped) - len(stripped.lstrip())
            pending = (start + lead, start + len(stripped))
        closed = stripped.endswith(CLOSERS)
        if (
            not closed
            and not _title_case(stripped)
            and (len(stripped.split()) >= wrap_min_words or "," in stripped)
        ):
            continue  # a sentence wrapped across lines: keep joining
        s, e = pending
        units.append(Unit(s, text[s:e], not closed and "\n" not in text[s:e]))
        pending = None
    if pending is not None:
        s, e = pending
        units.append(Unit(s, text[s:e], False))
    return units


_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s")
_SPACE = re.compile(r"\s")


def cut_long(unit: Unit, max_chars: int = DEFAULTS.extract.max_unit_chars) -> list[Unit]:
    """`unit` as pieces of at most `max_chars`, cut after a sentence end where one is in the
    second half of a piece, else at a space, else mid-token.

    spaCy refuses texts over 1,000,000 characters and its memory grows with the text it parses
    at once (a 300,000-character line took 1.5 GB), so no unit it sees is longer than this.
    """
    if len(unit.text) <= max_chars:
        return [unit]
    text, pieces, start = unit.text, [], 0
    while len(text) - start > max_chars:
        window = text[start : start + max_chars]
        ends = [m.end() for m in _SENTENCE_END.finditer(window, max_chars // 2)]
        spaces = [m.end() for m in _SPACE.finditer(window, 1)]
        cut = start + (ends[-1] if ends else spaces[-1] if spaces else max_chars)
        pieces.append(Unit(unit.start + start, text[start:cut].rstrip(), False))
        start = cut
        while start < len(text) and text[start].isspace():
            start += 1
    pieces.append(Unit(unit.start + start, text[start:].rstrip(), False))
    return [p for p in pieces if p.text]


def _title_case(line: str) -> bool:
    words = [w for w in line.split() if len(w) > 3 and w[0].isalpha()]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)
