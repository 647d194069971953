"""The one place the flow is wired: load -> extract -> align -> verify -> findings.

The CLI, the notebook API, the Ray runner and the bench all build a `Pipeline` and run it, so
they cannot drift apart (which NLI model, which cache, which settings, which notes). The parts
a user or a test may swap sit behind small Protocols: an extractor (documents -> claims), an
embedder (texts -> unit vectors) and an NLI backend (`verify.nli.NLIModel`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Protocol

import numpy as np

from claimcheck.align.embed import embed, encoder_id
from claimcheck.align.embed_cache import EMBEDDING_FILE, CachedEmbedder
from claimcheck.align.slots import align
from claimcheck.core.result import Result
from claimcheck.core.settings import DEFAULTS, ExtractSettings, Settings
from claimcheck.core.types import Claim, Document, Pair, Verdict
from claimcheck.extract.claims import extract_claims
from claimcheck.infra.cachedir import default_cache_dir
from claimcheck.infra.load import load_corpus
from claimcheck.verify.cache import cached
from claimcheck.verify.findings import to_findings
from claimcheck.verify.nli import NLIModel, load_nli
from claimcheck.verify.rules import check_pairs

NO_NLI_NOTE = "No NLI model available: only quantity and date claims were checked."


class Extractor(Protocol):
    """Documents to claims (claimcheck.extract.claims.extract_claims is the shipped one);
    `progress(done, total)` is told as documents are done."""

    def __call__(
        self,
        docs: Sequence[Document],
        settings: ExtractSettings,
        /,
        progress: Callable[[int, int], None] | None = None,
    ) -> list[Claim]: ...


class Embedder(Protocol):
    """Texts to L2-normalised vectors, one row per text (claimcheck.align.embed.embed)."""

    def __call__(self, texts: Sequence[str], batch_size: int, /) -> np.ndarray: ...


# Called as the stages work, with the stage's name ("extract", "align", "verify"), the items done
# and the items it has (documents, claims, pairs): (stage, 0, n) as it starts, (stage, n, n) as it
# ends, and in between where the stage can tell. A front end shows progress; the core knows not how.
StageHook = Callable[[str, int, int], None]


@dataclass
class Pipeline:
    settings: Settings = DEFAULTS
    nli: NLIModel | None = None
    extractor: Extractor = extract_claims
    embedder: Embedder = embed
    on_stage: StageHook | None = field(default=None, repr=False)

    @classmethod
    def build(
        cls,
        *,
        settings: Settings = DEFAULTS,
        nli_model: str | Path | None = None,
        no_nli: bool = False,
        precision: str = "auto",
        cache_dir: str | Path | None = None,
        use_cache: bool = True,
        on_stage: StageHook | None = None,
    ) -> Pipeline:
        """The shipped pipeline: the named (or default) NLI model behind the verdict cache, loaded
        only when a pair misses it, and the sentence encoder behind the embedding cache.

        `cache_dir` None means the default cache folder; `use_cache=False` reads and writes none.
        Without a usable model this raises ModelError (exit 2 in the CLI) unless `no_nli`: a
        gate that quietly checked figures only would pass what it never read.
        """
        model = (
            None
            if no_nli
            else load_nli(
                nli_model, precision=precision, max_length=settings.verify.nli_max_length, lazy=True
            )
        )
        where = (Path(cache_dir) if cache_dir is not None else default_cache_dir()) if use_cache else None
        embedder = embed if where is None else CachedEmbedder(embed, encoder_id(), where / EMBEDDING_FILE)
        return cls(settings, cached(model, where), embedder=embedder, on_stage=on_stage)

    def extract(self, docs: Sequence[Document]) -> list[Claim]:
        self._stage("extract", 0, len(docs))
        progress = None if self.on_stage is None else partial(self.on_stage, "extract")
        claims = self.extractor(docs, self.settings.extract, progress=progress)
        self._stage("extract", len(docs), len(docs))
        return claims

    def align(self, claims: Sequence[Claim]) -> list[Pair]:
        self._stage("align", 0, len(claims))
        pairs = align(claims, self.settings.align, self.embedder)
        self._stage("align", len(claims), len(claims))
        return pairs

    def verify(self, pairs: Sequence[Pair]) -> list[Verdict]:
        self._stage("verify", 0, len(pairs))
        verdicts = check_pairs(pairs, self.nli, self.settings)
        self._stage("verify", len(pairs), len(pairs))
        return verdicts

    def run(self, docs: Sequence[Document]) -> Result:
        """Every stage over `docs`, timed, into one Result."""
        timings = {}
        t = time.perf_counter()
        claims = self.extract(docs)
        timings["extract"] = time.perf_counter() - t
        t = time.perf_counter()
        # Plain claims are aligned even without a model: the structural checks (negation, antonyms,
        # swapped actors) decide them without NLI.
        pairs = self.align(claims)
        timings["align"] = time.perf_counter() - t
        t = time.perf_counter()
        verdicts = self.verify(pairs)
        timings["check"] = time.perf_counter() - t
        return self.result(docs, claims, pairs, verdicts, timings)

    def result(
        self,
        docs: Sequence[Document],
        claims: list[Claim],
        pairs: list[Pair],
        verdicts: list[Verdict],
        timings: dict[str, float],
        model_id: str | None = None,
    ) -> Result:
        """The Result of stages run here or elsewhere (Ray workers), with the notes they imply."""
        model_id = model_id or getattr(self.nli, "model_id", None)
        notes = [] if model_id is not None else [NO_NLI_NOTE]
        return Result(
            list(docs),
            claims,
            pairs,
            verdicts,
            to_findings(verdicts),
            notes,
            timings,
            model_id,
            self.settings.overrides(),
        )

    def run_paths(
        self, paths: Sequence[str | Path], include: Sequence[str] = (), exclude: Sequence[str] = ()
    ) -> Result:
        """Load the corpus as `claimcheck check` does, then run."""
        return self.run(load_corpus(paths, include, exclude, max_bytes=self.settings.load.max_bytes))

    def _stage(self, name: str, done: int, total: int) -> None:
        if self.on_stage is not None:
            self.on_stage(name, done, total)
