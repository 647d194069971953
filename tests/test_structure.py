"""Structural verdicts on sentence pairs, as a table: negations, antonyms and swapped actors are
conflicts; paraphrases, each actor's own figure, possibilities and unrelated acts are not."""

from __future__ import annotations

import pytest

from claimcheck.align.events import same_entity, shares_event
from claimcheck.core.types import Document, Pair
from claimcheck.extract.claims import extract_claims
from claimcheck.verify.findings import to_findings
from claimcheck.verify.structure import structural_verdict


def _pair(a: str, b: str) -> Pair:
    ca = extract_claims([Document("a", "a.txt", a)])[0]
    cb = extract_claims([Document("b", "b.txt", b)])[0]
    return Pair(ca, cb, "event similarity 0.70", 0.7, "event")


CASES = [
    # (a, b, expected kind or None)
    ("Mr Sullivan has pleaded guilty to fraud.", "Mr Sullivan has not pleaded guilty to fraud.", "denied"),
    (
        "GenCorp has agreed to sell its station WOR to MCA Inc.",
        "GenCorp no longer has an agreement to sell WOR-TV to MCA.",
        "denied",
    ),
    (
        "Yukos filed for bankruptcy in a successful attempt to halt the auction of Yugansk.",
        "Yukos filed for bankruptcy in an unsuccessful attempt to halt the auction of Yugansk.",
        "denied",
    ),
    (
        "Both company boards have backed the deal with Verizon.",
        "Neither company's board has yet backed the deal with Verizon.",
        "denied",
    ),
    (
        "USAir earlier today rejected TWA's offer.",
        "USAir accepted the offer yesterday, the company said.",
        "opposite",
    ),
    (
        "The LSE rejected a takeover proposal from Deutsche Boerse.",
        "The group accepted a takeover offer from Deutsche Boerse.",
        "opposite",
    ),
    ("Citibank said it raised its prime rate.", "Citibank said it cut its prime rate.", "opposite"),
    ("Kenteris won the 200m gold in Sydney.", "Thanou won the 200m gold in Sydney.", "different actors"),
    # not conflicts
    ("USAir rejected TWA's offer.", "USAir turned down the offer from TWA.", None),  # a paraphrase
    (
        "Citibank raised its prime rate.",
        "Chase Manhattan raised its prime rate.",
        None,
    ),  # each bank's own rate
    ("Citibank raised its prime rate.", "Chase Manhattan cut its prime rate.", None),  # two banks, two rates
    ("USAir rejected the offer from TWA.", "USAir may accept the offer from TWA.", None),  # a possibility
    ("Texaco won the appeal.", "Texaco lost the contract to Exxon.", None),  # other objects
    ("TWA has not obtained financing.", "Conditions include TWA obtaining financing.", None),  # other frames
    (
        "No bank has agreed to the plan.",
        "No bank has agreed to the plan, Manila said.",
        None,
    ),  # one denial twice
]


@pytest.mark.parametrize(("a", "b", "expected"), CASES)
def test_structural_verdict(a: str, b: str, expected: str | None) -> None:
    verdict = structural_verdict(_pair(a, b))
    if expected is None:
        assert verdict is None, verdict.explanation
    else:
        assert verdict is not None
        assert verdict.label == "contradiction" and verdict.method == "structure"
        assert (
            expected in verdict.explanation and "(a)" in verdict.explanation and "(b)" in verdict.explanation
        )


def test_claims_about_one_event_share_it_and_others_do_not() -> None:
    assert shares_event(*(_pair("USAir rejected TWA's offer.", "USAir accepted the offer.").a,) * 2)
    pair = _pair("Euronext also began talks with the LSE.", "Trades are cleared via Clearnet.")
    assert not shares_event(pair.a, pair.b)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("MCA", "MCA Inc", True),
        ("WOR", "WOR-TV", True),
        ("Bankers Trust", "Bankers Trust Co", True),
        ("Chemical Bank", "Chase Manhattan Bank", False),  # "Bank" names the kind, not which one
        ("Citibank", "Chase", False),
    ],
)
def test_same_entity(a: str, b: str, same: bool) -> None:
    assert same_entity(a, b) == same


def test_a_sentence_pair_is_reported_once() -> None:
    a = "The UK and Portugal have not sent troops to the mission in Kyiv."
    b = "The UK and Portugal have sent troops to the mission in Kyiv."
    ca = extract_claims([Document("a", "a.txt", a)])
    cb = extract_claims([Document("b", "b.txt", b)])
    assert len(ca) == 2 and len(cb) == 2  # one claim per conjunct
    pairs = [Pair(x, y, "other similarity 0.9", 0.9, "other") for x in ca for y in cb]
    verdicts = [v for v in map(structural_verdict, pairs) if v is not None]
    assert len(verdicts) == 4
    (finding,) = to_findings(verdicts)
    assert finding.verdict == "contradiction"


