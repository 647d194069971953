"""The pipeline above one machine: extraction and checking as Ray Data maps (optional `ray` extra).

Why this split: extraction (spaCy) and checking (the NLI model) are per-document and per-pair
work with no shared state, so they spread over a cluster as `map_batches` over documents and
over candidate pairs, each worker loading its models once (an actor per worker). Alignment
stays on the driver: the index needs every claim at once, and it only embeds short texts and
searches neighbours, which is the cheap part. The findings are the ones `pipeline.check_documents`
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

from claimcheck.align import AlignConfig, align
from claimcheck.check import CheckConfig, check_pairs
from claimcheck.extract import extract_claims
from claimcheck.findings import to_findings
from claimcheck.pipeline import Result
from claimcheck.types import Document


class _Extract:
    """A Ray Data actor: documents in, their claims out (spaCy loads once per actor)."""

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        docs = [pickle.loads(blob) for blob in batch["doc"]]
        claims = extract_claims(docs)
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
        self,
        nli_model: str | None,
        precision: str,
        check_config: CheckConfig,
        floor: float,
        cache_dir: str | None,
    ) -> None:
        from claimcheck.cache import cached
        from claimcheck.nli import load_nli

        model = load_nli(nli_model, precision=precision) if nli_model is not None else None
        self.nli = cached(model, Path(cache_dir) if cache_dir else None)
        self.config = check_config
        self.floor = floor

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        pairs = [pickle.loads(blob) for blob in batch["pair"]]
        verdicts = {id(v.pair): v for v in check_pairs(pairs, self.nli, self.config, align_floor=self.floor)}
        # check_pairs returns interval verdicts first and NLI ones after: put each back on its pair
        blobs = np.array([pickle.dumps(verdicts.get(id(p))) for p in pairs], dtype=object)
        model = np.array([getattr(self.nli, "model_id", None)] * len(pairs), dtype=object)
        return {"order": batch["order"], "verdict": blobs, "model": model}


def check_documents_ray(
    docs: Sequence[Document],
    nli_model: str | Path | None,
    *,
    precision: str = "auto",
    align_config: AlignConfig | None = None,
    check_config: CheckConfig | None = None,
    cache_dir: str | Path | None = None,
    docs_per_batch: int = 16,
    pairs_per_batch: int = 512,
    workers: int = 2,
) -> Result:
    """`pipeline.check_documents` with extraction and checking on the running Ray cluster.

    `nli_model` is a path every worker can read (a shared or replicated folder), not a loaded
    model: workers load their own. `cache_dir` (optional) must be a folder all workers share;
    without it each run scores its pairs afresh. Call `ray.init()` first.
    """
    import ray.data

    align_config = align_config or AlignConfig()
    check_config = check_config or CheckConfig()
    timings = {}
    t = time.perf_counter()
    rows = [{"order": i, "doc": pickle.dumps(d)} for i, d in enumerate(docs)]
    extracted = (
        ray.data.from_items(rows)
        .map_batches(_Extract, batch_size=docs_per_batch, concurrency=workers, batch_format="numpy")
        .take_all()
    )
    claims = [c for row in sorted(extracted, key=lambda r: r["order"]) for c in pickle.loads(row["claims"])]
    timings["extract"] = time.perf_counter() - t
    t = time.perf_counter()
    pairs = align(claims, align_config)
    timings["align"] = time.perf_counter() - t
    t = time.perf_counter()
    verdicts, model_id = [], None
    if pairs:
        model = None if nli_model is None else str(nli_model)
        args = (
            model,
            precision,
            check_config,
            align_config.quantity_min_similarity,
            cache_dir and str(cache_dir),
        )
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
    notes = [] if nli_model is not None else ["No NLI model: only quantity and date claims were checked."]
    return Result(list(docs), claims, pairs, verdicts, to_findings(verdicts), notes, timings, model_id)
