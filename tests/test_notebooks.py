"""The notebooks run top to bottom on small samples (any cell error fails), and are committed clean.

CLAIMCHECK_NB_LIMIT keeps the error-analysis run small; it needs the shared data
(CLAIMCHECK_DATA, default ../shared/data) and is skipped when that is absent.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
DATA = Path(os.environ.get("CLAIMCHECK_DATA", ROOT.parent / "shared" / "data"))
NEEDS_DATA = {"consistency_error_analysis.ipynb": DATA / "eval" / "summedits_ectsum.jsonl"}


def _run(path: Path, env: dict[str, str]) -> nbformat.NotebookNode:
    nb = nbformat.read(path, as_version=4)
    with pytest.MonkeyPatch.context() as mp:
        for key, value in env.items():
            mp.setenv(key, value)
        client = nbclient.NotebookClient(
            nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS)}}
        )
        client.execute()  # raises CellExecutionError on the first failing cell
    return nb


@pytest.mark.parametrize("name", sorted(p.name for p in NOTEBOOKS.glob("*.ipynb")))
def test_notebook_runs(name: str) -> None:
    needed = NEEDS_DATA.get(name)
    if needed is not None and not needed.is_file():
        pytest.skip(f"needs {needed} (set CLAIMCHECK_DATA)")
    nb = _run(
        NOTEBOOKS / name, {"CLAIMCHECK_NB_LIMIT": "24", "CLAIMCHECK_DATA": str(DATA), "HF_HUB_OFFLINE": "1"}
    )
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert any("image/png" in o.get("data", {}) for o in outputs), "no plot was drawn"


@pytest.mark.parametrize("path", sorted(NOTEBOOKS.glob("*.ipynb")), ids=lambda p: p.name)
def test_notebook_committed_without_outputs(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code, "a notebook with no code"
    assert all(not c.outputs and c.execution_count is None for c in code)
