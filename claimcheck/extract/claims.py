"""Documents to atomic claims: quantities, dates and other factual statements.

One claim states one fact: a sentence with two numbers gives two quantity claims, and
"The UK and Portugal signalled readiness" gives one claim per country. Every claim keeps
the offsets of its evidence (the sentence or headline it came from) in its document.
"""

from __future__ import annotations

import hashlib
import re
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import date

from spacy.tokens import Span, Token

from claimcheck.core.settings import DEFAULTS, ExtractSettings
from claimcheck.core.types import Claim, Document, Frame, Interval, Quantity
from claimcheck.extract.attribution import content_span, speaker
from claimcheck.extract.dateline import document_date
from claimcheck.extract.dates import NUMERIC_DATE, describe_days, is_invalid_date, normalise_date
from claimcheck.extract.entities import canonical
from claimcheck.extract.frames import Lead, count_names, date_frame, lead_names, quantity_frame
from claimcheck.extract.frames import rules as frame_rules
from claimcheck.extract.nlp import get_nlp
from claimcheck.extract.numbers import QuantityMention, find_quantities
from claimcheck.extract.predicates import predications
from claimcheck.extract.scores import scores
from claimcheck.extract.segment import cut_long, split_units
from claimcheck.extract.units import MONEY, canonical_unit, conversion

ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT"}
HEDGE_WORDS = {
    "could",
    "might",
    "may",
    "would",
    "should",
    "likely",
    "unlikely",
    "potentially",
    "possibly",
    "perhaps",
    "probably",
    "reportedly",
    "allegedly",
    "rumour",
    "rumor",
    "speculate",
    "seem",
    "appear",
    "feel",
    "suggest",
    "hint",
    "speculation",
    "if",
    "whether",
    "undoubtedly",
    "arguably",
    "wonder",
    "question",
}
REPORTING_VERBS = {
    "say",
    "claim",
    "reveal",
    "announce",
    "state",
    "report",
    "indicate",
    "emphasize",
    "argue",
    "warn",
    "tell",
    "add",
    "confirm",
    "deny",
    "describe",
    "label",
    "note",
    "insist",
    "assert",
    "stress",
}


def extract_claims(
    docs: Sequence[Document],
    settings: ExtractSettings = DEFAULTS.extract,
    progress: Callable[[int, int], None] | None = None,
) -> list[Claim]:
    """All claims of all documents, in document order; spaCy runs once over every unit.

    A document's dateline is no claim (its span is blanked before segmenting, offsets kept); its
    date anchors the document's relative dates. Lines over `max_unit_chars` are parsed in pieces
    (with a warning naming the document), and batches hold at most `parse_batch_chars`, so memory
    stays bounded whatever the input. `progress(done, total)` is called as each document's last
    unit is parsed (a progress bar).
    """
    jobs = []
    for doc in docs:
        dateline = document_date(doc)
        text = " " * dateline.end + doc.text[dateline.end :]
        units = split_units(text, settings.wrap_min_words)
        long = sum(len(u.text) > settings.max_unit_chars for u in units)
        if long:
            warnings.warn(
                f"{doc.path or doc.id}: {long} line(s) over {settings.max_unit_chars:,} characters "
                "parsed in pieces (a data blob or an unwrapped dump?)",
                LongLineWarning,
                stacklevel=2,
            )
        jobs += [(doc, dateline.day, piece) for u in units for piece in cut_long(u, settings.max_unit_chars)]
    claims: list[Claim] = []
    done = 0
    names: dict[str, Counter] = {}  # per document, the companies and countries named so far
    parsed_units = _parse([u.text for _, _, u in jobs], settings)
    for i, ((doc, day, unit), parsed) in enumerate(zip(jobs, parsed_units, strict=True)):
        sents = [parsed[:]] if unit.is_line else list(parsed.sents)
        seen = names.setdefault(doc.id, Counter())
        for sent in sents:
            count_names(sent, seen)
            claims += sentence_claims(doc, sent, unit.start, settings, day, lead_names(seen))
        if progress is not None and (i + 1 == len(jobs) or jobs[i + 1][0] is not doc):
            done += 1
            progress(done, len(docs))
    return _with_ids(claims)


class LongLineWarning(UserWarning):
    """A document had lines too long to parse whole; they were parsed in pieces."""


