"""Explanations in words: the checker writes interval notation, a reader wants "over 30".

verify/rules.py explains a verdict with the intervals it compared ("(30, inf) and [35] overlap
at [35]") and NLI verdicts with probabilities; those stay as they are in the machine formats.
The human reports pass them through `in_words`, which rewrites each interval and probability
and leaves every other word alone, so the sentence still says what the checker decided.
"""

from __future__ import annotations

import re

_NUMBER = r"-?(?:inf|\d[\d,]*(?:\.\d+)?(?:e[+-]?\d+)?)"
# "[35]" (a point), "[35, 35]", "(30, inf)", "[18, 22]", "(-inf, 5]": open or closed ends. A
# bare "(35)" is no interval (an open point is empty): it is a value in parentheses.
_INTERVAL = re.compile(rf"(\[)({_NUMBER})()(\])|([\[(])({_NUMBER}), ({_NUMBER})([\])])")
_CONTRADICTORY = re.compile(r"finds them contradictory both ways \(p=(\d\.\d+) and (\d\.\d+)\)")
_PROBABILITY = re.compile(r"\(p=(\d\.\d+)\)")
# "agree [country]:" - the checker's unit tag before the intervals; the frame already names it.
_UNIT_TAG = re.compile(r" \[[A-Za-z][\w ./%-]*\](?=:)")
_REPEATED = re.compile(r'"([^"]+)"( [^"(]*?)? \(\1\)')  # '"over 30" country (over 30)': said twice


def interval_in_words(left: str, low: str, high: str, right: str) -> str:
    """One interval as a reader would say it: "35", "over 30", "18 to 22", "at most 5".

    `high` is "" for a point written "[35]"."""
    if not high or low == high:
        return low
    low_open, high_open = left == "(" or low == "-inf", right == ")" or high == "inf"
    if high == "inf":
        return f"{'over' if low_open else 'at least'} {low}"
    if low == "-inf":
        return f"{'under' if high_open else 'at most'} {high}"
    if not low_open and not high_open:
        return f"{low} to {high}"
    if not low_open:
        return f"{low} to under {high}"
    return f"over {low} and {'under' if high_open else 'up to'} {high}"


def in_words(explanation: str, names: dict[str, str] | None = None) -> str:
    """`explanation` with intervals and probabilities in words and each source id in `names`
    replaced by its label (longest id first, so "a~1" is not read as "a")."""
    text = _UNIT_TAG.sub("", explanation)
    text = _INTERVAL.sub(lambda m: interval_in_words(*(g for g in m.groups() if g is not None)), text)
    text = _CONTRADICTORY.sub(
        lambda m: f"reads each as contradicting the other ({_percent(m[1])} and {_percent(m[2])} sure)",
        text,
    )
    text = _PROBABILITY.sub(lambda m: f"({_percent(m[1])} sure)", text)
    text = _REPEATED.sub(lambda m: f'"{m[1]}"{m[2] or ""}', text).replace(" are disjoint", " do not overlap")
    if not names:
        return text
    # One pass, whole words only: a label is never rewritten again, and id "a" leaves "and" alone.
    ids = "|".join(re.escape(i) for i in sorted(names, key=len, reverse=True))
    return re.sub(rf"(?<!\S)({ids})(?=[\s:;,.)]|$)", lambda m: names[m[1]], text)


def _percent(p: str) -> str:
    return f"{round(float(p) * 100)} %"
