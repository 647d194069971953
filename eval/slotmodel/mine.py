"""Mine "same fact?" pairs of figures and dates from same-event news stories, by distant labels.

Why: nine once-run test splits showed that hand-written frame rules for "these two figures are one
fact" fix the clusters they were written from and nothing else. A model that reads both sentences
needs many labelled pairs, and reading them by hand does not scale. Stories about one event repeat
most of their facts, and a figure two stories both state with the same value is almost always one fact
stated twice, while two figures of one unit with clearly different values are almost always two facts
(real conflicts are about 1 in 100 on this news). So, with the figure itself hidden from the model:

- positive: two stories' figures of one unit with the same value (dates: the same day/month/year);
- negative: two stories' figures of one unit whose values differ by more than `--min-ratio`
  (dates: disjoint), which is exactly the hard case the aligner gets wrong.

The figure is replaced by [MASK] and every other digit by "#" (`masked`), so the
model cannot compare values: it must decide from the words around the figure whether the two are one
slot.

Which stories: Reuters-21578 stories dated in an EVEN ISO week and BBC stories with an EVEN number,
never a story of eval/newsclusters/manifest.json. The odd half is kept for new test clusters, so a
test split built from it has never been seen by a model mined here.

    python eval/slotmodel/mine.py --data ../shared/data/news --out runs/slotmine   # resumes

Deterministic: the same corpora and seed give the same rows.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import hashlib
import json
import pickle
import random
import re
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT / "eval" / "newsclusters"))
from build import dateline as reuters_dateline  # noqa: E402

MASK = "[MASK]"
MIN_WORDS = 8  # shorter "sentences" are table rows ("Shr loss 12 cts vs 5 cts"): no words to read
_DIGITS = re.compile(r"\d(?:[\d,.]*\d)?")  # a sentence-final period is no digit
KINDS = ("quantity",)  # dates: same-day events of one story pair are too often two facts


def reuters_day(source: str) -> dt.date:
    return dt.datetime.strptime(source.rsplit("/", 1)[-1].title(), "%d-%b-%Y").date()


def in_mining_half(row: dict) -> bool:
    """Reuters: an even ISO week; BBC: an even story number. The other half is for test clusters."""
    if row["id"].startswith("reuters"):
        return reuters_day(row["source"]).isocalendar()[1] % 2 == 0
    return int(row["id"].rsplit("-", 1)[-1]) % 2 == 0


def load_stories(data: Path, manifest: Path) -> list[dict]:
    used = {s["id"] for c in json.loads(manifest.read_text())["clusters"] for s in c["stories"]}
    rows = []
    for name in ("reuters21578.jsonl.gz", "bbc_news_greene2006.jsonl.gz"):
        with gzip.open(data / name, "rt", encoding="utf-8") as fh:
            rows += [r for r in map(json.loads, fh) if r["id"] not in used and in_mining_half(r)]
    return [r for r in rows if len(r["text"]) > 300]


def story_pairs(rows: list[dict], min_sim: float, max_sim: float, per_story: int) -> list[tuple[str, str]]:
    """Pairs of stories about one event: TF-IDF cosine in [min_sim, max_sim], Reuters within a day of
    each other, BBC within one section; at most `per_story` partners per story, the most similar."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(stop_words="english", min_df=2, max_df=0.3, sublinear_tf=True)
    mat = vec.fit_transform([r["title"] + "\n" + r["text"] for r in rows])
    groups: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        key = str(reuters_day(r["source"]).toordinal()) if r["id"].startswith("reuters") else r["source"]
        groups[key].append(i)
    cand: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for key, members in groups.items():
        others = list(members)
        if key.isdigit():  # Reuters: the next day too
            others += groups.get(str(int(key) + 1), [])
        sims = (mat[members] @ mat[others].T).toarray()
        for a, i in enumerate(members):
            for b, j in enumerate(others):
                if i != j and min_sim <= sims[a, b] <= max_sim:
                    cand[i].append((sims[a, b], j))
    pairs = set()
    for i, lst in cand.items():
        for _, j in sorted(lst, reverse=True)[:per_story]:
            pairs.add((min(i, j), max(i, j)))
    return sorted((rows[i]["id"], rows[j]["id"]) for i, j in pairs)


def story_text(row: dict) -> str:
    if row["id"].startswith("reuters"):
        return (
            f"{reuters_dateline(reuters_day(row['source']).isoformat())}\n\n{row['title']}\n\n{row['text']}"
        )
    return f"{row['title']}\n\n{row['text']}"


def extract(rows: dict[str, dict], ids: list[str], cache: Path, chunk: int = 100) -> dict[str, list]:
    """Claims per story, checkpointed to `cache` after each chunk (the run resumes)."""
    from claimcheck.core.types import Document
    from claimcheck.extract.claims import extract_claims

    done: dict[str, list] = pickle.loads(cache.read_bytes()) if cache.exists() else {}
    todo = [i for i in ids if i not in done]
    for lo in range(0, len(todo), chunk):
        part = todo[lo : lo + chunk]
        claims = extract_claims([Document(i, i, story_text(rows[i])) for i in part])
        for i in part:
            done[i] = [c for c in claims if c.doc_id == i and c.kind in KINDS]
        cache.write_bytes(pickle.dumps(done))
        print(f"extracted {len(done)}/{len(ids)} stories", file=sys.stderr, flush=True)
    return done


