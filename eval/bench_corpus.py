"""The news corpus `eval/bench_pipeline.py` benches: BBC stories from the shared data folder.

Development code: the package's `claimcheck bench PATH` benches whatever corpus it is given;
this module builds the one eval/RESULTS.md reports, grouped into stories so that several
sources speak about the same events, in an order where any prefix is a corpus of whole stories.
"""

from __future__ import annotations

import gzip
import json
import math
import os
import re
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from claimcheck.core.errors import InputError
from claimcheck.core.types import Document

BBC_FILE = "news/bbc_news_greene2006.jsonl.gz"
STORY_SIZE = 4  # sources per story in the generated corpus
_WORD = re.compile(r"[a-z][a-z'-]{3,}")
_RARE_DF = 40  # a word in more articles than this says nothing about which story an article is


def data_dir(explicit: Path | None) -> Path:
    """The shared data folder: --data, else $CLAIMCHECK_DATA, else ../shared/data if present."""
    for candidate in (explicit, os.environ.get("CLAIMCHECK_DATA"), "../shared/data"):
        if candidate is not None and (Path(candidate) / BBC_FILE).is_file():
            return Path(candidate)
    where = explicit or os.environ.get("CLAIMCHECK_DATA") or "../shared/data"
    raise InputError(f"no BBC news corpus at {Path(where) / BBC_FILE} (pass --data or set CLAIMCHECK_DATA)")


def read_bbc(root: Path) -> list[dict]:
    with gzip.open(root / BBC_FILE, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def story_order(articles: Sequence[dict], size: int = STORY_SIZE) -> list[list[dict]]:
    """Articles grouped into stories of up to `size` sources, best-overlapping stories first.

    Two articles are close when their headline and first paragraph share rare words (idf
    weighted); each story is a seed article and its closest unassigned neighbours in the
    same section. Deterministic (ties broken by id), so the corpus and finding ids are too.
    Lexical, not MiniLM: grouping 2,225 articles must not cost more than checking them.
    """
    words = [set(_WORD.findall(f"{a['title']} {a['text'].split(chr(10))[0]}".lower())) for a in articles]
    df: dict[str, int] = defaultdict(int)
    for ws in words:
        for w in ws:
            df[w] += 1
    index: dict[str, list[int]] = defaultdict(list)
    for i, ws in enumerate(words):
        for w in ws:
            if 2 <= df[w] <= _RARE_DF:
                index[w].append(i)
    section = [a["source"] for a in articles]
    scores: list[dict[int, float]] = []
    for i, ws in enumerate(words):
        s: dict[int, float] = defaultdict(float)
        for w in sorted(ws):  # a fixed order of float sums: set order changes with PYTHONHASHSEED
            for j in index.get(w, ()):
                if j != i and section[j] == section[i]:
                    s[j] += math.log(len(articles) / df[w])
        scores.append(s)
    best = [max(s.values(), default=0.0) for s in scores]
    seeds = sorted(range(len(articles)), key=lambda i: (-best[i], articles[i]["id"]))
    taken: set[int] = set()
    stories = []
    for i in seeds:
        if i in taken:
            continue
        near = sorted(
            (j for j in scores[i] if j not in taken), key=lambda j: (-scores[i][j], articles[j]["id"])
        )
        story = [i, *near[: size - 1]]
        taken.update(story)
        stories.append([articles[j] for j in story])
    return stories


def news_documents(root: Path) -> list[Document]:
    """Every BBC article as a Document, in story order (a prefix of any length is a corpus)."""
    docs = []
    for story in story_order(read_bbc(root)):
        for a in story:
            docs.append(Document(a["id"], f"{root / BBC_FILE}#{a['id']}", f"{a['title']}\n{a['text']}\n"))
    return docs
