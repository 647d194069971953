"""The CI gate's exit codes: 0 when nothing reaches the gate, 1 when a finding does, 2 (with
one line on stderr and no traceback) for every usage or input error."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.cli.app import app

pytestmark = pytest.mark.usefixtures("memo_pipeline", "raw_confidence")
runner = CliRunner()

PARIS_35 = "Officials from 35 nations convened in Paris on Monday to discuss a security force.\n"
DOCS = {
    "agree": "Officials from over 30 nations convened in Paris on Monday to discuss a security force.\n",
    "conflict": "Officials from 22 nations convened in Paris on Monday to discuss a security force.\n",
    # Hedged: the conflict's confidence is halved (0.5).
    # hedged, not speculative ("may have convened" is a possibility, compared with no fact)
    "hedged": "Officials from 22 nations reportedly convened in Paris on Monday to discuss it.\n",
}


@pytest.fixture(scope="module")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = {}
    for name, text in DOCS.items():
        folder = tmp_path_factory.mktemp(name)
        (folder / "a.txt").write_text(PARIS_35, encoding="utf-8")
        (folder / "b.txt").write_text(text, encoding="utf-8")
        out[name] = folder
    return out


def run(*args: str):
    res = runner.invoke(app, ["check", *args, "--no-nli"])
    assert "Traceback" not in res.output and (res.exception is None or isinstance(res.exception, SystemExit))
    return res


@pytest.mark.parametrize(
    "corpus, flags, code",
    [
        ("agree", (), 0),
        ("conflict", (), 1),
        ("conflict", ("--fail-on", "contradiction"), 1),
        ("conflict", ("--fail-on", "none"), 0),
        ("conflict", ("--min-confidence", "1"), 1),
        ("hedged", (), 1),
        ("hedged", ("--min-confidence", "0.5"), 1),  # at the threshold counts
        ("hedged", ("--min-confidence", "0.6"), 0),
        ("agree", ("--fail-on", "none", "--min-confidence", "0"), 0),
    ],
)
def test_exit_code(corpora: dict[str, Path], corpus: str, flags: tuple[str, ...], code: int) -> None:
    res = run(str(corpora[corpus]), "--format", "json", *flags)
    assert res.exit_code == code, res.output
    assert res.stderr == ""


@pytest.mark.parametrize(
    "flags, needle",
    [
        (("--min-confidence", "1.5"), "--min-confidence"),
        (("--min-confidence", "high"), "--min-confidence"),
        (("--fail-on", "warning"), "--fail-on"),
        (("--format", "xml"), "--format"),
        (("--bogus",), "No such option: --bogus"),
    ],
)
def test_usage_errors_are_one_line(corpora: dict[str, Path], flags: tuple[str, ...], needle: str) -> None:
    res = run(str(corpora["agree"]), *flags)
    assert res.exit_code == 2
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and needle in lines[0], res.stderr


def test_input_errors_are_one_line(corpora: dict[str, Path], tmp_path: Path) -> None:
    for args, needle in [
        ((str(tmp_path / "missing"),), "no such file or folder"),
        ((str(corpora["agree"]), "--output", str(tmp_path)), "is a folder, not a file"),  # before the run
        ((str(corpora["agree"]), "--nli-model", str(tmp_path / "no-model")), "NLI model not found"),
    ]:
        res = runner.invoke(app, ["check", *args])
        assert res.exit_code == 2, (args, res.output)
        lines = res.stderr.strip().splitlines()
        assert len(lines) == 1 and needle in lines[0], res.stderr
