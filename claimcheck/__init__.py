"""claimcheck: find where several sources agree and where they conflict.

`claimcheck.check(...)` is the notebook API (claimcheck.api), imported on first call, so
`import claimcheck` stays fast for the CLI and never pulls in pandas or torch. The pair checker
lives in `claimcheck.verify`, so no submodule shadows this function.

Layers, bottom to top (imports only point down; tests/test_layers.py enforces it):
core, infra, extract, align, verify, consistency, pipeline, gate, report, evaluation,
api/distributed, cli.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from claimcheck._version import __version__

__all__ = ["Result", "Settings", "__version__", "check", "evaluate_consistency"]

if TYPE_CHECKING:
    from claimcheck.api import Result, evaluate_consistency
    from claimcheck.core.settings import Settings


def check(paths_or_texts, **options: Any):
    """Check documents (paths, raw strings, or a name -> text mapping): see claimcheck.api.check."""
    from claimcheck.api import check as run

    return run(paths_or_texts, **options)


def __getattr__(name: str) -> Any:
    if name in ("Result", "evaluate_consistency"):
        from claimcheck import api

        return getattr(api, name)
    if name == "Settings":
        from claimcheck.core.settings import Settings

        return Settings
    raise AttributeError(f"module 'claimcheck' has no attribute {name!r}")
