"""Line up claims that speak about the same slot, without comparing every pair.

Candidates come from blocks (same canonical unit for quantities; date claims; other
claims) and, inside a block, from nearest neighbours over MiniLM embeddings of the
sentence with its numbers masked. A candidate is dropped when its context says it is
another slot: different places ("in Kyiv" vs "in Paris") or different years (a 1999
mission vs this week's talks); shared places or years raise the similarity a little.

Plain ("other") claims pair only when they share an event (align.events: a related predicate
and a shared argument), not on topic alone, or when their sentences are one sentence edited
(align.edits: a swapped name breaks the shared argument, and is the conflict). The "event" block
pairs sentences across kinds (a sentence with a figure and one without: "the group accepted a
£1.3bn offer" vs "the LSE rejected a takeover proposal"), one claim per sentence, for the
structural checks only.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from difflib import SequenceMatcher

import numpy as np

from claimcheck.align.edits import sentence_edit
from claimcheck.align.embed import embed, mask_numbers
from claimcheck.align.events import shares_event
from claimcheck.align.frames import frame_bonus, frame_conflict, holder_named
from claimcheck.core.settings import DEFAULTS, AlignSettings
from claimcheck.core.types import Claim, Pair
from claimcheck.extract.dates import is_weekday_only, is_yearless

EVENT = "event"


def block_key(claim: Claim) -> str | None:
    """Claims can only pair inside one block; None leaves a claim unaligned."""
    if claim.kind == "quantity" and claim.quantity is not None:
        return f"unit:{claim.quantity.unit}"
    if claim.kind == "date":
        if claim.date is not None and is_weekday_only(claim.date):
            return "date:weekday"
        return "date:yearless" if claim.date is not None and is_yearless(claim.date) else "date"
    return "other"


def copies(x: str, y: str, ratio: float = DEFAULTS.align.near_copy_min_ratio) -> bool:
    """Whether two texts are copies of one, word for word but for their figures (a wire update, a
    quote two stories carry): at least `ratio` of their words match in sequence, digits masked."""
    a, b = (mask_numbers(t).lower().split() for t in (x, y))
    return SequenceMatcher(None, a, b, autojunk=False).ratio() >= ratio


def context_conflict(
    a: Claim, b: Claim, places: bool = True, copy_ratio: float = DEFAULTS.align.near_copy_min_ratio
) -> str | None:
    """Why two claims cannot be about one slot, or None when nothing says so.

    `places=False` skips the place veto: a sentence names many places ("its New York-area station
    WOR" vs "WOR-TV in Secaucus"), and an event pair already shares its predicate and arguments, as
    do two figures whose frames both name one holder ("24-16 win over France in Paris", "beat France
    24-18 in the Six Nations": the places are the venue and the tournament, the match is France's).
    """
    if a.sentence and a.sentence == b.sentence and _figure(a) != _figure(b):
        return "the same sentence in both sources, different figures in it"
    if a.kind == b.kind == "other" and a.part != b.part and copies(a.sentence, b.sentence, copy_ratio):
        # "The smelter also produced cadmium, bismuth and indium." in two stories, or one quote with a
        # space lost in one copy: one copy's "cadmium" (or "accused the prime minister") claim and the
        # other's "bismuth" (or "accused Mr Brown") claim are two parts of one sentence
        return "copies of one sentence, different parts of it"
    if places and a.places and b.places and not set(a.places) & set(b.places):
        return f"different places ({', '.join(a.places)} vs {', '.join(b.places)})"
    if a.kind != "date" and a.years and b.years and not set(a.years) & set(b.years):
        return f"different years ({', '.join(map(str, a.years))} vs {', '.join(map(str, b.years))})"
    return None


def _figure(c: Claim) -> str | None:
    return c.quantity.text if c.quantity is not None else c.date_text


def shared_anchor(a: Claim, b: Claim) -> bool:
    """Whether the two claims name a common entity or place: what makes two figures one slot."""
    return bool(set(a.entities) & set(b.entities) or set(a.places) & set(b.places))


def context_bonus(a: Claim, b: Claim, settings: AlignSettings = DEFAULTS.align) -> float:
    """Shared places or years are evidence of one slot that whole-sentence similarity misses."""
    bonus = settings.place_bonus if set(a.places) & set(b.places) else 0.0
    if a.kind != "date" and set(a.years) & set(b.years):
        bonus += settings.year_bonus
    return bonus


def align(
    claims: Sequence[Claim],
    config: AlignSettings = DEFAULTS.align,
    embedder: Callable[[Sequence[str], int], np.ndarray] = embed,
) -> list[Pair]:
    """Candidate pairs from the block index and nearest neighbours: at most `config.neighbours`
    (`interval_neighbours` in quantity and date blocks) per claim and block, so their number
    grows linearly with the corpus, not quadratically."""
    blocks: dict[str, list[int]] = defaultdict(list)
    sentences: set[tuple[str, int]] = set()
    for i, c in enumerate(claims):
        key = block_key(c)
        if key is not None:
            blocks[key].append(i)
        if c.predications and (c.kind == "other" or (c.doc_id, c.start) not in sentences):
            sentences.add((c.doc_id, c.start))
            blocks[EVENT].append(i)
    # A block seen in one document only can pair nothing: its claims need no embedding.
    blocks = {k: m for k, m in blocks.items() if len({claims[i].doc_id for i in m}) > 1}
    needed = sorted({i for members in blocks.values() for i in members})
    found = embedder([mask_numbers(claims[i].text) for i in needed], config.embed_batch_size)
    vectors = np.zeros((len(claims), found.shape[1]), dtype=np.float32)
    vectors[needed] = found
    # Keyed with the event flag too: an event pair must never hide a figure pair of the same claims.
    pairs: dict[tuple[str, str, bool], Pair] = {}
    for key in sorted(blocks):
        k = {"other": config.neighbours, EVENT: config.event_neighbours}.get(key, config.interval_neighbours)
        for i, j, sim in _neighbours(claims, blocks[key], vectors, k, config.search_chunk):
            pair = slot_pair(claims[i], claims[j], sim, key, config)
            if pair is not None:
                pairs.setdefault((pair.a.id, pair.b.id, key == EVENT), pair)
    return [pairs[k] for k in sorted(pairs)]


def block_floor(key: str, config: AlignSettings) -> float:
    """The similarity (context bonus included) two claims of block `key` need to fill one slot."""
    if key.startswith("date"):
        return config.date_min_similarity
    return {"other": config.other_min_similarity, EVENT: config.event_min_similarity}.get(
        key, config.quantity_min_similarity
    )


def slot_pair(a: Claim, b: Claim, similarity: float, key: str, config: AlignSettings) -> Pair | None:
    """The pair (ordered by claim id) when two claims of block `key` fill one slot, else None.

    The one rule for "same slot", shared by the indexed search above and the exhaustive
    all-pairs reference of `claimcheck bench`, so the two differ only in which pairs they look at.
    """
    if key == EVENT and a.kind == "other" and b.kind == "other":
        return None  # the "other" block pairs these, with NLI behind the structural checks
    plain = key in ("other", EVENT)
    sim = min(1.0, similarity + context_bonus(a, b, config) + (0 if plain else frame_bonus(a, b, config)))
    places = key != EVENT and not holder_named(a, b)
    if sim < block_floor(key, config) or context_conflict(a, b, places, config.near_copy_min_ratio):
        return None
    if plain:
        if not shares_event(a, b) and sentence_edit(a, b, config) is None:
            return None
    elif frame_conflict(a, b):
        return None
    elif sim < config.unanchored_min_similarity and not (
        shared_anchor(a, b) or frame_bonus(a, b, config) > 0
    ):
        return None
    if a.id > b.id:
        a, b = b, a
    return Pair(a, b, f"{key} similarity {sim:.2f}", round(sim, 4), key)


def _neighbours(
    claims: Sequence[Claim], members: list[int], vectors: np.ndarray, k: int, chunk: int
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
