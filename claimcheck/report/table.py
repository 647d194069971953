"""The terminal table: what a person at a terminal reads first."""

from __future__ import annotations

import io

from claimcheck.core.result import Result
from claimcheck.core.settings import DEFAULTS
from claimcheck.report.registry import register
from claimcheck.report.summary import shorten, summarize


@register("table")
def render_table(result: Result, width: int = DEFAULTS.report.table_width) -> str:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

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
