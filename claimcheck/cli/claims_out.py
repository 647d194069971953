"""`claimcheck extract` output: the claims of each document as table, json, jsonl or csv.

json is {"documents", "claims"} in the shape of the check report (DESIGN.md), so a script reads
both the same way; jsonl is one claim object per line; csv one row per claim with fixed columns.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from claimcheck.core.result import claim_dict
from claimcheck.core.types import Claim, Document
from claimcheck.report.machine import spreadsheet_safe

FORMATS = ("table", "json", "jsonl", "csv")
CSV_COLUMNS = ("id", "doc_id", "path", "kind", "value", "unit", "hedged", "start", "end", "text")


def render_claims(fmt: str, docs: Sequence[Document], claims: Sequence[Claim]) -> str:
    if fmt == "json":
        doc = {
            "documents": [{"id": d.id, "path": d.path} for d in docs],
            "claims": list(map(claim_dict, claims)),
        }
        return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    if fmt == "jsonl":
        return "".join(json.dumps(claim_dict(c), ensure_ascii=False) + "\n" for c in claims)
    if fmt == "csv":
        return _csv(docs, claims)
    return _table(claims)


def _value(c: Claim) -> str:
    return c.quantity.interval.describe() if c.quantity else (c.date_text or "")


def _csv(docs: Sequence[Document], claims: Sequence[Claim]) -> str:
    """Cells a spreadsheet would run as a formula get a leading apostrophe (OWASP's advice)."""
    paths = {d.id: d.path for d in docs}
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(CSV_COLUMNS)
    for c in claims:
        row = (
            c.id,
            c.doc_id,
            paths.get(c.doc_id, ""),
            c.kind,
            _value(c),
            c.quantity.unit if c.quantity else "",
            "yes" if c.hedged else "",
            c.start,
            c.end,
            c.text,
        )
        writer.writerow(map(spreadsheet_safe, row))
    return buf.getvalue()


def _table(claims: Sequence[Claim]) -> str:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(show_lines=False, expand=True)
    for col in ("id", "kind", "value", "unit", "hedged", "text"):
        table.add_column(col)
    for c in claims:
        unit = c.quantity.unit if c.quantity else ""
        cells = (c.id, c.kind, _value(c), unit, "yes" if c.hedged else "", c.text)
        table.add_row(*map(Text, cells))  # Text: "[b]" in a document is text, not rich markup
    console = Console(width=160, file=io.StringIO(), force_terminal=False, color_system=None)
    console.print(table)
    return console.file.getvalue()
