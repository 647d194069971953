"""One self-contained HTML page: summary, findings list, and each finding's sources side by side.

No scripts and no external assets, so the file can be attached to a CI run, mailed or opened
offline. Every piece of document text goes through html.escape, and a Content-Security-Policy
forbids scripts outright: a source that contains markup must show it as text, never run it.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from claimcheck._version import __version__
from claimcheck.report.locate import position
from claimcheck.report.registry import register
from claimcheck.report.summary import plural, summarize

if TYPE_CHECKING:
    from claimcheck.core.result import Result
    from claimcheck.core.types import Claim, Document, Finding

# Defence in depth behind the escaping: the page may not run scripts or load anything.
_CSP = "default-src 'none'; style-src 'unsafe-inline'"
CONTEXT = 280  # characters of the document shown on each side of a claim, within its paragraph

_CSS = """
:root { --red: #c0392b; --green: #2e7d32; --grey: #5f6b7a; --line: #d9dee5; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2733;
       margin: 0 auto; padding: 24px 32px 48px; max-width: 1240px; background: #f6f8fa; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 32px 0 12px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 0 0 6px; display: flex; gap: 10px; align-items: baseline; flex-wrap: wrap; }
.summary { color: var(--grey); margin: 0 0 12px; }
.note { background: #fff8e1; border-left: 4px solid #f0b400; padding: 6px 12px; margin: 6px 0; }
table { border-collapse: collapse; width: 100%; background: #fff; font-size: 14px; }
th, td { border: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
th { background: #eef1f5; }
td.num { text-align: right; white-space: nowrap; }
.finding { background: #fff; border: 1px solid var(--line); border-left: 5px solid var(--grey);
           border-radius: 6px; padding: 12px 16px; margin: 0 0 14px; }
.finding.contradiction { border-left-color: var(--red); }
.finding.agreement { border-left-color: var(--green); }
.verdict { font-weight: 600; text-transform: uppercase; font-size: 13px; letter-spacing: .03em; }
.contradiction .verdict { color: var(--red); }
.agreement .verdict { color: var(--green); }
.meta { color: var(--grey); font-weight: normal; }
.badge { font-size: 12px; border-radius: 10px; padding: 1px 8px; font-weight: 600; }
.badge.new { background: var(--red); color: #fff; }
.badge.baselined { background: #e3e7ec; color: var(--grey); }
.why { margin: 0 0 10px; }
.sources { display: grid; grid-template-columns: repeat(auto-fit, minmax(340px, 1fr)); gap: 12px; }
.source { margin: 0; border: 1px solid var(--line); border-radius: 4px; background: #fbfcfd; }
.source figcaption { padding: 6px 10px; border-bottom: 1px solid var(--line); background: #f1f4f7;
                     font-size: 13px; overflow-wrap: anywhere; }
.source blockquote { margin: 0; padding: 8px 10px; white-space: pre-wrap; overflow-wrap: anywhere; }
.claim { margin: 0; padding: 0 10px 8px; color: var(--grey); font-size: 13px; }
mark { background: #ffe38a; padding: 1px 0; border-bottom: 2px solid #e0a800; }
code { font: 13px ui-monospace, SFMono-Regular, Menlo, monospace; white-space: nowrap; }
figcaption code { white-space: normal; }
details > summary { cursor: pointer; font-weight: 600; margin: 0 0 12px; }
footer { color: var(--grey); font-size: 13px; margin-top: 32px; }
"""


@register("html")
def render_html(result: Result) -> str:
    docs = {d.id: d for d in result.documents}
    summary = summarize(result)
    contradictions = [f for f in result.findings if f.verdict == "contradiction"]
    agreements = [f for f in result.findings if f.verdict == "agreement"]
    parts = [
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        f"<title>claimcheck: {plural(summary.new_contradictions, 'new contradiction')}</title>\n",
        f"<style>{_CSS}</style>\n</head>\n<body>\n<header>\n<h1>claimcheck report</h1>\n",
        f'<p class="summary">{_e(summary.line())}</p>\n',
        *(f'<p class="note">{_e(note)}</p>\n' for note in result.notes),
        "</header>\n<h2>Findings</h2>\n",
        _overview(result, result.findings) if result.findings else "<p>No findings.</p>\n",
        f"<h2>Contradictions ({len(contradictions)})</h2>\n",
        "".join(_finding(result, f, docs) for f in contradictions) or "<p>None.</p>\n",
        f"<h2>Agreements ({len(agreements)})</h2>\n",
        (
            f"<details>\n<summary>Show {plural(len(agreements), 'agreement')}</summary>\n"
            + "".join(_finding(result, f, docs) for f in agreements)
            + "</details>\n"
            if agreements
            else "<p>None.</p>\n"
        ),
        f"<footer>claimcheck {_e(__version__)} · NLI model: {_e(result.model or 'none')}</footer>\n",
        "</body>\n</html>\n",
    ]
    return "".join(parts)


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _overview(result: Result, findings: list[Finding]) -> str:
    rows = []
    for f in findings:
        sources = ", ".join(sorted({result.claim(c).doc_id for c in f.claim_ids}))
        rows.append(
            f'<tr><td><a href="#{_e(f.id)}"><code>{_e(f.id)}</code></a></td><td>{_status(f)}</td>'
            f'<td>{_e(f.verdict)}</td><td class="num">{f.confidence:.2f}</td><td>{_e(f.method)}</td>'
            f"<td>{_e(sources)}</td><td>{_e(f.explanation)}</td></tr>\n"
        )
    head = "".join(
        f"<th>{col}</th>" for col in ("id", "status", "verdict", "confidence", "method", "sources", "why")
    )
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{''.join(rows)}</tbody>\n</table>\n"


def _status(f: Finding) -> str:
    status = "baselined" if f.baselined else "new"
    return f'<span class="badge {status}">{status}</span>'


def _finding(result: Result, f: Finding, docs: dict[str, Document]) -> str:
    sources = "".join(_source(c, docs[c.doc_id]) for c in map(result.claim, f.claim_ids))
    return (
        f'<article class="finding {_e(f.verdict)}" id="{_e(f.id)}">\n'
        f'<h3>{_status(f)}<span class="verdict">{_e(f.verdict)}</span><code>{_e(f.id)}</code>'
        f'<span class="meta">{_e(f.method)} · confidence {f.confidence:.2f}</span></h3>\n'
        f'<p class="why">{_e(f.explanation)}</p>\n<div class="sources">\n{sources}</div>\n</article>\n'
    )


def _source(claim: Claim, doc: Document) -> str:
    line, column = position(doc.text, claim.start)
    span = doc.text[claim.start : claim.end]
    before, after = _context(doc.text, claim.start, claim.end)
    restated = "" if span.strip() == claim.text.strip() else f'<p class="claim">claim: {_e(claim.text)}</p>\n'
    return (
        f'<figure class="source">\n<figcaption><strong>{_e(doc.id)}</strong> '
        f"<code>{_e(doc.path)}:{line}:{column}</code></figcaption>\n"
        f"<blockquote>{_e(before)}<mark>{_marked(claim, span)}</mark>{_e(after)}</blockquote>\n"
        f"{restated}</figure>\n"
    )


def _marked(claim: Claim, span: str) -> str:
    """The escaped span, with the quantity or date the verdict turned on in bold."""
    key = claim.quantity.text if claim.quantity else claim.date_text
    at = span.find(key) if key else -1
    if at < 0:
        return _e(span)
    end = at + len(key)
    return f"{_e(span[:at])}<strong>{_e(span[at:end])}</strong>{_e(span[end:])}"


def _context(text: str, start: int, end: int) -> tuple[str, str]:
    """Up to CONTEXT characters each side of the span, kept within its paragraph, cut at words."""
    lo, hi = max(0, start - CONTEXT), min(len(text), end + CONTEXT)
    before, after = text[lo:start], text[end:hi]
    if "\n" in before:
        before = before[before.rindex("\n") + 1 :]
    elif lo > 0:
        before = "…" + before[before.find(" ") + 1 :]
    if "\n" in after:
        after = after[: after.index("\n")]
    elif hi < len(text):
        cut = after.rfind(" ")
        after = (after[:cut] if cut > 0 else after) + "…"
    return before, after
