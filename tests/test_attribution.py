"""Attribution wrappers are stripped before NLI: the claim inside "X said that ..." (table)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimcheck.extract.attribution import content_span, speaker
from claimcheck.extract.nlp import get_nlp


@pytest.mark.parametrize(
    ("sentence", "content"),
    [
        ("Texaco said that the sale was illegal.", "the sale was illegal"),
        ("USAir accepted the offer yesterday, the company said.", "USAir accepted the offer yesterday"),
        ("We believe the sale was illegal.", "the sale was illegal"),
        ("Texaco, repeating its view that the sale was illegal, appealed.", "the sale was illegal"),
        ("According to officials, the offer was rejected by USAir.", "the offer was rejected by USAir."),
        ("The offer was rejected by USAir, according to officials.", "The offer was rejected by USAir"),
        ("USAir rejected the offer.", "USAir rejected the offer."),  # no wrapper: the sentence itself
    ],
)
def test_content_span(sentence: str, content: str) -> None:
    sent = get_nlp()(sentence)[:]
    assert content_span(sent).text.strip() == content


def test_speaker_is_the_subject_of_the_reporting_verb() -> None:
    sent = get_nlp()("Bankers Trust Co said it has lowered its prime rate.")[:]
    assert speaker(sent) is not None and speaker(sent).text == "Co"
    assert speaker(get_nlp()("USAir rejected the offer.")[:]) is None


WORDS = (
    "said that according to the offer USAir rejected not never failed to sell its stake , . it we believe"
).split()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=14))
def test_content_is_a_nonempty_part_of_the_sentence_and_parses_never_fail(words: list[str]) -> None:
    from claimcheck.extract.predicates import predications

    sent = get_nlp()(" ".join(words))[:]
    content = content_span(sent)
    assert len(content) > 0
    assert sent.start <= content.start and content.end <= sent.end
    for p in predications(content, speaker(sent)):
        assert p.lemma and isinstance(p.negated, bool)
