"""`claimcheck eval ...`: measure the models on labelled files (mounted by cli.py as "eval")."""

from __future__ import annotations

import json
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from claimcheck.cli.errors import OneLineErrors, fail

eval_app = typer.Typer(no_args_is_help=True, help="Measure model quality on labelled files.")


class EvalFormat(StrEnum):
    table = "table"
    json = "json"


def emit(report: dict, fmt: EvalFormat, print_tables: Callable[[dict], None]) -> None:
    """An eval report on stdout: one JSON object (for scripts) or tables (for a person)."""
    if fmt is EvalFormat.json:
        typer.echo(json.dumps(report))
    else:
        print_tables(report)


# Options every eval command takes, declared once so they read and validate the same.
Limit = Annotated[int | None, typer.Option("--limit", min=1, help="Score only the first N rows.")]
Format = Annotated[EvalFormat, typer.Option("--format", case_sensitive=False)]
Predictions = Annotated[
    Path | None, typer.Option("--predictions", help="Write one JSON line per row, in input order.")
]
NLIModelOption = Annotated[str | None, typer.Option("--nli-model", help="NLI model folder or name.")]


@eval_app.command("nli", cls=OneLineErrors)
def eval_nli(
    file: Annotated[Path, typer.Argument(help="JSON lines (optionally .gz) of premise/hypothesis/label.")],
    limit: Limit = None,
    fmt: Format = EvalFormat.table,
    predictions: Predictions = None,
    nli_model: NLIModelOption = None,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1)] = 64,
    checker: Annotated[
        bool,
        typer.Option(
            "--checker",
            help="Score NLI plus the quantity interval logic (the full checker); NLI-alone numbers "
            "are reported beside it.",
        ),
    ] = False,
) -> None:
    """Accuracy, macro-F1, per-label scores and confusion matrix of the NLI model on FILE."""
    from claimcheck.evaluation import nli as nli_eval
    from claimcheck.verify.nli import load_nli

    if predictions is not None:
        nli_eval.check_writable(predictions)  # fail before the long run, not after it
    data = nli_eval.read_nli_file(file, limit=limit)
    model = load_nli(nli_model)
    report, probs = nli_eval.evaluate(model, data, batch_size=batch_size)
    rows_extra: list[dict] = [{} for _ in data.labels]
    if checker:
        from claimcheck.evaluation.nli import with_checker

        report, probs, verdicts = with_checker(report, data, probs)
        rows_extra = [
            {"method": "nli"}
            if v is None
            else {"method": f"quantity:{v.label}", "explanation": v.explanation}
            for v in verdicts
        ]
    if predictions is not None:
        rows = nli_eval.prediction_rows(probs, data.scheme)
        nli_eval.write_jsonl_atomic(predictions, (r | e for r, e in zip(rows, rows_extra, strict=True)))
    emit(report, fmt, _print_nli_tables)


def _print_nli_tables(report: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    summary = Table(title=f"eval nli — {report['file']}", show_header=False)
    for key in ("model", "scheme", "n", "accuracy", "macro_f1", "seconds", "pairs_per_second"):
        value = report[key]
        summary.add_row(key, f"{value:.4f}" if key in ("accuracy", "macro_f1") else str(value))
    if "nli_alone" in report:  # --checker: what the quantity logic added, on the same rows
        alone = report["nli_alone"]
        summary.add_row("nli alone accuracy", f"{alone['accuracy']:.4f}")
        summary.add_row("nli alone macro_f1", f"{alone['macro_f1']:.4f}")
        counts = report["quantity_verdicts"]
        summary.add_row("quantity verdicts", ", ".join(f"{k} {v}" for k, v in counts.items()))
    console.print(summary)

    per_label = Table(title="per label")
    for col in ("label", "precision", "recall", "f1", "support"):
        per_label.add_column(col, justify="left" if col == "label" else "right")
    for label, m in report["per_label"].items():
        scores = (f"{m[key]:.4f}" for key in ("precision", "recall", "f1"))
        per_label.add_row(label, *scores, str(m["support"]))
    console.print(per_label)

    confusion = Table(title="confusion (rows gold, columns predicted)")
    confusion.add_column("gold \\ pred")
    for label in report["labels"]:
        confusion.add_column(label, justify="right")
    for label, row in zip(report["labels"], report["confusion"], strict=True):
        confusion.add_row(label, *map(str, row))
    console.print(confusion)


# Further eval commands register on `eval_app` below with @eval_app.command(...); reuse `fail`,
# `load_nli`, `EvalFormat` and `nli_eval.write_jsonl_atomic` so exit codes and file
# handling stay identical.


@eval_app.command("consistency", cls=OneLineErrors)
def eval_consistency(
    file: Annotated[
        Path, typer.Argument(help="JSON lines of document/claim/label (or premise/hypothesis/label).")
    ],
    limit: Limit = None,
    fmt: Format = EvalFormat.table,
    predictions: Predictions = None,
    nli_model: NLIModelOption = None,
    threshold: Annotated[
        float | None,
        typer.Option(
            "--threshold", min=0.0, max=1.0, help="Use this threshold instead of the stored calibration's."
        ),
    ] = None,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1)] = 64,
) -> None:
    """Balanced accuracy and ROC-AUC of claim-vs-document consistency scores on FILE.

    The threshold comes from consistency.json beside the NLI model, fitted on development
    files; when FILE is one of them, the calibration fitted without it is used.
    """
    from claimcheck.consistency.calibration import select
    from claimcheck.consistency.scorer import ConsistencyScorer
    from claimcheck.core.settings import ConsistencySettings
    from claimcheck.evaluation import consistency as consistency_eval
    from claimcheck.evaluation import nli as nli_eval
    from claimcheck.verify.nli import load_nli

    if predictions is not None:
        nli_eval.check_writable(predictions)
    data = consistency_eval.read_consistency_file(file, limit=limit)
    model = load_nli(nli_model)
    calibrator, origin = select(getattr(model, "path", None), model.model_id, file)
    if threshold is not None:
        origin = f"--threshold {threshold} (scores: {origin})"
    scorer = ConsistencyScorer(model, calibrator, ConsistencySettings(batch_size=batch_size), threshold)
    report, scores = consistency_eval.evaluate(scorer, data, origin)
    if predictions is not None:
        nli_eval.write_jsonl_atomic(predictions, consistency_eval.prediction_rows(scores, data.ids))
    emit(report, fmt, _print_consistency_table)


