"""The `claimcheck` command line: check, extract, eval.

Errors a user can fix end in one line on stderr and exit code 2, never a traceback;
findings at or above the gate end in exit code 1.
"""

from __future__ import annotations

import json
import os
import sys
import warnings
from enum import StrEnum
from pathlib import Path

import typer

from claimcheck.cli_eval import eval_app
from claimcheck.errors import InputError
from claimcheck.load import MAX_BYTES

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    help="Find where several sources agree and where they conflict.",
)
app.add_typer(eval_app, name="eval")


class Format(StrEnum):
    table = "table"
    json = "json"


class Gate(StrEnum):
    contradiction = "contradiction"
    none = "none"


def fail(message: str) -> typer.Exit:
    typer.echo(f"claimcheck: error: {message}", err=True)
    return typer.Exit(2)


def _warn_line(message, category, filename, lineno, file=None, line=None) -> None:
    print(f"claimcheck: warning: {message}", file=sys.stderr)


def write_output(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    from claimcheck.atomic import atomic_write_text

    atomic_write_text(output, text)


@app.command()
def check(
    paths: list[Path] = typer.Argument(..., help="files or folders (.txt/.md, recursively)"),
    format: Format = typer.Option(Format.table, "--format", "-f"),
    output: Path | None = typer.Option(None, "--output", "-o", help="write the report here (atomically)"),
    fail_on: Gate = typer.Option(Gate.contradiction, "--fail-on", help="which findings make the exit code 1"),
    min_confidence: float = typer.Option(
        0.0, "--min-confidence", min=0.0, max=1.0, help="findings below this confidence do not fail the gate"
    ),
    nli_model: str | None = typer.Option(
        None, "--nli-model", help="NLI model folder (default: the shipped one)"
    ),
    no_nli: bool = typer.Option(False, "--no-nli", help="check quantities and dates only"),
    max_bytes: int = typer.Option(
        MAX_BYTES, "--max-bytes", help="skip (with a warning) files larger than this"
    ),
) -> None:
    """Check a corpus for claims that agree or conflict across sources."""
    from claimcheck.load import load_corpus
    from claimcheck.nli import load_nli
    from claimcheck.pipeline import check_documents
    from claimcheck.render import RENDERERS

    warnings.showwarning = _warn_line
    try:
        docs = load_corpus(paths, max_bytes=max_bytes)
        nli = None if no_nli else load_nli(nli_model)
        result = check_documents(docs, nli)
        write_output(RENDERERS[format.value](result), output)
    except (InputError, FileNotFoundError, OSError) as exc:
        raise fail(str(exc)) from None
    gated = [
        f
        for f in result.findings
        if f.verdict == fail_on.value and not f.baselined and f.confidence >= min_confidence
    ]
    raise typer.Exit(1 if gated else 0)


@app.command()
def extract(
    paths: list[Path] = typer.Argument(..., help="files or folders (.txt/.md, recursively)"),
    format: Format = typer.Option(Format.table, "--format", "-f"),
    max_bytes: int = typer.Option(
        MAX_BYTES, "--max-bytes", help="skip (with a warning) files larger than this"
    ),
) -> None:
    """List the atomic claims found in each document."""
    from rich.console import Console
    from rich.table import Table

    from claimcheck.extract import extract_claims
    from claimcheck.load import load_corpus
    from claimcheck.pipeline import claim_dict

    warnings.showwarning = _warn_line
    try:
        docs = load_corpus(paths, max_bytes=max_bytes)
    except (InputError, OSError) as exc:
        raise fail(str(exc)) from None
    claims = extract_claims(docs)
    if format is Format.json:
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


def main() -> None:  # pragma: no cover - console entry point
    app()
