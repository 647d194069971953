"""The claim inside an attribution wrapper: "X said that <claim>", "<claim>, the company said",
"according to X, <claim>", "repeating its view that <claim>", "we believe <claim>".

Why strip it: NLI reads "Texaco repeated its view that the sale was illegal" and "we believe the
sale was illegal" as different statements (who says it differs), and flags paraphrases as
contradictions. The claim keeps its attribution (`Claim.attribution`); only what NLI and the
structural checks read loses the wrapper. The wrappers are listed in data/attribution.tsv.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from claimcheck.extract.lexicon import attribution_phrases, attribution_verbs

_EDGE_PUNCT = frozenset(",;:-—–")


def content_span(sent: Span) -> Span:
    """The part of `sent` that states the fact; `sent` itself when no wrapper is found."""
    lowered = sent.text.lower()
    for phrase in attribution_phrases():
        at = lowered.find(phrase + " ")
        if at < 0:
            continue
        if phrase.endswith(" that"):
            return _after_that(sent, at + len(phrase) - len("that"))
        return _drop_according(sent, at)
    root = sent.root
    if root.lemma_.lower() in attribution_verbs():
        comp = next((c for c in root.children if c.dep_ == "ccomp"), None)
        if comp is not None:
            inner = sent.doc[comp.left_edge.i : comp.right_edge.i + 1]
            if inner and inner[0].dep_ == "mark" and inner[0].lower_ in ("that", "whether"):
                inner = inner[1:]
            return _trim(inner) if len(inner) else sent
    return sent


def speaker(sent: Span) -> Token | None:
    """Who a reporting root ("Bankers Trust said ...") attributes the claim to, as a token."""
    root = sent.root
    if root.lemma_.lower() not in attribution_verbs():
        return None
    return next((c for c in root.children if c.dep_ == "nsubj"), None)


def _after_that(sent: Span, at: int) -> Span:
    """The clause introduced by the "that" at char `at`: "repeating its view that <the sale was illegal>"."""
    found = sent.char_span(at, at + len("that"), alignment_mode="expand")
    if found is None or found.end >= sent.end:
        return sent
    that = found.start
    tok = sent.doc[that + 1]
    while tok.head is not tok and tok.head.left_edge.i >= that and tok.head.right_edge.i < sent.end:
        tok = tok.head
    inner = sent.doc[max(that + 1, tok.left_edge.i) : tok.right_edge.i + 1]
    return _trim(inner) if len(inner) else sent


def _drop_according(sent: Span, at: int) -> Span:
    """Without the "according to X" phrase: the clause before or after it, whichever holds the verb."""
    start = sent.char_span(at, at + 1, alignment_mode="expand")
    if start is None:
        return sent
    according = start[0]
    phrase = sent.doc[according.left_edge.i : according.right_edge.i + 1]
    before = sent.doc[sent.start : phrase.start]
    after = sent.doc[phrase.end : sent.end]
    kept = after if len(after) >= len(before) else before
    return _trim(kept) if len(kept) else sent


def _trim(span: Span) -> Span:
    """Without edge punctuation (the comma left by "..., the company said")."""
    lo, hi = span.start, span.end
    while lo < hi and span.doc[lo].text in _EDGE_PUNCT:
        lo += 1
    while hi > lo and span.doc[hi - 1].text in _EDGE_PUNCT:
        hi -= 1
    return span.doc[lo:hi]
