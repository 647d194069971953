"""Imports that cost more than they give: spaCy without torch.

thinc (spaCy's layer library) imports torch when it is installed, only to offer PyTorch-backed
layers; claimcheck's spaCy pipeline (en_core_web_sm) runs on thinc's numpy ops and never uses
them, and importing torch costs 1 to 4 s on two cores, more than the rest of a small check.
So the CLI imports spaCy with torch hidden; whatever needs torch later (the sentence encoder
on an embedding-cache miss, the NLI model on a verdict-cache miss) imports it as usual.
"""

from __future__ import annotations

import importlib
import sys


def import_spacy_without_torch() -> None:
    """Import spaCy so that thinc finds no torch; a no-op when either is already imported."""
    if "spacy" in sys.modules or "torch" in sys.modules:
        return
    sys.modules["torch"] = None  # type: ignore[assignment]  # `import torch` now raises ImportError
    try:
        importlib.import_module("spacy")
    finally:
        del sys.modules["torch"]
