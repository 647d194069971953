"""Is a claim supported by a document? One calibrated score per claim, with its evidence.

The document plays the role of one source and the claim of another (DESIGN.md, `eval
consistency`). The claim is cut into atomic claims with claimcheck.extract.claims (a sentence the
extractor keeps no claim from is scored whole, so no part of the claim goes unchecked). The
document is cut into sentences and windows (claimcheck.consistency.chunks), so a long document is read
whole and never truncated by the tokenizer. Each atomic claim is scored against its
best-matching chunks:

- retrieval: chunks ranked by IDF-weighted recall of the claim's words (cheap, no model), the
  top sentences and windows kept; a short document is read whole;
- NLI (chunk -> atomic claim): entailment and contradiction probabilities per chunk;
- quantities and dates: interval logic (quantity_nli.compare_quantities, intervals.compare)
  between the claim's figures and those the extractor finds in the same chunks.

A claim is only as supported as its weakest atomic claim, so the features aggregate with the
minimum (and the mean, for claims with many parts); claimcheck.consistency.calibration maps them to a
probability of "consistent" and a threshold fitted on development data.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from claimcheck.consistency.calibration import Calibrator
from claimcheck.consistency.chunks import Chunk, chunk_document, sentence_spans
from claimcheck.core.intervals import compare
from claimcheck.core.settings import DEFAULTS, ConsistencySettings
from claimcheck.core.types import Claim, Document
from claimcheck.verify.nli import LABELS, NLIModel
from claimcheck.verify.quantity_nli import compare_quantities

FEATURES = (
    "support_min",  # min over atomic claims of max over chunks of p(entail) - p(contradict)
    "support_mean",
    "entail_min",  # min over atomic claims of the best chunk's p(entail)
    "contra_max",  # max over atomic claims of the best chunk's p(contradict)
    "quantity_contradicted",  # 1 when some figure of the claim disagrees with the document
    "quantity_narrower",  # 1 when some figure is narrower than the document's ("2" from "under 6")
    "quantity_backed",  # share of the claim's figures that the document's figures back
    "date_contradicted",
    "log_sentences",  # log(1 + document sentences): long documents offer more chance matches
    "log_atoms",
)
# What the calibration reads: entail_min, quantity_narrower and quantity_backed add little over
# these and, being correlated with them, made leave-one-file-out transfer worse on the dev files.
CALIBRATION_FEATURES = (
    "support_min",
    "support_mean",
    "contra_max",
    "quantity_contradicted",
    "date_contradicted",
    "log_sentences",
    "log_atoms",
)
_WORD = re.compile(r"\w+")
_E, _C = LABELS.index("entailment"), LABELS.index("contradiction")


@dataclass(frozen=True)
class Evidence:
    """What decided one atomic claim: the document span it was checked against, and why."""

    claim: str  # the atomic claim
    kind: str  # "quantity" | "date" | "other"
    start: int  # the chunk's span in the document
    end: int
    text: str
    entailment: float
    contradiction: float
    method: str  # "nli" | "quantity" | "date"
    explanation: str


@dataclass(frozen=True)
class ClaimScore:
    """One row's result: `evidence` is one entry per atomic claim, weakest first."""

    score: float
    label: str
    features: dict[str, float]
    evidence: tuple[Evidence, ...]

    @property
    def kind(self) -> str:
        """The row's claim kind for error analysis: quantity over date over other."""
        kinds = {e.kind for e in self.evidence}
        return next((k for k in ("quantity", "date") if k in kinds), "other")


@dataclass(frozen=True)
class _Atom:
    text: str
    kind: str
    claims: tuple[Claim, ...]  # the extracted claims stating it (several figures share a sentence)


@dataclass
class _Scored:
    """An atomic claim's features, before aggregation over the claim."""

    support: float
    entail: float
    contra: float
    figures: list[str | None]  # quantity verdict per figure of the atom (see _quantity_verdict)
    date: str | None
    evidence: Evidence


def atoms_of(claims: Sequence[Claim], text: str) -> list[_Atom]:
    """The claim's atomic claims, plus any sentence of it the extractor kept nothing from."""
    by_text: dict[str, list[Claim]] = {}
    for c in claims:
        by_text.setdefault(c.text, []).append(c)
    atoms = [_Atom(t, _kind(cs), tuple(cs)) for t, cs in by_text.items()]
    covered = [(c.start, c.end) for c in claims]
    for s, e in sentence_spans(text):
        if not any(cs < e and s < ce for cs, ce in covered) and _WORD.search(text[s:e]):
            atoms.append(_Atom(text[s:e], "other", ()))
    return atoms


def _kind(claims: Sequence[Claim]) -> str:
    kinds = {c.kind for c in claims}
    return next((k for k in ("quantity", "date") if k in kinds), "other")


