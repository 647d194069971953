"""The `claimcheck` command line: check, extract, eval.

Exit codes (DESIGN.md): 0 nothing reached the gate, 1 a finding did, 2 anything else (usage,
input, model or internal error: one line on stderr, see cli/errors.py), 130 Ctrl-C.

Nothing is written until everything has succeeded. Then the report is written first and the
baseline second, each by atomic rename: a kill between the two leaves a new report beside the
old baseline (the next run is gated as before), never a new baseline that would accept
findings no report has shown.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from dataclasses import replace
from datetime import date
from enum import StrEnum
from pathlib import Path

import typer

from claimcheck.cli.claims_out import FORMATS as CLAIM_FORMATS
from claimcheck.cli.errors import DEBUG_ENV, OneLineErrors, fail, warn
from claimcheck.cli.eval import eval_app
from claimcheck.core.errors import InputError
from claimcheck.core.settings import DEFAULTS
from claimcheck.core.types import Document
from claimcheck.gate.policy import FAIL_ON
from claimcheck.report import FORMATS

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    help="Find where several sources agree and where they conflict.",
)
app.add_typer(eval_app, name="eval")


@app.callback()
def main_options(
    debug: bool = typer.Option(
        False, "--debug", help=f"on an error, print the traceback too (or set {DEBUG_ENV}=1)"
    ),
) -> None:
    """Find where several sources agree and where they conflict."""


# Built from the renderer registry and the gate policy, so a flag and a config key accept the same values.
Format = StrEnum("Format", {name: name for name in FORMATS})
Gate = StrEnum("Gate", {name: name for name in FAIL_ON})


ClaimFormat = StrEnum("ClaimFormat", {name: name for name in CLAIM_FORMATS})


class Show(StrEnum):
    agreements = "agreements"


class ExtractFormat(StrEnum):
    table = "table"
    json = "json"


def write_output(text: str, output: Path | None) -> None:
    """The report on stdout or, atomically, in `output`; its fingerprint is recorded so that a
    report saved inside a corpus is not read back as a source (infra.written)."""
    from claimcheck.infra import written

    written.remember(text.encode("utf-8"))
    if output is None:
        sys.stdout.write(text)
        return
    from claimcheck.infra.atomic import atomic_write_text

    atomic_write_text(output, text)


def _not_a_folder(*paths: Path | None) -> None:
    """Fail before the slow part when an output path is a folder."""
    for path in paths:
        if path is not None and path.is_dir():
            fail(f"is a folder, not a file: {path}")


def with_doc_date(docs: list[Document], doc_date: str | None) -> list[Document]:
    """The documents with `--doc-date` recorded as each one's date (InputError when it is no date)."""
    if doc_date is None:
        return docs
    try:
        day = date.fromisoformat(doc_date)
    except ValueError:
        raise InputError(f"--doc-date must be YYYY-MM-DD, not {doc_date!r}") from None
    return [replace(d, meta={**d.meta, "doc_date": day}) for d in docs]


