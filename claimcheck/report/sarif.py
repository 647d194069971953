"""SARIF 2.1.0, so contradictions show up as code-scanning alerts on the lines that conflict.

One result per contradiction finding (agreements are not problems and would only add noise
to an alerts list), located at its first claim with the other claims as related locations.
Regions count columns in Unicode code points, declared on the run, because claim offsets
are code points; SARIF's default would be UTF-16 code units. The finding id goes into
partialFingerprints so the code-scanning service tracks an alert across commits just as a
claimcheck baseline does, and baselineState says whether the baseline already accepted it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from claimcheck._version import __version__
from claimcheck.report.locate import claim_location
from claimcheck.report.registry import DEFAULT_OPTIONS, ReportOptions, register

if TYPE_CHECKING:
    from claimcheck.core.result import Result
    from claimcheck.core.types import Claim, Document, Finding

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
ERROR_CONFIDENCE = 0.75  # at or above: level "error"; below: "warning"
SRCROOT = "SRCROOT"
RULE = {
    "id": "contradiction",
    "name": "SourcesContradict",
    "shortDescription": {"text": "Two sources make conflicting claims about the same thing."},
    "fullDescription": {
        "text": "claimcheck aligned claims from different documents that speak about the same thing "
        "(the same count, date or assertion) and found that they cannot both be true."
    },
    "defaultConfiguration": {"level": "error"},
    "help": {
        "text": "Correct the document that is wrong, or accept the discrepancy by recording it in a "
        "baseline (claimcheck check --write-baseline FILE) and passing --baseline FILE."
    },
}


@register("sarif")
def render_sarif(result: Result, options: ReportOptions = DEFAULT_OPTIONS) -> str:
    docs = {d.id: d for d in result.documents}
    root = Path.cwd().resolve()
    notes = [{"level": "note", "message": {"text": n}} for n in result.notes]
    run = {
        "tool": {"driver": {"name": "claimcheck", "version": __version__, "rules": [RULE]}},
        "originalUriBaseIds": {SRCROOT: {"uri": root.as_uri().rstrip("/") + "/"}},
        "columnKind": "unicodeCodePoints",
        "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": notes}],
        "results": [
            _result(f, [result.claim(c) for c in f.claim_ids], docs, root)
            for f in result.findings
            if f.verdict == "contradiction"
        ],
        "properties": {"model": result.model},
    }
    sarif = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(sarif, indent=2, ensure_ascii=False) + "\n"


def _result(f: Finding, claims: list[Claim], docs: dict[str, Document], root: Path) -> dict:
    primary, others = claims[0], claims[1:]
    links = ", ".join(f"[{_literal(c.doc_id)}]({i})" for i, c in enumerate(others, start=1))
    return {
        "ruleId": RULE["id"],
        "ruleIndex": 0,
        "level": "error" if f.confidence >= ERROR_CONFIDENCE else "warning",
        "message": {"text": f"{_literal(f.explanation)} Conflicts with: {links}."},
        "locations": [_location(primary, docs[primary.doc_id], root)],
        "relatedLocations": [
            _location(c, docs[c.doc_id], root) | {"id": i, "message": {"text": _literal(c.text)}}
            for i, c in enumerate(others, start=1)
        ],
        "partialFingerprints": {"claimcheckFindingId/v1": f.id},
        "baselineState": "unchanged" if f.baselined else "new",
        "properties": {"findingId": f.id, "confidence": f.confidence, "method": f.method},
    }


def _location(claim: Claim, doc: Document, root: Path) -> dict:
    loc = claim_location(claim, doc)
    region = {
        "startLine": loc["line"],
        "startColumn": loc["column"],
        "endLine": loc["end_line"],
        "endColumn": loc["end_column"],
        "snippet": {"text": doc.text[claim.start : claim.end]},
    }
    return {"physicalLocation": {"artifactLocation": _artifact(doc.path, root), "region": region}}


def _artifact(path: str, root: Path) -> dict:
    """Relative to the working directory (what code scanning expects) when the file is under it."""
    resolved = Path(path).resolve()
    try:
        rel = resolved.relative_to(root)
    except ValueError:
        return {"uri": resolved.as_uri()}
    return {"uri": quote(rel.as_posix()), "uriBaseId": SRCROOT}


def _literal(text: str) -> str:
    """Message text with square brackets escaped, as SARIF requires outside embedded links."""
    return text.replace("[", r"\[").replace("]", r"\]")
