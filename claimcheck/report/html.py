"""One self-contained HTML page, in the table's order: the counts and the sources that disagree
most, contradictions strongest first (one overview row per pair of sentences, the conflicting
figures in <mark>), then each finding's sources side by side in their paragraphs; agreements
are counted, and listed only with `--show agreements`.

No scripts and no external assets, so the file can be attached to a CI run, mailed or opened
offline. Every piece of document text goes through html.escape, and a Content-Security-Policy
forbids scripts outright: a source that contains markup must show it as text, never run it.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from claimcheck._version import __version__
from claimcheck.report.locate import position
from claimcheck.report.registry import DEFAULT_OPTIONS, ReportOptions, register
from claimcheck.report.rows import (
    Row,
    Side,
    disagreeing_sources,
    excerpt,
    figure,
    report_settings,
    rows,
    source_labels,
)
from claimcheck.report.summary import plural, summarize
from claimcheck.report.words import in_words

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
mark { background: #ffe38a; padding: 1px 0; border-bottom: 2px solid #e0a800; font-weight: 600; }
.span { background: #f3f0d8; }
code { font: 13px ui-monospace, SFMono-Regular, Menlo, monospace; white-space: nowrap; }
figcaption code { white-space: normal; }
details > summary { cursor: pointer; font-weight: 600; margin: 0 0 12px; }
footer { color: var(--grey); font-size: 13px; margin-top: 32px; }
"""


@register("html")
def render_html(result: Result, options: ReportOptions = DEFAULT_OPTIONS) -> str:
    docs = {d.id: d for d in result.documents}
    settings = report_settings(result)
    labels = source_labels(result.documents, settings.label_chars)
    summary = summarize(result)
    contradictions = rows(result, "contradiction")
    agreements = rows(result, "agreement")
    baseline = result.baseline is not None
    worst = disagreeing_sources(contradictions, settings.top_source_pairs)
    title = plural(summary.new_contradictions if baseline else summary.contradictions, "contradiction")
    facts = f" on {plural(len(contradictions), 'pair')} of sentences" if contradictions else ""
    cards = [f for r in contradictions for f in r.findings]
    parts = [
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        f"<title>claimcheck: {'new ' if baseline else ''}{title}</title>\n",
        f"<style>{_CSS}</style>\n</head>\n<body>\n<header>\n<h1>claimcheck report</h1>\n",
        f'<p class="summary">{_e(summary.line(facts))}</p>\n',
        (
            '<p class="summary">Sources that disagree most: '
            + "; ".join(f"<strong>{_e(a)}</strong> and <strong>{_e(b)}</strong> ({n})" for (a, b), n in worst)
            + "</p>\n"
            if worst
            else ""
        ),
        *(f'<p class="note">{_e(note)}</p>\n' for note in result.notes),
        f"</header>\n<h2>Contradictions ({len(contradictions)})</h2>\n",
        _overview(contradictions, baseline, settings.cell_chars) if contradictions else "<p>None.</p>\n",
        "".join(_finding(result, f, docs, labels, baseline) for f in cards),
        f"<h2>Agreements ({len(agreements)})</h2>\n",
        _agreements(result, agreements, docs, labels, baseline, options, settings.cell_chars),
        f"<footer>claimcheck {_e(__version__)} · NLI model: {_e(result.model or 'none')}</footer>\n",
        "</body>\n</html>\n",
    ]
    return "".join(parts)


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _agreements(
    result: Result,
    found: list[Row],
    docs: dict[str, Document],
    labels: dict[str, str],
    baseline: bool,
    options: ReportOptions,
    limit: int,
) -> str:
    """The agreements' count; with --show agreements, their overview and cards folded away."""
    if not found:
        return "<p>None.</p>\n"
    counted = f"{plural(len(found), 'pair')} of sentences agree"
    if not options.show_agreements:
        return f"<p>{counted} (<code>--show agreements</code> lists them).</p>\n"
    cards = "".join(_finding(result, f, docs, labels, baseline) for r in found for f in r.findings)
    return f"<details>\n<summary>{counted}</summary>\n{_overview(found, baseline, limit)}{cards}</details>\n"


def _overview(found: list[Row], baseline: bool, limit: int) -> str:
    """One table row per pair of sentences: what each source says, figures marked, and why."""
    out = []
    for n, row in enumerate(found, start=1):
        said = "<br>".join(f"<strong>{_e(s.label)}</strong>: {_highlighted(s, limit)}" for s in row.sides)
        status = f"<td>{_status(row.new)}</td>" if baseline else ""
        why = "<br>".join(_e(x) for x in row.explanations)
        link = f'<a href="#{_e(row.findings[0].id)}">{n}</a>'
        out.append(
            f'<tr><td class="num">{link}</td>{status}<td class="num">{row.confidence:.2f}</td>'
            f"<td>{said}</td><td>{why}</td></tr>\n"
        )
    cols = ("#", *(("status",) if baseline else ()), "confidence", "what the sources say", "why")
    head = "".join(f"<th>{col}</th>" for col in cols)
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{''.join(out)}</tbody>\n</table>\n"


def _highlighted(side: Side, limit: int) -> str:
    text, spans = excerpt(side.sentence, side.figures, limit)
    out, at = [], 0
    for start, end in spans:
        out += [_e(text[at:start]), f"<mark>{_e(text[start:end])}</mark>"]
        at = end
    return "".join(out) + _e(text[at:])


def _status(new: bool) -> str:
    status = "new" if new else "baselined"
    return f'<span class="badge {status}">{status}</span>'


def _finding(
    result: Result, f: Finding, docs: dict[str, Document], labels: dict[str, str], baseline: bool
) -> str:
    """A finding's card: each claim in its paragraph, with its file position (the offsets' human form)."""
    sources = "".join(_source(c, docs[c.doc_id], labels[c.doc_id]) for c in map(result.claim, f.claim_ids))
    return (
        f'<article class="finding {_e(f.verdict)}" id="{_e(f.id)}">\n'
        f'<h3>{_status(not f.baselined) if baseline else ""}<span class="verdict">{_e(f.verdict)}</span>'
        f'<code>{_e(f.id)}</code><span class="meta">{_e(f.method)} · confidence {f.confidence:.2f}</span>'
        "</h3>\n"
        f'<p class="why">{_e(in_words(f.explanation, labels))}</p>\n<div class="sources">\n{sources}</div>\n'
        "</article>\n"
    )


def _source(claim: Claim, doc: Document, label: str) -> str:
    line, column = position(doc.text, claim.start)
    span = doc.text[claim.start : claim.end]
    before, after = _context(doc.text, claim.start, claim.end)
    restated = "" if span.strip() == claim.text.strip() else f'<p class="claim">claim: {_e(claim.text)}</p>\n'
    return (
        f'<figure class="source">\n<figcaption><strong>{_e(label)}</strong> '
        f"<code>{_e(doc.path)}:{line}:{column}</code></figcaption>\n"
        f'<blockquote>{_e(before)}<span class="span">{_marked(claim, span)}</span>{_e(after)}</blockquote>\n'
        f"{restated}</figure>\n"
    )


def _marked(claim: Claim, span: str) -> str:
    """The escaped span, with the quantity or date the verdict turned on marked."""
    key = figure(claim)
    at = span.find(key) if key else -1
    if at < 0 or not key:
        return _e(span)
    end = at + len(key)
    return f"{_e(span[:at])}<mark>{_e(span[at:end])}</mark>{_e(span[end:])}"


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
