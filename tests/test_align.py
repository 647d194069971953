"""The same-slot rule of alignment, table-driven: which figure pairs may be compared at all."""

from __future__ import annotations

import pytest

from claimcheck.align.slots import context_conflict, slot_pair
from claimcheck.core.settings import AlignSettings
from claimcheck.core.types import Claim, Document, Interval, Quantity
from claimcheck.extract.claims import extract_claims


def _q(cid: str, doc: str, text: str, figure: str, value: float, sentence: str = "", **ctx) -> Claim:
    quantity = Quantity(value, Interval.point(value), "usd", None, figure)
    return Claim(cid, doc, 0, len(text), text, "quantity", quantity, sentence=sentence or text, **ctx)


FILM_A = _q("a1", "a", "Blade: Trinity took $16.1m.", "$16.1m", 16.1e6, entities=("Blade: Trinity",))
FILM_B = _q("b1", "b", "Spanglish took $9.6m.", "$9.6m", 9.6e6, entities=("Spanglish",))
FILM_A2 = _q("b2", "b", "Blade: Trinity made $19m.", "$19m", 19e6, entities=("Blade: Trinity",))
PARIS = _q("b3", "b", "The Paris talks cost $2m.", "$2m", 2e6, places=("Paris",))
PARIS2 = _q("a3", "a", "Talks in Paris cost $3m.", "$3m", 3e6, places=("Paris",))


@pytest.mark.parametrize(
    ("a", "b", "similarity", "paired"),
    [
        (FILM_A, FILM_B, 0.70, False),  # similar sentences, different subjects: not one slot
        (FILM_A, FILM_B, 0.85, True),  # near-paraphrases need no shared name
        (FILM_A, FILM_A2, 0.50, True),  # one film, two figures: a slot worth checking
        (PARIS, PARIS2, 0.50, True),  # a shared place anchors the slot
        (FILM_A, FILM_A2, 0.30, False),  # below the block floor whatever they share
    ],
)
def test_quantity_pairs_need_a_shared_subject_unless_near_paraphrases(
    a: Claim, b: Claim, similarity: float, paired: bool
) -> None:
    pair = slot_pair(a, b, similarity, "unit:usd", AlignSettings())
    assert (pair is not None) == paired
    if pair is not None:
        assert pair.a.id < pair.b.id


def test_two_figures_of_one_repeated_sentence_are_different_slots() -> None:
    sentence = "It took $40.8m (£21m) in weekend ticket sales."
    usd = _q("a1", "a", sentence, "$40.8m", 40.8e6, sentence)
    gbp = _q("b1", "b", sentence, "£21m", 21e6, sentence)
    same = _q("b2", "b", sentence, "$40.8m", 40.8e6, sentence)
    assert context_conflict(usd, gbp) is not None
    assert context_conflict(usd, same) is None


def _other(cid: str, doc: str, text: str) -> Claim:
    from claimcheck.core.types import Document
    from claimcheck.extract.claims import extract_claims

    (claim,) = extract_claims([Document(doc, f"{doc}.txt", text)])
    return Claim(
        cid,
        doc,
        0,
        len(text),
        text,
        "other",
        **{k: getattr(claim, k) for k in ("entities", "content", "predications", "sentence")},
    )


@pytest.mark.parametrize(
    ("a", "b", "paired"),
    [
        ("USAir rejected the offer from TWA.", "USAir accepted the offer from TWA.", True),  # one event
        (
            "Euronext also began talks with the exchange.",
            "Trades are cleared via Clearnet.",
            False,
        ),  # topic only
        (
            "USAir rejected the offer from TWA.",
            "USAir bought Piedmont Aviation.",
            False,
        ),  # same actor, other acts
    ],
)
def test_plain_claims_pair_only_when_they_share_an_event(a: str, b: str, paired: bool) -> None:
    pair = slot_pair(_other("a1", "a", a), _other("b1", "b", b), 0.9, "other", AlignSettings())
    assert (pair is not None) == paired
    if pair is not None:
        assert pair.block == "other"


def test_two_copies_of_one_list_sentence_pair_only_the_same_item() -> None:
    sentence = "The smelter also produced cadmium, bismuth and indium at Trail last year."
    a = extract_claims([Document("a", "a.txt", sentence)])
    b = extract_claims([Document("b", "b.txt", sentence)])
    assert len(a) == len(b) > 1  # the list is split into one claim per item
    assert context_conflict(a[0], b[0]) is None
    assert context_conflict(a[0], b[1]) == "copies of one sentence, different parts of it"


def test_copies_of_one_sentence_pair_part_by_part() -> None:
    quote = 'Michael Howard accused the prime minister and Mr Brown of{}"squabbling like schoolboys".'
    a = extract_claims([Document("a", "a.txt", quote.format(" "))])
    b = extract_claims([Document("b", "b.txt", quote.format(""))])  # one copy lost a space
    assert [c.part for c in a] == [c.part for c in b] == [0, 1]
    assert context_conflict(a[0], b[0]) is None
    assert context_conflict(a[1], b[1]) is None
    assert context_conflict(a[0], b[1]) == "copies of one sentence, different parts of it"
