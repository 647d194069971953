"""Line up claims that speak about the same slot, without comparing every pair.

Candidates come from blocks (same canonical unit for quantities; date claims; other
claims) and, inside a block, from nearest neighbours over MiniLM embeddings of the
sentence with its numbers masked. A candidate is dropped when its context says it is
another slot: different places ("in Kyiv" vs "in Paris") or different years (a 1999
mission vs this week's talks); shared places or years raise the similarity a little.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from claimcheck.embed import embed, mask_numbers
from claimcheck.types import Claim, Pair


@dataclass(frozen=True)
class AlignConfig:
    quantity_min_similarity: float = 0.45
    date_min_similarity: float = 0.55
    other_min_similarity: float = 0.6
    neighbours: int = 4  # nearest cross-source candidates kept per claim and block


def block_key(claim: Claim) -> str | None:
    """Claims can only pair inside one block; None leaves a claim unaligned."""
    if claim.kind == "quantity" and claim.quantity is not None:
        return f"unit:{claim.quantity.unit}"
    if claim.kind == "date":
        return "date"
    return "other"


def context_conflict(a: Claim, b: Claim) -> str | None:
    """Why two claims cannot be about one slot, or None when nothing says so."""
    if a.places and b.places and not set(a.places) & set(b.places):
        return f"different places ({', '.join(a.places)} vs {', '.join(b.places)})"
    if a.kind != "date" and a.years and b.years and not set(a.years) & set(b.years):
        return f"different years ({', '.join(map(str, a.years))} vs {', '.join(map(str, b.years))})"
    return None


def context_bonus(a: Claim, b: Claim) -> float:
    """Shared places or years are evidence of one slot that whole-sentence similarity misses."""
    bonus = 0.1 if set(a.places) & set(b.places) else 0.0
    if a.kind != "date" and set(a.years) & set(b.years):
        bonus += 0.05
    return bonus


def align(claims: Sequence[Claim], config: AlignConfig | None = None) -> list[Pair]:
    config = config or AlignConfig()
    vectors = embed([mask_numbers(c.text) for c in claims])
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(claims):
        key = block_key(c)
        if key is not None:
            blocks[key].append(i)
    minimum = {"date": config.date_min_similarity, "other": config.other_min_similarity}
    pairs: dict[tuple[str, str], Pair] = {}
    for key in sorted(blocks):
        members = blocks[key]
        floor = minimum.get(key, config.quantity_min_similarity)
        for i, j, sim in _neighbours(claims, members, vectors, config.neighbours):
            a, b = claims[i], claims[j]
            sim = min(1.0, sim + context_bonus(a, b))
            if sim < floor or context_conflict(a, b):
                continue
            if a.id > b.id:
                a, b = b, a
            pairs.setdefault((a.id, b.id), Pair(a, b, f"{key} similarity {sim:.2f}", round(sim, 4)))
    return [pairs[k] for k in sorted(pairs)]


def _neighbours(
    claims: Sequence[Claim], members: list[int], vectors: np.ndarray, k: int, chunk: int = 1024
) -> list[tuple[int, int, float]]:
    """Top-k most similar claims from other documents, per claim, in row chunks."""
    if len(members) < 2:
        return []
    idx = np.asarray(members)
    docs = np.asarray([claims[i].doc_id for i in members])
    mat = vectors[idx]
    out = []
    for lo in range(0, len(idx), chunk):
        sims = mat[lo : lo + chunk] @ mat.T
        same = docs[lo : lo + chunk, None] == docs[None, :]
        sims[same] = -np.inf
        kk = min(k, len(idx) - 1)
        top = np.argpartition(-sims, kk - 1, axis=1)[:, :kk] if kk < len(idx) else np.argsort(-sims, axis=1)
        for r, row in enumerate(top):
            for c in row:
                s = float(sims[r, c])
                if np.isfinite(s):
                    out.append((int(idx[lo + r]), int(idx[c]), s))
    return out
