"""Materialise the news-cluster benchmark from the research corpora in ../shared/data/news.

    python eval/newsclusters/build.py --data ../shared/data/news --out eval/newsclusters/build

Writes OUT/{dev,test}/<cluster>/<NN>_<article-id>.txt (the original stories),
OUT/planted/{dev,test}/<copy>/... (copies of the clusters with the planted edits of planted.json applied) and
copies manifest.json, planted.json, gold.jsonl and GUIDE.md into OUT, so OUT is self-contained. The story
text is never committed (research-only licences); only ids, dates, edits and labels are.
Deterministic; standard library only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
COPIED = ("manifest.json", "planted.json", "gold.jsonl", "GUIDE.md")


class BuildError(Exception):
    pass


def load_corpus(path: Path, wanted: set[str]) -> dict[str, dict]:
    found = {}
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row["id"] in wanted:
                found[row["id"]] = row
    return found


def dateline(date: str | None) -> str | None:
    if not date:
        return None
    day = dt.date.fromisoformat(date)
    return f"{day:%B} {day.day}, {day.year} (Reuters) -"


def story_text(row: dict, date: str | None, body: str | None = None) -> str:
    """The file text: dateline (Reuters only), blank line, title, blank line, body."""
    parts = []
    line = dateline(date)
    if line:
        parts += [line, ""]
    parts += [row["title"].strip(), "", (row["text"] if body is None else body).strip(), ""]
    return "\n".join(parts)


def file_name(index: int, article_id: str) -> str:
    return f"{index + 1:02d}_{article_id}.txt"


def planted_copy_name(plant: dict) -> str:
    """All plants of a cluster share one planted copy unless a plant names copy "b" (interacting edits)."""
    copy = plant.get("copy", "a")
    return plant["cluster"] if copy == "a" else f"{plant['cluster']}__{copy}"


def apply_plants(body: str, plants: list[dict]) -> str:
    for plant in plants:
        count = body.count(plant["find"])
        if count != 1:
            raise BuildError(f"plant {plant['id']}: 'find' occurs {count} times in {plant['doc']}, need 1")
        body = body.replace(plant["find"], plant["replace"])
    return body


def build(data: Path, out: Path, bench: Path = HERE) -> dict:
    manifest = json.loads((bench / "manifest.json").read_text(encoding="utf-8"))
    plants = json.loads((bench / "planted.json").read_text(encoding="utf-8"))["plants"]
    rows: dict[str, dict] = {}
    for corpus, file in manifest["corpora"].items():
        path = data / file
        if not path.is_file():
            raise BuildError(f"data file not found: {path} (pass --data pointing at shared/data/news)")
        wanted = {s["id"] for c in manifest["clusters"] if c["corpus"] == corpus for s in c["stories"]}
        rows.update(load_corpus(path, wanted))
    missing = sorted({s["id"] for c in manifest["clusters"] for s in c["stories"]} - rows.keys())
    if missing:
        raise BuildError(f"{len(missing)} article ids not in the corpora, first: {missing[0]}")
    if out.exists():
        shutil.rmtree(out)
    clusters = {c["name"]: c for c in manifest["clusters"]}
    counts = {"stories": 0, "planted_copies": 0, "plants": len(plants)}
    for cluster in manifest["clusters"]:
        folder = out / cluster["split"] / cluster["name"]
        folder.mkdir(parents=True)
        for i, story in enumerate(cluster["stories"]):
            row = rows[story["id"]]
            (folder / file_name(i, story["id"])).write_text(
                story_text(row, story.get("date")), encoding="utf-8"
            )
            counts["stories"] += 1
    by_copy: dict[str, list[dict]] = {}
    for plant in plants:
        if plant["cluster"] not in clusters:
            raise BuildError(f"plant {plant['id']}: unknown cluster {plant['cluster']}")
        by_copy.setdefault(planted_copy_name(plant), []).append(plant)
    for copy, group in sorted(by_copy.items()):
        cluster = clusters[group[0]["cluster"]]
        folder = out / "planted" / cluster["split"] / copy
        folder.mkdir(parents=True)
        ids = [s["id"] for s in cluster["stories"]]
        for plant in group:
            if plant["doc"] not in ids or plant["partner"]["doc"] not in ids:
                raise BuildError(f"plant {plant['id']}: doc or partner not in cluster {cluster['name']}")
        for i, story in enumerate(cluster["stories"]):
            row = rows[story["id"]]
            body = apply_plants(row["text"], [p for p in group if p["doc"] == story["id"]])
            text = story_text(row, story.get("date"), body)
            (folder / file_name(i, story["id"])).write_text(text, encoding="utf-8")
        counts["planted_copies"] += 1
    for name in COPIED:
        if (bench / name).exists():
            shutil.copyfile(bench / name, out / name)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=HERE.parents[2] / "shared" / "data" / "news")
    parser.add_argument("--out", type=Path, default=HERE / "build")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"build.py: error: data folder not found: {args.data}", file=sys.stderr)
        return 2
    try:
        counts = build(args.data, args.out)
    except BuildError as error:
        print(f"build.py: error: {error}", file=sys.stderr)
        return 2
    print(
        f"wrote {counts['stories']} stories, {counts['planted_copies']} planted copies "
        f"({counts['plants']} plants) to {args.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
