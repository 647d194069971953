"""Score claimcheck's contradiction findings on the labelled news-cluster benchmark (eval/newsclusters).

Standard library only (the scorer must not share code with what it scores).

A finding is mapped to a *sentence pair*: each of its claims is widened to the sentence(s) holding its
span (`sentence_span`), and the sentence is keyed by the story's article id and `sent_hash` of the
normalised sentence text. Gold labels (gold.jsonl) are keyed the same way, so a pair labelled once stays
labelled for every later version of the tool; pairs nobody labelled yet come back in `unlabelled`.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

# A contradiction a fact-checker would not sign is the failure that matters most.
PRIMARY_METRIC = "contradiction_precision"
SPLITS = ("dev", "test")
CONFLICT_TYPES = ("number", "date", "negation", "antonym", "swapped_actor")
NEAR_MISS_TYPES = (
    "near_miss_rounding",
    "near_miss_about",
    "near_miss_metric",
    "near_miss_period",
    "near_miss_conversion",
    "near_miss_change_as_level",
)
HIGH_CONFIDENCE = 0.8

# A period before one of these words (or a single letter, or dotted initials like "U.S") ends no sentence.
ABBREVIATIONS = frozenset(
    "mr mrs ms dr st inc corp co ltd jr sr no vs gov sen rep gen mt jan feb mar apr jun jul aug sep sept "
    "oct nov dec bros cos plc messrs prof".split()
)
_END = re.compile(r"[.!?][\"')\]]*(?=\s)")
_INITIALS = re.compile(r"(?:[A-Za-z]\.)*[A-Za-z]")


def sentence_starts(text: str) -> list[int]:
    """Offsets where sentences start: after a newline, or after . ! ? (plus closing quotes) and whitespace
    when the next word does not start lower-case and the word before the period is no abbreviation."""
    starts = [0]
    for i, char in enumerate(text):
        if char == "\n":
            starts.append(i + 1)
    for match in _END.finditer(text):
        end = match.end()
        nxt = end
        while nxt < len(text) and text[nxt] in " \t":
            nxt += 1
        if nxt >= len(text) or text[nxt] == "\n" or text[nxt].islower():
            continue
        if text[match.start()] == ".":
            word = re.split(r"\s", text[: match.start()])[-1].lstrip("\"'([<")
            if word.lower() in ABBREVIATIONS or _INITIALS.fullmatch(word):
                continue
        starts.append(nxt)
    return sorted(set(starts))


def sentence_span(text: str, start: int, end: int, starts: list[int] | None = None) -> tuple[int, int]:
    """The sentence(s) holding text[start:end]: from the last sentence start at or before `start` to the
    next sentence start after `end - 1`, whitespace stripped. A span over two sentences gives both."""
    starts = sentence_starts(text) if starts is None else starts
    end = max(end, start + 1)
    lo = max((s for s in starts if s <= start), default=0)
    hi = min((s for s in starts if s >= end), default=len(text))
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return lo, hi


def normalise(sentence: str) -> str:
    """NFKC, lower case, whitespace runs to one space, stripped."""
    return " ".join(unicodedata.normalize("NFKC", sentence).lower().split())


def sent_hash(sentence: str) -> str:
    return hashlib.sha1(normalise(sentence).encode("utf-8")).hexdigest()[:16]


def article_id(path: str | Path) -> str:
    """`03_reuters21578-1996.txt` -> `reuters21578-1996`."""
    return re.sub(r"^\d+_", "", Path(path).stem)


def planted_copy_name(plant: dict) -> str:
    """Same rule as build.py: one planted copy per cluster unless a plant names another copy."""
    copy = plant.get("copy", "a")
    return plant["cluster"] if copy == "a" else f"{plant['cluster']}__{copy}"


def pair_key(a: tuple[str, str], b: tuple[str, str]) -> tuple[tuple[str, str], tuple[str, str]]:
    return (a, b) if a <= b else (b, a)


def load_gold(path: Path) -> dict:
    gold = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                key = pair_key(
                    (row["a"]["doc"], row["a"]["sent_hash"]), (row["b"]["doc"], row["b"]["sent_hash"])
                )
                gold[key] = row
    return gold


class _Doc:
    def __init__(self, path: Path):
        self.path = path
        self.id = article_id(path)
        self.text = path.read_text(encoding="utf-8")
        self.starts = sentence_starts(self.text)

    def sentence(self, start: int, end: int) -> tuple[int, int, str]:
        lo, hi = sentence_span(self.text, start, end, self.starts)
        return lo, hi, self.text[lo:hi]


def _contradictions(report: dict, files: list[Path]) -> list[dict]:
    """Each contradiction finding as {confidence, explanation, claims: [(doc, start, end)]}."""
    by_name = {p.name: p for p in files}
    docs = {}
    for d in report.get("documents", []):
        path = Path(d.get("path", ""))
        docs[d["id"]] = _Doc(by_name.get(path.name, path))
    claims = {c["id"]: c for c in report.get("claims", [])}
    out = []
    for finding in report.get("findings", []):
        if finding.get("verdict") != "contradiction":
            continue
        spans = []
        for cid in finding.get("claim_ids", []):
            claim = claims.get(cid)
            if claim is not None and claim["doc_id"] in docs:
                spans.append((docs[claim["doc_id"]], claim["start"], claim["end"]))
        out.append(
            {
                "confidence": float(finding.get("confidence") or 0.0),
                "explanation": finding.get("explanation", ""),
                "claims": spans,
            }
        )
    return out


def _empty_split() -> dict:
    return {
        "n_clusters": 0,
        "n_claims": 0,
        "n_findings": 0,
        "n_labelled": 0,
        "n_labelled_conflict": 0,
        "n_false_alarms": 0,
        "n_high": 0,
        "n_high_conflict": 0,
        "n_unlabelled": 0,
        "planted": {t: {"n": 0, "hit": 0, "prior": 0} for t in CONFLICT_TYPES + NEAR_MISS_TYPES},
    }


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def _finish(raw: dict) -> dict:
    planted = raw["planted"]
    conflict_n = sum(planted[t]["n"] for t in CONFLICT_TYPES)
    conflict_hit = sum(planted[t]["hit"] for t in CONFLICT_TYPES)
    near_n = sum(planted[t]["n"] for t in NEAR_MISS_TYPES)
    near_hit = sum(planted[t]["hit"] for t in NEAR_MISS_TYPES)
    return {
        "n_clusters": raw["n_clusters"],
        "n_claims": raw["n_claims"],
        "n_findings": raw["n_findings"],
        "n_labelled": raw["n_labelled"],
        "n_unlabelled": raw["n_unlabelled"],
        "contradiction_precision": _ratio(raw["n_labelled_conflict"], raw["n_labelled"]),
        "false_alarms_per_100_claims": (
            round(100 * raw["n_false_alarms"] / raw["n_claims"], 2) if raw["n_claims"] else None
        ),
        "precision_at_0.8": _ratio(raw["n_high_conflict"], raw["n_high"]),
        "n_findings_at_0.8": raw["n_high"],
        "planted_recall": _ratio(conflict_hit, conflict_n),
        "planted_recall_new": _ratio(
            conflict_hit - sum(planted[t]["prior"] for t in CONFLICT_TYPES), conflict_n
        ),
        "planted_recall_by_type": {
            t: {
                "n": planted[t]["n"],
                "caught": planted[t]["hit"],
                "already_flagged": planted[t]["prior"],
                "recall": _ratio(planted[t]["hit"], planted[t]["n"]),
            }
            for t in CONFLICT_TYPES
        },
        "near_miss_false_flags": _ratio(near_hit, near_n),
        "near_miss_by_type": {
            t: {
                "n": planted[t]["n"],
                "flagged": planted[t]["hit"],
                "already_flagged": planted[t]["prior"],
                "rate": _ratio(planted[t]["hit"], planted[t]["n"]),
            }
            for t in NEAR_MISS_TYPES
        },
    }


def _score_originals(
    files: list[Path], report: dict, cluster: str, gold: dict, raw: dict, unlabelled: dict, labelled: list
) -> list[dict]:
    raw["n_clusters"] += 1
    raw["n_claims"] += len(report.get("claims", []))
    contradictions = _contradictions(report, files)
    for finding in contradictions:
        raw["n_findings"] += 1
        sides = []
        for doc, start, end in finding["claims"][:2]:
            _, _, text = doc.sentence(start, end)
            sides.append((doc.id, sent_hash(text), text))
        if len(sides) < 2:
            continue
        key = pair_key(sides[0][:2], sides[1][:2])
        row = gold.get(key)
        high = finding["confidence"] >= HIGH_CONFIDENCE
        if row is None:
            entry = unlabelled.setdefault(
                key,
                {
                    "cluster": cluster,
                    "a": {"doc": key[0][0], "sent_hash": key[0][1], "text": ""},
                    "b": {"doc": key[1][0], "sent_hash": key[1][1], "text": ""},
                    "confidence": finding["confidence"],
                    "explanation": finding["explanation"],
                },
            )
            for side in sides:
                for slot in ("a", "b"):
                    if (entry[slot]["doc"], entry[slot]["sent_hash"]) == side[:2]:
                        entry[slot]["text"] = side[2]
            entry["confidence"] = max(entry["confidence"], finding["confidence"])
            continue
        conflict = row["label"] == "conflict"
        labelled.append(
            {
                "cluster": cluster,
                "label": row["label"],
                "reason": row.get("reason", ""),
                "confidence": finding["confidence"],
                "explanation": finding["explanation"],
            }
        )
        raw["n_labelled"] += 1
        raw["n_labelled_conflict"] += conflict
        raw["n_false_alarms"] += not conflict
        raw["n_high"] += high
        raw["n_high_conflict"] += high and conflict
    return contradictions


def _overlaps(span: tuple[int, int], lo: int, hi: int) -> bool:
    return span[0] < hi and lo < span[1]


def _flags(
    findings: list[dict], doc: _Doc, edited: tuple[int, int], partner: _Doc, other: tuple[int, int]
) -> bool:
    """Whether a contradiction pairs a claim in `edited` (of doc) with another in `other` (of partner)."""
    for finding in findings:
        in_edit = [c for c in finding["claims"] if c[0].id == doc.id and _overlaps(c[1:], *edited)]
        in_partner = [c for c in finding["claims"] if c[0].id == partner.id and _overlaps(c[1:], *other)]
        if any(a is not b for a in in_edit for b in in_partner):
            return True
    return False


def _locate(doc: _Doc, sub: str) -> tuple[int, int]:
    at = doc.text.find(sub)
    return doc.sentence(at, at + len(sub))[:2]


def _score_planted(
    files: list[Path], report: dict, plants: list[dict], raw: dict, before: dict
) -> list[dict]:
    """`before` maps a cluster name to (docs, contradictions) of its original run, to tell whether the
    tool already flagged the same sentence pair before the edit (then a hit says little about the edit)."""
    docs = {article_id(p): _Doc(p) for p in files}
    findings = _contradictions(report, files)
    results = []
    for plant in plants:
        doc, partner = docs[plant["doc"]], docs[plant["partner"]["doc"]]
        hit = _flags(
            findings,
            doc,
            _locate(doc, plant["replace"]),
            partner,
            _locate(partner, plant["partner"]["sentence_contains"]),
        )
        prior = False
        if plant["cluster"] in before:
            odocs, ofindings = before[plant["cluster"]]
            odoc, opartner = odocs.get(plant["doc"]), odocs.get(plant["partner"]["doc"])
            if odoc is not None and opartner is not None and plant["find"] in odoc.text:
                contains = plant["partner"]["sentence_contains"]
                prior = _flags(
                    ofindings, odoc, _locate(odoc, plant["find"]), opartner, _locate(opartner, contains)
                )
        counts = raw["planted"][plant["type"]]
        counts["n"] += 1
        counts["hit"] += hit
        counts["prior"] += hit and prior
        results.append(
            {
                "id": plant["id"],
                "type": plant["type"],
                "expect": plant["expect"],
                "flagged": hit,
                "flagged_before": prior,
            }
        )
    return results


def _txt_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.txt") if p.is_file())


def evaluate_findings(
    bench_dir: Path, run: Callable[[list[Path]], dict], splits: tuple[str, ...] = SPLITS
) -> dict:
    """Run every original cluster and planted copy under a built bench dir and score the findings.

    `run` takes one cluster's story files and returns claimcheck's JSON report as a dict. Returns
    {"dev": metrics, "test": metrics, "overall": metrics, "unlabelled": [...], "labelled": [...],
    "plants": [...]};
    `splits` limits the run (tuning reads `("dev",)` only; a split not run scores as empty).
    """
    bench_dir = Path(bench_dir)
    gold = load_gold(bench_dir / "gold.jsonl")
    planted_spec = bench_dir / "planted.json"
    plants = json.loads(planted_spec.read_text(encoding="utf-8"))["plants"] if planted_spec.exists() else []
    raws = {split: _empty_split() for split in SPLITS}
    unlabelled: dict = {}
    labelled: list[dict] = []
    plant_results = []
    before: dict = {}
    for split in splits:
        for folder in sorted(p for p in (bench_dir / split).glob("*") if p.is_dir()):
            files = _txt_files(folder)
            found = _score_originals(files, run(files), folder.name, gold, raws[split], unlabelled, labelled)
            before[folder.name] = ({article_id(p): _Doc(p) for p in files}, found)
        copies: dict[str, list[dict]] = {}
        for plant in plants:
            copies.setdefault(planted_copy_name(plant), []).append(plant)
        for folder in sorted(p for p in (bench_dir / "planted" / split).glob("*") if p.is_dir()):
            group = copies.get(folder.name, [])
            if group:
                files = _txt_files(folder)
                plant_results += _score_planted(files, run(files), group, raws[split], before)
    overall = _empty_split()
    for raw in raws.values():
        for key, value in raw.items():
            if key == "planted":
                for t, counts in value.items():
                    for name in ("n", "hit", "prior"):
                        overall["planted"][t][name] += counts[name]
            else:
                overall[key] += value
    rows = sorted(
        unlabelled.values(), key=lambda r: (r["cluster"], r["a"]["doc"], r["a"]["sent_hash"], r["b"]["doc"])
    )
    for raw in raws.values():
        raw["n_unlabelled"] = 0
    for row in rows:
        split = next((s for s in SPLITS if (bench_dir / s / row["cluster"]).is_dir()), "dev")
        raws[split]["n_unlabelled"] += 1
    overall["n_unlabelled"] = len(rows)
    result = {split: _finish(raws[split]) for split in SPLITS}
    result["overall"] = _finish(overall)
    result["primary_metric"] = PRIMARY_METRIC
    result["unlabelled"] = rows
    result["labelled"] = labelled  # each labelled finding with its gold label: what to read when tuning
    result["plants"] = plant_results
    return result


def _fmt(value) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.3f}" if value < 10 else f"{value:.1f}"
    return str(value)


def format_table(metrics: dict) -> str:
    """Plain-text table: one column per split (dev, test, overall)."""
    cols = [c for c in ("dev", "test", "overall") if c in metrics]
    rows: list[tuple[str, list[str]]] = []

    def add(label: str, getter: Callable[[dict], object]) -> None:
        rows.append((label, [_fmt(getter(metrics[c])) for c in cols]))

    add("clusters", lambda m: m["n_clusters"])
    add("claims", lambda m: m["n_claims"])
    add("contradiction findings", lambda m: m["n_findings"])
    add("  labelled", lambda m: m["n_labelled"])
    add("  unlabelled pairs", lambda m: m["n_unlabelled"])
    add("contradiction precision", lambda m: m["contradiction_precision"])
    add("false alarms / 100 claims", lambda m: m["false_alarms_per_100_claims"])
    add("precision at conf >= 0.8", lambda m: m["precision_at_0.8"])
    add("  findings at conf >= 0.8", lambda m: m["n_findings_at_0.8"])
    add("planted recall (all conflict types)", lambda m: m["planted_recall"])
    add("  not flagged before the edit", lambda m: m["planted_recall_new"])
    for t in CONFLICT_TYPES:
        add(f"  recall {t}", lambda m, t=t: _caught(m["planted_recall_by_type"][t], "caught"))
    add("near-miss false flags", lambda m: m["near_miss_false_flags"])
    for t in NEAR_MISS_TYPES:
        add(f"  flagged {t}", lambda m, t=t: _caught(m["near_miss_by_type"][t], "flagged"))
    width = max(len(label) for label, _ in rows)
    cw = max(10, *(len(v) for _, vals in rows for v in vals))
    lines = [f"{'metric':<{width}}  " + "  ".join(f"{c:>{cw}}" for c in cols)]
    lines.append("-" * len(lines[0]))
    lines += [f"{label:<{width}}  " + "  ".join(f"{v:>{cw}}" for v in vals) for label, vals in rows]
    return "\n".join(lines) + "\n"


def _caught(entry: dict, key: str) -> str:
    """`hit/n`, with `(k before)` when k of the hits were already flagged on the unedited cluster."""
    if not entry["n"]:
        return "-"
    prior = f"({entry['already_flagged']}b)" if entry.get("already_flagged") else ""
    return f"{entry[key]}/{entry['n']}{prior}"
