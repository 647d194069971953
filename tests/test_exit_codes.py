"""The exit-code contract (DESIGN.md): 0 clean, 1 a finding reached the gate, 2 anything else,
130 Ctrl-C; anything but 0/1 ends in one line on stderr, never a traceback (issue 12).

Why: CI reads exit 1 as "contradiction found". An unusable model or a bug that also exited 1
(with a traceback) made a broken gate look like a corpus problem, and a missing model exited 0.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck import pipeline as pipeline_module
from claimcheck.cli.app import app
from claimcheck.infra import models
from tests.conftest import make_tiny_nli

GOOD = "Officials from 35 nations convened in Paris on Monday to discuss a security force.\n"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.md").write_text(GOOD, encoding="utf-8")
    return tmp_path / "corpus"


def run(*args: str, env: dict | None = None):
    return CliRunner().invoke(app, list(args), env=env)


def one_line(res, code: int = 2) -> str:
    assert res.exit_code == code, res.output
    assert "Traceback" not in res.output
    lines = [line for line in res.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, res.stderr
    return lines[0]


def test_no_model_installed_fails_unless_no_nli(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(models, "default_nli_dir", lambda: None)
    line = one_line(run("check", str(corpus)))
    assert "no NLI model found" in line and "--nli-model" in line and "--no-nli" in line
    assert run("check", str(corpus), "--no-nli").exit_code == 0


@pytest.mark.parametrize("kind", ["empty", "foreign", "unknown-labels", "no-weights"])
def test_an_unusable_model_folder_exits_2(
    corpus: Path, tmp_path: Path, tiny_nli_dir: Path, kind: str
) -> None:
    folder = tmp_path / kind
    if kind == "unknown-labels":
        make_tiny_nli(folder, id2label={0: "yes", 1: "maybe", 2: "no"})
    else:
        folder.mkdir()
    if kind == "foreign":
        (folder / "config.json").write_text('{"model_type": "not-a-model"}', encoding="utf-8")
    if kind == "no-weights":
        for f in tiny_nli_dir.iterdir():
            if f.suffix != ".safetensors":
                (folder / f.name).write_bytes(f.read_bytes())
    line = one_line(run("check", str(corpus), "--nli-model", str(folder)))
    assert line.startswith("error: ") and str(folder) in line
    if kind == "unknown-labels":
        assert "cannot map NLI label 'yes'" in line


def test_a_foreign_model_folder_is_one_line_on_the_real_stderr(tmp_path: Path) -> None:
    """transformers logs to the process's stderr, which CliRunner does not capture: run the CLI."""
    import subprocess
    import sys

    (tmp_path / "foreign").mkdir()
    (tmp_path / "foreign" / "config.json").write_text('{"model_type": "not-a-model"}', encoding="utf-8")
    (tmp_path / "a.md").write_text(GOOD, encoding="utf-8")
    code = "from claimcheck.cli.app import app; app()"
    args = [
        sys.executable,
        "-c",
        code,
        "check",
        str(tmp_path / "a.md"),
        "--nli-model",
        str(tmp_path / "foreign"),
    ]
    res = subprocess.run(args, capture_output=True, text=True, timeout=300)
    assert res.returncode == 2, res.stderr
    assert res.stderr.count("\n") == 1 and res.stderr.startswith("error: cannot load NLI model"), res.stderr


def _explode(*args, **kwargs):
    raise ZeroDivisionError("a bug")


@pytest.mark.parametrize("verb", ["check", "extract"])
def test_an_unexpected_error_is_one_line_exit_2(corpus: Path, monkeypatch, verb: str) -> None:
    monkeypatch.setattr(pipeline_module.Pipeline, "extract", _explode)
    line = one_line(run(verb, str(corpus), "--no-nli") if verb == "check" else run(verb, str(corpus)))
    assert "internal error: ZeroDivisionError: a bug" in line and "--debug" in line


@pytest.mark.parametrize("where", ["before the verb", "after it", "env"])
def test_debug_shows_the_traceback(corpus: Path, monkeypatch, where: str) -> None:
    monkeypatch.setattr(pipeline_module.Pipeline, "extract", _explode)
    env = {"CLAIMCHECK_DEBUG": "1"} if where == "env" else None
    args = ["check", str(corpus), "--no-nli"]
    if where != "env":
        args.insert(0 if where == "before the verb" else 1, "--debug")
    res = run(*args, env=env)
    assert res.exit_code == 2
    assert "Traceback" in res.stderr and "ZeroDivisionError" in res.stderr
    assert res.stderr.strip().splitlines()[-1].startswith("error: internal error: ZeroDivisionError")


