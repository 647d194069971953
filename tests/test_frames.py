"""Measurement frames: table tests over parsed sentences, and the rules file they come from."""

from __future__ import annotations

import pytest

from claimcheck.align.frames import describe, frame_conflict
from claimcheck.core.intervals import Interval
from claimcheck.core.types import Claim, Document, Frame
from claimcheck.extract.claims import extract_claims
from claimcheck.extract.frames import canonical_measure, rules


def frames(sentence: str) -> dict[str, Frame]:
    claims = extract_claims([Document("d", "d.txt", sentence)])
    return {(c.quantity.text if c.quantity else c.date_text): c.frame for c in claims if c.frame}


@pytest.mark.parametrize(
    ("sentence", "figure", "measure", "aspect"),
    [
        ("General Partners holds 9.8 pct of GenCorp stock.", "9.8 pct", "stake", "level"),
        # a share of the stock outstanding is a stake; shares outstanding are a measure apart
        ("General Partners holds 9.8 pct of GenCorp's outstanding shares.", "9.8 pct", "stake", "level"),
        ("Caesars World has 30.3 mln shares outstanding.", "30.3 mln", "outstanding stake", "level"),
        ("Mr Glazer and his family hold a stake of 28.1%.", "28.1%", "stake", "level"),
        ("The company launched a 100 dlr per share tender offer for GenCorp.", "100 dlr", "offer", "level"),
        # a sale offered is an offer; a sale agreed is a deal
        (
            "Dudley Taft and Narragansett offered to acquire Taft for 145 dlrs per share.",
            "145 dlrs",
            "offer",
            "level",
        ),
        (
            "Dudley Taft and Narragansett agreed to acquire Taft for 145 dlrs per share.",
            "145 dlrs",
            "deal",
            "level",
        ),
        (
            "Texaco sought protection from debts of some 6.8 billion dlrs.",
            "some 6.8 billion dlrs",
            "debt",
            "level",
        ),
        ("Output rose 12 pct to 4.5 mln bpd in February.", "12 pct", None, "change"),
        ("Output rose 12 pct to 4.5 mln bpd in February.", "4.5 mln", None, "new level"),
        ("GenCorp stock closed at 90.50 dlrs a share, up two dlrs on the day.", "two dlrs", None, "change"),
        ("Output was 75-100,000 bpd below its quota.", "75-100,000", None, "change"),
        ("The accord requires repayment of another 10 pct of the debt.", "10 pct", None, "additional"),
        (
            "Besides the 13-billion-dlr frozen debt, South Africa also owes ten billion dlrs of other debt.",
            "ten billion dlrs",
            None,
            "additional",
        ),  # beside another figure: not that one
        ("The accord requires repayment of 10 pct of the debt.", "10 pct", None, "level"),
        ("Citibank raised its prime rate to 7-3/4 pct from 7-1/2 pct.", "7-1/2 pct", "rate", "previous"),
        ("Opec agreed in December to cut output to 15.8 mln bpd.", "15.8 mln", "output", "forecast"),
        ("The German group may raise its bid to 1.5 billion dlrs.", "1.5 billion dlrs", None, "possible"),
        ("NatWest cut its base rate by half a point to 10.5 pct today.", "10.5 pct", "rate", "new level"),
        (
            "Hodgson and Barkley missed six penalties between them.",
            "six",
            "miss penalty",
            "level",
        ),  # not all taken
        (
            "Pennzoil had asked Texaco to post a 5.6 billion dlr cash bond.",
            "5.6 billion dlr",
            "bond",
            "possible",
        ),
        (
            "It dropped a condition that at least 80 pct of the stock be tendered.",
            "at least 80 pct",
            None,
            "possible",
        ),
        (
            "Standard and Poor's said it downgraded 8.4 billion dlrs of debt.",
            "8.4 billion dlrs",
            "downgrade debt",
            "level",
        ),
        # an analyst's estimate of a result still to come is not the result
        (
            "An analyst estimates Swire's profits will be 1.525 billion dlrs.",
            "1.525 billion dlrs",
            "profit",
            "estimate",
        ),
        # an estimate of what has happened is the figure as reported
        ("Noranda estimated that the fire caused 10 mln dlrs in damage.", "10 mln dlrs", "damages", "level"),
        # a one-off gain is a measure apart from the year's profit
        (
            "Swire also had an extraordinary profit of 1.38 billion dlrs.",
            "1.38 billion dlrs",
            "extraordinary profit",
            "level",
        ),
        # shares traded are the day's volume, not a stake
        (
            "UAL jumped five to 70-3/4 on volume of more than 3.2 mln shares.",
            "more than 3.2 mln",
            "volume",
            "level",
        ),
    ],
)
def test_quantity_frames(sentence: str, figure: str, measure: str | None, aspect: str) -> None:
    frame = frames(sentence)[figure]
    if measure is not None:
        assert frame.measure == measure
    assert frame.aspect == aspect


