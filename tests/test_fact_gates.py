"""The gates between "two figures disagree" and "a contradiction a fact-checker would sign".

Real same-event news pairs many figures that are not one fact: a bank's share of a debt vs the
total, two unnamed owners' figures. Each row below is a pattern read on the dev news clusters.
"""

from __future__ import annotations

import pytest

from claimcheck.align.events import same_entity
from claimcheck.align.frames import holder_shared
from claimcheck.align.slots import slot_pair
from claimcheck.core.intervals import Interval
from claimcheck.core.settings import DEFAULTS
from claimcheck.core.types import Claim, Frame, Pair, Quantity
from claimcheck.verify.rules import check_pairs


def figure(cid: str, value: float | None, interval: Interval, holder: str | None, text: str, **kw) -> Claim:
    q = Quantity(value, interval, "usd", None, f"{value} dlrs", step=1.0)
    return Claim(cid, cid, 0, len(text), text, "quantity", quantity=q, frame=Frame(holder, "debt"), **kw)


def verdict(a: Claim, b: Claim, similarity: float) -> str:
    (v,) = check_pairs([Pair(a, b, "", similarity, "unit:usd")])
    return v.label


@pytest.mark.parametrize(
    ("value_b", "label"),
    [
        (12.0, "contradiction"),  # 10 vs 12: one figure misreported
        (20.0, "contradiction"),  # exactly twice: still one fact
        (20.5, "neutral"),  # further apart than conflict_max_ratio: two facts
        (150.0, "neutral"),
    ],
)
def test_figures_far_apart_are_two_facts(value_b: float, label: str) -> None:
    a = figure("a", 10.0, Interval.point(10.0), "Brazil", "Brazil's debt is 10 dlrs.", entities=("Brazil",))
    b = figure(
        "b",
        value_b,
        Interval.point(value_b),
        "Brazil",
        "Brazil owes x dlrs to its banks.",
        entities=("Brazil",),
    )
    assert verdict(a, b, 0.7) == label


@pytest.mark.parametrize(
    ("text_b", "label"),
    [
        # one sentence copied by two sources: a figure 2.7 times off is a misprint of one fact
        ("The Cell is capable of handling 6 trillion operations every second.", "contradiction"),
        ("Engineers expect the Cell to manage some 6 trillion operations a second.", "neutral"),
    ],
)
def test_copies_of_one_sentence_are_one_fact_however_far_apart(text_b: str, label: str) -> None:
    text_a = "The Cell is capable of handling 16 trillion operations every second."
    a = figure("a", 16.0, Interval.point(16.0), "Cell", text_a, entities=("Cell",))
    b = figure("b", 6.0, Interval.point(6.0), "Cell", text_b, entities=("Cell",))
    assert verdict(a, b, 0.7) == label


def test_a_range_is_sized_by_its_middle() -> None:
    a = figure("a", 10.0, Interval.point(10.0), "Brazil", "Brazil's debt is 10 dlrs.", entities=("Brazil",))
    wide = figure(
        "b", None, Interval(30.0, 40.0), "Brazil", "Brazil owes 30 to 40 dlrs.", entities=("Brazil",)
    )
    assert verdict(a, wide, 0.7) == "neutral"


@pytest.mark.parametrize(
    ("holder_a", "holder_b", "entities_b", "similarity", "label"),
    [
        ("Brazil", "Brazil", ("Brazil",), 0.6, "contradiction"),
        ("Brazil", None, ("Brazil",), 0.6, "contradiction"),  # the other sentence names the holder
        ("Brazil", None, (), 0.6, "neutral"),  # nothing says the other figure is Brazil's
        (None, None, (), 0.6, "neutral"),  # whose figures at all?
        (
            None,
            None,
            (),
            DEFAULTS.verify.unheld_min_similarity,
            "contradiction",
        ),  # a near-copy speaks for itself
    ],
)
def test_a_contradiction_needs_a_shared_holder(
    holder_a: str | None, holder_b: str | None, entities_b: tuple[str, ...], similarity: float, label: str
) -> None:
    a = figure("a", 10.0, Interval.point(10.0), holder_a, "Its debt is 10 dlrs.", entities=("Brazil",))
    b = figure("b", 12.0, Interval.point(12.0), holder_b, "The debt is 12 dlrs.", entities=entities_b)
    assert verdict(a, b, similarity) == label


def test_a_shared_place_stands_for_an_unnamed_holder() -> None:
    a = figure("a", 22.0, Interval.point(22.0), None, "22 nations met in Paris.", places=("Paris",))
    b = figure("b", 35.0, Interval.point(35.0), None, "35 nations met in Paris.", places=("Paris",))
    assert holder_shared(a, b)


