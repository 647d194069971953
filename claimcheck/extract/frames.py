"""Measurement frames from the dependency parse: whose figure, what it measures, when, which aspect.

In a cluster of stories about one event nearly every sentence names the same companies, so "same
unit and a shared entity" pairs a per-share offer with a total takeover cost. The frame says what a
figure is the value of, read from the parse: the measure is the first noun above the number that is
not a unit word (or the "of"/"in" object of its unit); the holder is the subject entity of the verb
that governs it, else the possessor or proper-noun modifier of the measure; the period is a date in
the same clause; the aspect is change ("by", "up"), previous level ("from"), forecast ("expected"),
estimate ("an analyst estimates") or level. For a date the measure is the event it is the date of:
the word its preposition hangs on. The word lists live in data/frames.toml.
"""

from __future__ import annotations

import calendar
import re
import tomllib
from collections import Counter
from datetime import date
from functools import lru_cache
from importlib import resources

from spacy.tokens import Span, Token

from claimcheck.core.types import Frame, Interval
from claimcheck.extract.dates import MONTHS, SPLIT_YEAR, describe_days, normalise_date
from claimcheck.extract.entities import canonical
from claimcheck.extract.units import canonical_unit

Lead = dict[str, tuple[str, int]]  # entity label -> (the document's most named such name, its count)
_HOLDER_LABELS = {"ORG", "PERSON", "GPE", "NORP"}
MONTHS_TITLE = {m.title() for m in MONTHS}
_DATE_WORDS = (
    {"today", "yesterday", "tomorrow", "tonight"} | {d.lower() for d in calendar.day_name} | set(MONTHS)
)
_NOT_NAMES = {"DATE", "MONEY", "CARDINAL", "PERCENT", "QUANTITY", "TIME", "ORDINAL"}
_TICKER = re.compile(r"\s*<[^>]*>\s*")


@lru_cache(maxsize=1)
def rules() -> dict:
    """data/frames.toml, with the synonym table inverted to {wording: canonical}."""
    text = resources.files("claimcheck.extract").joinpath("data/frames.toml").read_text("utf-8")
    data = tomllib.loads(text)
    canon = {key: key for key in data["synonyms"]}
    canon |= {word: key for key, words in data["synonyms"].items() for word in words}
    return {**data, "canonical": canon, **{k: set(v) for k, v in data.items() if isinstance(v, list)}}


def canonical_measure(words: str) -> str:
    """One measure for the wordings of it ("tender offer" and "bid" are "offer")."""
    words = " ".join(words.lower().split())
    canon = rules()["canonical"]
    return canon.get(words) or canon.get(words.split(" ")[-1]) or words


def quantity_frame(
    sent: Span, start: int, end: int, doc_date: date | None = None, lead: Lead | None = None
) -> Frame:
    """The frame of the figure at sent.text[start:end]; `lead` names what "the company" and "it"
    stand for in this document (see `lead_names`)."""
    num = _number_token(sent, start, end)
    if num is None:
        return Frame()
    measure_tok = _measure_token(num, sent, end)
    governor = _governor(num)
    period, days, own = _period(sent, num, governor, measure_tok, doc_date)
    if days is None and doc_date is not None and _daily(measure_tok):
        day = doc_date.toordinal()  # a day's trading volume, read off the story's date
        days = Interval(day, day)
        period = describe_days(days)
    measure = _measure_name(measure_tok) if measure_tok is not None else None
    # the figure is what the verb acts on: its object, or (a parse of wire copy) a "to" object of it
    direct = any(
        (t.dep_ in ("dobj", "npadvmod") and t.head.i == governor.i)
        or (t.dep_ == "pobj" and t.head.head.i == governor.i)
        for t in (num, num.head, num.head.head)
    )
    if (
        measure
        and direct
        and measure_tok.i != governor.i
        and governor.lemma_.lower() in rules()["subset_verbs"]
    ):
        measure = f"{governor.lemma_.lower()} {measure}"  # the debt downgraded is not all the debt
    if measure and measure.startswith("outstanding ") and _share_of(num, measure_tok):
        measure = measure.removeprefix("outstanding ")  # "9 pct of the outstanding stock" is a stake
    return Frame(
        holder=_holder(governor, measure_tok, lead, num.head if _is_unit(num.head) else None),
        measure=measure,
        period=period,
        aspect=_aspect(num, sent, end, governor),
        period_days=days,
        period_own=own,
        target=(_target(measure_tok) if measure_tok is not None else None) or _reference_place(num),
    )


