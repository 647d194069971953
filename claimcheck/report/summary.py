"""What the human-facing reports share: the counts they open with (computed once, so the
formats agree) and how they shorten long claim texts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from claimcheck.core.settings import DEFAULTS

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

    def line(self) -> str:
        """One sentence, e.g. "5 documents, 142 claims, 9 aligned pairs → 3 contradictions (1 new, ...)"."""
        split = (
            f" ({self.new_contradictions} new, {self.baselined_contradictions} baselined)"
            if self.baselined_contradictions
            else ""
        )
        return (
            f"{self.documents} documents, {self.claims} claims, {self.pairs} aligned pairs → "
            f"{plural(self.contradictions, 'contradiction')}{split}, {plural(self.agreements, 'agreement')}"
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


def shorten(text: str, limit: int = DEFAULTS.report.cell_chars) -> str:
    """`text` cut to `limit` characters with an ellipsis, for table cells."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
