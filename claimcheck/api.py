"""The notebook API: `claimcheck.check(...)` returns claims, pairs and findings as DataFrames.

It runs exactly what `claimcheck check` runs (load, the shipped NLI model behind the verdict
cache, claimcheck.pipeline.Pipeline), and `Result.to_json()` is the CLI's `--format json` report,
byte for byte, so an analyst's DataFrames and a CI job's JSON never disagree. Raw strings are
accepted beside paths, for trying a sentence or two without writing files.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from claimcheck.core import result as core_result
from claimcheck.core.settings import DEFAULTS, Settings
from claimcheck.core.types import Document

if TYPE_CHECKING:
    import pandas as pd

Source = str | Path


@dataclass
class Result:
    """core.result.Result with DataFrame views; `raw` is what every renderer reads."""

    raw: core_result.Result

    @property
    def documents(self) -> pd.DataFrame:
        import pandas as pd

        rows = [{"doc_id": d.id, "path": d.path, "chars": len(d.text)} for d in self.raw.documents]
        return pd.DataFrame(rows, columns=["doc_id", "path", "chars"]).astype(
            {"doc_id": "string", "path": "string", "chars": "int64"}
        )

    @property
    def claims(self) -> pd.DataFrame:
        """One row per claim: span offsets into its document, kind, the normalised quantity or date."""
        import pandas as pd

        rows = []
        for c in self.raw.claims:
            q = c.quantity
            rows.append(
                {
                    "claim_id": c.id,
                    "doc_id": c.doc_id,
                    "kind": c.kind,
                    "text": c.text,
                    "start": c.start,
                    "end": c.end,
                    "value": None if q is None else q.value,
                    "low": None if q is None else q.interval.low,
                    "high": None if q is None else q.interval.high,
                    "unit": None if q is None else q.unit,
                    "qualifier": None if q is None else q.qualifier,
                    "quantity_text": None if q is None else q.text,
                    "date_text": c.date_text,
                    "entities": list(c.entities),
                    "hedged": c.hedged,
                    "attribution": c.attribution,
                }
            )
        return pd.DataFrame(rows, columns=list(CLAIM_TYPES)).astype(CLAIM_TYPES)

    @property
    def pairs(self) -> pd.DataFrame:
        """One row per aligned pair, with the verdict the checker gave it (empty when unchecked)."""
        import pandas as pd

        # Keyed with the block: two claims can be a figure pair and an event pair at once.
        verdicts = {(v.pair.a.id, v.pair.b.id, v.pair.block): v for v in self.raw.verdicts}
        rows = []
        for p in self.raw.pairs:
            v = verdicts.get((p.a.id, p.b.id, p.block))
            rows.append(
                {
                    "claim_a": p.a.id,
                    "claim_b": p.b.id,
                    "doc_a": p.a.doc_id,
                    "doc_b": p.b.doc_id,
                    "kind": p.a.kind if p.a.kind == p.b.kind else f"{p.a.kind}/{p.b.kind}",
                    "reason": p.reason,
                    "similarity": p.similarity,
                    "verdict": None if v is None else v.label,
                    "confidence": None if v is None else v.confidence,
                    "method": None if v is None else v.method,
                    "explanation": None if v is None else v.explanation,
                }
            )
        return pd.DataFrame(rows, columns=list(PAIR_TYPES)).astype(PAIR_TYPES)

    @property
    def findings(self) -> pd.DataFrame:
        """One row per finding, with the two claims' sources, spans and texts beside it."""
        import pandas as pd

        rows = []
        for f in self.raw.findings:
            a, b = (self.raw.claim(i) for i in f.claim_ids[:2])
            rows.append(
                {
                    "finding_id": f.id,
                    "verdict": f.verdict,
                    "confidence": f.confidence,
                    "method": f.method,
                    "explanation": f.explanation,
                    "baselined": f.baselined,
                    **{f"{k}_a": v for k, v in _side(a).items()},
                    **{f"{k}_b": v for k, v in _side(b).items()},
                }
            )
        return pd.DataFrame(rows, columns=list(FINDING_TYPES)).astype(FINDING_TYPES)

    def to_dict(self) -> dict:
        return self.raw.to_dict()

    def to_json(self) -> str:
        """The JSON report, exactly as `claimcheck check --format json` prints it."""
        from claimcheck.report.machine import render_json

        return render_json(self.raw)


def _side(c) -> dict:
    return {"claim": c.id, "doc": c.doc_id, "start": c.start, "end": c.end, "text": c.text}


CLAIM_TYPES = {
    "claim_id": "string",
    "doc_id": "string",
    "kind": "category",
    "text": "string",
    "start": "int64",
    "end": "int64",
    "value": "float64",
    "low": "float64",
    "high": "float64",
    "unit": "string",
    "qualifier": "string",
    "quantity_text": "string",
    "date_text": "string",
    "entities": "object",
    "hedged": "bool",
    "attribution": "string",
}
PAIR_TYPES = {
    "claim_a": "string",
    "claim_b": "string",
    "doc_a": "string",
    "doc_b": "string",
    "kind": "category",
    "reason": "string",
    "similarity": "float64",
    "verdict": "category",
    "confidence": "float64",
    "method": "category",
    "explanation": "string",
}
_SIDE_TYPES = {"claim": "string", "doc": "string", "start": "int64", "end": "int64", "text": "string"}
FINDING_TYPES = {
    "finding_id": "string",
    "verdict": "category",
    "confidence": "float64",
    "method": "category",
    "explanation": "string",
    "baselined": "bool",
    **{f"{k}_a": t for k, t in _SIDE_TYPES.items()},
    **{f"{k}_b": t for k, t in _SIDE_TYPES.items()},
}