def test_one_story_naming_the_others_holder_as_a_target_is_not_one_holder() -> None:
    a = figure(
        "a", 4.0, Interval.point(4.0), "TWA", "TWA bought 4 mln shares of USAir.", entities=("TWA", "USAir")
    )
    b = figure(
        "b", 2.0, Interval.point(2.0), "USAir", "USAir bought 2 mln Piedmont shares.", entities=("USAir",)
    )
    assert not holder_shared(a, b)


def stake(cid: str, value: float, text: str, holder: str | None) -> Claim:
    q = Quantity(value, Interval.point(value), "percent", "about", f"about {value:g} pct", step=1.0)
    return Claim(cid, cid, 0, len(text), text, "quantity", quantity=q, frame=Frame(holder, "stake"))


@pytest.mark.parametrize(
    ("text_b", "value_b", "shared"),
    [
        # the name after the 25 pct, before the 16 pct, is the holder of the 16 pct
        ("A group led by Bass owns about 25 pct of Taft, and Carl Lindner owns about 16 pct.", 25.0, False),
        ("A group led by Bass owns about 25 pct of Taft, and Carl Lindner owns about 16 pct.", 16.0, True),
        ("Carl Lindner needs 120 dlrs, and he owns about 25 pct of Taft.", 25.0, True),  # the subject
        ("The about 25 pct of Taft is held by Carl Lindner.", 25.0, True),  # no figure after the name
    ],
)
def test_a_name_belongs_to_the_figure_after_it(text_b: str, value_b: float, shared: bool) -> None:
    a = stake("a", 16.2, "Carl Lindner holds about 16.2 pct of Taft.", "Carl Lindner")
    assert holder_shared(a, stake("b", value_b, text_b, None)) is shared


def test_a_figure_matched_in_a_sentence_is_not_contradicted_by_its_other_figure() -> None:
    def pct(cid: str, doc: str, value: float, step: float, holder: str | None, sentence: str) -> Claim:
        q = Quantity(value, Interval.point(value), "percent", None, f"{value:g} pct", step=step)
        frame = Frame(holder, "stake")
        return Claim(
            cid, doc, 0, len(sentence), sentence, "quantity", quantity=q, frame=frame, sentence=sentence
        )

    two = "A group led by Bass owns 25 pct of Taft, and Carl Lindner owns 16 pct."
    bass = pct("a", "d1", 24.9, 0.1, None, "An investor group of the Bass family holds 24.9 pct of Taft.")
    same, other = pct("b1", "d2", 25.0, 1.0, None, two), pct("b2", "d2", 16.0, 1.0, "Carl Lindner", two)
    found = check_pairs(
        [Pair(bass, same, "", 1.0, "unit:percent"), Pair(bass, other, "", 1.0, "unit:percent")]
    )
    assert [v.label for v in found] == ["agreement", "neutral"]
    assert " differ [percent]" in found[1].explanation and " conflict " not in found[1].explanation
    # without the agreeing figure in that sentence, the disagreement stands
    (alone,) = check_pairs([Pair(bass, other, "", 1.0, "unit:percent")])
    assert alone.label == "contradiction"


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("GM", "General Motors", True),
        ("TWA", "Trans World Airlines", True),
        ("GM", "Gencorp Mining", True),  # initials alone: the holder check also needs the frame
        ("GM", "Fiat", False),
        ("gm", "General Motors", False),  # only capitals are initials
        ("MCA", "MCA Inc", True),
    ],
)
def test_initials_name_one_entity(a: str, b: str, same: bool) -> None:
    assert same_entity(a, b) is same
    assert same_entity(b, a) is same


def offer(cid: str, holder: str, price: float, text: str, entities: tuple[str, ...]) -> Claim:
    q = Quantity(price, Interval.point(price), "usd per share", None, f"{price:g} dlrs", step=1.0)
    frame = Frame(holder, "offer", target="Piedmont")
    return Claim(
        cid, cid, 0, len(text), text, "quantity", quantity=q, frame=frame, entities=entities, sentence=text
    )


