"""A Markdown report a CI job can post as a pull-request comment.

Contradictions come first and open; agreements are folded into <details>, since a reviewer
acts on conflicts. New findings are told apart from baselined ones. Document text is
escaped for both Markdown and HTML: a comment must show a source's words, never run them.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

from claimcheck._version import __version__
from claimcheck.report.registry import register
from claimcheck.report.summary import plural, shorten, summarize

if TYPE_CHECKING:
    from claimcheck.core.result import Result
    from claimcheck.core.types import Finding

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~#])")
_HEADER = "| status | id | confidence | method | claims | why |\n|---|---|---:|---|---|---|\n"


@register("md")
def render_md(result: Result) -> str:
    summary = summarize(result)
    contradictions = [f for f in result.findings if f.verdict == "contradiction"]
    agreements = [f for f in result.findings if f.verdict == "agreement"]
    title = (
        f"{plural(summary.new_contradictions, 'new contradiction')}"
        if summary.new_contradictions
        else "no new contradictions"
    )
    parts = [f"## claimcheck: {title}\n\n{escape(summary.line())}\n"]
    parts += [f"> **note:** {escape(note)}\n" for note in result.notes]
    parts.append("\n### Contradictions\n\n")
    parts.append(_table(result, contradictions) if contradictions else "None.\n")
    parts.append("\n### Agreements\n\n")
    if agreements:
        shown = f"<summary>{plural(len(agreements), 'agreement')} between sources</summary>"
        parts.append(f"<details>\n{shown}\n\n{_table(result, agreements)}\n</details>\n")
    else:
        parts.append("None.\n")
    parts.append(f"\n<sub>claimcheck {__version__}; model: {escape(result.model or 'none')}</sub>\n")
    return "".join(parts)


def escape(text: str) -> str:
    """Text shown literally in GitHub-flavoured Markdown, table cells included (one line, no markup)."""
    flat = " ".join(text.split())
    return _MD_SPECIAL.sub(r"\\\1", html.escape(flat, quote=False))


def _table(result: Result, findings: list[Finding]) -> str:
    rows = []
    for f in findings:
        claims = "<br>".join(
            f"**{escape(c.doc_id)}**: {escape(shorten(c.text, 200))}" for c in map(result.claim, f.claim_ids)
        )
        status = "baselined" if f.baselined else "**new**"
        why = escape(f.explanation)
        rows.append(f"| {status} | `{f.id}` | {f.confidence:.2f} | {f.method} | {claims} | {why} |\n")
    return _HEADER + "".join(rows)
