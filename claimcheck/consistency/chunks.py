"""A document as premise-sized chunks: sentences plus sliding windows of sentences.

The NLI model reads at most `max_length` tokens, and a premise cut off at the tokenizer loses
its tail without a word. So a document is never handed over whole: it is split into sentences
(hard-split at whitespace when one runs past `max_sentence_chars`, e.g. an unpunctuated
transcript), and windows of consecutive sentences are added for claims whose support spans a
sentence boundary. Sentence chunks cover every non-whitespace character of the document, so
nothing is silently left out; every chunk's `text` is `doc[start:end]`.

This is a fast, regex-based splitter (no parser): a consistency eval reads thousands of long
documents, and a boundary a little off only shifts text between neighbouring chunks, which
the windows then see together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimcheck.core.settings import DEFAULTS, ConsistencySettings

# A sentence ends at . ! ? or … (with closing quotes/brackets) before whitespace, or at a line
# break whose line does not read as wrapped mid-sentence (ending in a letter or comma, followed
# by a line starting in lower case).
_BOUNDARY = re.compile(r"""[.!?…]+["'”’)\]]*(?=\s)|\n(?!\s*[a-z])|\n\s*\n""")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Chunk:
    start: int
    end: int
    text: str
    kind: str  # "sentence" | "window"
    first: int  # index of the first sentence in the chunk
    last: int  # index of the last sentence (== first for a sentence)


def sentence_spans(
    text: str, max_chars: int = DEFAULTS.consistency.max_sentence_chars
) -> list[tuple[int, int]]:
    """(start, end) of each sentence, whitespace trimmed, none longer than `max_chars`."""
    spans = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        spans += _trimmed_pieces(text, start, m.end(), max_chars)
        start = m.end()
    spans += _trimmed_pieces(text, start, len(text), max_chars)
    return spans


def _trimmed_pieces(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    """The stretch [start, end) trimmed, and cut at whitespace into pieces of at most max_chars."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    pieces = []
    while end - start > max_chars:
        cut = max((m.start() for m in _SPACE.finditer(text, start + 1, start + max_chars + 1)), default=-1)
        if cut <= start:
            cut = start + max_chars  # one token longer than max_chars: cut inside it
        pieces.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        pieces.append((start, end))
    return pieces


def chunk_document(text: str, config: ConsistencySettings = DEFAULTS.consistency) -> list[Chunk]:
    """Sentence chunks in document order, then windows (distinct from any sentence chunk).

    A window that would run past `max_window_chars` is shortened from the end; one that would
    then hold a single sentence is dropped, since that sentence is already a chunk.
    """
    spans = sentence_spans(text, config.max_sentence_chars)
    chunks = [Chunk(s, e, text[s:e], "sentence", i, i) for i, (s, e) in enumerate(spans)]
    if config.window < 2 or len(spans) < 2:
        return chunks
    seen = set()
    for first in range(0, max(1, len(spans) - config.window + 1), config.stride):
        last = min(first + config.window, len(spans)) - 1
        while last > first and spans[last][1] - spans[first][0] > config.max_window_chars:
            last -= 1
        if last == first or (first, last) in seen:
            continue
        seen.add((first, last))
        s, e = spans[first][0], spans[last][1]
        chunks.append(Chunk(s, e, text[s:e], "window", first, last))
    return chunks
