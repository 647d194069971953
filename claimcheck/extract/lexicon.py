"""The word lists behind the structural checks, read from the data files in extract/data/.

Antonym and synonym predicates, negators, light verbs and attribution wrappers are lists a
reviewer should be able to read and extend without touching code, so they live in small
tab-separated files (`#` starts a comment) and are loaded once per process. Alignment (which
claims may share an event) and verification (whether two predicates conflict) read the same lists.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

SAME = "same"
ANTONYM = "antonym"


def rows(name: str) -> list[tuple[str, ...]]:
    """The non-comment rows of a data file, each split at tabs, lower-cased and stripped."""
    text = files("claimcheck.extract").joinpath("data", name).read_text(encoding="utf-8")
    return [
        tuple(cell.strip().lower() for cell in line.split("\t"))
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]


@lru_cache(maxsize=1)
def _groups() -> dict[str, str]:
    """Each synonym to its group's first word."""
    out: dict[str, str] = {}
    for group in rows("synonyms.tsv"):
        for word in group:
            out.setdefault(word, group[0])
    return out


def canonical_lemma(lemma: str) -> str:
    """The lemma of a synonym group's first word ("hike" -> "raise"); other lemmas unchanged."""
    lemma = lemma.lower()
    return _groups().get(lemma, lemma)


@lru_cache(maxsize=1)
def _antonyms() -> frozenset[frozenset[str]]:
    return frozenset(frozenset(canonical_lemma(w) for w in pair) for pair in rows("antonyms.tsv"))


def relation(a: str, b: str) -> str | None:
    """SAME when two predicate lemmas name one predicate, ANTONYM when opposite outcomes, else None."""
    ca, cb = canonical_lemma(a), canonical_lemma(b)
    if ca == cb:
        return SAME
    return ANTONYM if frozenset((ca, cb)) in _antonyms() else None


@lru_cache(maxsize=1)
def predicate_nouns() -> frozenset[str]:
    """Nouns that name a change or outcome themselves ("prime rate increases", "the cut")."""
    return frozenset(w for pair in rows("antonyms.tsv") for w in pair)


@lru_cache(maxsize=1)
def polarity_words() -> dict[str, str]:
    """Word -> how it acts on a predicate: "neg", "implicative", "modifier", "modal", "focus",
    "subject" or "part" (polarity.tsv)."""
    return {word: role for word, role in rows("polarity.tsv")}


@lru_cache(maxsize=1)
def exclusive_acts() -> frozenset[str]:
    """Acts one actor alone can do to one object (exclusive.txt), as canonical lemmas."""
    return frozenset(canonical_lemma(row[0]) for row in rows("exclusive.txt"))


@lru_cache(maxsize=1)
def light_verbs() -> frozenset[str]:
    return frozenset(row[0] for row in rows("light_verbs.txt"))


@lru_cache(maxsize=1)
def attribution_verbs() -> frozenset[str]:
    return frozenset(word for word, role in rows("attribution.tsv") if role == "verb")


@lru_cache(maxsize=1)
def attribution_phrases() -> tuple[str, ...]:
    """Wrapper phrases, longest first so "repeating its view that" wins over shorter ones."""
    return tuple(
        sorted((w for w, role in rows("attribution.tsv") if role == "phrase"), key=len, reverse=True)
    )


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    return frozenset(row[0] for row in rows("function_words.txt"))
