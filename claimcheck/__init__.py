"""claimcheck: find where several sources agree and where they conflict.

`claimcheck.check(...)` is the notebook API (claimcheck.api), imported on first call, so
`import claimcheck` stays fast for the CLI and never pulls in pandas or torch.

The package also has a submodule named `check` (the pair checker). Importing a submodule sets
it as an attribute of its package, which would hide the function, so the submodule is imported
first (it is light) and the function bound over it; `from claimcheck.check import ...` is
unaffected, since it reads sys.modules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import claimcheck.check  # noqa: F401  (see above: before `check` is bound below)

__version__ = "0.1.0"
__all__ = ["Result", "check", "evaluate_consistency"]

if TYPE_CHECKING:
    from claimcheck.api import Result, evaluate_consistency


def check(paths_or_texts, **options: Any):  # noqa: F811
    """Check documents (paths, raw strings, or a name -> text mapping): see claimcheck.api.check."""
    from claimcheck.api import check as run

    return run(paths_or_texts, **options)


def __getattr__(name: str) -> Any:
    if name in ("Result", "evaluate_consistency"):
        from claimcheck import api

        return getattr(api, name)
    raise AttributeError(f"module 'claimcheck' has no attribute {name!r}")