@pytest.mark.parametrize(
    ("sentence", "figure", "holder", "target"),
    [
        (
            "USAir has offered 71 dlrs cash per share for half of Piedmont's stock.",
            "71 dlrs",
            "USAir",
            "Piedmont",
        ),
        ("TWA has offered 52 dlrs per share for USAir Group.", "52 dlrs", "TWA", "USAir"),
        (
            "Iraq, which said it would not honour its 1.466 mln bpd quota, produced more.",
            "1.466 mln",
            "Iraq",
            None,
        ),
        # an offer's "from" phrase names who makes it, whatever the subject
        (
            "Purolator stock jumped on a 40 dlr offer from Emery Air Freight Corp.",
            "40 dlr",
            "Emery Air Freight",
            None,
        ),
        # a named possessor of the measure beats the sentence's subject
        ("The share sale by Fiat cut GM's holding to 10%.", "10%", "GM", None),
        # an issuer's shares: the possessor is the target, not the holder
        ("USAir offered 71 dlrs for 50 pct of Piedmont's stock.", "50 pct", "USAir", "Piedmont"),
        # "its" stands for the named subject up the tree, not the nearest name before it
        (
            "Brazil met the Inter-American Development Bank after halting payments on its 68 bln dlr debt.",
            "68 bln dlr",
            "Brazil",
            None,
        ),
        # a stake "in" a company is a stake in that company, not in another the story names
        (
            "General Partners holds a 25 pct interest in Hongkong Aircraft Engineering.",
            "25 pct",
            "General Partners",
            "Hongkong Aircraft Engineering",
        ),
    ],
)
def test_holders_and_targets(sentence: str, figure: str, holder: str, target: str | None) -> None:
    frame = frames(sentence)[figure]
    assert (frame.holder, frame.target) == (holder, target)


def test_the_company_and_it_stand_for_the_documents_lead_name() -> None:
    found = frames(
        "Texaco Inc filed for protection on Sunday. Texaco said the filing was forced on it. "
        "The company said it would halt repayments on debts of some 6.8 billion dlrs."
    )
    assert found["some 6.8 billion dlrs"].holder == "Texaco"


def test_a_debt_owed_to_one_creditor_group_is_its_own_measure() -> None:
    a = frames("Brazil suspended payments on 68 billion dlrs of debt owed to private banks.")
    b = frames("Brazil owes a total foreign debt of 109 billion dlrs.")
    assert a["68 billion dlrs"].measure == "debt to bank"
    assert b["109 billion dlrs"].measure != a["68 billion dlrs"].measure


def test_a_repeated_act_is_not_dated_as_the_first() -> None:
    found = frames("March 5, 1987 (Reuters) -\n\nHughes' board today again adjourned the meeting.")
    assert found["today"].aspect == "repeat"


def test_dates_frame_their_event_and_since_is_a_boundary() -> None:
    found = frames("WorldCom saw the firm collapse in July 2002, and prices have risen since 2003.")
    assert found["July 2002"].measure == "collapse" and found["July 2002"].aspect == "point"
    assert found["2003"].aspect == "since"


def test_a_days_trading_volume_is_dated_by_its_story() -> None:
    def volume(dateline: str) -> Frame:
        text = f"{dateline} (Reuters) -\n\nUAL\n\nUAL rose 1-5/8 on volume of more than two mln shares."
        claims = extract_claims([Document("d", "d.txt", text)])
        return next(c.frame for c in claims if c.frame and c.frame.measure == "volume")

    monday, tuesday = volume("March 2, 1987"), volume("March 3, 1987")
    assert (monday.period, tuesday.period) == ("1987-03-02", "1987-03-03")
    assert frame_conflict(
        Claim("a", "d", 0, 1, "x", "quantity", frame=monday),
        Claim("b", "e", 0, 1, "x", "quantity", frame=tuesday),
    ).startswith("different periods")


def test_the_day_a_thing_was_said_dates_no_event() -> None:
    found = frames(
        "April 24, 1987 (Reuters) -\n\nThe bank heads met in Mexico City yesterday to coordinate "
        "actions, the official newspaper El Peruano said today."
    )
    assert found["yesterday"].measure == "meet"
    assert found["today"].measure is None  # never compared: "a date of no named event"


def test_an_age_between_commas_is_the_named_persons() -> None:
    found = frames("Thanou, 30, and her compatriot Kostas Kenteris, 31, missed the test in 2004.")
    assert (found["30"].holder, found["30"].measure) == ("Thanou", "age")
    assert (found["31"].holder, found["31"].measure) == ("Kostas Kenteris", "age")
    assert "Chapter" not in {f.holder for f in frames("See Chapter 11, which covers it.").values()}


@pytest.mark.parametrize(
    ("wording", "measure"),
    [
        ("bid", "offer"),
        ("tender offer", "offer"),
        ("shareholding", "stake"),
        ("back taxes", "tax"),
        ("capsize", "sink"),
        ("adjourn", "postpone"),
        ("comment", "remark"),
        ("earn", "income"),
        ("decline", "fall"),
        ("increase", "rise"),
        ("x", "x"),
    ],
)
def test_synonyms_from_the_rules_file(wording: str, measure: str) -> None:
    assert canonical_measure(wording) == measure