def date_frame(sent: Span, ent: Span, lead: Lead | None = None) -> Frame:
    """The frame of a date mention: the event it dates, whose event, and whether it is a boundary."""
    root = ent.root
    boundary = rules()["date_boundaries"]
    before = sent.doc[ent.start - 1] if ent.start > sent.start else None
    aspect = "point"
    if before is not None and before.lower_ in boundary:
        aspect = boundary[before.lower_]
    elif ent[0].lower_ in boundary:
        aspect = boundary[ent[0].lower_]
    event = _event_token(root)
    governor = _governor(root)
    r = rules()
    if aspect == "point" and (
        governor.lemma_.lower() in r["forecast_words"] or governor.head.lemma_.lower() in r["forecast_words"]
    ):
        aspect = "forecast"  # "expected the challenge to be filed this week" is no filing date
    if governor.head.i != governor.i and governor.head.lemma_.lower() in r["demand_words"]:
        aspect = "forecast"  # "suggested Dixons extend its tender until March 31": asked for, not done
    if aspect == "point" and any(c.lower_ in r["repeat_words"] for c in governor.children):
        aspect = "repeat"  # "today again adjourned the meeting": a second adjournment, not the first's date
    measure = _measure_name(event) if event is not None and not _is_unit(event) else None
    if measure in r["measured_things"]:
        measure = None  # "OPEC output in February": the period of a figure, not a dated event
    return Frame(
        holder=_holder(governor, event, lead),
        measure=measure,
        aspect=aspect,
        target=_target(event) if event is not None else None,
    )


def _number_token(sent: Span, start: int, end: int) -> Token | None:
    base = sent.start_char
    inside = [t for t in sent if start <= t.idx - base < end]
    nums = [t for t in inside if t.like_num or t.pos_ == "NUM"] or inside
    return nums[-1] if nums else None


def _is_unit(tok: Token) -> bool:
    units = rules()["unit_words"]
    return tok.lower_ in units or tok.lemma_.lower() in units or tok.like_num or tok.pos_ == "NUM"


def _measure_token(num: Token, sent: Span, end: int) -> Token | None:
    """The noun a figure measures.

    A figure before a noun modifies it ("a 9.8 pct stake", "its 6.8 billion dlr debt", "a 100
    dlr-per-share offer"): the noun after the unit words is the measure. Otherwise the heads above
    the number decide: the first noun that is no unit word ("a stake of 28.1%"), a unit's
    "of"/"in" object ("32.6 billion dlrs in revenues"), or, when the figure hangs on a verb, the
    verb's "in" object ("pay 10.53 billion dlrs in damages") or the verb itself ("acquire USAir for
    52 dlrs" is a sale, "earned 130 mln dlrs" earnings); a generic verb ("have", "be") gives its
    subject noun."""
    daily = _daily_owner(num)
    if daily is not None:
        return daily  # "on volume of 3.2 mln shares": the volume, not a stake
    after = _noun_after(sent, end)
    if after is not None:
        return after
    tok, units = num, []
    for _ in range(8):
        if tok.i != num.i and tok.pos_ in ("NOUN", "PROPN") and not _is_unit(tok):
            return _changed_thing(tok) or tok
        if tok.pos_ in ("NOUN", "PROPN", "NUM", "X", "SYM") and _is_unit(tok):
            units.append(tok)
            obj = _prep_object(tok, ("of", "in"))
            if obj is not None and obj.i > tok.i and not _is_unit(obj):
                return obj
        if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            break
        tok = tok.head
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    if tok.dep_ == "relcl" and tok.lemma_.lower() in rules()["generic_verbs"]:
        # "foreign debt which totals 8.16 billion dlrs" (the parse may hang it on "two-thirds of")
        return (_prep_object(tok.head, ("of",)) if _is_unit(tok.head) else None) or tok.head
    via = units[-1] if units else num
    if via.dep_ == "pobj" and via.head.lower_ in ("to", "from", "by", "at"):
        # "raised its prime rate to 7-3/4 pct": the verb's object is what changed
        thing = next(
            (c for c in tok.children if c.dep_ == "dobj" and c.pos_ == "NOUN" and not _is_unit(c)), None
        )
        if thing is not None:
            return thing
    obj = _prep_object(tok, ("in", "of"))
    if obj is not None and obj.i > num.i and not _is_unit(obj) and obj.pos_ == "NOUN":
        return obj
    if tok.lemma_.lower() not in rules()["generic_verbs"]:
        return tok  # _measure_name adds what a deal verb is about ("acquire USAir" vs "acquire Piedmont")
    return next(
        (
            c
            for c in tok.children
            if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "NOUN" and not _is_unit(c)
        ),
        None,
    )


