"""The `claimcheck` command line: check, extract, eval.

Errors a user can fix end in one line on stderr and exit code 2, never a traceback;
findings at or above the gate end in exit code 1.
"""

from __future__ import annotations

import json
import os
import sys
import warnings
from dataclasses import replace
from datetime import date
from enum import StrEnum
from pathlib import Path

import typer

from claimcheck.cli.errors import OneLineErrors, fail
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

# Built from the renderer registry and the gate policy, so a flag and a config key accept the same values.
Format = StrEnum("Format", {name: name for name in FORMATS})
Gate = StrEnum("Gate", {name: name for name in FAIL_ON})


class ExtractFormat(StrEnum):
    table = "table"
    json = "json"


def _warn(message: str) -> None:
    print(f"claimcheck: warning: {message}", file=sys.stderr)


def _warn_line(message, category, filename, lineno, file=None, line=None) -> None:
    _warn(str(message))


def write_output(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    from claimcheck.infra.atomic import atomic_write_text

    atomic_write_text(output, text)


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
        None, "--include", help="only files matching this glob (repeatable)"
    ),
    exclude: list[str] | None = typer.Option(
        None, "--exclude", help="skip files matching this glob (repeatable)"
    ),
    config: Path | None = typer.Option(
        None,
        "--config",
        help="config file (default: the nearest claimcheck.toml, or pyproject.toml with tool.claimcheck)",
    ),
    max_bytes: int | None = typer.Option(
        None, "--max-bytes", help="skip (with a warning) files larger than this (default: load.max_bytes)"
    ),
    doc_date: str | None = typer.Option(
        None,
        "--doc-date",
        help="YYYY-MM-DD: when every file was written, for relative dates (default: each file's dateline)",
    ),
) -> None:
    """Check a corpus for claims that agree or conflict across sources.

    Flags override the config file.

    Exit codes: 0 nothing reached the gate, 1 a finding did, 2 a usage or input error.
    """
    from claimcheck.gate.baseline import apply_baseline, read_baseline
    from claimcheck.gate.baseline import write_baseline as save_baseline
    from claimcheck.gate.config import discover_config
    from claimcheck.gate.policy import exit_code
    from claimcheck.infra.load import load_corpus
    from claimcheck.pipeline import Pipeline
    from claimcheck.report import render

    warnings.showwarning = _warn_line
    try:
        cfg = discover_config(paths or [], config)
        paths = paths or list(cfg.paths)
        if not paths:
            fail("no PATH given and no `paths` in a config file")
        baseline = baseline or cfg.baseline
        if baseline and write_baseline and not baseline.exists():
            baseline = None  # being created now, e.g. the first run after adding `baseline` to the config
        accepted = read_baseline(baseline) if baseline else None  # a bad baseline fails before the slow part
        limit = max_bytes or cfg.settings.load.max_bytes
        docs = with_doc_date(
            load_corpus(paths, include or cfg.include, exclude or cfg.exclude, max_bytes=limit), doc_date
        )
        pipeline = Pipeline.build(
            settings=cfg.settings,
            nli_model=nli_model or cfg.nli_model,
            no_nli=no_nli,
            cache_dir=cache_dir or cfg.cache_dir,
            use_cache=not no_cache,
        )
        result = pipeline.run(docs)
        if accepted is not None:
            result, stale = apply_baseline(result, accepted, str(baseline))
            if stale:
                _warn(stale)
        if write_baseline:
            save_baseline(write_baseline, result)
            result, _ = apply_baseline(result, frozenset(f.id for f in result.findings), str(write_baseline))
        write_output(render(str(format or cfg.format or "table"), result), output)
    except (InputError, OSError) as exc:
        fail(str(exc))
    threshold = next(x for x in (min_confidence, cfg.min_confidence, 0.0) if x is not None)
    raise typer.Exit(exit_code(result.findings, str(fail_on or cfg.fail_on or "contradiction"), threshold))


@app.command(cls=OneLineErrors)
def extract(
    paths: list[Path] = typer.Argument(..., help="files or folders (.txt/.md, recursively)"),
    format: ExtractFormat = typer.Option(ExtractFormat.table, "--format", "-f"),
    max_bytes: int = typer.Option(
        DEFAULTS.load.max_bytes, "--max-bytes", help="skip (with a warning) files larger than this"
    ),
) -> None:
    """List the atomic claims found in each document."""
    from rich.console import Console
    from rich.table import Table

    from claimcheck.core.result import claim_dict
    from claimcheck.infra.load import load_corpus
    from claimcheck.pipeline import Pipeline

    warnings.showwarning = _warn_line
    try:
        docs = load_corpus(paths, max_bytes=max_bytes)
    except (InputError, OSError) as exc:
        fail(str(exc))
    claims = Pipeline().extract(docs)
    if format is ExtractFormat.json:
        typer.echo(
            json.dumps(
                {
                    "documents": [{"id": d.id, "path": d.path} for d in docs],
                    "claims": [claim_dict(c) for c in claims],
                },
                indent=2,
                ensure_ascii=False,
            )
        )
        return
    table = Table(show_lines=False, expand=True)
    for col in ("id", "kind", "value", "unit", "hedged", "text"):
        table.add_column(col)
    for c in claims:
        value = c.quantity.interval.describe() if c.quantity else (c.date_text or "")
        table.add_row(
            c.id, c.kind, value, c.quantity.unit if c.quantity else "", "yes" if c.hedged else "", c.text
        )
    Console(width=160).print(table)


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

    warnings.showwarning = _warn_line
    try:
        factors = tuple(int(x) for x in scales.split(","))
        if not factors or min(factors) < 1:
            raise ValueError
    except ValueError:
        fail(f"--scales must be positive integers separated by commas, got {scales!r}")
    if path is None:
        fail("bench needs a corpus: claimcheck bench PATH (make bench benches the news corpus)")
    try:
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
    except (InputError, OSError) as exc:
        fail(str(exc))
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

    try:
        current = discover_config([], config).settings
    except (InputError, OSError) as exc:
        fail(str(exc))
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