def test_a_sentence_with_a_figure_meets_one_without_in_the_event_block() -> None:
    from claimcheck.pipeline import Pipeline

    docs = [
        Document("a", "a.txt", "Last week, the group accepted a £1.3bn takeover offer from Deutsche Boerse."),
        Document("b", "b.txt", "Last week, the LSE rejected a takeover proposal from Deutsche Boerse."),
    ]
    result = Pipeline(nli=None).run(docs)
    assert {c.kind for c in result.claims} == {"quantity", "other"}
    (finding,) = [f for f in result.findings if f.verdict == "contradiction"]
    assert finding.method == "structure" and "opposite actions" in finding.explanation
    assert {p.block for p in result.pairs} == {"event"}


def test_an_nli_finding_names_the_shared_event() -> None:
    import numpy as np

    from claimcheck.verify.rules import nli_verdicts

    pair = _pair("USAir rejected the offer from TWA.", "USAir turned down the offer from TWA.")
    contra = np.array([[0.05, 0.05, 0.9]])
    (verdict,) = nli_verdicts([pair], contra, contra)
    assert verdict.explanation.startswith("USAir rejected offer (a) vs USAir turned down offer (b): ")


def test_two_actors_named_in_one_story_are_two_acts_not_a_swap() -> None:
    pair = _pair(
        "In December Apple asked a Californian court to make the journalists reveal their sources.",
        "The EFF has asked the court to stop Apple pursuing the sources.",
    )
    assert structural_verdict(pair) is None


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (  # a denial of the purpose, not of the purchase
            "Ask Jeeves has bought the Bloglines website.",
            "Ask Jeeves said it did not acquire Bloglines just to get a foothold in blogging.",
        ),
        (  # one story says both: taxes cut before the election and increased after it
            "Taxes were cut by the chancellor before the election and taxes were increased after it.",
            "Taxes were increased after the election, the chancellor said.",
        ),
    ],
)
def test_no_conflict_when_the_denial_is_elsewhere_or_a_story_says_both(a: str, b: str) -> None:
    assert structural_verdict(_pair(a, b)) is None


def test_an_aim_is_no_act_and_a_participle_acts_on_its_noun() -> None:
    pair = _pair(
        "The embargo on China was imposed in 1989.",
        "Sir Menzies was among those worried about plans, backed by the UK, to lift the embargo imposed"
        " on China.",
    )
    assert structural_verdict(pair) is None
    imposed = next(p for p in pair.b.predications if p.lemma == "impose")
    assert imposed.object == ("lemma:embargo",)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "The EU imposed its arms ban on China in 1989.",
            "The EU arms ban on China is to be lifted.",
        ),  # successive
        (
            "More than half of all UK households own a computer.",
            "The firm targets UK households that do not own a computer.",
        ),
        (
            "WADA will appeal against the acquittal of Kenteris.",
            "The IAAF will appeal against the acquittal of Kenteris.",
        ),
        (
            "Thanou will not be punished for missing tests, Thanou said.",
            "Thanou was suspended for missing tests.",
        ),
        ("Labour has hidden its tax rises from the UK.", "The UK needs tax cuts."),
        (
            "England are not winning the Grand Slam this year.",
            "England can still win the Grand Slam.",
        ),  # a possibility
    ],
)
def test_fresh_news_false_alarms_stay_quiet(a: str, b: str) -> None:
    assert structural_verdict(_pair(a, b)) is None


@pytest.mark.parametrize(
    ("sentence", "negated"),
    [
        ("None of the creditor banks has signed the accord.", {"sign": True}),
        ("No bank has signed the accord.", {"sign": True}),
        ("Neither company's board has backed the deal.", {"back": True}),
        ("Nobody at the bank signed the accord.", {"sign": True}),
        ("The creditor banks have signed the accord.", {"sign": False}),
        ("Some of the creditor banks have signed the accord.", {"sign": False}),
        # a denial of alternatives denies each; a denial of one act of two does not
        (
            "It has no power to suspend or bar Labour's Mr Livingstone from office.",
            {"suspend": True, "bar": True},
        ),
        ("The bank will not sell or lease the building.", {"sell": True, "lease": True}),
        ("The bank will sell or lease the building.", {"sell": False, "lease": False}),
        ("Volcker did not resign and remains in office.", {"resign": True, "remain": False}),
    ],
)
def test_polarity_of_predicates(sentence: str, negated: dict[str, bool]) -> None:
    (claim,) = extract_claims([Document("a", "a.txt", sentence)])
    assert {p.lemma: p.negated for p in claim.predications} == negated


def test_coordinated_verbs_share_the_object_the_last_one_carries() -> None:
    (claim,) = extract_claims(
        [Document("a", "a.txt", "It has the power to suspend or bar Mr Livingstone from public office.")]
    )
    assert [p.object for p in claim.predications] == [("entity:Livingstone",)] * 2
