"""The machine-readable formats: json (the contract other tools parse), and jsonl and csv, one
finding (or finding x claim) per line for scripts, spreadsheets and DataFrames."""

from __future__ import annotations

import csv
import io
import json

from claimcheck.core.result import Result, finding_dict
from claimcheck.report.locate import claim_location
from claimcheck.report.registry import DEFAULT_OPTIONS, ReportOptions, register

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


@register("json")
def render_json(result: Result, options: ReportOptions = DEFAULT_OPTIONS) -> str:
    return json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n"


def finding_records(result: Result) -> list[dict]:
    """Each finding as in the JSON report, with its claims inlined and located, so one line stands alone."""
    docs = {d.id: d for d in result.documents}
    records = []
    for f in result.findings:
        claims = [claim_location(c, docs[c.doc_id]) for c in map(result.claim, f.claim_ids)]
        records.append(finding_dict(f) | {"claims": claims})
    return records


@register("jsonl")
def render_jsonl(result: Result, options: ReportOptions = DEFAULT_OPTIONS) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in finding_records(result))


@register("csv")
def render_csv(result: Result, options: ReportOptions = DEFAULT_OPTIONS) -> str:
    """One row per finding x claim; the columns are CSV_COLUMNS, in that order, whatever the corpus.

    Text cells that a spreadsheet would run as a formula are defused (see `spreadsheet_safe`).
    """
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(CSV_COLUMNS)
    for record in finding_records(result):
        for claim in record["claims"]:
            row = record | claim | {"finding_id": record["id"], "claim_id": claim["id"]}
            row["baselined"] = "true" if record["baselined"] else "false"
            writer.writerow([spreadsheet_safe(row[col]) for col in CSV_COLUMNS])
    return buf.getvalue()


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: object) -> object:
    """A text cell starting like a formula (=, +, -, @, tab, CR) with a single quote in front.

    OWASP's CSV-injection advice: a document sentence such as "=HYPERLINK(...)" would
    otherwise run when the report is opened in a spreadsheet. Numbers are left as numbers.
    """
    if isinstance(cell, str) and cell.startswith(_FORMULA_START):
        return "'" + cell
    return cell
