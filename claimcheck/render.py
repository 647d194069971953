"""Result -> text, one function per format, all reading the same Result.

The table is for a person at a terminal; json is the contract other tools parse.
"""

from __future__ import annotations

import io
import json

from rich.console import Console
from rich.table import Table

from claimcheck.pipeline import Result


def render_json(result: Result) -> str:
    return json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n"


def render_table(result: Result, width: int = 120) -> str:
    buf = io.StringIO()
    console = Console(file=buf, width=width, force_terminal=False, color_system=None)
    n_con = sum(f.verdict == "contradiction" for f in result.findings)
    n_agr = sum(f.verdict == "agreement" for f in result.findings)
    console.print(
        f"claimcheck: {len(result.documents)} documents, {len(result.claims)} claims, "
        f"{len(result.pairs)} aligned pairs -> {n_con} contradictions, {n_agr} agreements"
    )
    for note in result.notes:
        console.print(f"note: {note}")
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
            f"{c.doc_id} [{c.start}:{c.end}]: {_short(c.text)}" for c in map(result.claim, f.claim_ids)
        )
        verdict = f.verdict + (" (baseline)" if f.baselined else "")
        table.add_row(f.id, verdict, f"{f.confidence:.2f}", f.method, claims, f.explanation)
    console.print(table)
    return buf.getvalue()


def _short(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


RENDERERS = {"json": render_json, "table": render_table}
