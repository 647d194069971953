"""Claim-vs-document scoring with a fake NLI model, so each rule is tested on its own."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pytest

from claimcheck.consistency.chunks import chunk_document
from claimcheck.consistency.scorer import FEATURES, ConsistencyScorer, Retriever, atoms_of
from claimcheck.core.settings import ConsistencySettings
from claimcheck.verify.nli import LABELS

STOP = {"the", "a", "an", "in", "on", "of", "was", "is", "it", "to"}


class WordNLI:
    """Entailment when every content word of the hypothesis is in the premise, else neutral;
    `always` fixes the label whatever the text (to show what NLI alone would say)."""

    model_id = "word-nli@test"

    def __init__(self, always: str | None = None) -> None:
        self.always = always
        self.premises: list[str] = []

    def predict(self, pairs: Sequence[tuple[str, str]], batch_size: int = 64) -> np.ndarray:
        out = np.full((len(pairs), 3), 0.05)
        for i, (premise, hypothesis) in enumerate(pairs):
            self.premises.append(premise)
            words = set(re.findall(r"\w+", hypothesis.lower())) - STOP
            label = self.always or (
                "entailment" if words <= set(re.findall(r"\w+", premise.lower())) else "neutral"
            )
            out[i, LABELS.index(label)] = 0.9
        return out


FILLER = " ".join(f"Item {i} of the agenda was discussed at length by the committee." for i in range(80))
BRIDGE = "The new bridge over the river opened in Leeds on Tuesday."
DOC = f"{FILLER} {BRIDGE} {FILLER}"


def test_support_deep_in_a_long_document_is_found_and_located() -> None:
    nli = WordNLI()
    scorer = ConsistencyScorer(nli)
    supported, unsupported = scorer.score_rows([(DOC, BRIDGE), (DOC, "The new bridge opened in York.")])
    assert supported.label == "consistent" and unsupported.label == "inconsistent"
    assert supported.score > unsupported.score
    ev = supported.evidence[0]
    assert BRIDGE in DOC[ev.start : ev.end] and ev.text == DOC[ev.start : ev.end]
    # Nothing the model read was longer than a window: no premise left to the tokenizer's truncation.
    assert len(DOC) > 8000 and max(map(len, nli.premises)) <= ConsistencySettings().max_window_chars


def test_weakest_atomic_claim_decides_and_comes_first() -> None:
    doc = "The bridge opened in Leeds on Tuesday. The bridge was painted red by volunteers."
    scorer = ConsistencyScorer(WordNLI())
    good, bad = scorer.score_rows(
        [
            (doc, "The bridge opened in Leeds. The bridge was painted red."),
            (doc, "The bridge opened in Leeds. The bridge was painted blue."),
        ]
    )
    assert good.label == "consistent" and bad.label == "inconsistent"
    assert bad.evidence[0].claim == "The bridge was painted blue."
    assert bad.features["support_min"] < bad.features["support_mean"]
    assert set(good.features) == set(FEATURES)


@pytest.mark.parametrize(
    "in_doc, in_claim, contradicted, backed",
    [
        ("35 nations", "35 nations", 0.0, 1.0),
        ("35 nations", "over 30 nations", 0.0, 1.0),
        ("22 nations", "35 nations", 1.0, 0.0),
        ("over 30 nations", "fewer than 20 nations", 1.0, 0.0),
    ],
)
def test_arithmetic_is_never_overruled_by_nli(
    in_doc: str, in_claim: str, contradicted: float, backed: float
) -> None:
    doc = f"Talks opened last week. Military representatives from {in_doc} met in Paris on Monday."
    claim = f"Military representatives from {in_claim} met in Paris on Monday."
    score = ConsistencyScorer(WordNLI(always="entailment")).score(doc, claim)
    assert score.kind == "quantity"
    assert (score.features["quantity_contradicted"], score.features["quantity_backed"]) == (
        contradicted,
        backed,
    )
    if contradicted:
        assert score.label == "inconsistent" and score.evidence[0].method == "quantity"
        assert "disjoint" in score.evidence[0].explanation
        assert in_doc in score.evidence[0].text
    else:
        assert score.label == "consistent" and score.evidence[0].method == "nli"


def test_sentences_without_extracted_claims_are_still_scored() -> None:
    atoms = atoms_of([], "Mike agrees. Why not?")
    assert [a.text for a in atoms] == ["Mike agrees.", "Why not?"]
    assert (
        ConsistencyScorer(WordNLI()).score("Ann asks. Mike agrees.", "Mike refuses.").label == "inconsistent"
    )


def test_retriever_ranks_by_rare_word_recall() -> None:
    doc = "The committee met. The committee met again in Leeds. The bridge in Leeds opened. Lunch."
    top = Retriever(chunk_document(doc, ConsistencySettings(window=1))).top("bridge opened in Leeds", 2, 0)
    assert [c.text for c in top] == ["The bridge in Leeds opened.", "The committee met again in Leeds."]


def test_threshold_override_changes_labels_not_scores() -> None:
    base = ConsistencyScorer(WordNLI()).score("The bridge opened.", "The bridge opened.")
    strict = ConsistencyScorer(WordNLI(), threshold=0.99).score("The bridge opened.", "The bridge opened.")
    assert base.score == strict.score
    assert (base.label, strict.label) == ("consistent", "inconsistent")


def test_a_fitted_calibrator_cannot_overrule_arithmetic_either() -> None:
    from claimcheck.consistency.calibration import Calibrator
    from claimcheck.consistency.scorer import CALIBRATION_FEATURES

    n = len(CALIBRATION_FEATURES)
    trusting = Calibrator(CALIBRATION_FEATURES, (0.0,) * n, (1.0,) * n, (0.0,) * n, 5.0, 0.4)  # p ~ 0.99
    doc = "Military representatives from 22 nations met in Paris on Monday."
    scorer = ConsistencyScorer(WordNLI(always="entailment"), trusting)
    ok, wrong = scorer.score_rows([(doc, doc), (doc, doc.replace("22", "35"))])
    assert ok.score > 0.99 and ok.label == "consistent"
    assert wrong.score < 0.4 and wrong.label == "inconsistent"