def _daily_owner(num: Token) -> Token | None:
    """The market figure of a day a figure is the "of" object of ("volume of 3.2 mln shares")."""
    tok = num
    for _ in range(4):
        head = tok.head
        if head.i == tok.i:
            return None
        if tok.dep_ == "pobj" and head.lower_ == "of":
            return head.head if _daily(head.head) else None
        tok = head
    return None


def _daily(tok: Token | None) -> bool:
    return tok is not None and tok.pos_ == "NOUN" and tok.lemma_.lower() in rules()["daily_measures"]


def _changed_thing(noun: Token) -> Token | None:
    """ "prime rate increases to 7-3/4 pct": the figure is a level of what the change noun changes."""
    if noun.lemma_.lower() not in rules()["change_nouns"]:
        return None
    return next((c for c in noun.lefts if c.dep_ == "compound" and c.pos_ == "NOUN"), None)


def _noun_after(sent: Span, end: int) -> Token | None:
    """The noun a prenominal figure modifies: past unit words, "a share", hyphens; the head of its
    compound run ("tender offer")."""
    per = False
    for t in _tokens_after(sent, end):
        if per and t.lower_ in rules()["per_words"]:
            per = False
            continue
        if t.is_punct and t.text in "-–":
            continue  # "pence-per-share": the hyphens keep a per-unit open
        per = t.lower_ in ("a", "an", "per")
        if per or _is_unit(t):
            continue
        if t.pos_ != "NOUN" or t.lower_ in _DATE_WORDS:
            return None  # "to 10.5 pct today": a date after a figure is when, not what
        while t.dep_ == "compound" and t.head.i > t.i and t.head.pos_ == "NOUN":
            t = t.head
        return t
    return None


def _event_token(root: Token) -> Token | None:
    """What a date dates: the head of its preposition ("collapse in July 2002"), the noun it
    modifies ("a 1985 judgment"), or the verb it hangs on ("set in December")."""
    tok = root
    if tok.dep_ == "pobj" and tok.head.pos_ == "ADP":
        event = tok.head.head
        if event.pos_ not in ("NOUN", "VERB", "PROPN"):
            return None  # "from 3.5 mln bpd in February": the period of a figure, not an event
    elif tok.head.i != tok.i and tok.head.pos_ in ("NOUN", "VERB", "PROPN"):
        event = tok.head
    else:
        return None
    if event.pos_ == "VERB" and event.lemma_.lower() in rules()["statement_verbs"]:
        return None  # "met yesterday, the paper said today": the day it was said dates no event
    if event.pos_ == "VERB" and event.lemma_.lower() in rules()["generic_verbs"]:
        # "saw the firm collapse in July 2002", "led to the collapse in 2002": the event is below
        inner = next((c for c in event.children if c.dep_ in ("ccomp", "xcomp") and c.pos_ == "VERB"), None)
        inner = (
            inner
            or _prep_object(event, ("to",))
            or next((c for c in event.children if c.dep_ == "dobj"), None)
        )
        if inner is None and event.head.i != event.i and event.head.pos_ in ("VERB", "NOUN"):
            inner = event.head  # "met in Vienna starting April 2": the meeting starts
        return inner or event
    return event


def _share_of(num: Token, measure: Token | None) -> bool:
    """Whether the measure is what a percentage is of ("83 pct of the outstanding stock"): then
    "outstanding" names the base of the share, and the share is a stake like any other."""
    unit = num.head if num.head.lower_ in ("pct", "percent", "%", "per") else num
    return (
        measure is not None
        and measure.head.dep_ == "prep"
        and measure.head.lower_ == "of"
        and (measure.head.head.i in (unit.i, num.i))
    )


def _prep_object(tok: Token, preps: tuple[str, ...]) -> Token | None:
    return next(
        (
            c
            for p in tok.children
            if p.dep_ == "prep" and p.lower_ in preps
            for c in p.children
            if c.dep_ == "pobj"
        ),
        None,
    )


