"""Structural verdicts: compare two claims' parses where a small NLI model is blind.

Three conflicts are read off the predicates (extract/predicates.py), each needing the two
predicates to act on the same thing (their objects match, or, when neither has one, their actors):

- negation: the same predicate, affirmed in one story and denied in the other
  ("has pleaded guilty" vs "has not pleaded guilty"; "a successful attempt to halt" vs "an
  unsuccessful attempt to halt");
- antonym: opposite predicates with the same polarity ("rejected the offer" vs "accepted the
  offer"; "lowered its prime rate" vs "prime rate increases"), data/antonyms.tsv;
- swapped actor: the same exclusive act (data/exclusive.txt: one winner, one buyer) on the same
  object credited to two different named actors of one kind ("Kenteris won the gold" vs "Thanou
  won the gold"), unless the object is each actor's own
  ("its prime rate": every bank raising its own rate is no conflict) or a sentence names both
  actors ("Apple asked the court to ..." vs "the EFF asked the court to stop Apple ...": two acts).

A fourth check reads no parse: two copies of one sentence that differ by a "not", an opposite
verb or another name (align/edits.py) conflict on that word.

Possibilities and intentions ("may raise", "seeks to buy") assert nothing and are skipped. A
structural verdict is only ever a contradiction; it never decides a figure or a date, so it cannot
overrule arithmetic. When nothing structural is found the pair goes on to NLI (other claims) or
is left alone (pairs across kinds).
"""

from __future__ import annotations

from claimcheck.align.edits import sentence_edit
from claimcheck.align.events import links, overlap, same_entity
from claimcheck.core.settings import DEFAULTS, AlignSettings, VerifySettings
from claimcheck.core.types import Claim, Pair, Predication, Verdict
from claimcheck.extract.lexicon import (
    ANTONYM,
    SAME,
    canonical_lemma,
    exclusive_acts,
    polarity_words,
    relation,
)


def structural_verdict(p: Pair, settings: VerifySettings = DEFAULTS.verify) -> Verdict | None:
    """A contradiction verdict with method "structure", or None when the parses show no conflict.

    The two sentences must also name a common entity: a headline "RAISES PRIME RATE" with no
    parsed actor is no evidence against "rate cuts by Citibank" in another story.
    """
    if p.a.sentence == p.b.sentence or not any(same_entity(e, f) for e in p.a.entities for f in p.b.entities):
        return None
    for x, y, rel in links(p.a, p.b):
        if x.modal or y.modal or x.frame != y.frame or not same_theme(x, y):
            continue
        if _also_says(p.a, y) or _also_says(p.b, x):
            continue  # "taxes were cut ... and taxes were increased": each story says both
        kind = conflict_kind(x, y, rel)
        if kind == "swapped_actor" and (_names(x.subject, p.b.entities) or _names(y.subject, p.a.entities)):
            continue  # both actors are in the story: two acts ("Apple asked the court", "the EFF asked it")
        if kind is not None:
            why = {
                "negation": "the same action affirmed in one and denied in the other",
                "antonym": "opposite actions on the same event",
                "swapped_actor": "the same act credited to different actors",
            }[kind]
            explanation = f"{describe(x)} ({p.a.doc_id}) vs {describe(y)} ({p.b.doc_id}): {why}."
            return Verdict(p, "contradiction", settings.structure_confidence, "structure", explanation)
    return None


_EDIT_WHY = {
    "negation": "one sentence in both, denied in one",
    "antonym": "one sentence in both, with opposite actions",
    "swapped_actor": "one sentence in both, credited to different actors",
}


def edit_verdict(
    p: Pair, config: AlignSettings = DEFAULTS.align, settings: VerifySettings = DEFAULTS.verify
) -> Verdict | None:
    """A contradiction when the two sentences are one sentence with a conflicting edit (align/edits.py)."""
    edit = sentence_edit(p.a, p.b, config)
    if edit is None:
        return None
    a, b = edit.a or "(nothing)", edit.b or "(nothing)"
    explanation = f'"{a}" ({p.a.doc_id}) vs "{b}" ({p.b.doc_id}): {_EDIT_WHY[edit.kind]}.'
    return Verdict(p, "contradiction", settings.structure_confidence, "structure", explanation)


def _also_says(claim: Claim, y: Predication) -> bool:
    """Whether the claim itself states y (same predicate, polarity, theme and actor)."""
    return any(
        relation(x.lemma, y.lemma) == SAME
        and (x.negated, x.frame) == (y.negated, y.frame)
        and same_theme(x, y)
        and not different_actors(x, y)
        for x in claim.predications
    )


def conflict_kind(x: Predication, y: Predication, rel: str) -> str | None:
    """ "negation", "antonym" or "swapped_actor" for two predicates on one theme, else None."""
    actors_differ = different_actors(x, y)
    if _part(x) or _part(y):
        return None  # "half of households own one" says nothing of the other half
    if rel == SAME and x.negated != y.negated and not actors_differ:
        return "negation"
    if rel == ANTONYM and x.nominal and y.nominal and not overlap(x.subject, y.subject):
        return None  # "tax cuts" vs "its tax rises": two nouns need one actor to be one event
    if rel == ANTONYM and x.negated == y.negated and not actors_differ:
        return "antonym"
    if (
        rel == SAME
        and x.negated == y.negated
        and actors_differ
        and canonical_lemma(x.lemma) in exclusive_acts()
        and x.own_subject
        and y.own_subject
        and (x.subject_label == y.subject_label or None in (x.subject_label, y.subject_label))
        and x.object
        and y.object
        and not (x.possessed or y.possessed)
    ):
        return "swapped_actor"
    return None


def same_theme(x: Predication, y: Predication) -> bool:
    """Both act on the same thing: the same head object or a named entity both objects hold, or
    matching actors when neither has an object. A noun the object only mentions is not the theme:
    "raised its offer" and "dropped conditions of its offer" act on two things."""
    if x.object and y.object:
        named = (
            [k for k in x.object if k.startswith("entity:")],
            [k for k in y.object if k.startswith("entity:")],
        )
        return overlap(x.object[:1], y.object[:1]) or overlap(*named)
    if not x.object and not y.object:
        return bool(x.subject and y.subject) and overlap(x.subject, y.subject)
    return False


def different_actors(x: Predication, y: Predication) -> bool:
    """Both actors are named and none of one's names is the other's."""
    named = all(k.startswith("entity:") for k in (*x.subject, *y.subject))
    return bool(x.subject and y.subject) and named and not overlap(x.subject, y.subject)


def describe(x: Predication) -> str:
    """The predicate in words: "USAir rejected offer", "Sullivan not pleaded guilty"."""
    actor = " and ".join(_name(k) for k in x.subject)
    theme = _name(x.object[0]) if x.object else ""
    verb = ("not " if x.negated else "") + x.text
    return " ".join(w for w in (actor, verb, theme) if w)


def _part(x: Predication) -> bool:
    return any(
        polarity_words().get(k.split(":", 1)[1]) == "part" for k in x.subject if k.startswith("lemma:")
    )


def _names(actors: tuple[str, ...], entities: tuple[str, ...]) -> bool:
    """Whether any named actor is among a sentence's entities."""
    return any(same_entity(_name(k), e) for k in actors if k.startswith("entity:") for e in entities)


def _name(key: str) -> str:
    return key.split(":", 1)[1]