def _print_consistency_table(report: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    summary = Table(title=f"eval consistency — {report['file']}", show_header=False)
    for key in ("model", "n", "balanced_accuracy", "roc_auc", "threshold", "threshold_origin", "seconds"):
        value = report[key]
        shown = f"{value:.4f}" if isinstance(value, float) and key != "seconds" else str(value)
        summary.add_row(key, shown)
    summary.add_row("labels", ", ".join(f"{k} {v}" for k, v in report["labels"].items()))
    summary.add_row("recall", ", ".join(f"{k} {v:.4f}" for k, v in report["recall"].items() if v is not None))
    summary.add_row("deciding method", ", ".join(f"{k} {v}" for k, v in report["deciding_method"].items()))
    Console().print(summary)


@eval_app.command("findings", cls=OneLineErrors)
def eval_findings(
    bench: Annotated[
        Path, typer.Argument(help="A built news-cluster benchmark (eval/newsclusters/build.py).")
    ],
    fmt: Format = EvalFormat.table,
    nli_model: NLIModelOption = None,
    no_nli: Annotated[bool, typer.Option("--no-nli", help="Check quantities and dates only.")] = False,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Neither read nor write the verdict cache.")
    ] = False,
    config: Annotated[
        Path | None, typer.Option("--config", help="Config file whose settings to run with.")
    ] = None,
    split: Annotated[
        list[str] | None,
        typer.Option("--split", help="Only these splits (dev, test); repeatable. Tune on dev."),
    ] = None,
) -> None:
    """Contradiction precision, false alarms per 100 claims and planted-conflict recall on BENCH.

    Every cluster (and every planted copy) is checked as `claimcheck check` would check it;
    findings are scored against the gold sentence-pair labels, and pairs nobody has labelled
    yet are listed so they can be labelled once.
    """
    from claimcheck.evaluation.findings import SPLITS, evaluate_findings, format_table
    from claimcheck.gate.config import discover_config
    from claimcheck.infra.load import load_corpus
    from claimcheck.pipeline import Pipeline

    if not (bench / "manifest.json").is_file():
        fail(f"not a built benchmark: {bench} (run python eval/newsclusters/build.py first)")
    unknown = sorted(set(split or ()) - set(SPLITS))
    if unknown:
        fail(f"--split must be one of {', '.join(SPLITS)}, not {unknown[0]!r}")
    settings = discover_config([bench], config).settings
    pipeline = Pipeline.build(settings=settings, nli_model=nli_model, no_nli=no_nli, use_cache=not no_cache)
    run = lambda files: pipeline.run(load_corpus(files)).to_dict()  # noqa: E731
    metrics = evaluate_findings(bench, run, tuple(split or SPLITS))
    metrics["settings"] = settings.overrides()
    metrics["model"] = getattr(pipeline.nli, "model_id", None)
    if fmt is EvalFormat.json:
        typer.echo(json.dumps(metrics, ensure_ascii=False))
        return
    typer.echo(format_table(metrics), nl=False)
    typer.echo(f"unlabelled sentence pairs: {len(metrics['unlabelled'])} (--format json lists them)")