def _measure_name(tok: Token) -> str:
    """The measure noun with its compound modifiers ("tax bill"), lemmatised and canonicalised; a
    verb with the entity it acts on ("deal of USAir": buying USAir, not Piedmont)."""
    if tok.pos_ == "VERB":
        canon = rules()["canonical"]
        name = canon.get(tok.lemma_.lower(), tok.lemma_.lower())
        offered = tok.dep_ == "xcomp" and canon.get(tok.head.lemma_.lower()) == "offer"
        return "offer" if name == "deal" and offered else name  # "offered to acquire Taft for 145 dlrs"
    kept = [c.lower_ for c in tok.children if c.dep_ == "amod" and c.lower_ in rules()["measure_modifiers"]]
    parts = [c.lemma_.lower() for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "NOUN"]
    lemma = tok.lemma_.lower()
    canon = rules()["canonical"]
    surface = " ".join([*parts, tok.lower_])  # spaCy lemmatises "taxes" to "taxis", "sales" to "sale"
    full = " ".join([*parts, lemma])
    name = canon.get(surface) or canon.get(full) or canon.get(tok.lower_) or canon.get(lemma)
    name = name or canonical_unit(lemma) or lemma  # a counted noun: "nations" and "countries" are one
    owed = _owed_to(tok) if name in rules()["owed_measures"] else None
    if owed is not None:
        name += f" to {owed.lemma_.lower()}"  # "debt to commercial banks" is a part of "foreign debt"
    return " ".join([*sorted(kept), name])  # "initial offer", "outstanding share" are measures apart


