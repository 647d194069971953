"""The one settings object: every knob documented, overridable from config and API, and reported."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from claimcheck.cli.app import app
from claimcheck.core.errors import InputError
from claimcheck.core.settings import DEFAULTS, SECTIONS, Settings, table, why
from claimcheck.gate.config import load_config

README = Path(__file__).resolve().parent.parent / "README.md"
runner = CliRunner()


def test_every_setting_has_a_reason_and_is_in_the_readme_with_its_default() -> None:
    text = README.read_text(encoding="utf-8")
    for name, default, reason in table():
        assert len(reason) > 15, name
        row = re.search(rf"^\| `{re.escape(name)}` \| ([^|]+) \|", text, re.M)
        assert row, f"README's configuration table lacks {name}"
        assert row.group(1).strip().replace(",", "") == str(default), name
    assert why("align", "quantity_min_similarity") == next(
        w for n, _, w in table() if n.endswith("quantity_min_similarity")
    )


@pytest.mark.parametrize(
    "data, message",
    [
        ({"alignn": {}}, "unknown settings section 'alignn'"),
        ({"align": {"quantity_min_similarty": 0.5}}, "unknown setting align.quantity_min_similarty"),
        ({"align": {"neighbours": 2.5}}, "align.neighbours must be a whole number"),
        ({"align": {"quantity_min_similarity": "high"}}, "must be a number"),
        ({"verify": {"nli_threshold": True}}, "must be a number"),
        ({"align": 3}, "settings.align must be a table"),
    ],
)
def test_bad_overrides_are_input_errors(data: dict, message: str) -> None:
    with pytest.raises(InputError, match=re.escape(message)):
        Settings.from_dict(data)


def test_overrides_list_only_what_differs() -> None:
    s = Settings.from_dict(
        {"align": {"quantity_min_similarity": 0.5, "neighbours": 4}, "verify": {"nli_threshold": 1}}
    )
    assert s.overrides() == {"align.quantity_min_similarity": 0.5, "verify.nli_threshold": 1.0}
    assert isinstance(s.verify.nli_threshold, float) and DEFAULTS.overrides() == {}


knob = st.sampled_from([(n, d) for n, d, _ in table()])


@given(st.lists(knob, max_size=4, unique_by=lambda t: t[0]), st.integers(1, 9))
def test_overrides_round_trip(chosen: list[tuple[str, object]], bump: int) -> None:
    data: dict = {}
    for name, default in chosen:
        section, key = name.split(".")
        data.setdefault(section, {})[key] = (
            default + bump if isinstance(default, int) else default + bump / 10
        )
    s = Settings.from_dict(data)
    nested: dict = {}
    for name, value in s.overrides().items():
        section, key = name.split(".")
        nested.setdefault(section, {})[key] = value
    assert Settings.from_dict(nested) == s and len(s.overrides()) == len(chosen)
    assert set(SECTIONS) == {f.split(".")[0] for f, _, _ in table()}


def test_config_file_settings_reach_the_report(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Officials from 35 nations met in Paris on Monday to plan the mission.\n")
    (corpus / "b.txt").write_text("Delegates of 22 countries gathered in Paris on Monday for the mission.\n")
    # the frame bonus (one named measure) would lift the pair over any floor: switch it off too
    strict_toml = "[settings.align]\nquantity_min_similarity = 0.99\nframe_bonus = 0.0\n"
    (tmp_path / "claimcheck.toml").write_text(strict_toml)
    args = ["check", str(corpus), "--no-nli", "--no-cache", "--format", "json", "--fail-on", "none"]
    strict = json.loads(runner.invoke(app, args).stdout)
    assert strict["settings"] == {"align.frame_bonus": 0.0, "align.quantity_min_similarity": 0.99}
    (tmp_path / "claimcheck.toml").write_text("")
    loose = json.loads(runner.invoke(app, args).stdout)
    assert loose["settings"] == {}
    verdicts = lambda r: [f["verdict"] for f in r["findings"]]  # noqa: E731
    assert "contradiction" in verdicts(loose) and "contradiction" not in verdicts(strict)


def test_a_bad_settings_table_in_a_config_file_is_exit_2(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Officials from 35 nations met in Paris on Monday.\n")
    (tmp_path / "claimcheck.toml").write_text("[settings.align]\nneighbors = 3\n")
    res = runner.invoke(app, ["check", str(tmp_path / "a.txt"), "--no-nli"])
    assert res.exit_code == 2 and "unknown setting align.neighbors" in res.stderr
    with pytest.raises(InputError):
        load_config(tmp_path / "claimcheck.toml")


def test_settings_command_shows_values_and_defaults(tmp_path: Path) -> None:
    (tmp_path / "claimcheck.toml").write_text("[settings.verify]\nnli_threshold = 0.7\n")
    res = runner.invoke(app, ["settings", "--config", str(tmp_path / "claimcheck.toml"), "--format", "json"])
    rows = {r["name"]: r for r in json.loads(res.stdout)}
    assert rows["verify.nli_threshold"]["value"] == 0.7 and rows["verify.nli_threshold"]["default"] == 0.5
    assert len(rows) == len(table())
