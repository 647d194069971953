"""One sentence in two sources, edited in one: which edits are conflicts, as a table.

A "not", an opposite verb or another name is the conflict; a spelling, an article, a short detail, a
possibility ("would be") or a second change (a rewritten sentence) is not one sentence edited.
"""

from __future__ import annotations

import pytest

from claimcheck.align.edits import sentence_edit
from claimcheck.core.types import Claim, Document
from claimcheck.extract.claims import extract_claims
from claimcheck.pipeline import Pipeline


def _claim(text: str, doc: str) -> Claim:
    return extract_claims([Document(doc, f"{doc}.txt", text)])[0]


CASES = [
    # (a, b, expected kind or None)
    (
        "The athletes have been suspended by the federation after missing a test.",
        "The athletes have not been suspended by the federation after missing a test.",
        "negation",
    ),
    (
        "The bankruptcy filing freed Texaco from posting a bond for the judgment.",
        "The bankruptcy filing did not free Texaco from posting a bond for the judgment.",
        "negation",
    ),
    (
        "Marines began blockading the ships after the strike was ruled legal by the court.",
        "Marines began blockading the ships after the strike was ruled illegal by the court.",
        "negation",
    ),
    (
        "The board of Acme Corp rejected the revised offer from Beta Inc on Monday.",
        "The board of Acme Corp accepted the revised offer from Beta Inc on Monday.",
        "antonym",
    ),
    (
        '"Prices stay firm in the second half," said Anna Berg, chief executive of Acme Corp.',
        '"Prices stay firm in the second half," said Karl Lind, chief executive of Acme Corp.',
        "swapped_actor",
    ),
    (
        "Acme said the Law Society had backed the proposal in a letter to members.",
        "Acme said the Bar Council had backed the proposal in a letter to members, right now.",
        "swapped_actor",
    ),
    # not one sentence with a conflicting edit
    (
        "The mine produced 40,000 tons of copper for Acme Corp last year.",
        "The mine produced 40,000 tonnes of copper for Acme Corp last year.",
        None,
    ),  # a spelling
    (
        "He runs the Mergers and Acquisitions Department of the London office of Acme.",
        "He runs the Mergers and Aquisitions Department of the London office of Acme.",
        None,
    ),  # a misspelt name
    (
        "A merger between Acme Corp and Beta Inc would be the fifth deal this year.",
        "A merger between Acme Corp and Gamma Inc would be the fifth deal this year.",
        None,
    ),  # two possibilities, both true
    (
        "The board of Acme Corp rejected the revised offer from Beta Inc on Monday.",
        "The board of Acme Corp accepted the revised offer from Beta Inc on Tuesday.",
        None,
    ),  # two changes: a rewritten sentence, not one edited
    (
        "The Tory leader said his team had reached a collective view after a good discussion.",
        "Mr Howard said his team had reached a collective view after a good discussion.",
        None,
    ),  # a description of a person, not another name
    (
        "The board of Acme Corp rejected the offer from Beta Inc, its chairman said on Monday.",
        "Beta Inc's offer was turned down by Acme Corp, according to its chairman.",
        None,
    ),  # a paraphrase: no longer one sentence
]


@pytest.mark.parametrize(("a", "b", "kind"), CASES)
def test_sentence_edit(a: str, b: str, kind: str | None) -> None:
    edit = sentence_edit(_claim(a, "a"), _claim(b, "b"))
    assert (edit.kind if edit else None) == kind


def test_edit_is_symmetric_and_names_both_spans() -> None:
    a, b = CASES[4][0], CASES[4][1]
    one = sentence_edit(_claim(a, "a"), _claim(b, "b"))
    other = sentence_edit(_claim(b, "b"), _claim(a, "a"))
    assert one is not None and other is not None
    assert (one.a, one.b) == ("Anna Berg", "Karl Lind") == (other.b, other.a)


def test_swapped_speaker_is_one_finding_without_nli() -> None:
    # The swapped name breaks the event gate's shared argument; the edit pairs and decides them.
    docs = [
        Document("a", "a.txt", "Acme Corp cut jobs. " + CASES[4][0]),
        Document("b", "b.txt", "Acme Corp cut jobs. " + CASES[4][1]),
    ]
    result = Pipeline(nli=None).run(docs)
    found = [f for f in result.findings if f.verdict == "contradiction"]
    assert len(found) == 1
    (verdict,) = [v for v in result.verdicts if v.label == "contradiction"]
    assert verdict.method == "structure" and '"Anna Berg"' in verdict.explanation