def _owed_to(tok: Token) -> Token | None:
    """Whom a debt is owed to: its "to" object ("debt to commercial banks", "debt owed to private
    banks", also when the parse hangs "owed" on the unit of "68 bn dlrs of debt"), or the noun after
    a "to" right behind it that the parse hung elsewhere ("payments on its debt to banks on May 1")."""
    nouns = [tok] + ([tok.head.head] if tok.head.lower_ == "of" and _is_unit(tok.head.head) else [])
    preps = [c for n in nouns for c in n.children if c.dep_ == "prep"]
    preps += [
        p for n in nouns for c in n.children if c.dep_ == "acl" and c.lemma_ == "owe" for p in c.children
    ]
    for prep in preps:
        if prep.dep_ in ("prep", "dative") and prep.lower_ == "to":
            obj = next((o for o in prep.children if o.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.lower_ == "to":
        return next((t for t in tok.doc[nxt.i + 1 : nxt.i + 4] if t.pos_ in ("NOUN", "PROPN")), None)
    return None


def _target(tok: Token) -> str | None:
    """What a deal or offer is for: a deal verb's object entity ("acquire USAir"), the "of" object
    of a share of it ("50.1 pct of Piedmont"), the issuer of shares ("50 pct of Piedmont's stock"),
    or an offer's "for" object ("offer for USAir")."""
    candidates = [c for c in tok.children if c.dep_ == "dobj"]
    if tok.lemma_.lower() in rules()["issued_measures"]:
        candidates += [tok]  # "50 pct of Piedmont's stock": the issuer is its possessor
    if canonical_measure(tok.lemma_) == "stake":
        # "a 25 pct interest in Hongkong Aircraft Engineering" is not the stake in Cathay
        candidates += [o for p in tok.children if p.dep_ == "prep" and p.lower_ == "in" for o in p.children]
    candidates += [
        o for p in tok.children if p.dep_ in ("prep", "dative") and p.lower_ == "for" for o in p.children
    ]
    for obj in candidates:
        if _is_unit(obj) or obj.lower_ in ("half", "all", "part", "rest"):
            obj = _prep_object(obj, ("of",)) or obj
        named = obj if obj.pos_ == "PROPN" else None
        named = named or next(
            (c for c in obj.lefts if c.dep_ in ("poss", "compound") and c.pos_ == "PROPN"), None
        )
        if named is None or named.ent_type_ in _NOT_NAMES or named.text in MONTHS_TITLE:
            continue
        if any(ch.isdigit() for ch in named.text):
            continue  # "$7.3bn" tagged as a proper noun
        # the small NER model misses rarer names (Piedmont): a proper noun names the target itself
        return _entity_name(named) or _clean(canonical(named.text))
    return None


def _reference_place(num: Token) -> str | None:
    """The place a distance is measured from ("120 miles (200 km) east of Bahrain", "60 miles from
    Iran's Lavan island"): two distances from two places are two facts, however alike their
    sentences. The parse of such phrases varies, so the words after the unit are read in order."""
    unit = num.head if num.head.lower_ in rules()["distance_words"] else None
    if unit is None:
        return None
    doc, end = unit.doc, min(unit.sent.end, unit.i + 8)
    prep = next((t for t in doc[unit.i + 1 : end] if t.lower_ in ("from", "of")), None)
    if prep is None or any(t.pos_ == "VERB" for t in doc[unit.i + 1 : prep.i]):
        return None
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if obj is None:
        return None
    names = [t for t in obj.subtree if t.i < obj.i and t.pos_ == "PROPN" and t.dep_ == "compound"]
    named = obj if obj.pos_ == "PROPN" else (names[-1] if names else None)
    return None if named is None else _entity_name(named) or _clean(canonical(named.text))


def _governor(tok: Token) -> Token:
    """The verb whose clause holds the token (the root when none)."""
    t = tok
    for _ in range(12):
        if t.pos_ in ("VERB", "AUX") or t.head.i == t.i:
            return t
        t = t.head
    return t


def _holder(
    governor: Token, measure: Token | None, lead: Lead | None = None, unit: Token | None = None
) -> str | None:
    """Whose figure: the governing verb's subject entity (up through controlled clauses: "Euronext is
    rumoured to have facilities to fund a £1.4bn bid"), else the measure's name modifier. A named
    possessor of the measure comes first: in "the sale cut GM's holding to 10%" the holding is GM's."""
    for noun in (measure, unit):
        owner = _possessor(noun, lead) if noun is not None else None
        if owner:
            return owner
    bidder = _bidder(measure, unit) if measure is not None else None
    if bidder:
        return bidder
    verb = governor
    for _ in range(6):
        if verb.pos_ == "ADJ" and verb.dep_ == "acomp":
            verb = verb.head  # "it was likely to suspend ...": the subject of "was"
        if verb.pos_ not in ("VERB", "AUX"):
            break
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
            subject = verb.head  # "McManus and Magnier, who own a 29% stake"
        pronoun = subject if subject is not None and subject.pos_ == "PRON" else None
        if pronoun is not None:
            subject = _antecedent(verb) or subject  # "S and P said it downgraded ...", "Iraq, which said it"
        if subject is not None:
            name = (
                _entity_name(subject)
                or _owner_name(subject)
                or _descriptor(subject, lead)
                or (_descriptor(pronoun, lead) if pronoun is not None else None)
            )
            if name:
                return name
            break
        if verb.dep_ not in ("xcomp", "advcl", "relcl", "conj") or verb.head.i == verb.i:
            break
        verb = verb.head
    if measure is not None and measure.lemma_.lower() not in rules()["issued_measures"]:
        for c in measure.children:
            if c.dep_ in ("poss", "compound", "nmod") and c.pos_ == "PROPN":
                name = _entity_name(c)
                if name:
                    return name
    return None


def _bidder(measure: Token, unit: Token | None = None) -> str | None:
    """Who makes an offer or deal named by its "from"/"by" phrase (on the offer or on its figure's
    unit): "a 40 dlr offer from Emery" is Emery's, whatever the sentence's subject."""
    if measure.pos_ != "NOUN" or _measure_name(measure) not in rules()["single_event_measures"]:
        return None
    for prep in [c for noun in (measure, unit) if noun is not None for c in noun.children]:
        if prep.dep_ == "prep" and prep.lower_ in ("from", "by"):
            obj = next((o for o in prep.children if o.dep_ == "pobj"), None)
            name = _entity_name(obj) if obj is not None else None
            if name:
                return name
    return None


def _possessor(measure: Token, lead: Lead | None = None) -> str | None:
    """The entity a measure noun is possessed by: "GM's stake", "the country's debt", and "its debt"
    after "Brazil's attempt to pay off its debt" (a possessive pronoun stands for the nearest named
    clause subject up the parse, else for the document's lead name)."""
    poss = next((c for c in measure.children if c.dep_ == "poss"), None)
    if poss is None or measure.lemma_.lower() in rules()["issued_measures"]:
        return None  # "50 pct of Piedmont's stock": Piedmont issued the stock, it is the target
    if poss.pos_ != "PRON":
        return _entity_name(poss) or _descriptor(poss, lead)
    if poss.lower_ not in ("its", "their"):
        return None
    tok = poss.head
    for _ in range(10):  # the nearest clause subject up the tree with a name: whose "its" it is
        subject = next(
            (c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ != "PRON"), None
        )
        name = subject is not None and (_entity_name(subject) or _owner_name(subject))
        if name:
            return name
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return _descriptor(poss, lead)


def _descriptor(tok: Token, lead: Lead | None) -> str | None:
    """The document's lead name a descriptor stands for: "the company" and "it" in a story about
    Texaco are Texaco, "the country" in one about Ecuador is Ecuador."""
    if not lead:
        return None
    if tok.pos_ == "PRON":
        if tok.lower_ not in ("it", "its"):
            return None
        return max(lead.values(), key=lambda named: named[1])[0]
    label = rules()["holder_descriptors"].get(tok.lemma_.lower())
    if label is None or not any(c.lower_ == "the" for c in tok.children):
        return None
    return lead[label][0] if label in lead else None


def count_names(sent: Span, seen: Counter) -> None:
    """Add the sentence's company and country names to a document's running count (not a headline's
    capitals, which the model tags poorly, and never a news agency)."""
    for e in sent.ents:
        if e.label_ not in ("ORG", "GPE") or (e.text.isupper() and len(e.text) > 4):
            continue
        name = _clean(canonical(e.text))
        if name and name.lower() not in rules()["not_lead_names"]:
            seen[(e.label_, name)] += 1


def lead_names(seen: Counter) -> Lead:
    """The document's most named company and country so far, with their counts: what "the
    company", "the country" and "it" most likely stand for (ties go to the first named)."""
    lead: Lead = {}
    for (label, name), n in seen.most_common():
        lead.setdefault(label, (name, n))
    return lead


def _antecedent(verb: Token) -> Token | None:
    """Who a pronoun subject stands for: the subject of the reporting clause above, or the noun a
    relative clause above hangs on."""
    clause = verb
    for _ in range(4):
        if clause.head.i == clause.i:
            return None
        if clause.dep_ == "relcl":
            return clause.head
        clause = clause.head
        subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.pos_ != "PRON":
            return subject
        if subject is not None and clause.dep_ == "relcl":
            return clause.head
    return None


def _owner_name(noun: Token) -> str | None:
    """The entity a subject noun belongs to: "Saudi production", "Nigeria's output"."""
    for c in noun.children:
        if c.dep_ in ("poss", "compound", "amod", "nmod") and c.pos_ in ("PROPN", "ADJ"):
            name = _entity_name(c)
            if name:
                return name
    return None


def _entity_name(tok: Token) -> str | None:
    ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end and e.label_ in _HOLDER_LABELS), None)
    return None if ent is None else _clean(canonical(ent.text))


