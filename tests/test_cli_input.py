"""Bad input: one clear line and exit code 2 when nothing can be checked, a warning naming
the file when something can, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.cli.app import app

runner = CliRunner()
GOOD = "Officials from 35 nations convened in Paris on Monday to discuss a security force.\n"


def invoke(*args: str):
    return runner.invoke(app, [*args, "--no-nli"] if args[0] == "check" else list(args))


def assert_one_line_error(res, needle: str) -> None:
    assert res.exit_code == 2, res.output
    assert "Traceback" not in res.output and res.exception is None or isinstance(res.exception, SystemExit)
    lines = [line for line in res.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and needle in lines[0], res.stderr


@pytest.mark.parametrize("verb", ["check", "extract"])
def test_missing_path(verb: str, tmp_path: Path) -> None:
    assert_one_line_error(invoke(verb, str(tmp_path / "nope")), "no such file or folder")


@pytest.mark.parametrize("verb", ["check", "extract"])
def test_empty_folder(verb: str, tmp_path: Path) -> None:
    assert_one_line_error(invoke(verb, str(tmp_path)), "no .txt or .md files")


@pytest.mark.parametrize(
    "name, data, why",
    [
        ("latin1.txt", "Caf\xe9 au lait costs 3 euros.".encode("latin-1"), "not UTF-8"),
        ("blob.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary file"),
        ("empty.md", b"   \n", "empty file"),
    ],
)
def test_unreadable_file_alone_is_an_error_and_named(
    tmp_path: Path, name: str, data: bytes, why: str
) -> None:
    (tmp_path / name).write_bytes(data)
    res = invoke("check", str(tmp_path))
    assert res.exit_code == 2
    assert f"skipped {tmp_path / name}: {why}" in res.stderr
    assert "no readable documents" in res.stderr
    assert "Traceback" not in res.output


def test_unreadable_file_beside_good_ones_is_skipped_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00b\x00a\x00d")
    res = invoke("check", str(tmp_path), "--format", "json")
    assert res.exit_code == 0, res.output
    assert "skipped" in res.stderr and "bad.txt" in res.stderr
    assert '"good"' in res.stdout


def test_huge_file_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_text(GOOD * 10, encoding="utf-8")
    res = invoke("check", str(tmp_path), "--max-bytes", "100")
    assert res.exit_code == 2 and "larger than 100 bytes" in res.stderr


def test_output_file_is_written_and_previous_kept_on_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    out = tmp_path / "report.json"
    assert invoke("check", str(tmp_path / "a.txt"), "--format", "json", "--output", str(out)).exit_code == 0
    before = out.read_text()
    assert '"documents"' in before
    res = invoke("check", str(tmp_path / "missing"), "--format", "json", "--output", str(out))
    assert res.exit_code == 2 and out.read_text() == before


@pytest.mark.parametrize(
    "args",
    [
        ["check", "seeds", "--bogus"],
        ["extract", "seeds", "--format", "xml"],
        ["eval", "nli", "x.jsonl", "--bogus"],
        ["eval", "nli"],
        ["eval", "consistency", "x.jsonl", "--limit", "zero"],
    ],
)
def test_bad_flags_are_one_line_errors_in_every_verb(args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), result.output