def _parse(texts: Sequence[str], settings: ExtractSettings) -> Iterable:
    """spaCy docs for `texts` in order, in batches of at most parse_batch_size texts and
    parse_batch_chars characters (one text longer than that is a batch of its own)."""
    nlp = get_nlp()
    batch: list[str] = []
    chars = 0
    for text in texts:
        if batch and (
            len(batch) >= settings.parse_batch_size or chars + len(text) > settings.parse_batch_chars
        ):
            yield from nlp.pipe(batch, batch_size=len(batch))
            batch, chars = [], 0
        batch.append(text)
        chars += len(text)
    if batch:
        yield from nlp.pipe(batch, batch_size=len(batch))


def sentence_claims(
    doc: Document,
    sent: Span,
    offset: int,
    settings: ExtractSettings = DEFAULTS.extract,
    doc_date: date | None = None,
    lead: Lead | None = None,
) -> list[Claim]:
    """The atomic claims of one sentence; offset is where the sentence's parse starts in doc,
    doc_date (the document's date, when known) anchors relative dates, and lead names whom "the
    company" and "it" stand for (extract.frames.lead_names)."""
    text = sent.text.strip()
    if len(sent) < 3 or not any(t.is_alpha for t in sent):
        return []
    start = offset + sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
    end = start + len(text)
    entities = tuple(dict.fromkeys(canonical(e.text) for e in sent.ents if e.label_ in ENTITY_LABELS))
    ents = [e for e in sent.ents if e.label_ == "DATE"]
    # spaCy tags "31/02/2020" ORG or nothing: numeric dates are found by pattern as well
    ents += [
        span
        for m in NUMERIC_DATE.finditer(sent.text)
        if not any(m.group() in e.text for e in ents)
        and (span := sent.char_span(m.start(), m.end(), alignment_mode="expand")) is not None
    ]
    ents = _joined_ranges(sorted(ents, key=lambda e: e.start))
    mentions = [e.text for e in ents]
    dates = [(e, normalise_date(e.text, doc_date, settings)) for e in ents]
    years = tuple(sorted({_year(iv.lo()) for _, iv in dates if iv is not None}))
    content = content_span(sent)
    common = dict(
        doc_id=doc.id,
        start=start,
        end=end,
        entities=entities,
        places=_places(sent),
        years=years,
        hedged=is_hedged(sent),
        attribution=attribution(sent),
        sentence=text,
        content=content.text.strip(),
        predications=predications(content, speaker(sent)),
    )
    claims = [
        Claim(id="", text=text, kind="quantity", quantity=q, frame=f, **common)
        for q, f in quantities(sent, settings, doc_date, lead)
    ]
    # A date that is the period of a figure in its clause ("output in February was 16 mln bpd",
    # "closed Friday at 31") is part of that figure's frame, not a dated event of its own.
    # So is a date of the very thing a figure measures ("Nigeria's early March output was about one mln").
    periods = {
        c.frame.period for c in claims if c.frame is not None and c.frame.period and c.frame.period_own
    }
    measured = {c.frame.measure for c in claims if c.frame is not None and c.frame.measure}
    for e, iv in dates:
        frame = date_frame(sent, e, lead)
        if iv is not None and describe_days(iv) not in periods and frame.measure not in measured:
            claims.append(
                Claim(id="", text=text, kind="date", date=iv, date_text=e.text, frame=frame, **common)
            )
    if claims or len(sent) < settings.min_tokens or text.endswith("?") or not _has_verb(sent):
        return claims
    if any(is_invalid_date(t, settings) for t in mentions):
        return []  # "held on 31/02/2020" states no checkable fact: NLI would match it to any date
    texts = atomic_texts(sent)
    contents = atomic_texts(content) if content is not sent else texts
    if len(contents) != len(texts):
        contents = [common["content"]] * len(texts)
    common.pop("content")
    return [
        Claim(id="", text=t, kind="other", content=c, part=k, **common)
        for k, (t, c) in enumerate(zip(texts, contents, strict=True))
    ]


def _joined_ranges(ents: list[Span]) -> list[Span]:
    """One date for "between January 1987 and December 1992": the parser tags two dates, but the
    range is one period, and its ends alone are not what the sentence dates."""
    out: list[Span] = []
    for e in ents:
        prev = out[-1] if out else None
        if (
            prev is not None
            and 0 < e.start - prev.end == 1
            and e.doc[prev.end].lower_ in ("and", "to", "through")
        ):
            opener = prev.start if prev[0].lower_ in ("between", "from") else prev.start - 1
            if opener >= prev.sent.start and e.doc[opener].lower_ in ("between", "from"):
                out[-1] = e.doc[opener : e.end]
                continue
        out.append(e)
    return out


