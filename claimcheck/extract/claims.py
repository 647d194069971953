"""Documents to atomic claims: quantities, dates and other factual statements.

One claim states one fact: a sentence with two numbers gives two quantity claims, and
"The UK and Portugal signalled readiness" gives one claim per country. Every claim keeps
the offsets of its evidence (the sentence or headline it came from) in its document.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date

from spacy.tokens import Span, Token

from claimcheck.core.settings import DEFAULTS, ExtractSettings
from claimcheck.core.types import Claim, Document, Quantity
from claimcheck.extract.attribution import content_span, speaker
from claimcheck.extract.dates import normalise_date
from claimcheck.extract.entities import canonical
from claimcheck.extract.nlp import get_nlp
from claimcheck.extract.numbers import QuantityMention, find_quantities
from claimcheck.extract.predicates import predications
from claimcheck.extract.segment import split_units
from claimcheck.extract.units import canonical_unit

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


def extract_claims(docs: Sequence[Document], settings: ExtractSettings = DEFAULTS.extract) -> list[Claim]:
    """All claims of all documents, in document order; spaCy runs once over every unit."""
    jobs = [(doc, unit) for doc in docs for unit in split_units(doc.text, settings.wrap_min_words)]
    claims: list[Claim] = []
    nlp = get_nlp()
    for (doc, unit), parsed in zip(
        jobs, nlp.pipe([u.text for _, u in jobs], batch_size=settings.parse_batch_size), strict=True
    ):
        sents = [parsed[:]] if unit.is_line else list(parsed.sents)
        for sent in sents:
            claims += sentence_claims(doc, sent, unit.start, settings)
    return _with_ids(claims)


def sentence_claims(
    doc: Document, sent: Span, offset: int, settings: ExtractSettings = DEFAULTS.extract
) -> list[Claim]:
    """The atomic claims of one sentence; offset is where the sentence's parse starts in doc."""
    text = sent.text.strip()
    if len(sent) < 3 or not any(t.is_alpha for t in sent):
        return []
    start = offset + sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
    end = start + len(text)
    entities = tuple(dict.fromkeys(canonical(e.text) for e in sent.ents if e.label_ in ENTITY_LABELS))
    dates = [(e, normalise_date(e.text, settings=settings)) for e in sent.ents if e.label_ == "DATE"]
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
        Claim(id="", text=text, kind="quantity", quantity=q, **common) for q in quantities(sent, settings)
    ]
    claims += [
        Claim(id="", text=text, kind="date", date=iv, date_text=e.text, **common)
        for e, iv in dates
        if iv is not None
    ]
    if claims or len(sent) < settings.min_tokens or text.endswith("?") or not _has_verb(sent):
        return claims
    texts = atomic_texts(sent)
    contents = atomic_texts(content) if content is not sent else texts
    if len(contents) != len(texts):
        contents = [common["content"]] * len(texts)
    common.pop("content")
    return [
        Claim(id="", text=t, kind="other", content=c, **common) for t, c in zip(texts, contents, strict=True)
    ]


def quantities(sent: Span, settings: ExtractSettings = DEFAULTS.extract) -> list[Quantity]:
    """Quantities with a counted thing; a bare number with nothing to count is no claim."""
    out = []
    for m in find_quantities(sent.text, settings):
        unit = counted_unit(sent, m)
        if m.unit_hint:
            measured = measured_noun(sent, m)
            unit = f"{m.unit_hint} of {measured}" if measured else m.unit_hint
        if unit:
            out.append(Quantity(m.value, m.interval, unit, m.qualifier, m.text))
    return out


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


def measured_noun(sent: Span, m: QuantityMention) -> str | None:
    """What a percentage or sum is of: "20 percent of Ukrainian territory" -> territory."""
    after = [t for t in sent if t.idx - sent.start_char >= m.end][:5]
    for t in after:
        if t.pos_ in ("NOUN", "PROPN"):
            while t.dep_ == "compound" and t.head.i > t.i:
                t = t.head
            return t.lemma_.lower()
        if t.pos_ not in ("ADP", "ADJ", "DET") and t.lower_ != "of":
            return None
    return None


def is_hedged(sent: Span) -> bool:
    """Speculation, conditionals, opinion and questions are not checkable facts."""
    if sent.text.rstrip().endswith("?"):
        return True
    return any(t.lemma_.lower() in HEDGE_WORDS or t.lower_ in HEDGE_WORDS for t in sent)


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
