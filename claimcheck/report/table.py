"""The terminal table: what a person at a terminal reads first, in about a minute.

It opens with the counts and the sources that disagree most, then lists contradictions,
strongest first, one row per pair of conflicting sentences, the figures that conflict
highlighted. Agreements are only counted unless asked for (`--show agreements`). Offsets stay
in the machine formats. Document text never reaches the terminal raw: control characters
(escape sequences that could recolour, retitle or rewrite the screen) are shown escaped.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from claimcheck.report.registry import DEFAULT_OPTIONS, ReportOptions, register
from claimcheck.report.rows import Row, disagreeing_sources, excerpt, printable, report_settings, rows
from claimcheck.report.summary import plural, summarize

if TYPE_CHECKING:
    from rich.text import Text

    from claimcheck.core.result import Result

_FIGURE_STYLE = {"contradiction": "bold red", "agreement": "bold green"}


@register("table")
def render_table(result: Result, options: ReportOptions = DEFAULT_OPTIONS) -> str:
    from rich.console import Console
    from rich.text import Text

    settings = report_settings(result)
    buf = io.StringIO()
    console = Console(
        file=buf,
        width=options.width,
        force_terminal=options.styled,
        color_system="standard" if options.styled else None,
        highlight=False,
        emoji=False,
    )
    contradictions = rows(result, "contradiction")
    agreements = rows(result, "agreement")
    summary = summarize(result)
    facts = f" on {plural(len(contradictions), 'pair')} of sentences" if contradictions else ""
    console.print(Text(printable(f"claimcheck: {summary.line(facts)}"), style="bold"))
    worst = disagreeing_sources(contradictions, settings.top_source_pairs)
    if worst:
        named = "; ".join(f"{a} and {b} ({n})" for (a, b), n in worst)
        console.print(Text(printable(f"Sources that disagree most: {named}")))
    for note in result.notes:
        console.print(Text(printable(f"note: {note}")))
    baseline = result.baseline is not None
    if contradictions:
        console.print(_table(contradictions, "contradiction", baseline, settings.cell_chars))
    else:
        console.print("No contradictions.")
    if agreements and options.show_agreements:
        console.print(_table(agreements, "agreement", baseline, settings.cell_chars))
    elif agreements:
        hidden = plural(len(agreements), "agreeing pair")
        console.print(Text(f"{hidden} of sentences not shown (--show agreements lists them)."))
    return buf.getvalue()


def _table(found: list[Row], verdict: str, baseline: bool, limit: int):
    from rich.table import Table

    title = "Contradictions" if verdict == "contradiction" else "Agreements"
    table = Table(title=f"{title} ({len(found)})", title_justify="left", show_lines=True, expand=True)
    table.add_column("#", justify="right", no_wrap=True)
    if baseline:
        table.add_column("status", no_wrap=True)
    table.add_column("conf", justify="right", no_wrap=True)
    table.add_column("what the sources say", ratio=3)
    table.add_column("why", ratio=2)
    for n, row in enumerate(found, start=1):
        cells = [str(n)]
        if baseline:
            cells.append("new" if row.new else "(baseline)")
        said = _said(row, _FIGURE_STYLE[verdict], limit)
        why = _plain("\n".join(row.explanations))
        table.add_row(*cells, f"{row.confidence:.2f}", said, why)
    return table


def _said(row: Row, style: str, limit: int) -> Text:
    """Each side as "label: sentence", the figures in `style`; Text, so "[...]" is never markup."""
    from rich.text import Text

    out = Text()
    for i, side in enumerate(row.sides):
        text, spans = excerpt(side.sentence, side.figures, limit)
        if i:
            out.append("\n")
        out.append(printable(side.label) + ": ", style="bold")
        at = 0
        for start, end in spans:
            out.append(printable(text[at:start]))
            out.append(printable(text[start:end]), style=style)
            at = end
        out.append(printable(text[at:]))
    return out


def _plain(text: str) -> Text:
    from rich.text import Text

    return Text(printable(text))
