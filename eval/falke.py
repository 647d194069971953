"""Falke et al.'s ranking metric, shared by the NLI and consistency sections of RESULTS.md."""

from __future__ import annotations

import numpy as np


def falke_ranking(scores: np.ndarray, ids: list[str]) -> float | None:
    """Falke et al.'s own metric: share of triples whose correct sentence gets the higher score
    (p(entail) for NLI, the consistency score for `eval consistency`)."""
    score = dict(zip(ids, scores, strict=False))
    triples = {i.rsplit("-", 1)[0] for i in ids}
    wins = [
        score[f"{t}-correct"] > score[f"{t}-incorrect"]
        for t in triples
        if f"{t}-correct" in score and f"{t}-incorrect" in score
    ]
    return round(float(np.mean(wins)), 4) if wins else None