def quantities(
    sent: Span,
    settings: ExtractSettings = DEFAULTS.extract,
    doc_date: date | None = None,
    lead: Lead | None = None,
) -> list[tuple[Quantity, Frame]]:
    """Quantities with a counted thing, each with its frame; a bare number with nothing to count
    is no claim. A per-unit ("dlrs a share") is part of the unit, so a per-share price never
    meets a deal value; a currency conversion in parentheses ("$9.3bn (£5bn)") restates the figure
    before it and is no claim of its own."""
    out = []
    previous: QuantityMention | None = None
    for m in find_quantities(sent.text, settings):
        if previous is not None and _is_conversion(sent.text, previous, m):
            continue
        previous = m
        per = PER_UNIT.match(sent.text, m.end)
        unit = m.unit_hint or (canonical_unit(per.group("money")) if per and per.group("money") else None)
        if unit is None and (whose := age_of(sent, m, settings)) is not None:
            out.append((_quantity(m, "year of age", 1.0), Frame(holder=whose, measure="age", aspect="level")))
            continue
        if unit is None:
            unit = counted_unit(sent, m)
        if unit in SCALE_WORDS:
            # "450-500 mln dlrs in interest and about 96 mln in principal": wire copy drops the
            # currency of a sentence's later sums; they take the one before, or are no claim
            unit = next((q.unit.split(" per ")[0] for q, _ in reversed(out) if q.unit in MONEY), None)
        if unit is None:
            continue
        unit, factor = conversion(unit)
        m = _over_a_span(m, unit)
        if per:
            unit = f"{unit} per {_per(per, unit, sent.text)}"
        frame = quantity_frame(sent, m.start, m.end, doc_date, lead)
        out.append((_quantity(m, unit, factor), frame))
    return _told_apart(out + scores(sent, settings.score_window))


def _told_apart(found: list[tuple[Quantity, Frame]]) -> list[tuple[Quantity, Frame]]:
    """Two figures of one unit and frame in one sentence are two facts the parse could not tell
    apart ("sold WOR for 387 mln dlrs and KHJ for 217 mln dlrs"): number them in sentence order, so
    each meets only its own counterpart in a story that lists them the same way."""
    seen: dict[tuple, int] = {}
    for q, f in found:
        key = (q.unit, f.measure, f.aspect, f.holder)
        seen[key] = seen.get(key, 0) + 1
    out, order = [], dict.fromkeys(seen, 0)
    for q, f in found:
        key = (q.unit, f.measure, f.aspect, f.holder)
        if seen[key] > 1:
            order[key] += 1
            f = replace(f, measure=f"{f.measure or 'figure'} #{order[key]}")
        out.append((q, f))
    return out


# "100 dlrs a share", "530 pence-per-share", "52 dlrs cash per share", "18 dlrs a barrel", and a
# ratio: "1.5 to 1.9 common shares each".
PER_UNIT = re.compile(
    r"[\s-]*(?:(?P<money>dlrs?|dollars?|pence|cents?|stg)[\s-]+)?(?:cash[\s-]+)?(?:a|an|per)[\s-]+"
    r"(?:(?:common|ordinary|preferred|preference)[\s-]+)?"
    r"(?P<per>share|barrel|tonne|ton|ounce|bushel|day|week|month|year)\b"
    r"|(?:\s+[a-z]+){1,2}\s+(?P<per_each>each)\b"
    r"|[\s-]+(?:cash[\s-]+)?(?P<each>each)\b",
    re.I,
)
_SHARES = re.compile(r"\bshares?\b", re.I)


def _per(per: re.Match, unit: str, sentence: str) -> str:
    """What a per-unit counts: a price "each" in a sentence about shares ("28 dlrs each", "2.20
    dlrs cash each for the shares") is a price per share, as "28 dlrs a share" is."""
    if per.group("per"):
        return per.group("per").lower()
    if unit.split(" per ")[0] in MONEY and _SHARES.search(sentence):
        return "share"
    return "each"


SCALE_WORDS = {"mln", "million", "bln", "billion", "bn", "trillion", "thousand"}