@app.command(cls=OneLineErrors)
def check(
    paths: list[Path] | None = typer.Argument(
        None, help="files or folders (.txt/.md, recursively); default: `paths` from the config file"
    ),
    format: Format | None = typer.Option(None, "--format", "-f", help="report format (default: table)"),
    output: Path | None = typer.Option(None, "--output", "-o", help="write the report here (atomically)"),
    fail_on: Gate | None = typer.Option(
        None, "--fail-on", help="which findings make the exit code 1 (default: contradiction)"
    ),
    min_confidence: float | None = typer.Option(
        None, "--min-confidence", min=0.0, max=1.0, help="findings below this confidence do not fail the gate"
    ),
    baseline: Path | None = typer.Option(
        None, "--baseline", help="accepted findings: reported as baselined, left out of the gate"
    ),
    write_baseline: Path | None = typer.Option(
        None,
        "--write-baseline",
        help="record every current finding as accepted in this file (this run passes)",
    ),
    nli_model: str | None = typer.Option(
        None, "--nli-model", help="NLI model folder (default: the shipped one)"
    ),
    no_nli: bool = typer.Option(False, "--no-nli", help="check quantities and dates only"),
    cache_dir: Path | None = typer.Option(
        None,
        "--cache-dir",
        help="NLI verdict cache folder (default: $CLAIMCHECK_CACHE_DIR or ~/.cache/claimcheck)",
    ),
    no_cache: bool = typer.Option(False, "--no-cache", help="neither read nor write the NLI verdict cache"),
    include: list[str] | None = typer.Option(
        None, "--include", help="only files matching this gitignore pattern, relative to PATH (repeatable)"
    ),
    exclude: list[str] | None = typer.Option(
        None, "--exclude", help="skip files matching this gitignore pattern, relative to PATH (repeatable)"
    ),
    config: Path | None = typer.Option(
        None,
        "--config",
        help="config file (default: the nearest claimcheck.toml, or pyproject.toml with tool.claimcheck)",
    ),
    max_bytes: int | None = typer.Option(
        None, "--max-bytes", help="skip (with a warning) files larger than this (default: load.max_bytes)"
    ),
    follow_symlinks: bool = typer.Option(
        False, "--follow-symlinks", help="read symlinked folders, and links to files outside PATH"
    ),
    show: list[Show] | None = typer.Option(
        None, "--show", help="also list these in the table, md and html reports (they are counted anyway)"
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="no progress bar on stderr"),
    doc_date: str | None = typer.Option(
        None,
        "--doc-date",
        help="YYYY-MM-DD: when every file was written, for relative dates (default: each file's dateline)",
    ),
) -> None:
    """Check a corpus for claims that agree or conflict across sources.

    Flags override the config file.

    Exit codes: 0 nothing reached the gate, 1 a finding did, 2 a usage, input, model or
    internal error, 130 interrupted.
    """
    from claimcheck.cli.progress import progress_bar
    from claimcheck.gate.baseline import apply_baseline, baseline_text, read_baseline
    from claimcheck.gate.config import discover_config
    from claimcheck.gate.policy import exit_code
    from claimcheck.infra.atomic import atomic_write_text
    from claimcheck.infra.imports import import_spacy_without_torch
    from claimcheck.infra.load import load_corpus

    import_spacy_without_torch()  # before the pipeline imports spaCy: seconds saved per run
    from claimcheck.pipeline import Pipeline
    from claimcheck.report import ReportOptions, render

    _not_a_folder(output, write_baseline)
    cfg = discover_config(paths or [], config)
    paths = paths or list(cfg.paths)
    if not paths:
        fail("no PATH given and no `paths` in a config file")
    baseline = baseline or cfg.baseline
    if baseline and write_baseline and not baseline.exists():
        baseline = None  # being created now, e.g. the first run after adding `baseline` to the config
    accepted = read_baseline(baseline) if baseline else None  # a bad baseline fails before the slow part
    limit = max_bytes or cfg.settings.load.max_bytes
    docs = load_corpus(
        paths,
        include or cfg.include,
        exclude or cfg.exclude,
        max_bytes=limit,
        follow_symlinks=follow_symlinks,
    )
    docs = with_doc_date(docs, doc_date)
    with progress_bar(quiet, cfg.settings.report.progress_delay) as on_stage:
        pipeline = Pipeline.build(
            settings=cfg.settings,
            nli_model=nli_model or cfg.nli_model,
            no_nli=no_nli,
            cache_dir=cache_dir or cfg.cache_dir,
            use_cache=not no_cache,
            on_stage=on_stage,
        )
        result = pipeline.run(docs)
    if accepted is not None:
        result, stale = apply_baseline(result, accepted, str(baseline))
        if stale:
            warn(stale)
    new_baseline = baseline_text(result) if write_baseline else None
    if write_baseline:
        result, _ = apply_baseline(result, frozenset(f.id for f in result.findings), str(write_baseline))
    terminal = output is None and sys.stdout.isatty()
    options = ReportOptions(
        show_agreements=Show.agreements in (show or []),
        width=shutil.get_terminal_size().columns if terminal else cfg.settings.report.table_width,
        styled=terminal,
    )
    report = render(str(format or cfg.format or "table"), result, options)
    write_output(report, output)  # the report first, the baseline second: see the module docstring
    if write_baseline:
        atomic_write_text(write_baseline, new_baseline)
    threshold = next(x for x in (min_confidence, cfg.min_confidence, 0.0) if x is not None)
    raise typer.Exit(exit_code(result.findings, str(fail_on or cfg.fail_on or "contradiction"), threshold))


