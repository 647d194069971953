"""The predicates of a clause with their actors, objects and polarity, read off spaCy's parse.

verify/structure.py compares them across stories: "USAir rejected the offer" vs "USAir accepted
the offer" (antonym predicates, same arguments), "has pleaded guilty" vs "has not pleaded guilty"
(one predicate, opposite polarity), "Kenteris won gold" vs "Thanou won gold" (one act, another
actor). The parse of a small model is often wrong, so this reads only what it can read reliably
(direct dependents of the predicate) and leaves a predicate out rather than guessing.

Polarity follows the clause down: a predicate is denied by its own negation ("did not free"), by a
negating verb above it ("failed to reach"), by a negated verb or noun above it ("no longer has an
agreement to sell") and by a negating adjective on the noun above it ("an unsuccessful attempt to
halt"). The words are in data/polarity.tsv.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from claimcheck.core.types import Predication
from claimcheck.extract.entities import canonical
from claimcheck.extract.lexicon import (
    attribution_verbs,
    canonical_lemma,
    light_verbs,
    polarity_words,
    predicate_nouns,
)

ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART"}
PRONOUNS = frozenset("it its they them their he him his she her we us our i you who which that this".split())
_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
_OBJECTS = ("dobj", "attr", "oprd", "acomp")
_INHERIT = ("xcomp", "acl", "conj", "advcl", "relcl", "pcomp")  # dependents that share the head's actor


def predications(span: Span, speaker: Token | None = None) -> tuple[Predication, ...]:
    """One Predication per verb (and per change noun: "rate increases") in `span`, in text order.

    `speaker` is the source of an attribution wrapper stripped off `span` ("Bankers Trust said it
    has lowered ..."): a pronoun actor inside the claim is taken to be the speaker.
    """
    return tuple(_predication(tok, span, speaker) for tok in span if _is_predicate(tok))


def _is_predicate(tok: Token) -> bool:
    lemma = tok.lemma_.lower()
    if tok.pos_ == "VERB":
        return (
            lemma not in light_verbs()
            and lemma not in attribution_verbs()
            and polarity_words().get(lemma) != "modal"
        )
    return tok.pos_ == "NOUN" and lemma in predicate_nouns()


def _predication(tok: Token, span: Span, speaker: Token | None) -> Predication:
    particle = next((c.lower_ for c in tok.children if c.dep_ == "prt"), None)
    lemma = tok.lemma_.lower() + (f" {particle}" if particle else "")
    if tok.pos_ == "NOUN":  # a change noun's actor is its possessor or "by" agent, never inherited
        subject_tokens = [c for c in tok.children if c.dep_ == "poss"] + _pobjs(tok, ("by",))
    else:
        subject_tokens = _subject(tok, span)
    own = any(c.dep_ in ("nsubj", "agent", "poss") for c in tok.children) or bool(_pobjs(tok, ("by",)))
    if speaker is not None and subject_tokens and all(t.lower_ in PRONOUNS for t in subject_tokens):
        subject_tokens = [speaker]
    passive = any(c.dep_ == "nsubjpass" for c in tok.children)
    agent = [g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if passive:
        objects = [c for c in tok.children if c.dep_ == "nsubjpass"]
        subject_tokens = agent
    elif tok.dep_ == "acl" and tok.tag_ == "VBN":  # "the embargo imposed on China": the noun is acted on
        objects = [tok.head]
    else:
        objects = [c for c in tok.children if c.dep_ in _OBJECTS]
    if tok.pos_ == "NOUN":
        objects = [c for c in tok.children if c.dep_ == "compound"] + _pobjs(tok, ("of", "in"))
        subject_tokens = [t for t in subject_tokens if t not in objects]
    if not objects and tok.pos_ == "VERB":
        # "suspend or bar Mr Livingstone": coordinated verbs share the object the last one carries
        objects = [c for v in tok.conjuncts if v.i > tok.i for c in v.children if c.dep_ in _OBJECTS][:1]
    if not objects:
        objects = _pobjs(tok, None)[:1]
    subject = _keys(subject_tokens)
    subject_label = next((_label(t) for t in subject_tokens if _label(t)), None)
    args = subject_tokens + objects + _pobjs(tok, None)
    entities = tuple(
        dict.fromkeys(
            k[len("entity:") :] for t in args for k in _keys([t], deep=True) if k.startswith("entity:")
        )
    )
    return Predication(
        lemma=lemma,
        text=tok.text + (f" {particle}" if particle else ""),
        negated=_negated(tok, span),
        modal=_modal(tok, span),
        frame=_frame(tok, span),
        nominal=tok.pos_ == "NOUN",
        own_subject=own and bool(subject_tokens),
        subject=subject,
        subject_label=subject_label,
        object=_keys(objects, deep=True),
        possessed=any(c.dep_ == "poss" and c.lower_ in PRONOUNS for o in objects for c in o.children),
        entities=entities,
    )


def _subject(tok: Token, span: Span) -> list[Token]:
    """The actor: the predicate's own subject, or the one of the verb it depends on ("agreed to sell")."""
    seen = 0
    while seen < 8:
        own = [c for c in tok.children if c.dep_ in _SUBJECTS]
        if own:
            head = own[0]
            return [] if head.dep_ == "nsubjpass" else [head, *head.conjuncts]
        if tok.dep_ not in (*_INHERIT, "dobj", "pobj", "prep"):
            return []
        if tok.head is tok or not (span.start <= tok.head.i < span.end):
            return []
        tok = tok.head
        seen += 1
    return []


def _pobjs(tok: Token, preps: tuple[str, ...] | None) -> list[Token]:
    return [
        g
        for c in tok.children
        if c.dep_ in ("prep", "dative", "agent") and (preps is None or c.lower_ in preps)
        for g in c.children
        if g.dep_ == "pobj"
    ]


def _keys(tokens: list[Token], deep: bool = False) -> tuple[str, ...]:
    """Argument keys: the named entity a token is part of (or, deep, any entity inside its phrase,
    "station WOR"), else its lemma; pronouns say nothing about who it is and give no key."""
    out = []
    for t in tokens:
        for u in [t, *t.conjuncts]:
            if u.ent_type_ in ("DATE", "TIME"):
                continue
            ent = _entity(u)
            if ent is not None:
                out.append(f"entity:{ent}")
            elif u.pos_ == "PROPN":  # a name the small NER model missed ("Thanou")
                out.append(f"entity:{canonical(_proper_name(u))}")
            elif u.lower_ not in PRONOUNS and u.pos_ in ("NOUN", "PROPN", "ADJ", "NUM"):
                out.append(f"lemma:{canonical_lemma(u.lemma_)}")
            if deep:
                for c in u.children:
                    if c.dep_ in ("compound", "appos", "poss", "nmod") and _entity(c) is not None:
                        out.append(f"entity:{_entity(c)}")
    return tuple(dict.fromkeys(out))


def _entity(tok: Token) -> str | None:
    if tok.ent_iob_ == "O" or tok.ent_type_ not in ENTITY_LABELS:
        return None
    ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
    return canonical(ent.text) if ent is not None else None


def _proper_name(tok: Token) -> str:
    """A proper noun with the proper nouns compounded into it ("Chase Manhattan")."""
    parts = [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < tok.i]
    return tok.doc[parts[0].i : tok.i + 1].text if parts else tok.text


def _label(tok: Token) -> str | None:
    return tok.ent_type_ if tok.ent_type_ in ENTITY_LABELS else None


def _embedded(tok: Token) -> bool:
    """A predicate that completes another word ("agreed to sell", "an attempt to halt")."""
    if tok.dep_ in ("xcomp", "acl", "pcomp"):
        return True
    if tok.tag_ == "VBG" and tok.dep_ in ("ccomp", "dobj", "pobj", "nsubj") and not _has_aux(tok):
        return True  # a gerund without an auxiliary is a topic, not a report ("include TWA obtaining")
    if tok.dep_ == "relcl":  # restricts its noun ("households that do not own a computer")
        return True
    # A to-infinitive states an aim, not an act ("plans ... to lift the embargo").
    return tok.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _has_aux(tok: Token) -> bool:
    return any(c.dep_ in ("aux", "auxpass") for c in tok.children)


def _frame(tok: Token, span: Span) -> str:
    """The canonical lemma of the word `tok` completes, passing through negating verbs ("failed to
    reach" is framed like "reached"): a sale agreed is not a sale made, so frames must match."""
    words = polarity_words()
    steps = 0
    while _embedded(tok) and steps < 8:
        head = tok.head
        if head is tok or not (span.start <= head.i < span.end):
            return ""
        if words.get(head.lemma_.lower()) != "implicative":
            return canonical_lemma(head.lemma_)
        tok = head
        steps += 1
    return ""


def _own_negation(tok: Token) -> bool:
    words = polarity_words()
    flips = 0
    for c in tok.children:
        if c.dep_ == "neg" or (c.dep_ in ("advmod", "det") and words.get(c.lower_) == "neg"):
            flips += 1
        elif c.dep_ == "advmod" and any(g.dep_ == "neg" for g in c.children):  # "no longer"
            flips += 1
        elif c.dep_ == "amod" and words.get(c.lower_) == "modifier":
            flips += 1
        elif c.dep_ in ("nsubj", "nsubjpass") and _nobody(c, words):
            flips += 1
    return flips % 2 == 1


def _nobody(subject: Token, words: dict[str, str]) -> bool:
    """A subject that names nobody: "None of the banks", "No bank", "Neither company's board"."""
    if words.get(subject.lower_) == "subject":
        return True
    owners = [subject, *(c for c in subject.children if c.dep_ == "poss")]
    return any(
        d.dep_ in ("det", "preconj") and words.get(d.lower_) in ("subject", "neg")
        for o in owners
        for d in o.children
    )


def _negated(tok: Token, span: Span) -> bool:
    """Own negation, flipped by every negating or negated word on the way up the clause.

    A denial focused on a purpose or manner clause ("did not acquire it just to get a foothold")
    denies that clause, not the predicate: such a predicate counts as affirmed.
    """
    negated = _own_negation(tok)
    if not negated and _alternative(tok):
        return _negated(tok.head, span)  # "has no power to suspend or bar him" denies both
    if negated and _focused(tok):
        return False
    words = polarity_words()
    steps = 0
    # Up through complements and the objects they hang on, never through a preposition: "will not be
    # punished for missing tests" does not deny the missing.
    while tok.dep_ in ("xcomp", "acl", "dobj") and steps < 8:
        head = tok.head
        if head is tok or not (span.start <= head.i < span.end):
            break
        if head.pos_ in ("VERB", "AUX", "ADJ") and words.get(head.lemma_.lower()) == "implicative":
            negated = not negated
        if head.pos_ in ("VERB", "AUX", "NOUN", "ADJ") and _own_negation(head):
            negated = not negated
        tok = head
        steps += 1
    return negated


def _alternative(tok: Token) -> bool:
    """Whether the verb is an alternative to the one before it ("suspend or bar", "neither ... nor"):
    a denial of the pair then denies each. Not "and" ("did not resign and remains in office")."""
    return tok.dep_ == "conj" and any(c.dep_ == "cc" and c.lower_ in ("or", "nor") for c in tok.head.children)


def _focused(tok: Token) -> bool:
    words = polarity_words()
    return any(
        c.dep_ in ("advcl", "xcomp", "prep", "advmod")
        and any(words.get(g.lower_) == "focus" for g in c.subtree)
        for c in tok.children
    )


def _modal(tok: Token, span: Span) -> bool:
    """A possibility or intention: a modal auxiliary, or a modal verb above it ("seeks to buy")."""
    words = polarity_words()
    steps = 0
    while steps < 8:
        if any(c.dep_ == "aux" and words.get(c.lemma_.lower()) == "modal" for c in tok.children):
            return True
        if tok.dep_ not in ("xcomp", "acl", "dobj", "pobj", "prep", "pcomp", "conj"):
            return False
        head = tok.head
        if head is tok or not (span.start <= head.i < span.end):
            return False
        if words.get(head.lemma_.lower()) == "modal":
            return True
        tok = head
        steps += 1
    return False