def documents_from(
    paths_or_texts: Source | Sequence[Source] | Mapping[str, str], max_bytes: int = DEFAULTS.load.max_bytes
) -> list[Document]:
    """Paths (files or folders, read as `claimcheck check` reads them) and raw texts.

    A string that names an existing file or folder is a path; any other string is a text, with
    id text-0, text-1, ... in argument order. A mapping gives texts their ids (name -> text).
    """
    from claimcheck.infra.load import load_corpus

    if isinstance(paths_or_texts, Mapping):
        return [Document(str(k), f"<{k}>", v) for k, v in paths_or_texts.items()]
    items = [paths_or_texts] if isinstance(paths_or_texts, str | Path) else list(paths_or_texts)
    paths = [p for p in items if _is_path(p)]
    texts = [t for t in items if not _is_path(t)]
    docs = load_corpus(paths, max_bytes=max_bytes) if paths else []
    docs += [Document(f"text-{i}", f"<text-{i}>", t) for i, t in enumerate(texts)]
    return docs


def _is_path(item: Source) -> bool:
    """A Path, or a one-line string naming something on disk (a long text is never a path)."""
    if isinstance(item, Path):
        return True
    if "\n" in item or len(item) > 1024:
        return False
    try:
        return Path(item).exists()
    except OSError:  # e.g. a name too long for the file system
        return False


def check(
    paths_or_texts: Source | Sequence[Source] | Mapping[str, str],
    *,
    nli_model: str | Path | None = None,
    no_nli: bool = False,
    cache_dir: str | Path | None = None,
    use_cache: bool = True,
    settings: Settings | Mapping | None = None,
) -> Result:
    """Check documents as `claimcheck check` does (same model, same cache, same findings).

    `nli_model` defaults to the shipped model; `no_nli` checks quantities and dates only.
    `settings` is a Settings or a {section: {name: value}} mapping of overrides (see
    claimcheck.core.settings); the report records what differs from the defaults.
    """
    from claimcheck.pipeline import Pipeline

    if settings is None:
        settings = DEFAULTS
    elif not isinstance(settings, Settings):
        settings = Settings.from_dict(dict(settings), "settings")
    docs = documents_from(paths_or_texts, settings.load.max_bytes)
    run = Pipeline.build(
        settings=settings, nli_model=nli_model, no_nli=no_nli, cache_dir=cache_dir, use_cache=use_cache
    )
    return Result(run.run(docs))


@dataclass
class ConsistencyResult:
    """`claimcheck eval consistency` as data: the report it prints and one row per input row."""

    report: dict
    rows: pd.DataFrame  # id, gold, label, score, correct, kind, and the deciding evidence


def evaluate_consistency(
    file: str | Path, *, limit: int | None = None, nli_model: str | Path | None = None
) -> ConsistencyResult:
    """Score a labelled document/claim file as the CLI does (same model, same stored calibration).

    `rows` keeps, per input row, the evidence of its weakest atomic claim (the one that decided
    the score): its span offsets into the document, the span's text, the method and why.
    """
    import pandas as pd

    from claimcheck.consistency.calibration import select
    from claimcheck.consistency.scorer import ConsistencyScorer
    from claimcheck.evaluation.consistency import evaluate, read_consistency_file
    from claimcheck.verify.nli import load_nli

    data = read_consistency_file(file, limit=limit)
    model = load_nli(nli_model)
    if model is None:
        raise FileNotFoundError("no NLI model installed; pass nli_model or set CLAIMCHECK_NLI_MODEL")
    calibrator, origin = select(getattr(model, "path", None), model.model_id, file)
    report, scores = evaluate(ConsistencyScorer(model, calibrator), data, origin)
    rows = []
    for i, doc, claim, gold, s in zip(
        data.ids, data.documents, data.claims, data.labels, scores, strict=True
    ):
        weakest = s.evidence[0] if s.evidence else None
        rows.append(
            {
                "id": i,
                "gold": gold,
                "label": s.label,
                "score": s.score,
                "correct": gold == s.label,
                "kind": s.kind,
                "claim": claim,
                "weakest_claim": None if weakest is None else weakest.claim,
                "method": None if weakest is None else weakest.method,
                "evidence_start": -1 if weakest is None else weakest.start,
                "evidence_end": -1 if weakest is None else weakest.end,
                "evidence": None if weakest is None else doc[weakest.start : weakest.end],
                "explanation": None if weakest is None else weakest.explanation,
                "atoms": len(s.evidence),
                "document_chars": len(doc),
            }
        )
    frame = pd.DataFrame(rows).astype(
        {
            "id": "string",
            "gold": "category",
            "label": "category",
            "score": "float64",
            "correct": "bool",
            "kind": "category",
            "claim": "string",
            "weakest_claim": "string",
            "method": "category",
            "evidence_start": "int64",
            "evidence_end": "int64",
            "evidence": "string",
            "explanation": "string",
            "atoms": "int64",
            "document_chars": "int64",
        }
    )
    return ConsistencyResult(report, frame)
