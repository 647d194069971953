"""Progress: the pipeline reports (stage, done, total) as it works; the CLI draws it with rich on
stderr only for a terminal, after a delay, and never with --quiet."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console
from typer.testing import CliRunner

from claimcheck.cli.app import app
from claimcheck.cli.progress import progress_bar
from claimcheck.core.types import Document
from claimcheck.pipeline import Pipeline

DOCS = [
    Document("a", "a.txt", "Over 30 nations convened in Paris this week.\n\nThe talks went on for hours."),
    Document("b", "b.txt", "Twenty-two nations convened in Paris this week."),
    Document("c", "c.txt", ""),
]


def test_the_pipeline_reports_each_stage_from_zero_to_its_total() -> None:
    calls: list[tuple[str, int, int]] = []
    Pipeline(on_stage=lambda *call: calls.append(call)).run(DOCS)
    stages = list(dict.fromkeys(stage for stage, _, _ in calls))
    assert stages == ["extract", "align", "verify"]
    for stage in stages:
        mine = [(done, total) for s, done, total in calls if s == stage]
        assert mine[0][0] == 0 and mine[-1][0] == mine[-1][1]  # starts at 0, ends done
        assert [d for d, _ in mine] == sorted(d for d, _ in mine)  # never goes back
    extract = [done for s, done, _ in calls if s == "extract"]
    assert extract[1:3] == [1, 2] and extract[-1] == 3  # one step per document, the empty one at the end


def test_the_bar_draws_on_a_terminal_after_its_delay() -> None:
    buf = io.StringIO()
    console = Console(file=buf, force_terminal=True, width=100)
    with progress_bar(delay=0.0, console=console) as hook:
        assert hook is not None
        hook("extract", 0, 3)
        hook("extract", 3, 3)
    assert "documents extracted" in buf.getvalue() and "3/3" in buf.getvalue()
    quiet = io.StringIO()
    with progress_bar(delay=3600.0, console=Console(file=quiet, force_terminal=True)) as hook:
        hook("extract", 1, 3)  # a short run: the bar never starts
    assert quiet.getvalue() == ""


def test_quiet_or_a_non_terminal_stderr_is_silent(tmp_path: Path) -> None:
    with progress_bar(quiet=True, console=Console(file=io.StringIO(), force_terminal=True)) as hook:
        assert hook is None
    with progress_bar() as hook:  # pytest's stderr is not a terminal
        assert hook is None
    (tmp_path / "a.txt").write_text(DOCS[0].text, encoding="utf-8")
    (tmp_path / "b.txt").write_text(DOCS[1].text, encoding="utf-8")
    for flags in ([], ["--quiet"]):
        res = CliRunner().invoke(app, ["check", str(tmp_path), "--no-nli", "--fail-on", "none", *flags])
        assert res.exit_code == 0 and res.stderr == "", res.output