class Retriever:
    """Chunks of one document ranked by IDF-weighted recall of a claim's words.

    Recall, not similarity: a window that contains the claim's words is what can support it,
    however much else it says. IDF is over the document's sentences, so words every sentence
    uses (names in a meeting transcript) count for little.
    """

    def __init__(self, chunks: Sequence[Chunk]) -> None:
        self.chunks = list(chunks)
        self.words = [set(_WORD.findall(c.text.lower())) for c in self.chunks]
        sentences = [w for w, c in zip(self.words, self.chunks, strict=True) if c.kind == "sentence"]
        df = Counter(w for ws in sentences for w in ws)
        n = len(sentences)
        self.idf = {w: math.log((n + 1) / (d + 1)) + 1 for w, d in df.items()}
        self.unseen = math.log(n + 1) + 1

    def top(self, claim: str, sentences: int, windows: int) -> list[Chunk]:
        """The best `sentences` sentence chunks and `windows` windows, best first."""
        words = set(_WORD.findall(claim.lower()))
        total = sum(self.idf.get(w, self.unseen) for w in words) or 1.0
        recall = [sum(self.idf.get(w, 0.0) for w in words & ws) / total for ws in self.words]
        order = sorted(range(len(self.chunks)), key=lambda i: (-recall[i], i))
        want = {"sentence": sentences, "window": windows}
        picked = []
        for i in order:
            kind = self.chunks[i].kind
            if want[kind] > 0:
                want[kind] -= 1
                picked.append(self.chunks[i])
        return picked


class ConsistencyScorer:
    """Scores (document, claim) rows in one batch: spaCy and the NLI model each run once.

    `calibrator` (claimcheck.consistency.calibration) maps the features to a probability and brings its
    threshold; without one the score is `uncalibrated_score`, cut at 0.5. `threshold`
    overrides either.
    """

    def __init__(
        self,
        nli: NLIModel,
        calibrator: Calibrator | None = None,
        config: ConsistencySettings = DEFAULTS.consistency,
        threshold: float | None = None,
    ) -> None:
        self.nli = nli
        self.calibrator = calibrator
        self.config = config
        default = config.default_threshold if calibrator is None else calibrator.threshold
        self.threshold = default if threshold is None else threshold

    def score(self, document: str, claim: str) -> ClaimScore:
        return self.score_rows([(document, claim)])[0]

    def score_rows(self, rows: Sequence[tuple[str, str]]) -> list[ClaimScore]:
        from claimcheck.extract.claims import extract_claims

        cfg = self.config
        claim_texts = list(dict.fromkeys(c for _, c in rows))
        extracted = _claims_by_doc(
            extract_claims([Document(str(i), "", t) for i, t in enumerate(claim_texts)])
        )
        atoms = {t: atoms_of(extracted.get(str(i), []), t) for i, t in enumerate(claim_texts)}
        docs = list(dict.fromkeys(d for d, _ in rows))
        chunks = {d: chunk_document(d, cfg) for d in docs}
        retrievers = {d: Retriever(cs) for d, cs in chunks.items()}
        picked = {
            (d, a.text): retrievers[d].top(a.text, cfg.top_sentences, cfg.top_windows)
            for d, c in dict.fromkeys(rows)
            for a in atoms[c]
        }
        structured = list(dict.fromkeys(d for d, c in rows if any(a.kind != "other" for a in atoms[c])))
        figures = _claims_by_doc(extract_claims([Document(str(i), "", d) for i, d in enumerate(structured)]))
        doc_claims = {d: figures.get(str(i), []) for i, d in enumerate(structured)}
        pairs = list(dict.fromkeys((ch.text, a) for (_, a), cs in picked.items() for ch in cs))
        probs = dict(zip(pairs, self.nli.predict(pairs, batch_size=cfg.batch_size), strict=True))
        out = []
        for d, c in rows:
            scored = [_score_atom(a, picked[(d, a.text)], probs, doc_claims.get(d, [])) for a in atoms[c]]
            out.append(self._aggregate(scored, len([ch for ch in chunks[d] if ch.kind == "sentence"])))
        return out

    def _aggregate(self, scored: list[_Scored], n_sentences: int) -> ClaimScore:
        feats = features(scored, n_sentences)
        score = final_score(feats, self.calibrator, self.threshold)
        label = "consistent" if score >= self.threshold else "inconsistent"
        evidence = tuple(s.evidence for s in sorted(scored, key=_weakness))
        return ClaimScore(score, label, feats, evidence)


def final_score(feats: dict[str, float], calibrator: Calibrator | None, threshold: float) -> float:
    """The calibrated score (or `uncalibrated_score`), kept below `threshold` when the arithmetic
    found a contradiction: a fitted weight must not let NLI overrule exact arithmetic either."""
    if calibrator is None:
        score = uncalibrated_score(feats)
    else:
        score = float(calibrator.predict(np.array([[feats[f] for f in calibrator.features]]))[0])
    if feats["quantity_contradicted"] or feats["date_contradicted"]:
        score = min(score, math.nextafter(threshold, 0.0))
    return score


def uncalibrated_score(feats: dict[str, float]) -> float:
    """The score without a calibration: p(entail) of the weakest atomic claim, and 0 when the
    arithmetic finds a figure or date the document contradicts (NLI never overrules it)."""
    if feats["quantity_contradicted"] or feats["date_contradicted"]:
        return 0.0
    return feats["entail_min"]


