"""The reports a person reads: explanations in words, short source labels, one row per pair of
sentences, sentences shortened at word boundaries around their figures, and document text that
can neither drive a terminal, run in a spreadsheet nor notify anyone on GitHub."""

from __future__ import annotations

import csv
import io
import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from claimcheck.core.intervals import Interval
from claimcheck.core.result import Result
from claimcheck.core.types import Claim, Document, Finding, Quantity
from claimcheck.gate.baseline import apply_baseline
from claimcheck.report import ReportOptions, render
from claimcheck.report.machine import spreadsheet_safe
from claimcheck.report.md import escape
from claimcheck.report.rows import ELLIPSIS, excerpt, printable, rows, source_labels, title
from claimcheck.report.words import in_words


@pytest.mark.parametrize(
    "written, said",
    [
        ("[35]", "35"),
        ("[35, 35]", "35"),
        ("(30, inf)", "over 30"),
        ("[30, inf)", "at least 30"),
        ("(-inf, 5)", "under 5"),
        ("(-inf, 5]", "at most 5"),
        ("[18, 22]", "18 to 22"),
        ("[27, 30)", "27 to under 30"),
        ("(30, 33]", "over 30 and up to 33"),
        ("(30, 33)", "over 30 and under 33"),
        ("[1,000, 2,500.5]", "1,000 to 2,500.5"),
        ("(35)", "(35)"),  # a value in parentheses, not an interval
        ("(p=0.72)", "(72 % sure)"),
        ("agree [country]: (30, inf)", "agree: over 30"),  # the unit tag goes, the frame names it
        (
            "finds them contradictory both ways (p=0.73 and 0.61)",
            "reads each as contradicting the other (73 % and 61 % sure)",
        ),
    ],
)
def test_intervals_and_probabilities_in_words(written: str, said: str) -> None:
    assert said in in_words(f"x {written} y")


def test_a_quantity_explanation_reads_as_a_sentence() -> None:
    explanation = (
        '"over 30" country ((30, inf)) in 000_3b and "35" (35) in 001_c3 agree: '
        "(30, inf) and [35] overlap at [35]."
    )
    names = {"000_3b": "Le Monde", "001_c3": "BBC"}
    assert in_words(explanation, names) == (
        '"over 30" country in Le Monde and "35" in BBC agree: over 30 and 35 overlap at 35.'
    )


def test_source_ids_are_replaced_as_whole_words_only() -> None:
    assert (
        in_words("Claims in a and a~1: x.", {"a": "Alpha", "a~1": "Alpha 2"})
        == "Claims in Alpha and Alpha 2: x."
    )


def doc(doc_id: str, text: str, path: str | None = None) -> Document:
    return Document(doc_id, path or f"/corpus/{doc_id}.txt", text)


def test_labels_are_file_names_or_first_lines_and_unique() -> None:
    docs = [
        doc("bbc-business-179", "Whatever"),
        doc("000_3b3544610af2fa25", "# Military officials from over 30 countries met in Paris\nmore"),
        doc("sub/000_3b3544610af2fa25", "# Military officials from over 30 countries met in Paris\n"),
        doc("x/bbc-business-179", "Other"),
    ]
    labels = source_labels(docs, limit=30)
    assert labels["bbc-business-179"] == "bbc-business-179"  # a name a person can read stays
    assert labels["000_3b3544610af2fa25"] == "Military officials from over…"  # a hash gives way to the title
    assert labels["sub/000_3b3544610af2fa25"] == "Military officials from over… (2)"
    assert labels["x/bbc-business-179"] == "bbc-business-179 (2)"
    assert len(set(labels.values())) == len(docs)
    assert title("\n\n- * item one\n") == "item one"


S1 = "Military representatives from over 30 nations convened in Paris, and 12 ministers attended."
S2 = "Delegations from 22 nations convened in Paris, where 15 ministers attended."


def quantity_claim(cid: str, doc_id: str, sentence: str, figure: str, low: float) -> Claim:
    q = Quantity(low, Interval.point(low), "country", None, figure)
    return Claim(cid, doc_id, 0, len(sentence), sentence, "quantity", quantity=q, sentence=sentence)


@pytest.fixture
def result() -> Result:
    claims = [
        quantity_claim("a:1", "a", S1, "over 30", 30),
        quantity_claim("a:2", "a", S1, "12", 12),
        quantity_claim("b:1", "b", S2, "22", 22),
        quantity_claim("b:2", "b", S2, "15", 15),
    ]
    findings = [
        Finding(
            "C-1", "contradiction", ("a:1", "b:1"), 0.9, "quantity", '"over 30" ((30, inf)) in a: (30, inf).'
        ),
        Finding(
            "C-2", "contradiction", ("a:2", "b:2"), 0.7, "quantity", '"12" (12) in a and "15" (15) in b.'
        ),
    ]
    docs = [doc("a", S1), doc("b", "Envoys meet\n" + S2)]
    return Result(docs, claims, [], [], findings)


def test_findings_from_the_same_two_sentences_are_one_row(result: Result) -> None:
    (row,) = rows(result, "contradiction")
    assert [f.id for f in row.findings] == ["C-1", "C-2"] and row.confidence == 0.9
    assert [s.figures for s in row.sides] == [("over 30", "12"), ("22", "15")]
    assert row.explanations == ('"over 30" in a: over 30.', '"12" in a and "15" in b.')


