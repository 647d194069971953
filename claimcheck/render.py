"""Result -> text, one function per format, all reading the same Result.

The table is for a person at a terminal; json is the contract other tools parse; jsonl and
csv put one finding (or finding x claim) per line for scripts, spreadsheets and DataFrames.
md, html and sarif live in their own modules (a PR comment, a page, code-scanning alerts).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

from rich.console import Console
from rich.table import Table
from rich.text import Text

from claimcheck.locate import claim_location
from claimcheck.pipeline import Result, finding_dict
from claimcheck.render_html import render_html
from claimcheck.render_md import render_md
from claimcheck.render_sarif import render_sarif
from claimcheck.summary import shorten, summarize

CSV_COLUMNS = (
    "finding_id",
    "verdict",
    "confidence",
    "method",
    "baselined",
    "explanation",
    "claim_id",
    "doc_id",
    "path",
    "line",
    "column",
    "end_line",
    "end_column",
    "start",
    "end",
    "text",
)


def render_json(result: Result) -> str:
    return json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n"


def finding_records(result: Result) -> list[dict]:
    """Each finding as in the JSON report, with its claims inlined and located, so one line stands alone."""
    docs = {d.id: d for d in result.documents}
    records = []
    for f in result.findings:
        claims = [claim_location(c, docs[c.doc_id]) for c in map(result.claim, f.claim_ids)]
        records.append(finding_dict(f) | {"claims": claims})
    return records


def render_jsonl(result: Result) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in finding_records(result))


def render_csv(result: Result) -> str:
    """One row per finding x claim; the columns are CSV_COLUMNS, in that order, whatever the corpus."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(CSV_COLUMNS)
    for record in finding_records(result):
        for claim in record["claims"]:
            row = record | claim | {"finding_id": record["id"], "claim_id": claim["id"]}
            row["baselined"] = "true" if record["baselined"] else "false"
            writer.writerow([row[col] for col in CSV_COLUMNS])
    return buf.getvalue()


def render_table(result: Result, width: int = 120) -> str:
    buf = io.StringIO()
    console = Console(file=buf, width=width, force_terminal=False, color_system=None)
    console.print(Text(f"claimcheck: {summarize(result).line()}"))
    for note in result.notes:
        console.print(Text(f"note: {note}"))
    if not result.findings:
        console.print("No findings.")
        return buf.getvalue()
    table = Table(show_lines=True, expand=True)
    for col, kw in (
        ("id", {"no_wrap": True}),
        ("verdict", {}),
        ("conf", {"justify": "right"}),
        ("method", {}),
        ("claims (source: span)", {"ratio": 3}),
        ("why", {"ratio": 2}),
    ):
        table.add_column(col, **kw)
    for f in result.findings:
        claims = "\n".join(
            f"{c.doc_id} [{c.start}:{c.end}]: {shorten(c.text)}" for c in map(result.claim, f.claim_ids)
        )
        verdict = f.verdict + (" (baseline)" if f.baselined else "")
        # Text, not str: rich would read "[...]" in a document or a path as markup.
        table.add_row(f.id, verdict, f"{f.confidence:.2f}", f.method, Text(claims), Text(f.explanation))
    console.print(table)
    return buf.getvalue()


RENDERERS: dict[str, Callable[[Result], str]] = {
    "table": render_table,
    "json": render_json,
    "jsonl": render_jsonl,
    "csv": render_csv,
    "md": render_md,
    "html": render_html,
    "sarif": render_sarif,
}
