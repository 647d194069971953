"""Chunking: offsets are exact, sentences cover the whole document, nothing exceeds its budget."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.consistency.chunks import chunk_document, sentence_spans
from claimcheck.core.settings import ConsistencySettings

WORDS = st.sampled_from(
    ["the", "Nations", "met", "35", "U.S.", "over", "done.", "why?", "wow!", "x" * 30, "a,"]
)
SEPARATORS = st.sampled_from([" ", "  ", "\n", "\n\n", " \t", ". ", "! ", "\n- "])
TEXTS = st.lists(st.tuples(WORDS, SEPARATORS), max_size=80).map(lambda ws: "".join(w + s for w, s in ws))
CONFIGS = st.builds(
    ConsistencySettings,
    max_sentence_chars=st.integers(8, 120),
    window=st.integers(1, 4),
    stride=st.integers(1, 3),
    max_window_chars=st.integers(20, 300),
)


@settings(max_examples=150, deadline=None)
@given(TEXTS | st.text(max_size=300), CONFIGS)
def test_offsets_exact_and_whole_document_covered(text: str, config: ConsistencySettings) -> None:
    chunks = chunk_document(text, config)
    for c in chunks:
        assert c.text == text[c.start : c.end]
        assert c.text == c.text.strip() and c.text
    sentences = [c for c in chunks if c.kind == "sentence"]
    covered = set()
    for prev, nxt in zip(sentences, sentences[1:], strict=False):
        assert prev.end <= nxt.start  # in order, never overlapping
    for c in sentences:
        assert len(c.text) <= config.max_sentence_chars
        covered.update(range(c.start, c.end))
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())
    for w in (c for c in chunks if c.kind == "window"):
        assert w.last > w.first
        assert len(w.text) <= config.max_window_chars
        assert w.start == sentences[w.first].start and w.end == sentences[w.last].end


@pytest.mark.parametrize(
    "text, expected",
    [
        ("One fact. Another fact!", ["One fact.", "Another fact!"]),
        ('He said "no." Then left.', ['He said "no."', "Then left."]),
        ("A headline\nThe body starts here.", ["A headline", "The body starts here."]),
        ("a line that wraps\nonto the next one.", ["a line that wraps\nonto the next one."]),
        ("first para\n\nsecond para", ["first para", "second para"]),
        ("3.5 percent rose.", ["3.5 percent rose."]),
        ("   ", []),
    ],
)
def test_sentence_boundaries(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in sentence_spans(text)] == expected


def test_unpunctuated_transcript_is_cut_at_whitespace_not_truncated() -> None:
    text = " ".join(f"word{i}" for i in range(400))  # 2,690 characters, no full stop
    spans = sentence_spans(text, max_chars=100)
    assert len(spans) > 20
    assert all(e - s <= 100 for s, e in spans)
    assert all(not text[s:e].startswith(" ") and re.fullmatch(r"[\w ]+", text[s:e]) for s, e in spans)
    assert " ".join(text[s:e] for s, e in spans) == text


def test_windows_join_neighbouring_sentences() -> None:
    text = "A one. B two. C three. D four."
    windows = [c.text for c in chunk_document(text, ConsistencySettings(window=2)) if c.kind == "window"]
    assert windows == ["A one. B two.", "B two. C three.", "C three. D four."]
    assert [c.kind for c in chunk_document("Only one sentence.")] == ["sentence"]
