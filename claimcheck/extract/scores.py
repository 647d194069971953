"""Scorelines as figures: "beat France 24-18" and "a 24-16 win over France" disagree on one result.

Why: sports stories report a match by its score, and the number reader (extract.numbers) reads
"24-18" as a range with nothing counted, so no claim was made of it: on the news-cluster
benchmark no planted score conflict was ever read. A score is read as one exact figure of unit
"score": the higher side times 1,000 plus the lower, so it compares exactly whichever side a story
names first ("England were beaten 11-9", "Wales won 11-9"). Its frame says which score it is (the
result, or the half-time score) and against whom, from the [scores] words of data/frames.toml;
a score with no such word near it (a date range, a vote) is no score.
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from claimcheck.core.intervals import Interval
from claimcheck.core.types import Frame, Quantity
from claimcheck.extract.entities import canonical
from claimcheck.extract.frames import rules

# Two small whole numbers joined by a hyphen or en dash; set lists ("6-2 7-6 (7-1)") and
# bracketed tie-breaks are left out by `find_scores`.
_SCORE = re.compile(r"(?<![\w./(-])(\d{1,3}) ?[-–] ?(\d{1,3})(?![\w./)-])")
_TEAM_LABELS = ("GPE", "NORP", "ORG", "PERSON")
UNIT = "score"
SIDE = 1000  # the higher side's place value: the regex reads at most three digits a side


def find_scores(text: str) -> list[re.Match[str]]:
    """The scorelines of a sentence's text that stand alone: no other score next to them."""
    found = list(_SCORE.finditer(text))

    def touches(m: re.Match[str], o: re.Match[str]) -> bool:
        return o is not m and (0 <= o.start() - m.end() <= 2 or 0 <= m.start() - o.end() <= 2)

    return [m for m in found if not any(touches(m, o) for o in found)]


def score_value(a: int, b: int) -> float:
    """One number per result, whichever side is named first: 24-18 and 18-24 are 24018."""
    return float(max(a, b) * SIDE + min(a, b))


def scores(sent: Span, window: int) -> list[tuple[Quantity, Frame]]:
    """Each scoreline of the sentence that a score word near it names, as a figure and its frame."""
    words = rules()["scores"]
    out = []
    for m in find_scores(sent.text):
        span = sent.char_span(m.start(), m.end(), alignment_mode="expand")
        measure = None if span is None else _which_score(sent, span, window, words)
        if span is None or measure is None:
            continue
        value = score_value(int(m.group(1)), int(m.group(2)))
        quantity = Quantity(value, Interval(value, value), UNIT, None, m.group(0), "exact", 1.0, False)
        holder = _opponent(sent, words["opponent_before"])
        out.append((quantity, Frame(holder=holder, measure=measure)))
    return out


def _which_score(sent: Span, score: Span, window: int, words: dict) -> str | None:
    """ "half-time score" when a half-time word is near; else "result" when the score word nearest
    it is a result word ("came from 15-6 down to beat France 24-18": 15-6 is nearest "down", a
    moment of the match, and makes no claim)."""
    lo = sent.doc[max(sent.start, score.start - window)].idx - sent.start_char
    end = sent.doc[min(sent.end, score.end + window) - 1]
    hi = end.idx + len(end.text) - sent.start_char
    at, to = score.start_char - sent.start_char, score.end_char - sent.start_char
    found = []
    for kind in ("half_time_words", "result_words", "moment_words"):
        for word in words[kind]:
            for w in re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-])", sent.text[lo:hi].lower()):
                found.append((kind, max(lo + w.start() - to, at - lo - w.end(), 0)))
    if any(kind == "half_time_words" for kind, _ in found):
        return "half-time score"
    nearest = min(found, key=lambda f: f[1], default=None)
    return "result" if nearest is not None and nearest[0] == "result_words" else None


def _opponent(sent: Span, before: list[str]) -> str | None:
    """The team the sentence names as the other side ("over France", "beaten by Wales"): whose match
    it is. Two stories naming the two sides the other way round are matched by align.frames."""
    for e in sent.ents:
        if e.label_ in _TEAM_LABELS and e.start > 0 and sent.doc[e.start - 1].lower_ in before:
            return canonical(e.text)
    return None
