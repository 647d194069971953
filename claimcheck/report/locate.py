"""Character offsets to line/column positions, for reports a person or an editor navigates.

Claims carry offsets into their document's text (Unicode code points, newlines untouched);
editors, CI annotations and SARIF want 1-based lines and columns. Columns here count code
points, which is what SARIF calls "unicodeCodePoints" and what the renderers declare.
"""

from __future__ import annotations

from claimcheck.core.types import Claim, Document


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based (line, column) of the character at `offset` (or just past the end of a line)."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def claim_location(claim: Claim, doc: Document) -> dict:
    """The claim's evidence span with its position: start at its first character, end just past its last."""
    line, column = position(doc.text, claim.start)
    end_line, end_column = position(doc.text, claim.end)
    return {
        "id": claim.id,
        "doc_id": claim.doc_id,
        "path": doc.path,
        "text": claim.text,
        "start": claim.start,
        "end": claim.end,
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
    }
