"""The word lists of the structural checks (extract/data/*.tsv), as tables: what each entry means."""

from __future__ import annotations

import pytest

from claimcheck.extract.lexicon import (
    ANTONYM,
    SAME,
    attribution_phrases,
    attribution_verbs,
    canonical_lemma,
    light_verbs,
    polarity_words,
    relation,
    rows,
)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("rise", "fall", ANTONYM),
        ("raise", "cut", ANTONYM),
        ("approve", "reject", ANTONYM),
        ("agree", "refuse", ANTONYM),
        ("sell", "retain", ANTONYM),
        ("win", "lose", ANTONYM),
        ("increase", "cut", ANTONYM),
        ("hike", "lower", ANTONYM),  # through the synonym groups: hike ~ raise, lower ~ cut
        ("accept", "turn down", ANTONYM),
        ("restart", "shut down", ANTONYM),  # production "will restart" vs "will remain shut down"
        ("resume", "suspend", ANTONYM),
        ("release", "detain", None),  # detained abroad, released at home: two events, not opposites
        ("raise", "increase", SAME),
        ("bid", "offer", SAME),
        ("agree", "agreement", SAME),
        ("sell", "sell", SAME),
        ("sell", "buy", None),  # one sale seen from the buyer's side is no conflict
        ("rise", "announce", None),
    ],
)
def test_relation(a: str, b: str, expected: str | None) -> None:
    assert relation(a, b) == expected
    assert relation(b, a) == expected


def test_no_antonym_pair_falls_inside_one_synonym_group() -> None:
    for pair in rows("antonyms.tsv"):
        assert len(pair) == 2, pair
        assert canonical_lemma(pair[0]) != canonical_lemma(pair[1]), pair


def test_each_word_is_in_one_synonym_group_only() -> None:
    seen: dict[str, int] = {}
    for n, group in enumerate(rows("synonyms.tsv")):
        for word in group:
            assert seen.setdefault(word, n) == n, word


@pytest.mark.parametrize(
    ("word", "role"),
    [
        ("not", "neg"),
        ("never", "neg"),
        ("fail", "implicative"),
        ("unsuccessful", "modifier"),
        ("may", "modal"),
    ],
)
def test_polarity_words(word: str, role: str) -> None:
    assert polarity_words()[word] == role


def test_polarity_and_attribution_roles_are_known() -> None:
    assert set(polarity_words().values()) <= {
        "neg",
        "implicative",
        "modifier",
        "modal",
        "focus",
        "part",
        "subject",
    }
    assert {role for _, role in rows("attribution.tsv")} == {"verb", "phrase"}
    assert {"say", "believe", "repeat"} <= attribution_verbs()
    assert attribution_phrases()[0] == max(attribution_phrases(), key=len)  # longest phrase tried first
    assert "be" in light_verbs() and "sell" not in light_verbs()
