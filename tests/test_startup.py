"""Start-up: a warm re-run of `check` answers from the caches without importing torch, the
sentence encoder or the NLI model, and reports exactly what the cold run did; without a model,
plain claims are not even embedded."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from claimcheck.cli.app import app
from tests.conftest import copy_seeds

WARM_RUN = """
import json, sys
from typer.testing import CliRunner
from claimcheck.cli.app import app
res = CliRunner().invoke(app, sys.argv[1:])
heavy = sorted(m for m in ("torch", "sentence_transformers", "transformers") if m in sys.modules)
print(json.dumps({"exit": res.exit_code, "stdout": res.stdout, "heavy": heavy}))
"""


def test_a_warm_run_imports_no_model_library_and_reports_the_same(tmp_path: Path, tiny_nli_dir: Path) -> None:
    corpus = copy_seeds(tmp_path / "corpus", only=("000", "001"))
    args = [
        "check",
        str(corpus),
        "-f",
        "json",
        "--nli-model",
        str(tiny_nli_dir),
        "--cache-dir",
        str(tmp_path),
    ]
    cold = CliRunner().invoke(app, args)
    assert cold.exit_code in (0, 1), cold.output
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parent.parent))
    done = subprocess.run(
        [sys.executable, "-c", WARM_RUN, *args], capture_output=True, text=True, env=env, check=True
    )
    warm = json.loads(done.stdout.splitlines()[-1])
    assert warm["heavy"] == []  # spaCy came without torch; embeddings and verdicts from the caches
    assert (warm["exit"], json.loads(warm["stdout"])) == (cold.exit_code, json.loads(cold.stdout))


def test_spacy_imported_without_torch_still_parses_and_torch_still_imports() -> None:
    script = (
        "import sys\n"
        "from claimcheck.infra.imports import import_spacy_without_torch\n"
        "import_spacy_without_torch()\n"
        "assert 'torch' not in sys.modules and 'spacy' in sys.modules\n"
        "from claimcheck.extract.claims import extract_claims\n"
        "from claimcheck.core.types import Document\n"
        "claims = extract_claims([Document('a', 'a.txt', 'Over 30 nations convened in Paris this week.')])\n"
        "assert [c.quantity.text for c in claims if c.quantity] == ['Over 30'], claims\n"
        "import torch\n"
        "print(torch.ones(2).sum().item())\n"
    )
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parent.parent))
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0 and done.stdout.strip() == "2.0", done.stderr[-2000:]
