"""A built wheel, installed outside the checkout, checks exactly as the checkout does, offline.

Why (issue 12): `pip wheel .` used to ship no NLI model, so an installed claimcheck (the
README's CI recipe) checked only figures and said so in a note nobody reads. The wheel now
carries models/ as package data; this builds it, installs it into a fresh venv and compares
its `check --format json` on the seeds with the editable run's, field for field.

The venv borrows this interpreter's site-packages (torch, spaCy, ...) through a .pth file
rather than --system-site-packages: a venv made from a venv's python sees the base Python's
packages, not the project venv's. Paths added by a .pth line do not run that folder's own .pth
files, so the editable install's import hook stays off and `claimcheck` comes from the wheel.
About 57 s of CPU (build, install, then both checks side by side): ~30 s wall on 2 idle cores,
120 s at load average 9.
"""

from __future__ import annotations

import json
import os
import shutil
import site
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.cli.app import app
from tests.conftest import copy_seeds

ROOT = Path(__file__).resolve().parent.parent
MODEL_FILES = sorted(p.name for p in (ROOT / "models" / "claimcheck-nli-minilm-l6").iterdir())


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built from a copy of the sources so the checkout gets no build/ folder."""
    src = tmp_path_factory.mktemp("src")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("claimcheck", "models"):
        shutil.copytree(ROOT / name, src / name, ignore=ignore)
    dist = tmp_path_factory.mktemp("dist")
    build = [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", dist, src]
    subprocess.run(build, check=True, capture_output=True, env=_env())
    (found,) = dist.glob("claimcheck-*.whl")
    return found


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "CLAIMCHECK_NLI_MODEL")}
    return env | {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "PIP_NO_INDEX": "1"} | extra


def test_the_wheel_holds_every_module_and_the_model(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "claimcheck").rglob("*.py")}
    assert modules <= names, f"missing from the wheel: {sorted(modules - names)}"
    shipped = sorted(n.rsplit("/", 1)[1] for n in names if n.startswith("claimcheck/_models/claimcheck-nli"))
    assert shipped == MODEL_FILES


def test_an_installed_wheel_checks_like_the_checkout(
    wheel: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", venv], check=True)
    (purelib,) = venv.glob("lib/python*/site-packages")
    (purelib / "borrowed.pth").write_text("\n".join(site.getsitepackages()) + "\n", encoding="utf-8")
    python = venv / "bin" / "python"
    install = [sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-deps", wheel]
    subprocess.run(install, check=True, capture_output=True, env=_env())

    work = tmp_path / "elsewhere"  # outside the checkout: no models/ beside anything
    seeds = copy_seeds(work / "seeds")
    where = subprocess.run(
        [python, "-c", "import claimcheck.infra.models as m; print(m.PROJECT_MODELS)"],
        cwd=work,
        env=_env(),
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert Path(where).is_relative_to(venv), where

    args = ["check", "seeds", "--format", "json", "--no-cache"]
    installed = subprocess.Popen(
        [venv / "bin" / "claimcheck", *args],
        cwd=work,
        env=_env(CLAIMCHECK_CACHE_DIR=str(tmp_path / "cache")),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    monkeypatch.chdir(work)
    editable = CliRunner().invoke(app, args)
    out, err = installed.communicate(timeout=300)
    assert installed.returncode == editable.exit_code == 0, err
    wheel_report, checkout_report = json.loads(out), json.loads(editable.stdout)
    assert wheel_report["model"] and wheel_report["model"] == checkout_report["model"]
    assert wheel_report == checkout_report
    assert wheel_report["findings"] and seeds.is_dir()
