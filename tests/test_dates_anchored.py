"""Dates anchored on the document's date, and the date found in the document itself."""

from __future__ import annotations

from datetime import date

import pytest

from claimcheck.align.slots import block_key
from claimcheck.core.types import Document
from claimcheck.extract.claims import extract_claims
from claimcheck.extract.dateline import document_date
from claimcheck.extract.dates import describe_days, normalise_date
from claimcheck.pipeline import Pipeline

DOC_DATE = date(1987, 3, 4)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "anchored", "alone"),
    [
        ("January 20th", "1987-01-20", "January 20 (no year)"),
        ("on Monday", "1987-03-02", "Monday (no date)"),  # undated: the weekday, compared as one
        ("last week", "1987-02-23..1987-03-01", None),
        ("yesterday", "1987-03-03", None),
        ("last year", "1986", None),
        ("the first quarter", "1987-01-01..1987-03-31", None),
        ("the 1986 fourth quarter", "1986-10-01..1986-12-31", "1986-10-01..1986-12-31"),
        ("in May", "May 1987", None),
        ("November 1985", "November 1985", "November 1985"),
        ("63", None, None),  # an age spaCy calls a DATE is no date
        ("two years ago", "1985", None),
        ("three months ago", "December 1986", None),
        ("last April", "April 1986", None),  # the latest April before March 1987
        ("last January", "January 1987", None),
        ("last April 14", "1986-04-14", "April 14 (no year)"),  # the latest April 14 before the story
        ("last March 2", "1987-03-02", "March 2 (no year)"),
        ("next April 14", "1987-04-14", "April 14 (no year)"),
        ("Late yesterday", "1987-03-03", None),
        ("last Friday's", "1987-02-27", "Friday (no date)"),
        ("between January 1987 and December 1992", "1987-01-01..1992-12-31", "1987-01-01..1992-12-31"),
        ("between 5 and 10", None, None),  # not dates at both ends: no range
        ("the 1987/88 financial year", "1987-04-01..1988-03-31", "1987-04-01..1988-03-31"),  # April-March
        ("1987/89", "1987", "1987"),  # not a split year: the year alone
        ("midnight EST April six", "1987-04-06", "April 6 (no year)"),  # a day in words
    ],
)
def test_relative_dates_need_the_document_date(text: str, anchored: str | None, alone: str | None) -> None:
    with_date = normalise_date(text, DOC_DATE)
    without = normalise_date(text)
    assert (describe_days(with_date) if with_date else None) == anchored
    assert (describe_days(without) if without else None) == alone


@pytest.mark.parametrize(
    ("text", "day", "skipped"),
    [
        ("March 4, 1987 (Reuters) -\n\nHEADLINE\n\nBody.", date(1987, 3, 4), True),
        ("date: 2025-01-20\n\nBody text here.", date(2025, 1, 20), False),
        ("Headline\n\nBody says March 4, 1987 (Reuters) is old.", None, False),
    ],
)
def test_the_document_date_comes_from_its_dateline_or_front_matter(
    text: str, day: date | None, skipped: bool
) -> None:
    found = document_date(Document("d", "d.txt", text))
    assert found.day == day
    assert (found.end > 0 and text[: found.end].strip().endswith("-")) == skipped


def test_a_given_document_date_wins() -> None:
    doc = Document("d", "d.txt", "March 4, 1987 (Reuters) -\n\nBody.", {"doc_date": date(2000, 1, 1)})
    assert document_date(doc).day == date(2000, 1, 1)


def test_the_dateline_is_no_claim_and_anchors_the_story() -> None:
    text = (
        "March 4, 1987 (Reuters) -\n\nTWA BIDS FOR USAIR\n\n"
        "Trans World Airlines Inc offered 52 dlrs a share for USAir Group.\n"
        "USAir said its board would meet on Monday to consider the offer.\n"
    )
    claims = extract_claims([Document("d", "d.txt", text)])
    assert not any("Reuters" in c.text for c in claims)
    monday = next(c for c in claims if c.kind == "date")
    assert describe_days(monday.date) == "1987-03-02"
    offer = next(c for c in claims if c.kind == "quantity")
    assert offer.quantity.unit == "usd per share"


def test_a_range_the_parser_tags_as_two_dates_is_one_claim() -> None:
    text = "March 31, 1987 (Reuters) -\n\nDebt due between January 1987 and December 1992 is rescheduled."
    (claim,) = [c for c in extract_claims([Document("d", "d.txt", text)]) if c.kind == "date"]
    assert claim.date_text == "between January 1987 and December 1992"
    assert claim.date is not None and describe_days(claim.date) == "1987-01-01..1992-12-31"


def test_undated_weekdays_compare_only_with_each_other() -> None:
    # Two undated stories of one ceremony disagree on its day; a dated story's day is another block.
    docs = [
        Document("a", "a.txt", "Imelda Staunton won the best actress award at the ceremony on Sunday."),
        Document("b", "b.txt", "Imelda Staunton won the best actress award at the ceremony on Saturday."),
        Document(
            "c",
            "c.txt",
            "March 4, 1987 (Reuters) -\n\nStaunton won the best actress award at the ceremony on Friday.",
        ),
    ]
    result = Pipeline(nli=None).run(docs)
    dated = {c.doc_id: c for c in result.claims if c.kind == "date"}
    assert block_key(dated["a"]) == block_key(dated["b"]) == "date:weekday" != block_key(dated["c"])
    (found,) = [v for v in result.verdicts if v.label == "contradiction"]
    assert {found.pair.a.doc_id, found.pair.b.doc_id} == {"a", "b"}
    assert "Sunday (no date)" in found.explanation and "Saturday (no date)" in found.explanation


def test_one_sentence_under_two_datelines_is_one_report() -> None:
    # A wire re-run a day later: its "today" anchors on each dateline, yet the two are one report.
    body = "\n\nMACAO PACT\n\nPortugal and China signed the Macao accord today.\n"
    rerun = [
        Document("a", "a.txt", "March 25, 1987 (Reuters) -" + body),
        Document("b", "b.txt", "March 26, 1987 (Reuters) -" + body),
    ]
    verdicts = Pipeline(nli=None).run(rerun).verdicts
    dates = [v for v in verdicts if v.method == "date"]
    assert dates and all(v.label != "contradiction" for v in dates)
    # A story that says another day is still a conflict.
    moved = [
        rerun[0],
        Document("b", "b.txt", "March 26, 1987 (Reuters) -" + body.replace("today", "on Monday")),
    ]
    assert any(
        v.label == "contradiction" for v in Pipeline(nli=None).run(moved).verdicts if v.method == "date"
    )