def test_rules_file_lists_are_lower_case_and_disjoint_where_it_matters() -> None:
    r = rules()
    for name in ("unit_words", "change_verbs", "forecast_words", "per_words", "generic_verbs"):
        assert all(w == w.lower() for w in r[name]), name
    assert not r["unit_words"] & set(r["synonyms"])  # a unit word is never what a figure measures


def _claim(frame: Frame) -> Claim:
    return Claim("c", "d", 0, 1, "t", "quantity", frame=frame)


@pytest.mark.parametrize(
    ("a", "b", "conflict"),
    [
        (Frame("GenCorp", "stake"), Frame(None, "stake"), None),
        (Frame("GenCorp", "stake"), Frame("AFG", "stake"), "different holders (GenCorp vs AFG)"),
        (Frame(None, "offer"), Frame(None, "stake"), "different measures (offer vs stake)"),
        (Frame(None, "offer"), Frame(None, None), "different measures (offer vs unstated)"),
        (Frame(None, "rate", aspect="change"), Frame(None, "rate"), "different aspects (change vs level)"),
        (
            Frame(None, "offer", target="USAir"),
            Frame(None, "offer", target="Piedmont"),
            "different targets (USAir vs Piedmont)",
        ),
        (Frame("GM", "stake"), Frame("General Motors", "stake"), None),  # initials
        (Frame("Thanou", "age"), Frame("Katerina Thanou", "age"), None),
        (Frame("Kenteris", "age"), Frame("Thanou", "age"), "different people (Kenteris vs Thanou)"),
        (
            Frame("GM", "stake", aspect="new level"),
            Frame("GM", "stake"),
            "different aspects (new level vs level)",
        ),
        (
            Frame("GM", "stake", "2003", aspect="new level", period_days=Interval(1, 365)),
            Frame("GM", "stake", "2003", period_days=Interval(1, 365)),
            None,
        ),
    ],
)
def test_frame_conflicts(a: Frame, b: Frame, conflict: str | None) -> None:
    assert frame_conflict(_claim(a), _claim(b)) == conflict
    assert frame_conflict(_claim(b), _claim(a)) == (
        None if conflict is None else frame_conflict(_claim(b), _claim(a))
    )


def test_one_target_under_a_short_and_a_long_name() -> None:
    def stake(target: str, sentence: str, entities: tuple[str, ...]) -> Claim:
        frame = Frame(None, "stake", target=target)
        return Claim(
            "c",
            "d",
            0,
            len(sentence),
            sentence,
            "quantity",
            frame=frame,
            sentence=sentence,
            entities=entities,
        )

    short = stake("Taft", "Bass owns about 25 pct of Taft stock.", ("Bass", "Taft"))
    long = stake(
        "Taft Broadcasting",
        "Lindner holds 16.2 pct of Taft Broadcasting Co.",
        ("Lindner", "Taft Broadcasting"),
    )
    other = stake("Piedmont", "USAir holds 9 pct of Piedmont.", ("USAir", "Piedmont"))
    assert frame_conflict(short, long) is None
    assert frame_conflict(short, other) == "different targets (Taft vs Piedmont)"


def test_describe_says_who_what_when() -> None:
    assert describe(Frame("Acme", "stake", "1987")) == "Acme's stake in 1987"
    assert describe(Frame(None, "rate", aspect="change")) == "rate (change)"
    assert (
        describe(Frame("General Partners", "stake", target="GenCorp"))
        == "General Partners' stake for GenCorp"
    )


@pytest.mark.parametrize(
    ("sentence", "figure", "place"),
    [
        ("The rigs, 120 miles (200 km) east of Bahrain in international waters, were hit.", "120", "Bahrain"),
        ("The platforms were about 60 miles from Iran's Lavan island oil storage site.", "about 60", "Lavan"),
        ("The plant is 30 km from the capital.", "30", None),  # no named place: nothing to tell apart
    ],
)
def test_a_distance_is_measured_from_its_place(sentence: str, figure: str, place: str | None) -> None:
    assert frames(sentence)[figure].target == place


@pytest.mark.parametrize(
    ("a", "b", "figure"),
    [
        # one result under a verb and a noun
        ("For the quarter Caesars World earned 12.6 mln dlrs on revenues of 200 mln dlrs.",
         "Caesars World reported net income of 12.6 mln dlrs for the quarter.", "12.6 mln dlrs"),
        # one change under two verbs of the same direction
        ("The Dow Jones industrial average fell 508 points on Monday.",
         "The Dow Jones industrial average declined a record 508 points on Monday.", "508"),
        ("Exports rose 12 pct in March.", "Exports increased 12 pct in March.", "12 pct"),
    ],
)  # fmt: skip
def test_one_measure_under_two_words(a: str, b: str, figure: str) -> None:
    assert frames(a)[figure].measure == frames(b)[figure].measure


def test_a_fall_is_not_a_rise() -> None:
    up, down = frames("Exports rose 12 pct in March."), frames("Exports fell 12 pct in March.")
    assert up["12 pct"].measure != down["12 pct"].measure
