"""The exit-code policy: which findings fail a build.

0 nothing reached the gate, 1 a finding did, 2 anything else (usage, input, model or internal
error; the CLI maps those). `gated` is the one rule, shared by every front end that gates.
"""

from __future__ import annotations

from collections.abc import Sequence

from claimcheck.core.types import Finding

FAIL_ON = ("contradiction", "none")
EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130


def gated(findings: Sequence[Finding], fail_on: str, min_confidence: float) -> list[Finding]:
    """The findings that fail the build: the gated verdict, confident enough, not accepted in a baseline."""
    if fail_on == "none":
        return []
    return [
        f for f in findings if f.verdict == fail_on and f.confidence >= min_confidence and not f.baselined
    ]


def exit_code(findings: Sequence[Finding], fail_on: str, min_confidence: float) -> int:
    """EXIT_FINDINGS when some finding reaches the gate, else EXIT_CLEAN."""
    return EXIT_FINDINGS if gated(findings, fail_on, min_confidence) else EXIT_CLEAN