@app.command(cls=OneLineErrors)
def extract(
    paths: list[Path] = typer.Argument(..., help="files or folders (.txt/.md, recursively)"),
    format: ClaimFormat = typer.Option("table", "--format", "-f", help="table, json, jsonl or csv"),
    output: Path | None = typer.Option(None, "--output", "-o", help="write the claims here (atomically)"),
    max_bytes: int = typer.Option(
        DEFAULTS.load.max_bytes, "--max-bytes", help="skip (with a warning) files larger than this"
    ),
    follow_symlinks: bool = typer.Option(
        False, "--follow-symlinks", help="read symlinked folders, and links to files outside PATH"
    ),
) -> None:
    """List the atomic claims found in each document."""
    from claimcheck.cli.claims_out import render_claims
    from claimcheck.infra.load import load_corpus
    from claimcheck.pipeline import Pipeline

    _not_a_folder(output)
    docs = load_corpus(paths, max_bytes=max_bytes, follow_symlinks=follow_symlinks)
    write_output(render_claims(str(format), docs, Pipeline().extract(docs)), output)


@app.command(cls=OneLineErrors)
def bench(
    path: Path | None = typer.Argument(
        None, help="corpus to bench (file or folder); the largest scale is all of it"
    ),
    format: ExtractFormat = typer.Option(ExtractFormat.table, "--format", "-f"),
    output: Path | None = typer.Option(None, "--output", "-o", help="also write the JSON report here"),
    naive_docs: int = typer.Option(
        6, "--naive-docs", min=0, help="documents for the quadratic naive run (a prefix of 1x); 0 skips it"
    ),
    scales: str = typer.Option("1,2,4", "--scales", help="corpus scales, comma-separated; 1x = corpus / max"),
    nli_model: str | None = typer.Option(
        None, "--nli-model", help="NLI model folder (default: the shipped one)"
    ),
) -> None:
    """Time the shipped pipeline against the naive all-pairs one, and at 1x/2x/4x corpus size."""
    from rich.console import Console

    from claimcheck.evaluation import bench as b
    from claimcheck.infra.load import load_corpus

    try:
        factors = tuple(int(x) for x in scales.split(","))
        if not factors or min(factors) < 1:
            raise ValueError
    except ValueError:
        fail(f"--scales must be positive integers separated by commas, got {scales!r}")
    if path is None:
        fail("bench needs a corpus: claimcheck bench PATH (make bench benches the news corpus)")
    docs = load_corpus([path])
    console = Console(stderr=True)
    with console.status("bench") as status:
        report = b.bench(
            docs,
            nli_model,
            b.BenchConfig(naive_docs=naive_docs, scales=factors),
            progress=lambda msg: status.update(msg),
            source=str(path),
        )
    text = json.dumps(report, indent=2, ensure_ascii=False) + "\n"
    if output is not None:
        write_output(text, output)
    typer.echo(text if format is ExtractFormat.json else b.render_table(report), nl=False)


@app.command(cls=OneLineErrors)
def settings(
    config: Path | None = typer.Option(
        None, "--config", help="config file (default: the nearest claimcheck.toml or pyproject.toml)"
    ),
    format: ExtractFormat = typer.Option(ExtractFormat.table, "--format", "-f"),
) -> None:
    """List every tunable setting: its value here, its default, and why it has that default."""
    from claimcheck.core.settings import table
    from claimcheck.gate.config import discover_config

    current = discover_config([], config).settings
    rows = []
    for name, default, why in table():
        section, key = name.split(".")
        rows.append(
            {"name": name, "value": getattr(getattr(current, section), key), "default": default, "why": why}
        )
    if format is ExtractFormat.json:
        typer.echo(json.dumps(rows, indent=2))
        return
    width = max(len(r["name"]) for r in rows)
    for r in rows:
        mark = "" if r["value"] == r["default"] else f" (default {r['default']})"
        typer.echo(f"{r['name']:<{width}}  {r['value']}{mark}  # {r['why']}")


def main() -> None:  # pragma: no cover - console entry point
    app()