def masked(claim) -> str | None:
    """The claim's sentence with its figure as [MASK] and every other digit as '#' (the model must not
    compare values), or None when the figure is not in the sentence exactly once."""
    figure = claim.quantity.text if claim.quantity is not None else claim.date_text
    sentence = claim.sentence
    if not figure or sentence.count(figure) != 1 or len(sentence.split()) < MIN_WORDS:
        return None
    before, after = sentence.split(figure)
    return f"{_DIGITS.sub('#', before)}{MASK}{_DIGITS.sub('#', after)}".strip()


def block(claim) -> str:
    return f"unit:{claim.quantity.unit}" if claim.kind == "quantity" else "date"


def significant_digits(value: float) -> int:
    digits = f"{value:.6g}".replace(".", "").replace("-", "").lstrip("0")
    return len(digits.rstrip("0")) if "e" not in digits else 6


def label(a, b, min_ratio: float) -> int | None:
    """1 same value, 0 clearly different, None in between (rounding, 'about', a near value).

    A positive needs a specific value (two significant digits or more): two stories' "5 pct" or
    "two ships" are too often two facts to say they are one."""
    if a.kind == "date":
        x, y = a.date, b.date
        if x is None or y is None or None in (x.low, x.high, y.low, y.high):
            return None
        if (x.low, x.high) == (y.low, y.high) and x.high - x.low <= 31:
            return 1
        return 0 if x.high < y.low or y.high < x.low else None
    va, vb = a.quantity.value, b.quantity.value
    if va is None or vb is None or va <= 0 or vb <= 0:
        return None
    if va == vb and a.quantity.kind == b.quantity.kind:
        return 1 if significant_digits(va) >= 2 else None
    return 0 if max(va, vb) / min(va, vb) >= min_ratio else None


def pair_rows(
    claims: dict[str, list], pairs: list[tuple[str, str]], min_ratio: float, neg_per_pos: float, seed: int
):
    rng = random.Random(seed)
    rows = []
    for x, y in pairs:
        pos, neg = [], []
        by_block = defaultdict(list)
        for c in claims.get(y, []):
            by_block[block(c)].append(c)
        for a in claims.get(x, []):
            ta = masked(a)
            for b in by_block.get(block(a), []) if ta else []:
                tb = masked(b)
                lab = label(a, b, min_ratio) if tb else None
                if lab is not None:
                    (pos if lab else neg).append({"a": ta, "b": tb, "label": lab, "block": block(a)})
        rng.shuffle(neg)
        keep = neg[: max(2, round(neg_per_pos * len(pos)))]
        group = hashlib.sha1(f"{x}|{y}".encode()).hexdigest()[:12]
        rows += [dict(r, group=group, stories=[x, y]) for r in pos + keep]
    seen, out = set(), []
    for r in rows:
        key = (r["a"].lower(), r["b"].lower())
        if key not in seen and key[::-1] not in seen:
            seen.add(key)
            out.append(r)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "news")
    ap.add_argument("--out", type=Path, default=ROOT / "runs" / "slotmine")
    ap.add_argument("--max-stories", type=int, default=2400, help="stories to extract (the time it takes)")
    ap.add_argument("--min-sim", type=float, default=0.4, help="TF-IDF cosine of two same-event stories")
    ap.add_argument("--max-sim", type=float, default=0.97, help="above: one story filed twice")
    ap.add_argument("--per-story", type=int, default=4, help="partner stories kept per story")
    ap.add_argument("--min-ratio", type=float, default=1.15, help="values this far apart are two facts")
    ap.add_argument("--neg-per-pos", type=float, default=1.5, help="negatives kept per positive")
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args(argv)
    if not (args.data / "reuters21578.jsonl.gz").is_file():
        print(f"error: no corpora in {args.data}", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    rows = load_stories(args.data, ROOT / "eval" / "newsclusters" / "manifest.json")
    pairs = story_pairs(rows, args.min_sim, args.max_sim, args.per_story)
    rng = random.Random(args.seed)
    rng.shuffle(pairs)
    ids: list[str] = []
    kept = []
    for x, y in pairs:
        new = [s for s in (x, y) if s not in ids]
        if len(ids) + len(new) > args.max_stories:
            continue
        ids += new
        kept.append((x, y))
    print(
        f"{len(rows)} stories in the mining half, {len(pairs)} same-event pairs, {len(kept)} kept "
        f"({len(ids)} stories)",
        file=sys.stderr,
    )
    claims = extract({r["id"]: r for r in rows}, sorted(ids), args.out / "claims.pkl")
    out = pair_rows(claims, sorted(kept), args.min_ratio, args.neg_per_pos, args.seed)
    with open(args.out / "pairs.jsonl", "w", encoding="utf-8") as fh:
        for r in out:
            fh.write(json.dumps(r) + "\n")
    pos = sum(r["label"] for r in out)
    print(
        f"wrote {len(out)} pairs ({pos} same value, {len(out) - pos} different) to {args.out}/pairs.jsonl",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
