"""What the human reports (table, Markdown, HTML) show, computed once so the three agree.

A person reads a report by conflicting fact, not by finding: two sentences that differ in two
figures give two findings but one thing to fix, so findings whose claims come from the same
pair of sentences are one `Row`. Sources get short labels (the file name, or the document's
first line when the name is a hash), and long sentences are shortened around the figures that
conflict, at word boundaries, never cut mid-word.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from claimcheck.core.settings import DEFAULTS, ReportSettings
from claimcheck.report.words import in_words

if TYPE_CHECKING:
    from claimcheck.core.result import Result
    from claimcheck.core.types import Claim, Document, Finding

ELLIPSIS = "…"
_MACHINE_NAME = re.compile(r"[0-9a-f]{8,}", re.IGNORECASE)  # a hash or id, not a name a person chose
_MARKUP = re.compile(r"^[\s#>*+\-|]+")
# C0 controls but tab and newline, DEL and the C1 controls (0x9b is a one-byte CSI).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """`text` with every control character but tab and newline shown as a \\xNN escape: an escape
    sequence in a document must not recolour, retitle or rewrite the reader's terminal."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m[0]):02x}", text)


@dataclass(frozen=True)
class Side:
    """One source's sentence in a row, with the figures its claims turned on."""

    doc_id: str
    label: str
    sentence: str
    figures: tuple[str, ...]


@dataclass(frozen=True)
class Row:
    findings: tuple[Finding, ...]  # strongest first; all share the same two sentences
    sides: tuple[Side, ...]
    explanations: tuple[str, ...]  # in words, one per distinct finding explanation

    @property
    def confidence(self) -> float:
        return self.findings[0].confidence

    @property
    def new(self) -> bool:
        return any(not f.baselined for f in self.findings)


def source_labels(docs: list[Document], limit: int = DEFAULTS.report.label_chars) -> dict[str, str]:
    """A short label per document id, unique within the report.

    The file name without its extension, unless that looks machine-made (a hash), then the
    document's first line; a label two documents share gets " (2)", " (3)", ... in order.
    """
    labels = {}
    used: Counter[str] = Counter()
    for d in docs:
        base = Path(d.path).stem or d.id
        if _MACHINE_NAME.search(base):
            base = title(d.text, limit) or base
        used[base] += 1
        label = base if used[base] == 1 else f"{base} ({used[base]})"
        while label in labels.values():  # "x (2)" was itself a file name
            used[base] += 1
            label = f"{base} ({used[base]})"
        labels[d.id] = label
    return labels


def title(text: str, limit: int = DEFAULTS.report.label_chars) -> str:
    """The first non-empty line without Markdown markup, shortened at a word to `limit`."""
    for line in text.splitlines():
        line = " ".join(_MARKUP.sub("", line).split())
        if line:
            return shorten(line, limit)
    return ""


def shorten(text: str, limit: int) -> str:
    """`text` within `limit` characters, cut at the last word that fits, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit - 1].rstrip(" ,;:") + ELLIPSIS


def report_settings(result: Result) -> ReportSettings:
    """The report settings the run used (a Result records only the settings that differ from the defaults)."""
    changed = {k.split(".", 1)[1]: v for k, v in result.settings.items() if k.startswith("report.")}
    return DEFAULTS.updated({"report": changed}).report if changed else DEFAULTS.report


def rows(result: Result, verdict: str) -> list[Row]:
    """One row per pair of sentences among the findings with this verdict, strongest first."""
    labels = source_labels(result.documents, report_settings(result).label_chars)
    groups: dict[tuple, list[Finding]] = {}
    for f in result.findings:
        if f.verdict == verdict:
            claims = [result.claim(c) for c in f.claim_ids]
            key = tuple(sorted({(c.doc_id, c.start, c.end) for c in claims}))
            groups.setdefault(key, []).append(f)
    out = []
    for key, found in groups.items():
        found.sort(key=lambda f: (-f.confidence, f.id))
        claims = [result.claim(c) for f in found for c in f.claim_ids]
        sides = tuple(_side(key_part, claims, labels) for key_part in key)
        explanations = tuple(dict.fromkeys(in_words(f.explanation, labels) for f in found))
        out.append(Row(tuple(found), sides, explanations))
    return sorted(out, key=lambda r: (-r.confidence, r.findings[0].id))


def _side(where: tuple[str, int, int], claims: list[Claim], labels: dict[str, str]) -> Side:
    mine = [c for c in claims if (c.doc_id, c.start, c.end) == where]
    figures = tuple(dict.fromkeys(f for c in mine if (f := figure(c))))
    return Side(where[0], labels.get(where[0], where[0]), mine[0].sentence or mine[0].text, figures)


def figure(claim: Claim) -> str | None:
    """The phrase a claim's verdict turned on: its quantity or date as written (None for NLI claims)."""
    return claim.quantity.text if claim.quantity is not None else claim.date_text


def disagreeing_sources(
    row_list: list[Row], top: int = DEFAULTS.report.top_source_pairs
) -> list[tuple[tuple[str, ...], int]]:
    """The `top` pairs of source labels with the most conflicting rows: [((a, b), count), ...]."""
    pairs: Counter[tuple[str, ...]] = Counter()
    for r in row_list:
        labels = tuple(sorted({s.label for s in r.sides}))
        if len(labels) > 1:
            pairs[labels] += 1
    return sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))[:top]


def excerpt(sentence: str, figures: tuple[str, ...], limit: int) -> tuple[str, list[tuple[int, int]]]:
    """The sentence (whitespace flattened) within about `limit` characters, and where the figures are.

    A longer sentence keeps the stretch around its figures and is cut at word boundaries, an
    ellipsis marking each cut (a single word longer than the room left is kept whole); figures
    outside the kept stretch are not highlighted.
    """
    flat = " ".join(sentence.split())
    spans = _find(flat, figures)
    if len(flat) <= limit:
        return flat, spans
    room = max(1, limit - 2)  # two ellipses
    lo = min((s for s, _ in spans), default=0)
    hi = max((e for _, e in spans), default=0)
    hi = min(hi, lo + room)
    start = max(0, min(lo, (lo + hi - room) // 2))
    end = min(len(flat), start + room)
    start = max(0, min(start, end - room))
    if start > 0 and flat[start - 1] != " ":  # to the start of the next word, or of this one
        space = flat.find(" ", start, max(start, lo))
        start = space + 1 if space >= 0 else flat.rfind(" ", 0, start) + 1
    if end < len(flat) and flat[end] != " ":  # back to the end of the last whole word
        space, after = flat.rfind(" ", min(end, hi), end), flat.find(" ", end)
        end = space if space > start else (after if after >= 0 else len(flat))
    prefix = ELLIPSIS if start > 0 else ""
    text = prefix + flat[start:end] + (ELLIPSIS if end < len(flat) else "")
    shift = start - len(prefix)
    return text, [(s - shift, e - shift) for s, e in spans if s >= start and e <= end]


def _find(text: str, figures: tuple[str, ...]) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) of each figure's first whole-word occurrence, in text order."""
    spans: list[tuple[int, int]] = []
    for f in figures:
        f = " ".join(f.split())
        for m in re.finditer(rf"(?<!\w){re.escape(f)}(?!\w)", text):
            if all(m.end() <= s or m.start() >= e for s, e in spans):
                spans.append((m.start(), m.end()))
                break
    return sorted(spans)
