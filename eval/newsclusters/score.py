"""Score the current claimcheck on a built bench dir (stand-in until `claimcheck eval findings DIR` exists).

    python eval/newsclusters/score.py eval/newsclusters/build [--json] [--reports DIR]

Each cluster is checked with `claimcheck check FILES --format json --fail-on none --no-cache`, run from this
checkout. --reports keeps every report as DIR/<split>__<cluster>.json and reuses one that is already there.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

from findings_eval import evaluate_findings, format_table

ROOT = Path(__file__).resolve().parents[2]
CLI = "import sys; from claimcheck.cli import app; sys.argv[0] = 'claimcheck'; app()"


def make_run(reports: Path | None):
    def run(files: list[Path]) -> dict:
        folder = files[0].parent
        prefix = "planted__" if folder.parent.parent.name == "planted" else ""
        name = f"{prefix}{folder.parent.name}__{folder.name}"
        cached = reports / f"{name}.json" if reports else None
        if cached and cached.exists():
            return json.loads(cached.read_text(encoding="utf-8"))
        env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", PYTHONPATH=str(ROOT))
        cmd = [sys.executable, "-c", CLI, "check", *map(str, files), "--format", "json", "--fail-on", "none"]
        out = subprocess.run(cmd + ["--no-cache"], env=env, check=True, capture_output=True, text=True).stdout
        if cached:
            cached.parent.mkdir(parents=True, exist_ok=True)
            cached.write_text(out, encoding="utf-8")
        return json.loads(out)

    return run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bench", type=Path)
    parser.add_argument("--json", action="store_true", help="print the metrics as JSON")
    parser.add_argument("--reports", type=Path, help="keep and reuse the tool's reports here")
    args = parser.parse_args(argv)
    if not (args.bench / "manifest.json").is_file():
        print(f"score.py: error: not a built bench dir: {args.bench} (run build.py first)", file=sys.stderr)
        return 2
    metrics = evaluate_findings(args.bench, make_run(args.reports))
    if args.json:
        print(json.dumps(metrics, indent=1, ensure_ascii=False))
    else:
        print(format_table(metrics), end="")
        print(f"unlabelled sentence pairs: {len(metrics['unlabelled'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
