"""Whether two claims speak about one event: a related predicate with a shared argument.

Topic similarity is not enough for NLI: in a one-event news cluster every sentence is about the same
companies, and NLI scores merely different sentences ("Euronext also began talks" vs "trades are
cleared via Clearnet") as contradictions. Two claims share an event when some predicate of one and
some predicate of the other are the same or synonyms or antonyms (extract/data/*.tsv), and the two
also share an argument: an actor, an object or a named entity among their arguments.
"""

from __future__ import annotations

from collections.abc import Iterable

from claimcheck.core.types import Claim, Predication
from claimcheck.extract.lexicon import relation

# Words that name the kind of organisation, not which one: "Chemical Bank" and "Chase Manhattan Bank"
# share "Bank" but are different banks.
_GENERIC = frozenset(
    "inc corp corporation co company ltd plc group bank banks trust national international holdings "
    "and of the & - s.a. ag nv".split()
)


def _tokens(name: str) -> frozenset[str]:
    words = name.lower().replace("-", " ").replace(".", " ").split()
    return frozenset(w for w in words if w not in _GENERIC and len(w) > 1)


def same_entity(a: str, b: str) -> bool:
    """One entity under two spellings: equal names, or the distinctive words of one contained in the
    other's ("MCA" and "MCA Inc", "WOR" and "WOR-TV", "Bankers Trust" and "Bankers Trust Co")."""
    if a == b:
        return True
    ta, tb = _tokens(a), _tokens(b)
    if ta and tb and (ta <= tb or tb <= ta):
        return True
    return _initials(a, b) or _initials(b, a)


def _initials(short: str, long: str) -> bool:
    """An all-capitals name that spells the initials of the other ("GM", "General Motors")."""
    words = long.replace("-", " ").split()
    return short.isupper() and 1 < len(short) == len(words) and short == "".join(w[0] for w in words).upper()


def same_key(a: str, b: str) -> bool:
    """Two argument keys ("entity:..." or "lemma:...") that name the same thing."""
    if a.startswith("entity:") and b.startswith("entity:"):
        return same_entity(a[7:], b[7:])
    return a == b


def overlap(a: Iterable[str], b: Iterable[str]) -> bool:
    b = list(b)
    return any(same_key(x, y) for x in a for y in b)


def shared_argument(p: Predication, q: Predication) -> bool:
    """Some actor, object or argument entity of p is one of q's."""
    mine = (*p.subject, *p.object, *(f"entity:{e}" for e in p.entities))
    theirs = (*q.subject, *q.object, *(f"entity:{e}" for e in q.entities))
    return overlap(mine, theirs)


def links(a: Claim, b: Claim) -> list[tuple[Predication, Predication, str]]:
    """(p, q, relation) for predicates of a and b that are the same or antonyms and share an argument."""
    out = []
    for p in a.predications:
        for q in b.predications:
            rel = relation(p.lemma, q.lemma)
            if rel is not None and shared_argument(p, q):
                out.append((p, q, rel))
    return out


def shares_event(a: Claim, b: Claim) -> bool:
    return bool(links(a, b))