def test_markdown_row_bolds_every_conflicting_figure(result: Result) -> None:
    md = render("md", result)
    assert md.startswith("## claimcheck: 2 contradictions\n")
    (line,) = [x for x in md.splitlines() if x.startswith("| 1 |")]
    assert all(f"**{x}**" in line for x in ("over 30", "12", "22", "15"))
    assert "Sources that disagree most: **a** and **b** (1)" in md


def test_new_appears_only_with_a_baseline(result: Result) -> None:
    assert result.baseline is None
    plain = render("table", result)
    assert "new" not in plain and "baseline" not in plain
    based, _ = apply_baseline(result, frozenset({"C-2"}), "ci/baseline.json")
    assert based.baseline == "ci/baseline.json"
    table, md = render("table", based), render("md", based)
    assert "status" in table and " new " in table  # C-1 is not accepted: the row is new
    assert "| 1 | **new** | 0.90 |" in md


def test_table_highlights_figures_only_on_a_terminal(result: Result) -> None:
    styled = render("table", result, ReportOptions(styled=True, width=100))
    plain = render("table", result, ReportOptions(width=100))
    assert "\x1b[" in styled and "\x1b" not in plain
    assert re.sub(r"\x1b\[[0-9;]*m", "", styled) == plain
    assert all(len(line) <= 100 for line in plain.splitlines())
    narrow = render("table", result, ReportOptions(width=60))
    assert all(len(line) <= 60 for line in narrow.splitlines())


@given(
    st.lists(
        st.text(st.characters(codec="ascii", categories=["L", "N"]), min_size=1, max_size=12),
        min_size=1,
        unique=True,
    ),
    st.integers(min_value=0, max_value=200),
    st.integers(min_value=10, max_value=120),
)
@example(["000000000", "0"], 1, 10)  # a figure that is a prefix of the first word
def test_excerpts_keep_whole_words_and_their_figure(words: list[str], at: int, limit: int) -> None:
    sentence = " ".join(words)
    fig = words[at % len(words)]
    text, spans = excerpt(sentence, (fig,), limit)
    kept = text.removeprefix(ELLIPSIS).removesuffix(ELLIPSIS)
    assert kept in sentence and set(kept.split()) <= set(words)  # a contiguous run of whole words
    for w in kept.split():
        assert w in words
    run = kept.split()  # compared as words: "0" is no prefix of "000000000 0" as a word run
    assert text.startswith(ELLIPSIS) == (words[: len(run)] != run)
    assert text.endswith(ELLIPSIS) == (words[len(words) - len(run) :] != run)
    assert len(text) <= max(limit, len(fig) + 2 + 2 * max(map(len, words)))
    assert spans and all(text[s:e] == fig for s, e in spans)  # the figure is kept and highlighted
    if len(sentence) <= limit:
        assert text == sentence


def test_control_characters_never_reach_the_terminal() -> None:
    evil = "Red \x1b[31malert\x1b[0m \x9b2J bell\x07 tab\tkept"
    assert printable(evil) == "Red \\x1b[31malert\\x1b[0m \\x9b2J bell\\x07 tab\tkept"
    claims = [
        Claim("a:1", "a", 0, 5, evil, "other", sentence=evil),
        Claim("b:1", "b", 0, 5, "Plain words here", "other", sentence="Plain words here"),
    ]
    finding = Finding("C-1", "contradiction", ("a:1", "b:1"), 0.8, "nli", "Claims in a and b: x.")
    result = Result([doc("a", evil), doc("b", "x")], claims, [], [], [finding], notes=[f"note {evil}"])
    for fmt in ("table", "md"):
        out = render(fmt, result, ReportOptions(width=200))
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", out), fmt
        assert "\\x1b[31malert" in out or "\\\\x1b\\[31malert" in out


@pytest.mark.parametrize("cell", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_csv_cells_that_start_like_formulas_are_quoted(cell: str) -> None:
    assert spreadsheet_safe(cell) == "'" + cell
    claims = [Claim("a:1", "a", 0, 5, cell, "other"), Claim("b:1", "b", 0, 5, "fine", "other")]
    finding = Finding("C-1", "contradiction", ("a:1", "b:1"), 0.8, "nli", cell)
    result = Result([doc("a", cell), doc("b", "fine")], claims, [], [], [finding])
    rows_ = list(csv.DictReader(io.StringIO(render("csv", result))))
    assert rows_[0]["text"] == "'" + cell and rows_[0]["explanation"] == "'" + cell
    assert rows_[1]["text"] == "fine" and rows_[0]["confidence"] == "0.8"


@pytest.mark.parametrize("safe", ["fine", "a=b", 0.8, -1, 3])
def test_other_cells_are_left_alone(safe: object) -> None:
    assert spreadsheet_safe(safe) == safe


def test_markdown_breaks_mentions() -> None:
    assert escape("ping @octocat and (@org/team)") == "ping @\u200doctocat and (@\u200dorg/team)"
    assert "@" + "octocat" not in escape("@octocat")
    assert escape("@ alone, mail a@b.org, model x@1f2e") == "@ alone, mail a@b.org, model x@1f2e"
