"""The pipeline above one machine: extraction and checking as Ray Data maps (optional `ray` extra).

Why this split: extraction (spaCy) and checking (the NLI model) are per-document and per-pair
work with no shared state, so they spread over a cluster as `map_batches` over documents and
over candidate pairs, each worker loading its models once (an actor per worker). Alignment
stays on the driver: the index needs every claim at once, and it only embeds short texts and
searches neighbours, which is the cheap part. Every stage is a method of one `Pipeline` (built from
the same settings on the driver and in each worker), and the findings are the ones `Pipeline.run`
reports for the same corpus, ids included: claim ids are content hashes per document, so which
worker extracted a document does not matter, and results are put back in document / pair order.

    import ray
    ray.init()                      # or ray.init(address="auto") on a cluster
    result = check_documents_ray(load_corpus(["articles/"]), "models/claimcheck-nli-minilm-l6")

See docs/ray.md. Claims and pairs travel between tasks pickled (one row per document or
pair batch), because they are nested dataclasses and only the driver needs to read them.
"""

from __future__ import annotations

import pickle
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from claimcheck.core.result import Result
from claimcheck.core.settings import DEFAULTS, Settings
from claimcheck.core.types import Document
from claimcheck.pipeline import Pipeline


class _Extract:
    """A Ray Data actor: documents in, their claims out (spaCy loads once per actor)."""

    def __init__(self, settings: Settings) -> None:
        self.pipeline = Pipeline(settings)

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        docs = [pickle.loads(blob) for blob in batch["doc"]]
        claims = self.pipeline.extract(docs)
        by_doc: dict[str, list] = {d.id: [] for d in docs}
        for c in claims:
            by_doc[c.doc_id].append(c)
        return {
            "order": batch["order"],
            "claims": np.array([pickle.dumps(by_doc[d.id]) for d in docs], dtype=object),
        }


class _Check:
    """A Ray Data actor: candidate pairs in, verdicts out (the NLI model loads once per actor)."""

    def __init__(
        self, settings: Settings, nli_model: str | None, precision: str, cache_dir: str | None
    ) -> None:
        self.pipeline = Pipeline.build(
            settings=settings,
            nli_model=nli_model,
            no_nli=nli_model is None,
            precision=precision,
            cache_dir=cache_dir,
            use_cache=cache_dir is not None,
        )

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        pairs = [pickle.loads(blob) for blob in batch["pair"]]
        verdicts = {id(v.pair): v for v in self.pipeline.verify(pairs)}
        # verify returns interval verdicts first and NLI ones after: put each back on its pair
        blobs = np.array([pickle.dumps(verdicts.get(id(p))) for p in pairs], dtype=object)
        model = np.array([getattr(self.pipeline.nli, "model_id", None)] * len(pairs), dtype=object)
        return {"order": batch["order"], "verdict": blobs, "model": model}


def check_documents_ray(
    docs: Sequence[Document],
    nli_model: str | Path | None,
    *,
    precision: str = "auto",
    settings: Settings = DEFAULTS,
    cache_dir: str | Path | None = None,
    docs_per_batch: int = 16,
    pairs_per_batch: int = 512,
    workers: int = 2,
) -> Result:
    """`Pipeline.run` with extraction and checking on the running Ray cluster.

    `nli_model` is a path every worker can read (a shared or replicated folder), not a loaded
    model: workers load their own; None checks quantities and dates only. `cache_dir`
    (optional) must be a folder all workers share; without it each run scores its pairs
    afresh. Call `ray.init()` first.
    """
    import ray.data

    driver = Pipeline(settings)
    timings = {}
    t = time.perf_counter()
    rows = [{"order": i, "doc": pickle.dumps(d)} for i, d in enumerate(docs)]
    extracted = (
        ray.data.from_items(rows)
        .map_batches(
            _Extract,
            batch_size=docs_per_batch,
            concurrency=workers,
            batch_format="numpy",
            fn_constructor_args=(settings,),
        )
        .take_all()
    )
    claims = [c for row in sorted(extracted, key=lambda r: r["order"]) for c in pickle.loads(row["claims"])]
    timings["extract"] = time.perf_counter() - t
    t = time.perf_counter()
    pairs = driver.align(claims)
    timings["align"] = time.perf_counter() - t
    t = time.perf_counter()
    verdicts, model_id = [], None
    if pairs:
        model = None if nli_model is None else str(nli_model)
        args = (settings, model, precision, cache_dir and str(cache_dir))
        checked = (
            ray.data.from_items([{"order": i, "pair": pickle.dumps(p)} for i, p in enumerate(pairs)])
            .map_batches(
                _Check,
                batch_size=pairs_per_batch,
                concurrency=workers,
                batch_format="numpy",
                fn_constructor_args=args,
            )
            .take_all()
        )
        found = (pickle.loads(row["verdict"]) for row in sorted(checked, key=lambda r: r["order"]))
        verdicts = [v for v in found if v is not None]
        model_id = checked[0]["model"]
    timings["check"] = time.perf_counter() - t
    return driver.result(docs, claims, pairs, verdicts, timings, model_id)
