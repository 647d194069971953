"""claimcheck: find where several sources agree and where they conflict.

`claimcheck.check(...)` (the notebook API, claimcheck.api) is imported on first use, so
`import claimcheck` stays fast for the CLI and for code that only needs the dataclasses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Result", "check", "evaluate_consistency"]

if TYPE_CHECKING:
    from claimcheck.api import Result, check, evaluate_consistency


def __getattr__(name: str) -> Any:
    if name in __all__:
        from claimcheck import api

        return getattr(api, name)
    raise AttributeError(f"module 'claimcheck' has no attribute {name!r}")
