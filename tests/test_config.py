"""Configuration from [tool.claimcheck] in pyproject.toml or from claimcheck.toml: found by
walking up from the corpus, paths relative to the file, flags winning over it, and every
mistake in it an input error (exit 2, one line)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.cli.app import app
from claimcheck.core.errors import InputError
from claimcheck.gate.config import Config, discover_config, find_config, load_config

runner = CliRunner()

PARIS_35 = "Officials from 35 nations convened in Paris on Monday to discuss a security force.\n"
HEDGED_22 = (
    # hedged ("reportedly"), not speculative: "may have convened" is a possibility, compared with none
    "Officials from 22 nations reportedly convened in Paris on Monday to discuss a security force.\n"
)
PARIS_22 = "Officials from 22 nations convened in Paris on Monday to discuss a security force.\n"

PYPROJECT = """
[project]
name = "docs-site"

[tool.claimcheck]
paths = ["docs"]
exclude = ["drafts/*"]
format = "json"
min_confidence = 0.6
baseline = "ci/baseline.json"
cache_dir = ".cache/claimcheck"
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# ---- finding and reading the file -------------------------------------------------------------


def test_walks_up_to_the_nearest_config(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", PYPROJECT)
    write(tmp_path / "a" / "pyproject.toml", '[project]\nname = "no claimcheck table here"\n')
    deep = tmp_path / "a" / "b" / "c"
    deep.mkdir(parents=True)
    assert find_config(deep) == tmp_path / "pyproject.toml"
    write(tmp_path / "a" / "claimcheck.toml", 'format = "md"\n')
    assert find_config(deep / "file.md") == tmp_path / "a" / "claimcheck.toml"
    write(tmp_path / "pyproject.toml", PYPROJECT)
    write(tmp_path / "claimcheck.toml", 'format = "csv"\n')
    assert find_config(tmp_path) == tmp_path / "claimcheck.toml"  # the dedicated file wins beside pyproject


def test_paths_are_relative_to_the_config_file(tmp_path: Path) -> None:
    (tmp_path / "models" / "my-nli").mkdir(parents=True)
    cfg = load_config(write(tmp_path / "claimcheck.toml", 'paths = "docs"\nnli_model = "models/my-nli"\n'))
    assert cfg.paths == (tmp_path / "docs",)
    assert cfg.nli_model == str(tmp_path / "models" / "my-nli")
    named = load_config(write(tmp_path / "claimcheck.toml", 'nli_model = "claimcheck-nli-minilm-l6"\n'))
    assert named.nli_model == "claimcheck-nli-minilm-l6"  # not a folder here: a model name
    full = load_config(write(tmp_path / "pyproject.toml", PYPROJECT))
    assert full.baseline == tmp_path / "ci" / "baseline.json"
    assert full.cache_dir == tmp_path / ".cache" / "claimcheck"
    assert (full.exclude, full.format, full.min_confidence, full.fail_on) == (
        ("drafts/*",),
        "json",
        0.6,
        None,
    )


def test_no_config_anywhere_is_an_empty_config(tmp_path: Path) -> None:
    assert discover_config([tmp_path / "docs"]) == Config()


@pytest.mark.parametrize(
    "text, needle",
    [
        ("format = ", "invalid TOML"),
        ('fromat = "json"', "unknown key 'fromat'"),
        ('format = "xml"', "format must be one of"),
        ('fail_on = "warning"', "fail_on must be one of"),
        ("min_confidence = 2", "min_confidence must be a number from 0 to 1"),
        ("min_confidence = true", "min_confidence must be a number from 0 to 1"),
        ("paths = [1, 2]", "paths must be a list of non-empty strings"),
        ("baseline = 3", "baseline must be a non-empty string"),
    ],
)
def test_mistakes_are_input_errors(tmp_path: Path, text: str, needle: str) -> None:
    path = write(tmp_path / "claimcheck.toml", text + "\n")
    with pytest.raises(InputError, match="claimcheck.toml: ") as err:
        load_config(path)
    assert needle in str(err.value) and "\n" not in str(err.value)


def test_tool_table_must_be_a_table(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="must be a table"):
        load_config(write(tmp_path / "pyproject.toml", '[tool]\nclaimcheck = "yes"\n'))


# ---- the CLI with a config --------------------------------------------------------------------


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository whose pyproject.toml configures claimcheck for its docs/ folder."""
    root = tmp_path_factory.mktemp("repo")
    write(root / "pyproject.toml", PYPROJECT)
    write(root / "docs" / "a.txt", PARIS_35)
    write(root / "docs" / "b.txt", HEDGED_22)  # conflicts at confidence 0.5, under min_confidence
    write(root / "docs" / "drafts" / "c.txt", PARIS_22)  # conflicts at full confidence, but excluded
    write(root / "ci" / "baseline.json", '{"version": 1, "findings": []}\n')
    (root / "src").mkdir()
    return root


def check_in(cwd: Path, *args: str):
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(cwd)
        res = runner.invoke(app, ["check", *args, "--no-nli"])
    assert "Traceback" not in res.output
    return res


@pytest.mark.usefixtures("memo_pipeline", "raw_confidence")
def test_config_supplies_paths_format_exclude_gate_and_baseline(repo: Path) -> None:
    res = check_in(repo / "src")  # no PATH: `paths` from the config, relative to it, not to the cwd
    assert res.exit_code == 0, res.output  # the only conflict is under min_confidence
    report = json.loads(res.stdout)  # format = "json"
    assert [d["id"] for d in report["documents"]] == ["a", "b"]  # drafts/* excluded
    assert [f["confidence"] for f in report["findings"] if f["verdict"] == "contradiction"] == [0.5]


@pytest.mark.usefixtures("memo_pipeline", "raw_confidence")
@pytest.mark.parametrize(
    "flags, code, first",
    [
        (("--min-confidence", "0"), 1, "{"),
        (("--format", "csv", "--min-confidence", "0.5"), 1, "finding_id,"),
        (("--exclude", "nothing-matches", "--format", "table"), 1, "claimcheck: 3 documents"),
        (("--fail-on", "none", "--exclude", "nothing-matches"), 0, "{"),
        (("--include", "a.txt"), 0, "{"),
    ],
)
def test_flags_override_the_config(repo: Path, flags: tuple[str, ...], code: int, first: str) -> None:
    res = check_in(repo, *flags)
    assert res.exit_code == code, res.output
    assert res.stdout.startswith(first)


@pytest.mark.usefixtures("memo_pipeline", "raw_confidence")
def test_explicit_config_file_and_path_arguments(repo: Path, tmp_path: Path) -> None:
    other = write(tmp_path / "strict.toml", 'fail_on = "contradiction"\nformat = "md"\n')
    res = check_in(tmp_path, str(repo / "docs"), "--config", str(other))
    assert res.exit_code == 1 and res.stdout.startswith("## claimcheck: 2 contradictions")  # no baseline


@pytest.mark.usefixtures("memo_pipeline", "raw_confidence")
def test_the_configured_baseline_can_be_created_by_write_baseline(repo: Path, tmp_path: Path) -> None:
    config = write(tmp_path / "claimcheck.toml", f'paths = ["{repo / "docs"}"]\nbaseline = "accepted.json"\n')
    assert check_in(tmp_path).exit_code == 2  # not there yet: an input error
    res = check_in(tmp_path, "--write-baseline", "accepted.json")
    assert res.exit_code == 0 and (tmp_path / "accepted.json").is_file()
    res = check_in(tmp_path, "--config", str(config), "--format", "json")
    assert res.exit_code == 0 and all(f["baselined"] for f in json.loads(res.stdout)["findings"])


@pytest.mark.parametrize(
    "text, needle",
    [
        ("paths = [", "invalid TOML"),
        ('colour = "red"', "unknown key 'colour'"),
        ('fail_on = "warnings"', "fail_on must be one of contradiction, none"),
        ('baseline = "missing.json"', "baseline file not found"),
    ],
)
def test_bad_config_exits_2_with_one_line(tmp_path: Path, text: str, needle: str) -> None:
    write(tmp_path / "claimcheck.toml", text + "\n")
    write(tmp_path / "docs" / "a.txt", PARIS_35)
    res = check_in(tmp_path, "docs")
    assert res.exit_code == 2
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0], res.stderr


def test_no_paths_anywhere_exits_2(tmp_path: Path) -> None:
    res = check_in(tmp_path)
    assert res.exit_code == 2 and "no PATH given" in res.stderr
    res = check_in(tmp_path, "--config", str(tmp_path / "absent.toml"))
    assert res.exit_code == 2 and "config file not found" in res.stderr


def test_an_unreadable_unrelated_pyproject_above_is_skipped_with_a_warning(tmp_path: Path) -> None:
    """Issue 12: a UTF-16 pyproject.toml in a parent folder (another project's) crashed every run."""
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-16")
    corpus = write(tmp_path / "corpus" / "a.md", PARIS_35).parent
    with pytest.warns(UserWarning, match=r"ignored .*pyproject.toml: not UTF-8"):
        assert find_config(corpus) is None
    res = runner.invoke(app, ["check", str(corpus), "--no-nli", "--format", "json"])
    assert res.exit_code == 0, res.output
    assert "warning: ignored" in res.stderr and "pyproject.toml: not UTF-8" in res.stderr


@pytest.mark.parametrize("encoding", ["utf-16", "latin-1"])
def test_a_claimcheck_toml_that_is_not_utf8_is_an_error(tmp_path: Path, encoding: str) -> None:
    (tmp_path / "claimcheck.toml").write_text('format = "json"  # café\n', encoding=encoding)
    write(tmp_path / "a.md", PARIS_35)
    res = runner.invoke(app, ["check", str(tmp_path), "--no-nli"])
    assert res.exit_code == 2 and "Traceback" not in res.output
    (line,) = res.stderr.strip().splitlines()
    assert "claimcheck.toml: not UTF-8" in line
