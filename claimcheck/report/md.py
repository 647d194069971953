"""A Markdown report a CI job can post as a pull-request comment.

It opens with the counts and the sources that disagree most; contradictions follow, one row
per pair of conflicting sentences, strongest first, the conflicting figures in bold.
Agreements are counted (listed, folded, with `--show agreements`), since a reviewer acts on
conflicts. "new" is told apart from "baselined" when a baseline is in use. Document text is
escaped for both Markdown and HTML, and @mentions are broken: a comment must show a source's
words, never run them or notify anyone.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

from claimcheck._version import __version__
from claimcheck.report.registry import DEFAULT_OPTIONS, ReportOptions, register
from claimcheck.report.rows import Row, Side, disagreeing_sources, excerpt, printable, report_settings, rows
from claimcheck.report.summary import plural, summarize

if TYPE_CHECKING:
    from claimcheck.core.result import Result

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~#])")
# "@name" in a pull-request comment notifies that user (GitHub only reads an "@" that follows no
# letter or digit, so "a@b.org" and "model@1f2e" are no mentions); a zero-width joiner after the
# "@" shows the same text and links no one.
_MENTION = re.compile(r"(?<!\w)@(?=\w)")
_ZWJ = "\u200d"


@register("md")
def render_md(result: Result, options: ReportOptions = DEFAULT_OPTIONS) -> str:
    summary = summarize(result)
    settings = report_settings(result)
    contradictions = rows(result, "contradiction")
    agreements = rows(result, "agreement")
    baseline = result.baseline is not None
    new = summary.new_contradictions
    if baseline:
        title = f"{plural(new, 'new contradiction')}" if new else "no new contradictions"
    else:
        title = (
            plural(summary.contradictions, "contradiction") if summary.contradictions else "no contradictions"
        )
    facts = f" on {plural(len(contradictions), 'pair')} of sentences" if contradictions else ""
    parts = [f"## claimcheck: {title}\n\n{escape(summary.line(facts))}\n"]
    worst = disagreeing_sources(contradictions, settings.top_source_pairs)
    if worst:
        named = "; ".join(f"**{escape(a)}** and **{escape(b)}** ({n})" for (a, b), n in worst)
        parts.append(f"\nSources that disagree most: {named}\n")
    parts += [f"\n> **note:** {escape(note)}\n" for note in result.notes]
    parts.append("\n### Contradictions\n\n")
    parts.append(_table(contradictions, baseline, settings.cell_chars) if contradictions else "None.\n")
    if agreements:
        parts.append("\n### Agreements\n\n")
        counted = f"{plural(len(agreements), 'pair')} of sentences agree"
        if options.show_agreements:
            table = _table(agreements, baseline, settings.cell_chars)
            parts.append(f"<details>\n<summary>{counted}</summary>\n\n{table}\n</details>\n")
        else:
            parts.append(f"{counted} (`--show agreements` lists them).\n")
    parts.append(f"\n<sub>claimcheck {__version__}; model: {escape(result.model or 'none')}</sub>\n")
    return "".join(parts)


def escape(text: str) -> str:
    """Text shown literally in GitHub-flavoured Markdown, table cells included (one line, no markup,
    no @mentions)."""
    flat = re.sub(r"\s+", " ", printable(text))  # one line; an edge space stays, for the text around a figure
    return _MENTION.sub("@" + _ZWJ, _MD_SPECIAL.sub(r"\\\1", html.escape(flat, quote=False)))


def _table(found: list[Row], baseline: bool, limit: int) -> str:
    status, rule = ("status | ", "---|") if baseline else ("", "")
    head = f"| # | {status}confidence | what the sources say | why |\n|---:|{rule}---:|---|---|\n"
    lines = []
    for n, row in enumerate(found, start=1):
        said = "<br>".join(f"**{escape(s.label)}**: {_highlighted(s, limit)}" for s in row.sides)
        why = "<br>".join(escape(e) for e in row.explanations)
        mark = ("**new** | " if row.new else "baselined | ") if baseline else ""
        lines.append(f"| {n} | {mark}{row.confidence:.2f} | {said} | {why} |\n")
    return head + "".join(lines)


def _highlighted(side: Side, limit: int) -> str:
    """The side's sentence, escaped, shortened around its figures, each figure in bold."""
    text, spans = excerpt(side.sentence, side.figures, limit)
    out, at = [], 0
    for start, end in spans:
        out += [escape(text[at:start]), f"**{escape(text[start:end])}**"]
        at = end
    out.append(escape(text[at:]))
    return "".join(out)