def _is_conversion(text: str, before: QuantityMention, m: QuantityMention) -> bool:
    """ "$9.3bn (£5bn)": a sum in brackets right after a sum in another currency."""
    between, after = text[before.end : m.start], text[m.end : m.end + 2]
    money = before.unit_hint in MONEY and m.unit_hint in MONEY
    bracketed = between.strip() == "(" and after.lstrip().startswith(")")
    return money and before.unit_hint != m.unit_hint and bracketed


def _over_a_span(m: QuantityMention, unit: str) -> QuantityMention:
    """ "over six months" is as often "across six months" (the average over six months) as "more
    than six": read it as at least six, which both readings make true, so it never conflicts with
    "six months" and still does with "five"."""
    if m.kind != "gt" or (m.qualifier or "").lower() != "over" or unit not in frame_rules()["span_units"]:
        return m
    return replace(m, kind="ge", interval=Interval(m.interval.low, None, True, False))


def _quantity(m: QuantityMention, unit: str, factor: float) -> Quantity:
    """The mention as a Quantity in canonical units (values times factor)."""
    iv = m.interval
    scaled = Interval(
        None if iv.low is None else iv.low * factor,
        None if iv.high is None else iv.high * factor,
        iv.low_inclusive,
        iv.high_inclusive,
    )
    return Quantity(
        None if m.value is None else m.value * factor,
        scaled if factor != 1 else iv,
        unit,
        m.qualifier,
        m.text,
        m.kind,
        None if m.step is None else m.step * factor,
        m.rounded,
    )


def age_of(sent: Span, m: QuantityMention, settings: ExtractSettings = DEFAULTS.extract) -> str | None:
    """Whose age a bare whole number between commas after a name is ("Thanou, 30, and Kenteris",
    "John Smith, 45, of Leeds"): the name, else None. Wire copy gives ages so and nothing else."""
    base = sent.start_char
    nums = [t for t in sent if m.start <= t.idx - base < m.end and t.like_num]
    if m.kind != "exact" or m.value is None or not m.value.is_integer() or len(nums) != 1:
        return None
    num = nums[0]
    after = num.doc[num.i + 1] if num.i + 1 < len(num.doc) else None
    framed = num.i > 0 and num.doc[num.i - 1].text == "," and (after is None or after.text in ",;.")
    head = num.head
    if not (framed and num.dep_ == "appos" and head.pos_ == "PROPN" and head.i == num.i - 2):
        return None
    if head.ent_type_ in ("GPE", "LOC", "FAC", "DATE") or not 1 <= m.value <= settings.max_age:
        return None
    return canonical(_name(head))


def counted_unit(sent: Span, m: QuantityMention) -> str | None:
    """What a number counts: the noun it modifies ("30 nations"), or the object of "of"."""
    base = sent.start_char
    inside = [t for t in sent if m.start <= t.idx - base < m.end]
    nums = [t for t in inside if t.like_num or t.pos_ == "NUM"] or inside
    if not nums:
        return None
    num = nums[-1]
    candidates: list[Token] = []
    if (
        num.head.pos_ in ("NOUN", "PROPN")
        and num.head.i > num.i
        and num.dep_ in ("nummod", "quantmod", "amod")
    ):
        candidates.append(num.head)
    candidates += [
        c
        for p in num.children
        if p.dep_ == "prep" and p.lower_ == "of"
        for c in p.children
        if c.dep_ == "pobj"
    ]
    after = [t for t in sent[num.i - sent.start + 1 : num.i - sent.start + 4]]
    for t in after:
        if t.pos_ in ("NOUN", "PROPN"):
            candidates.append(t)
            break
        if t.pos_ not in ("ADJ", "NUM", "ADV", "PUNCT") or t.text in ",;":
            break
    for noun in candidates:
        of_obj = next(
            (
                c.lemma_
                for p in noun.children
                if p.dep_ == "prep" and p.lower_ == "of"
                for c in p.children
                if c.dep_ == "pobj"
            ),
            None,
        )
        unit = canonical_unit(noun.lemma_, of_obj)
        if unit:
            return unit
    return None


def is_hedged(sent: Span) -> bool:
    """Speculation, conditionals, opinion, questions and requests are not checkable facts: "the
    suit asks the court to order Cyclops to provide ..." says what was asked for, not what is."""
    if sent.text.rstrip().endswith("?"):
        return True
    demands = frame_rules()["demand_words"]
    return any(t.lemma_.lower() in HEDGE_WORDS or t.lower_ in HEDGE_WORDS for t in sent) or any(
        t.pos_ == "VERB"
        and t.lemma_.lower() in demands
        and any(c.dep_ in ("ccomp", "xcomp") for c in t.children)
        for t in sent
    )


