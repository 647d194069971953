"""Scorelines: which "N-M" are scores, which score of the match they are, and that two stories'
different results for one match conflict while other pairs stay apart."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimcheck.core.types import Document
from claimcheck.extract.claims import extract_claims
from claimcheck.extract.scores import find_scores, score_value
from claimcheck.pipeline import Pipeline


def scores(sentence: str) -> dict[str, tuple[float, str | None, str | None, str]]:
    claims = extract_claims([Document("d", "d.txt", sentence)])
    return {
        c.quantity.text: (c.quantity.value, c.frame.holder, c.frame.measure, c.frame.aspect)
        for c in claims
        if c.quantity is not None and c.quantity.unit == "score" and c.frame is not None
    }


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Wales beat France 24-18 in Paris on Saturday.", {"24-18": (24018, "France", "result", "level")}),
        ("England were beaten 11-9 by Wales in Cardiff.", {"11-9": (11009, "Wales", "result", "level")}),
        (
            "Saturday's 24-16 win over France was their first.",
            {"24-16": (24016, "France", "result", "level")},
        ),
        (
            "England led France 17-6 at half-time in Paris.",
            {"17-6": (17006, "France", "half-time score", "level")},
        ),
        # a lead at some moment: a match has many
        ("They turned around a 15-6 deficit against France in Paris.", {}),
        ("Moya stormed into a 4-0 lead on his way to taking the first set.", {}),
        # the score word nearest each score says which it is
        (
            "Wales came from 15-6 down to beat France 24-18 in the Six Nations.",
            {"24-18": (24018, "France", "result", "level")},
        ),
        (
            "In last week's 18-17 win over Italy, the pack struggled.",
            {"18-17": (18017, "Italy", "result", "level")},
        ),
        # no score word near it: a span of years, a range of figures, a vote count left to others
        ("The plan covers the 1987-88 season and costs 3-4 mln dlrs.", {}),
        ("The committee split 7-2 on the budget proposal on Monday.", {}),
        # a tennis set list is many scores, none of them the result
        ("Moya won 6-2 7-6 (7-1) 7-6 (7-5) against Roddick in Seville.", {}),
    ],
)
def test_score_table(sentence: str, expected: dict) -> None:
    assert scores(sentence) == expected


@given(st.integers(0, 999), st.integers(0, 999), st.integers(0, 999), st.integers(0, 999))
def test_score_value_is_one_number_per_result(a: int, b: int, c: int, d: int) -> None:
    assert score_value(a, b) == score_value(b, a)
    assert (score_value(a, b) == score_value(c, d)) == (sorted((a, b)) == sorted((c, d)))


@given(st.integers(0, 999), st.integers(0, 999))
def test_a_lone_score_is_found_whole(a: int, b: int) -> None:
    assert [m.group(0) for m in find_scores(f"a {a}-{b} win")] == [f"{a}-{b}"]


def _check(texts: dict[str, str], tmp_path) -> list:
    files = []
    for name, text in texts.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        files.append(str(path))
    from claimcheck.api import documents_from

    result = Pipeline.build(no_nli=True, use_cache=False).run(documents_from(files))
    return [v for v in result.verdicts if v.pair.a.quantity and v.pair.a.quantity.unit == "score"]


def test_two_results_for_one_match_conflict(tmp_path) -> None:
    found = _check(
        {
            "a.txt": "Wales came back to beat France 24-18 in the Six Nations in Paris on Saturday.",
            "b.txt": "Wales came back to beat France 24-16 in the Six Nations in Paris on Saturday.",
        },
        tmp_path,
    )
    assert [v.label for v in found] == ["contradiction"]
    assert "24-18" in found[0].explanation and "24-16" in found[0].explanation


def test_another_match_and_the_half_time_score_are_other_facts(tmp_path) -> None:
    found = _check(
        {
            "a.txt": "Wales came back to beat France 24-18 in the Six Nations in Paris on Saturday.",
            "b.txt": "Wales trailed France 15-6 at half-time in the Six Nations in Paris on Saturday. "
            "In the 11-9 win over England in the Six Nations, Wales held on.",
        },
        tmp_path,
    )
    assert [v.label for v in found if v.label == "contradiction"] == []