def _clean(name: str) -> str | None:
    """A name without tickers ("<GY>") and corporate suffixes ("Texaco Inc" is "Texaco")."""
    words = _TICKER.sub(" ", name).replace("<", " ").replace(">", " ").split()
    suffixes = rules()["holder_suffixes"]
    while len(words) > 1 and words[-1].lower().rstrip(".") in suffixes:
        words.pop()
    return " ".join(words) or None


def _period(
    sent: Span, num: Token, governor: Token, measure: Token | None, doc_date: date | None
) -> tuple[str | None, Interval | None, bool]:
    """The date a figure refers to, as shown and as days: one on its measure ("February output",
    which NER may read as part of a name; "an average for February") before one of its clause."""
    own: list[str] = [
        o.text for t in (num, num.head) for o in [_prep_object(t, ("in", "for", "during"))] if o
    ]
    if measure is not None:
        own += [c.text for c in measure.lefts if c.dep_ in ("compound", "amod", "nmod", "npadvmod")]
        own += [o.text for o in [_prep_object(measure, ("for", "in", "of"))] if o is not None]
    clause = [
        e.text
        for e in sent.ents
        if (e.label_ == "DATE" or (e.label_ == "CARDINAL" and SPLIT_YEAR.fullmatch(e.text)))  # "for 1987/88"
        and _governor(e.root).i == governor.i
    ]
    for k, text in enumerate([*own, *clause]):
        days = normalise_date(text, doc_date)
        if days is not None:
            return describe_days(days), days, k < len(own)
    return None, None, False