def attribution(sent: Span) -> str | None:
    """Who the sentence says the fact comes from ("Rutte revealed", "according to officials")."""
    for t in sent:
        if t.pos_ == "VERB" and t.lemma_.lower() in REPORTING_VERBS:
            subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None:
                return _span_text(subj)
    for t in sent[:-2]:
        if t.lower_ == "according" and t.nbor(1).lower_ == "to":
            obj = next((c for c in t.nbor(1).children if c.dep_ == "pobj"), None)
            if obj is not None:
                return _span_text(obj)
    return None


def atomic_texts(sent: Span) -> list[str]:
    """The sentence once per conjunct of a coordinated subject or object."""
    text = sent.text.strip()
    root = sent.root
    for dep in ("nsubj", "nsubjpass", "dobj"):
        head = next((c for c in root.children if c.dep_ == dep and c.conjuncts), None)
        if head is None or head.pos_ not in ("NOUN", "PROPN"):
            continue
        conj = [head, *head.conjuncts]
        lo = head.left_edge.idx - sent.start_char
        hi = max(c.right_edge.idx + len(c.right_edge) for c in conj) - sent.start_char
        return [" ".join((sent.text[:lo] + _own_span(c) + sent.text[hi:]).split()) for c in conj]
    return [text]


def _own_span(tok: Token) -> str:
    """A conjunct without its own coordinated tail ("The UK" out of "The UK and Portugal")."""
    skip = {t.i for c in tok.children if c.dep_ in ("conj", "cc") for t in c.subtree}
    skip |= {c.i for c in tok.children if c.dep_ == "punct"}
    kept = [t for t in tok.subtree if t.i not in skip]
    return tok.doc[kept[0].i : kept[-1].i + 1].text


def _places(sent: Span) -> tuple[str, ...]:
    """Where the claim is located: proper nouns after "in"/"at", and place names used as
    modifiers ("Paris security talks"). The small NER model misses rarer names (Kyiv), so
    the parse decides, not the entity label."""
    places = []
    for t in sent:
        if t.pos_ != "PROPN" or t.ent_type_ in ("DATE", "PERSON", "NORP", "ORG"):
            continue
        located = t.dep_ == "pobj" and t.head.lower_ in ("in", "at")
        modifier = t.dep_ == "compound" and t.ent_type_ in ("GPE", "LOC", "FAC")
        if located or modifier:
            places.append(canonical(_name(t)))
    return tuple(dict.fromkeys(places))


def _name(tok: Token) -> str:
    """The whole proper name a token heads ("East Timor" for "Timor")."""
    if tok.ent_iob_ != "O":
        ent = next(e for e in tok.doc.ents if e.start <= tok.i < e.end)
        return ent.text
    left = tok
    while left.i > 0 and tok.doc[left.i - 1].dep_ == "compound" and tok.doc[left.i - 1].pos_ == "PROPN":
        left = tok.doc[left.i - 1]
    return tok.doc[left.i : tok.i + 1].text


def _has_verb(sent: Span) -> bool:
    return any(t.pos_ in ("VERB", "AUX") for t in sent)


def _span_text(tok: Token) -> str:
    return tok.doc[tok.left_edge.i : tok.right_edge.i + 1].text


def _year(ordinal: float) -> int:
    return date.fromordinal(int(ordinal)).year


def _with_ids(claims: Iterable[Claim]) -> list[Claim]:
    """Ids from content, not position: an edit elsewhere in the corpus leaves them alone."""
    seen: dict[str, int] = {}
    out = []
    for c in claims:
        q = c.quantity.text if c.quantity else (c.date_text or "")
        key = hashlib.sha1(f"{c.kind}|{c.text}|{q}".encode()).hexdigest()[:10]
        n = seen.get(f"{c.doc_id}:{key}", 0)
        seen[f"{c.doc_id}:{key}"] = n + 1
        cid = f"{c.doc_id}:{key}" + (f".{n}" if n else "")
        out.append(_replace_id(c, cid))
    return out


def _replace_id(c: Claim, cid: str) -> Claim:
    return replace(c, id=cid)
