"""Two copies of one sentence, one of them edited: a denied, opposite or swapped word is the conflict.

Wire services and broadcasters re-run one paragraph, and when two sources carry one sentence word for
word but for a "not", an opposite verb or another name in one place ("said Ken Kutaragi, chief
operating officer" vs "said Kevin Krewell, chief operating officer"), the two disagree on that
word and on nothing else. The parses and NLI often miss it: the swapped name breaks the shared
argument the event gate needs, and a small model reads two near-identical sentences as entailment.

The rule is strict on purpose: the sentences must match word for word (figures masked) to
`edit_min_ratio`, no figure may sit in a changed span (arithmetic decides figures), and every
changed span must be one of: a negation added or removed (with auxiliaries: "did not free" vs
"freed"), one predicate swapped for its antonym, one named entity for another, or an insertion of a
few words that names nobody and denies nothing ("right now"). Any other change (a reworded clause, a
different date, "criminal" for "civil") means the sentences are not one sentence edited, and the
pair is left to the other checks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from claimcheck.align.events import same_entity
from claimcheck.core.settings import DEFAULTS, AlignSettings
from claimcheck.core.types import Claim
from claimcheck.extract.lexicon import ANTONYM, function_words, polarity_words, relation

_TOKEN = re.compile(r"n't|\w+(?:[-'.&/]\w+)*|[^\w\s]")
_NAME_JOINERS = frozenset(("of", "and", "&", "de", "van", "von", "-", "'s"))
# Prefixes that deny the word they are put on ("legal" / "illegal").
_NEGATING_PREFIXES = ("il", "im", "in", "ir", "un", "non", "non-", "dis")


@dataclass(frozen=True)
class Edit:
    kind: str  # "negation" | "antonym" | "swapped_actor"
    a: str  # the span as the first sentence has it ("" for an insertion)
    b: str  # the span as the second sentence has it


@lru_cache(maxsize=1)
def _negators() -> frozenset[str]:
    return frozenset(w for w, role in polarity_words().items() if role in ("neg", "subject"))


def sentence_edit(a: Claim, b: Claim, config: AlignSettings = DEFAULTS.align) -> Edit | None:
    """The conflicting edit between two claims' sentences when they are one sentence edited, else None
    (the `edit_*` settings say how alike and how small)."""
    ta, tb = _TOKEN.findall(a.sentence), _TOKEN.findall(b.sentence)
    la, lb = [t.lower() for t in ta], [t.lower() for t in tb]
    matcher = SequenceMatcher(
        None, [re.sub(r"\d", "0", t) for t in la], [re.sub(r"\d", "0", t) for t in lb], autojunk=False
    )
    floor = config.edit_min_ratio
    # the quick ratios are upper bounds of ratio(): most pairs of an align run fail them cheaply
    if matcher.real_quick_ratio() < floor or matcher.quick_ratio() < floor or matcher.ratio() < floor:
        return None
    found: Edit | None = None
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        xa, xb = la[i1:i2], lb[j1:j2]
        if any(ch.isdigit() for t in xa + xb for ch in t):
            return None
        kind = _edit_kind(xa, xb, " ".join(ta[i1:i2]), " ".join(tb[j1:j2]), a, b, config)
        reach = config.edit_modal_reach
        if kind is None or (
            kind != "detail" and (_modal(la[i2 : i2 + reach]) or _modal(lb[j2 : j2 + reach]))
        ):
            return None
        if kind != "detail":
            if found is not None:
                return None  # two edits: a rewritten sentence, not one sentence with one change
            found = Edit(kind, " ".join(ta[i1:i2]), " ".join(tb[j1:j2]))
    return found


def _modal(words: list[str]) -> bool:
    """Whether "would", "may", "could" follow the edit: a possibility ("a merger between MCI and Qwest
    would be the fifth deal"), which two stories can state of two bidders without disagreeing."""
    roles = polarity_words()
    return any(roles.get(w) == "modal" for w in words)


def _edit_kind(
    xa: list[str], xb: list[str], ra: str, rb: str, a: Claim, b: Claim, config: AlignSettings
) -> str | None:
    negators, filler = _negators(), function_words()
    if sum(t in negators for t in xa) != sum(t in negators for t in xb):
        rest_a = [t for t in xa if t not in negators and t not in filler]
        rest_b = [t for t in xb if t not in negators and t not in filler]
        same_word = len(rest_a) == len(rest_b) and all(
            x[:4] == y[:4] for x, y in zip(rest_a, rest_b, strict=True)
        )
        return "negation" if same_word else None
    if len(xa) == 1 and len(xb) == 1:
        x, y = xa[0], xb[0]
        if any(x == p + y or y == p + x for p in _NEGATING_PREFIXES):
            return "negation"
        if relation(_lemma(x, a), _lemma(y, b)) == ANTONYM:
            return "antonym"
        if x[:1] == y[:1] and SequenceMatcher(None, x, y).ratio() >= config.edit_spelling_ratio:
            return "detail"
    na, nb = _named(ra, a), _named(rb, b)
    if na and nb and _is_name(ra) and _is_name(rb):
        if any(same_entity(x, y) for x in na for y in nb):
            return "detail"  # one entity under two spellings ("MCA" / "MCA Inc")
        return "swapped_actor" if max(len(xa), len(xb)) <= config.edit_max_name else None
    if not (na or nb) and all(t in filler for t in xa + xb):
        return "detail"
    if not (na or nb) and (not xa or not xb) and len(xa + xb) <= config.edit_max_insert:
        return "detail"
    return None


def _is_name(span: str) -> bool:
    """A span of capitalised words ("Nicholls of Birkenhead"), not a phrase with one in it ("The Tory
    leader", "Mr Howard last week")."""
    return all(w[:1].isupper() or w in _NAME_JOINERS for w in _TOKEN.findall(span))


def _lemma(word: str, claim: Claim) -> str:
    """The predicate lemma the parse gave this word form ("rejected" -> "reject"), else the word."""
    for p in claim.predications:
        if p.text.lower().split()[:1] == [word]:
            return p.lemma
    return word


def _named(span: str, claim: Claim) -> list[str]:
    """The claim's entities that share a capitalised word with the span ("Nicholls of Birkenhead" and
    "Lord Nicholls")."""
    words = {w for w in _TOKEN.findall(span) if w[:1].isupper() and len(w) > 1}
    return [e for e in claim.entities if words & set(_TOKEN.findall(e))]
