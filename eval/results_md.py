"""Render run_all.py's JSON report as eval/RESULTS.md (kept apart so the format is easy to change)."""

from __future__ import annotations

SCHEMES = {
    "entailment/neutral/contradiction": "3-way",
    "entailment/not_entailment": "2-way E/not-E",
    "entailment/neutral": "2-way E/N (N = not entailed)",
    "entailment/contradiction": "2-way E/C",
}
GROUPS = {
    "nli": "Held-out NLI sets",
    "quantity": "EQUATE (quantities): NLI alone",
    "dev": "Development pair sets (../shared/data/eval)",
    "seen": "Seen in training (NOT held-out; for reference only)",
}


def render(report: dict) -> str:
    """The NLI part (when run) and the consistency part (when run), as one markdown page."""
    consistency = _consistency(report["consistency"]) if "consistency" in report else []
    if "sets" not in report:
        return "\n".join(["# Evaluation results", *consistency]) + "\n"
    return render_nli(report) + "\n".join(consistency) + ("\n" if consistency else "")


def render_nli(report: dict) -> str:
    """Markdown: provenance first, then one table per group, the checker table, and what was skipped."""
    precision = report.get("precision") or ("int8" if report.get("quantized") else "fp32")
    lines = [
        "# NLI evaluation results",
        "",
        f"- model: `{report['model']}` (from `{report['model_dir']}`; "
        f"{precision} inference; `auto`, as shipped, is bf16 on CPUs with native bf16, else int8)",
        f"- command: `{report['command']}`",
        f"- date: {report['date']}; torch {report['torch']}, {report['threads']} CPU thread(s)",
    ]
    if report["limit"]:
        lines.append(f"- **--limit {report['limit']}: only the first rows of each set; not final numbers**")
    lines.append("- pairs/s is NLI inference only (length-sorted batches), on this machine's CPU.")
    sets = report["sets"]
    for group, title in GROUPS.items():
        rows = [s for s in sets if s["group"] == group and not s.get("missing")]
        if not rows:
            continue
        lines += ["", f"## {title}", "", "| set | scheme | n | accuracy | macro-F1 | pairs/s | note |"]
        lines.append("|---|---|---:|---:|---:|---:|---|")
        for s in rows:
            note = s.get("note", "")
            if s.get("ranking_accuracy") is not None:
                note += f"; Falke ranking accuracy {s['ranking_accuracy']:.3f}"
            scheme = SCHEMES.get(s["scheme"], s["scheme"])
            lines.append(
                f"| {s['set']} | {scheme} | {s['n']:,} | {s['accuracy']:.4f} | {s['macro_f1']:.4f} | "
                f"{s['pairs_per_second']} | {note} |"
            )
    lines += _checker(sets)
    missing = [s for s in sets if s.get("missing")]
    lines += ["", "## Not scored", ""]
    lines += [f"- `{s['file']}`: file not present in the data folder" for s in missing]
    lines += [f"- `{path}`: {why}" for path, why in report["skipped"].items()]
    return "\n".join(lines) + "\n"


def _checker(sets: list[dict]) -> list[str]:
    rows = [s for s in sets if "checker" in s]
    if not rows:
        return []
    lines = [
        "",
        "## EQUATE: NLI alone vs the full checker (NLI + quantity interval logic)",
        "",
        "Rule (claimcheck/quantity_nli.py): hypothesis figures are aligned one-to-one with premise figures",
        "of the same canonical unit; a disjoint figure forces contradiction, a narrower one removes",
        "entailment, and when every figure is backed the pair is entailment unless NLI's contradiction",
        "probability exceeds 0.9. Ablations drop the entailment boost, or keep only contradiction.",
        "",
        "| set | scheme | n | NLI acc | NLI F1 | checker acc | checker F1 | no-boost acc | contra-only acc "
        "| verdicts C/N/E/none |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for s in rows:
        c = s["checker"]
        v = c["quantity_verdicts"]
        lines.append(
            f"| {s['set']} | {SCHEMES.get(s['scheme'], s['scheme'])} | {s['n']:,} | {s['accuracy']:.4f} | "
            f"{s['macro_f1']:.4f} | {c['full']['accuracy']:.4f} | {c['full']['macro_f1']:.4f} | "
            f"{c['no_entailment_boost']['accuracy']:.4f} | {c['contradiction_only']['accuracy']:.4f} | "
            f"{v['contradiction']}/{v['neutral']}/{v['entailment']}/{v['none']} |"
        )
    return lines


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.1f}"