def _possible(sent: Span, governor: Token) -> bool:
    """Speculation about the figure: a modal on its clause ("may raise its bid to £1.5bn"), a
    conditional ("unless it receives backing from at least 75%"), a demand or condition it is the
    content of ("asked it to post a bond of"), or a rumour in its sentence."""
    r = rules()
    if any(t.lemma_.lower() in r["rumour_words"] or t.lower_ in r["rumour_words"] for t in sent):
        return True
    verb = governor
    for _ in range(4):  # the figure's own clause, up through "to"-clauses only
        if any(c.dep_ == "aux" and c.lower_ in r["possible_modals"] for c in verb.children):
            return True
        if any(c.dep_ == "mark" and c.lower_ in r["conditionals"] for c in verb.children):
            return True
        if verb.dep_ in ("ccomp", "xcomp", "acl") and verb.head.lemma_.lower() in r["demand_words"]:
            return True  # "asked Texaco to post a 5.6 bn bond", "a condition that 80 pct be tendered"
        if verb.dep_ != "xcomp" or verb.head.i == verb.i:
            break
        verb = verb.head
    return False


def _tokens_after(sent: Span, end: int) -> list[Token]:
    return [t for t in sent if t.idx - sent.start_char >= end]


def _aspect(num: Token, sent: Span, end: int, governor: Token) -> str:
    r = rules()
    if _possible(sent, governor):
        return "possible"
    if governor.lemma_.lower() in r["change_verbs"] and governor.head.lemma_.lower() in r["target_verbs"]:
        return "forecast"  # "agreed to cut output to 15.8 mln bpd": a target, not output
    before = sent.doc[num.i - 1] if num.i > sent.start else None
    while (
        before is not None
        and before.i > sent.start
        and (before.is_punct or before.is_currency or _is_unit(before))
    ):
        before = sent.doc[before.i - 1]  # "by £200m": past the currency sign
    if (
        before is not None
        and before.lower_ == "by"
        and any(t.lemma_.lower() in r["change_verbs"] for t in sent)
    ):
        return "change"
    skip = r["per_words"] | {"a", "an", "per", "-"}
    after = [t for t in _tokens_after(sent, end) if t.lower_ not in skip and not _is_unit(t)]
    if after and after[0].lower_ in r["change_after"]:
        return "change"
    start = min(
        (
            t.i
            for t in sent
            if t.i <= num.i
            and t.idx - sent.start_char >= 0
            and num.i - t.i < 4
            and (t.like_num or t.pos_ == "NUM" or t.i == num.i or _is_unit(t))
        ),
        default=num.i,
    )
    if start > sent.start and sent.doc[start - 1].lower_ in r["change_before"]:
        return "change"
    if start > sent.start and sent.doc[start - 1].lower_ in r["additional_before"]:
        return "additional"
    if any(
        c.dep_ == "prep" and c.lower_ in r["besides_words"] and not c.left_edge.i <= num.i <= c.right_edge.i
        for c in governor.children
    ):
        return "additional"
    tok = num
    for _ in range(4):
        head = tok.head
        if head.i == tok.i:
            break
        changed = head.head.lemma_.lower() in r["change_verbs"]
        if tok.dep_ == "pobj" and head.lower_ in ("by", "to", "from") and changed:
            # "cut its stake to 10%": the level after an event, not the level at any time
            return {"by": "change", "to": "new level", "from": "previous"}[head.lower_]
        if head.pos_ == "NOUN" and head.lemma_.lower() in r["change_nouns"] and tok.dep_ != "pobj":
            return "change"
        if (
            tok.dep_ == "pobj"
            and head.lower_ in ("to", "from")
            and head.head.lemma_.lower() in r["change_nouns"]
        ):
            return "level" if head.lower_ == "to" else "previous"
        if head.pos_ in ("VERB", "AUX"):
            break
        tok = head
    if tok.dep_ in ("dobj", "npadvmod") and governor.lemma_.lower() in r["change_verbs"]:
        return "change"
    words = {governor.lemma_.lower(), *(c.lemma_.lower() for c in governor.children if c.dep_ == "aux")}
    if words & r["forecast_words"] or governor.head.lemma_.lower() in r["forecast_words"]:
        return "forecast"
    future = r["future_auxiliaries"] & {c.lower_ for c in governor.children if c.dep_ == "aux"}
    if future and governor.head.lemma_.lower() in r["estimate_words"]:
        # "an analyst estimates Swire's profits will be 1.525 billion"; "Noranda estimated that the
        # fire caused 10 mln dlrs in damage" is the damage as reported
        return "estimate"
    return "level"