def test_an_unexpected_error_in_eval_is_exit_2(tmp_path: Path, tiny_nli_dir: Path, monkeypatch) -> None:
    from claimcheck.evaluation import nli as nli_eval

    data = tmp_path / "d.jsonl"
    data.write_text(json.dumps({"premise": "a", "hypothesis": "b", "label": "neutral"}) + "\n", "utf-8")
    monkeypatch.setattr(nli_eval, "evaluate", _explode)
    assert "ZeroDivisionError" in one_line(run("eval", "nli", str(data), "--nli-model", str(tiny_nli_dir)))


def test_ctrl_c_is_130_with_one_line_and_no_output_written(corpus: Path, tmp_path: Path, monkeypatch) -> None:
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    report = tmp_path / "report.json"
    report.write_text("old report\n", encoding="utf-8")
    monkeypatch.setattr(pipeline_module.Pipeline, "extract", interrupted)
    res = run("check", str(corpus), "--no-nli", "-f", "json", "-o", str(report))
    assert one_line(res, 130) == "claimcheck: interrupted"
    assert report.read_text(encoding="utf-8") == "old report\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_findings_at_the_gate_are_1_and_clean_is_0(corpus: Path) -> None:
    (corpus / "b.md").write_text(GOOD.replace("35", "40"), encoding="utf-8")
    assert run("check", str(corpus), "--no-nli").exit_code == 1
    assert run("check", str(corpus), "--no-nli", "--fail-on", "none").exit_code == 0


def _giant_document() -> str:
    import base64

    blob = base64.b64encode(bytes(range(256)) * 3500).decode()  # 1.2M characters, one line
    return f"![chart](data:image/png;base64,{blob})\n\n{GOOD}"


def test_a_giant_line_is_checked_not_a_crash(tmp_path: Path) -> None:
    """Issue 12: spaCy's E088 (over 1,000,000 characters) was a traceback in check and extract."""
    (tmp_path / "a.md").write_text(_giant_document(), encoding="utf-8")
    (tmp_path / "b.md").write_text(GOOD.replace("35", "40"), encoding="utf-8")
    res = run("check", str(tmp_path), "--no-nli", "--format", "json")
    assert res.exit_code == 1, res.output  # the 35-vs-40 conflict is still found
    assert "line(s) over 10,000 characters parsed in pieces" in res.stderr


def test_a_giant_line_in_eval_consistency_is_scored(tmp_path: Path, tiny_nli_dir: Path) -> None:
    row = {
        "document": _giant_document(),
        "claim": "Officials from 35 nations met in Paris.",
        "label": "consistent",
    }
    data = tmp_path / "c.jsonl"
    data.write_text(
        json.dumps(row) + "\n" + json.dumps(row | {"label": "inconsistent"}) + "\n", encoding="utf-8"
    )
    res = run("eval", "consistency", str(data), "--nli-model", str(tiny_nli_dir), "--format", "json")
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["n"] == 2


def test_a_real_sigint_exits_130_and_writes_nothing(corpus: Path, tmp_path: Path) -> None:
    """A real Ctrl-C, not a simulated one: the run blocks reading a baseline from a FIFO, and
    the FIFO's writer end opening tells the test the run is inside that read (no sleeps)."""
    import signal
    import subprocess
    import sys

    fifo, report = tmp_path / "baseline.json", tmp_path / "report.json"
    os.mkfifo(fifo)
    report.write_text("old report\n", encoding="utf-8")
    code = "from claimcheck.cli.app import app; app()"
    args = ["check", str(corpus), "--no-nli", "--baseline", str(fifo), "-f", "json", "-o", str(report)]
    proc = subprocess.Popen(
        [sys.executable, "-c", code, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    with open(fifo, "w", encoding="utf-8"):  # returns once the run has opened it for reading
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130 and err == "claimcheck: interrupted\n" and out == ""
    assert report.read_text(encoding="utf-8") == "old report\n"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
