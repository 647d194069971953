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
    """Markdown: provenance first, then one table per group, the checker table, and what was skipped."""
    lines = [
        "# NLI evaluation results",
        "",
        f"- model: `{report['model']}` (from `{report['model_dir']}`; "
        f"{report['precision']} inference; `auto`, as shipped, is bf16 on CPUs with native bf16, else int8)",
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
