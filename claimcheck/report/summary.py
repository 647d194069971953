"""The counts every human-facing report opens with, computed once so the formats agree."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from claimcheck.core.result import Result


@dataclass(frozen=True)
class Summary:
    documents: int
    claims: int
    pairs: int
    contradictions: int
    new_contradictions: int  # not in the baseline: what a reviewer has to look at
    agreements: int

    @property
    def baselined_contradictions(self) -> int:
        return self.contradictions - self.new_contradictions

    def line(self, detail: str = "") -> str:
        """One sentence, e.g. "5 documents, 142 claims, 9 aligned pairs → 3 contradictions (1 new, ...)";
        `detail` follows the contradiction count."""
        split = (
            f" ({self.new_contradictions} new, {self.baselined_contradictions} baselined)"
            if self.baselined_contradictions
            else ""
        )
        return (
            f"{self.documents} documents, {self.claims} claims, {self.pairs} aligned pairs → "
            f"{plural(self.contradictions, 'contradiction')}{detail}{split}, "
            f"{plural(self.agreements, 'agreement')}"
        )


def summarize(result: Result) -> Summary:
    contradictions = [f for f in result.findings if f.verdict == "contradiction"]
    return Summary(
        documents=len(result.documents),
        claims=len(result.claims),
        pairs=len(result.pairs),
        contradictions=len(contradictions),
        new_contradictions=sum(not f.baselined for f in contradictions),
        agreements=sum(f.verdict == "agreement" for f in result.findings),
    )


def plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