def _consistency(c: dict) -> list[str]:
    """Balanced accuracy (in %) and ROC-AUC per set, the ablations, published numbers, by kind."""
    lines = [
        "",
        "## Document-vs-claim consistency (`claimcheck eval consistency`)",
        "",
        f"- model: `{c['model']}` ({c['precision']}); calibration `{c['calibration']}`"
        + (" (refitted by this run)" if c["refitted"] else ""),
        f"- command: `{c['command']}`; date {c['date']}; {c['seconds']:.0f} s in all",
        "- the document is cut into sentences and 3-sentence windows, the claim into atomic claims;",
        "  each atomic claim is checked against its best-matching chunks (NLI, plus interval logic for",
        "  figures and dates) and a logistic calibration maps the weakest claim's evidence to a score.",
        "- **threshold: leave-one-file-out.** Each row uses the calibrator (and threshold) fitted on",
        "  all the *other* files, every file weighted equally, the threshold maximising their mean",
        "  balanced accuracy: no number here comes from a threshold fitted on the file it is measured",
        "  on, and the SummEdits domains are calibrated on other domains (no in-domain tuning).",
        "- pair sets are read as document = premise, claim = hypothesis; consistent = entailment,",
        "  inconsistent = neutral or contradiction.",
        "- NLI-only: the same calibration without the quantity/date features; uncalibrated: p(entail) of",
        "  the weakest atomic claim (0 on an arithmetic contradiction), cut at 0.5.",
        "- *in-file best*: balanced accuracy at the best threshold for that file itself. A diagnostic of",
        "  how much the transferred threshold costs, **fitted on the evaluated file: not a result**.",
    ]
    if c["limit"]:
        lines.append(f"- **--limit {c['limit']}: only the first {c['limit']} rows of each set**")
    lines += [
        "",
        "| set | n | cons / incons | balanced acc | ROC-AUC | threshold | NLI-only bacc | NLI-only AUC "
        "| uncalibrated bacc / AUC | *in-file best* | published bacc (SummaC-Conv / QAFactEval / GPT-4) "
        "| note |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for s in c["sets"]:
        pub = s["published"]
        published = " / ".join(f"{pub[k]:.1f}" for k in ("SummaC-Conv", "QAFactEval", "GPT-4")) if pub else ""
        note = s["note"]
        if s.get("ranking_accuracy") is not None:
            note += f"; ranking accuracy {s['ranking_accuracy']:.3f}"
        auc = "–" if s["roc_auc"] is None else f"{s['roc_auc']:.3f}"
        alone, raw = s["nli_features_only"], s["uncalibrated"]
        alone_auc = "–" if alone["roc_auc"] is None else f"{alone['roc_auc']:.3f}"
        raw_auc = "–" if raw["roc_auc"] is None else f"{raw['roc_auc']:.3f}"
        lines.append(
            f"| {s['set']} | {s['n']:,} | {s['labels']['consistent']} / {s['labels']['inconsistent']} | "
            f"{_pct(s['balanced_accuracy'])} | {auc} | {s['threshold']:.3f} | "
            f"{_pct(alone['balanced_accuracy'])} | {alone_auc} | "
            f"{_pct(raw['balanced_accuracy'])} / {raw_auc} | "
            f"*{_pct(s['in_file_best_threshold']['balanced_accuracy'])}* | {published} | {note} |"
        )
    summedits = [s for s in c["sets"] if s["published"]]
    if summedits:
        ours = sum(s["balanced_accuracy"] for s in summedits) / len(summedits)
        conv = sum(s["published"]["SummaC-Conv"] for s in summedits) / len(summedits)
        lines += [
            "",
            f"SummEdits, mean over the {len(summedits)} domains here: balanced accuracy {100 * ours:.1f} "
            f"(SummaC-Conv {conv:.1f} on the same domains, as published).",
        ]
    lines += ["", "### By claim kind (balanced accuracy, n)", "", "| set | quantity | date | other |"]
    lines.append("|---|---|---|---|")
    for s in c["sets"]:
        cells = []
        for kind in ("quantity", "date", "other"):
            k = s["by_kind"].get(kind)
            cells.append("" if k is None else f"{_pct(k['balanced_accuracy'])} (n={k['n']})")
        lines.append(f"| {s['set']} | " + " | ".join(cells) + " |")
    return lines