@pytest.mark.parametrize(
    ("holder_b", "price_b", "entities_b", "label"),
    [
        ("Norfolk Southern", 71.0, ("Norfolk Southern", "Piedmont"), "contradiction"),  # one deal, two actors
        ("Norfolk Southern", 65.0, ("Norfolk Southern", "Piedmont"), "neutral"),  # two bidders' offers
        (
            "Norfolk Southern",
            72.0,
            ("Norfolk Southern", "Piedmont"),
            "neutral",
        ),  # rounds alike, still two offers
        ("Norfolk Southern", 71.0, ("Norfolk Southern", "USAir", "Piedmont"), None),  # names both: two acts
        ("USAir", 73.0, ("USAir", "Piedmont"), "contradiction"),  # one holder: a plain figure conflict
    ],
)
def test_the_same_offer_credited_to_another_bidder(
    holder_b: str, price_b: float, entities_b: tuple[str, ...], label: str | None
) -> None:
    a = offer("a", "USAir", 71.0, "USAir offered 71 dlrs a share for Piedmont.", ("USAir", "Piedmont"))
    b = offer("b", holder_b, price_b, "The offer for Piedmont is x dlrs a share.", entities_b)
    pair = slot_pair(a, b, 0.7, "unit:usd per share", DEFAULTS.align)
    if label is None:
        assert pair is None
    else:
        assert pair is not None and verdict(a, b, 0.7) == label


def test_the_same_words_in_two_sources_agree_whatever_the_model_says() -> None:
    text = (
        'The rules were incompatible with the Convention, "discriminating on nationality", but not Britons.'
    )
    a = Claim("a", "a", 0, len(text), text, "other", content=text, sentence=text, entities=("Bingham",))
    b = Claim(
        "b",
        "b",
        0,
        len(text),
        text,
        "other",
        content="  " + text.upper(),
        sentence=text,
        entities=("Bingham",),
    )
    (v,) = check_pairs([Pair(a, b, "", 0.99, "other")])
    assert (v.label, v.method) == ("agreement", "structure")


@pytest.mark.parametrize(
    ("b_text", "same"),
    [
        ("We will meet any escalation of military actions by Iran with stronger countermeasures.", True),
        ("we will meet any escalation of military action by Iran, with stronger countermeasures", True),
        ("We will not meet any escalation of military action by Iran with stronger countermeasures.", False),
        ("We will meet any escalation of military action by Iraq with stronger countermeasures.", False),
    ],
)
def test_one_quote_up_to_plurals_and_punctuation_is_the_same_words(b_text: str, same: bool) -> None:
    text = "We will meet any escalation of military action by Iran with stronger countermeasures."
    a = Claim("a", "a", 0, len(text), text, "other", content=text, sentence=text, entities=("Iran",))
    b = Claim("b", "b", 0, len(b_text), b_text, "other", content=b_text, sentence=b_text, entities=("Iran",))
    found = [v for v in check_pairs([Pair(a, b, "", 0.99, "other")]) if "same words" in v.explanation]
    assert [v.label for v in found] == (["agreement"] if same else [])


@pytest.mark.parametrize(
    ("sentence", "hedged"),
    [
        ("The suit also asks the court to order Cyclops to provide all information to bidders.", True),
        ("Citicorp had suggested that Dixons extend its tender until March 31.", True),
        ("The court ordered Cyclops to provide the information.", False),  # an order is a fact
        ("Cyclops provided the information to Dixons.", False),
    ],
)
def test_a_request_is_no_checkable_fact(sentence: str, hedged: bool) -> None:
    from claimcheck.extract.claims import is_hedged
    from claimcheck.extract.nlp import get_nlp

    assert is_hedged(next(get_nlp()(sentence).sents)) is hedged


def test_an_object_only_mentioned_is_not_the_theme() -> None:
    from claimcheck.core.types import Document
    from claimcheck.extract.claims import extract_claims
    from claimcheck.verify.structure import same_theme

    def verb(text: str, lemma: str):
        claims = extract_claims([Document("d", "d.txt", text)])
        return next(p for c in claims for p in c.predications if p.lemma == lemma)

    raised = verb("The group raised its tender offer for Cyclops.", "raise")
    dropped = verb("Cayacq dropped certain conditions of its offer.", "drop")
    cut = verb("The group cut its tender offer.", "cut")
    assert not same_theme(raised, dropped)  # conditions of an offer are not the offer
    assert same_theme(raised, cut)


def test_a_holder_is_named_as_a_whole_word() -> None:
    us = figure("a", 10.0, Interval.point(10.0), "US", "The US debt is 10 dlrs.", entities=("US",))
    usair = figure("b", 12.0, Interval.point(12.0), None, "USAir's debt is 12 dlrs.", entities=("USAir",))
    also_us = figure("c", 12.0, Interval.point(12.0), None, "Debt of the US: 12 dlrs.", entities=())
    assert not holder_shared(us, usair)
    assert holder_shared(us, also_us)
    german = figure("e", 1.5, Interval.point(1.5), "German", "The German group may bid 1.5.", entities=())
    germans = figure("f", 1.4, Interval.point(1.4), None, "The Germans may bid 1.4.", entities=())
    assert holder_shared(german, germans)  # a plural names its singular