def features(scored: Sequence[_Scored], n_sentences: int) -> dict[str, float]:
    """The calibrator's inputs, named as in FEATURES; a claim with no atoms is unsupported."""
    if not scored:
        return dict.fromkeys(FEATURES, 0.0) | {"support_min": -1.0, "support_mean": -1.0}
    figures = [f for s in scored for f in s.figures]
    return {
        "support_min": min(s.support for s in scored),
        "support_mean": float(np.mean([s.support for s in scored])),
        "entail_min": min(s.entail for s in scored),
        "contra_max": max(s.contra for s in scored),
        "quantity_contradicted": float("contradiction" in figures),
        "quantity_narrower": float("neutral" in figures),
        "quantity_backed": figures.count("entailment") / len(figures) if figures else 0.0,
        "date_contradicted": float(any(s.date == "contradiction" for s in scored)),
        "log_sentences": math.log1p(n_sentences),
        "log_atoms": math.log1p(len(scored)),
    }


def _weakness(s: _Scored) -> tuple[int, float]:
    """Arithmetic contradictions first (NLI never overrules them), then the least supported."""
    return (0 if "contradiction" in (*s.figures, s.date) else 1, s.support)


def _score_atom(atom: _Atom, chunks: Sequence[Chunk], probs: dict, doc_claims: Sequence[Claim]) -> _Scored:
    """NLI's best chunk is the evidence, unless the arithmetic finds a contradiction."""
    best, p = max(((ch, probs[(ch.text, atom.text)]) for ch in chunks), key=lambda r: r[1][_E] - r[1][_C])
    support, entail, contra = float(p[_E] - p[_C]), float(p[_E]), float(p[_C])
    method, why = "nli", f"best chunk p(entail)={entail:.2f}, p(contradict)={contra:.2f}"
    figures, date = [], None
    if atom.kind != "other":
        near = [[c for c in doc_claims if c.start < ch.end and ch.start < c.end] for ch in chunks]
        figures, q_why, q_at = _quantity_verdict(atom, chunks, near)
        date, d_why, d_at = _date_verdict(atom, chunks, near)
        if q_at is not None:
            best, method, why = q_at, "quantity", q_why
        elif date == "contradiction":
            best, method, why = d_at, "date", d_why
    at = probs[(best.text, atom.text)]
    evidence = Evidence(
        atom.text, atom.kind, best.start, best.end, best.text, float(at[_E]), float(at[_C]), method, why
    )
    return _Scored(support, entail, contra, figures, date, evidence)


def _quantity_verdict(
    atom: _Atom, chunks: Sequence[Chunk], near: Sequence[Sequence[Claim]]
) -> tuple[list[str | None], str, Chunk | None]:
    """Per figure of the atom: "entailment" when some chunk's figures back it, else "neutral"
    when some only overlap it, else "contradiction" when chunks have figures of its unit and all
    disagree (one chunk about another slot must not sink a true claim), else None. Returns the
    labels and the explanation and chunk of the first contradicted figure."""
    found = [
        [c.quantity for c in cs if c.quantity is not None and c.quantity.text in ch.text]
        for ch, cs in zip(chunks, near, strict=True)
    ]
    labels, why, where = [], "", None
    for hq in (c.quantity for c in atom.claims if c.quantity is not None):
        verdicts = [
            (v, ch) for qs, ch in zip(found, chunks, strict=True) if (v := compare_quantities(qs, [hq]))
        ]
        label = next(
            (
                lab
                for lab in ("entailment", "neutral", "contradiction")
                if any(v.label == lab for v, _ in verdicts)
            ),
            None,
        )
        labels.append(label)
        if label == "contradiction" and where is None:
            why, where = verdicts[0][0].explanation, verdicts[0][1]
    return labels, why, where


def _date_verdict(
    atom: _Atom, chunks: Sequence[Chunk], near: Sequence[Sequence[Claim]]
) -> tuple[str | None, str, Chunk | None]:
    """A claimed date overlapping a date in some chunk agrees; disjoint from all of them conflicts."""
    claimed = [c for c in atom.claims if c.date is not None]
    verdicts = []
    for ch, cs in zip(chunks, near, strict=True):
        for doc_date in (c for c in cs if c.date is not None and (c.date_text or "") in ch.text):
            for cd in claimed:
                label, _ = compare(doc_date.date, cd.date)
                verdicts.append((label, f'"{cd.date_text}" vs "{doc_date.date_text}": {label}', ch))
    for label in ("agreement", "contradiction"):
        hit = next((v for v in verdicts if v[0] == label), None)
        if hit is not None:
            return hit
    return None, "", None


def _claims_by_doc(claims: Iterable[Claim]) -> dict[str, list[Claim]]:
    out: dict[str, list[Claim]] = {}
    for c in claims:
        out.setdefault(c.doc_id, []).append(c)
    return out
