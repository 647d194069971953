"""The NLI verdict cache: a re-run over an unchanged corpus asks the model nothing, answers are
identical to the model's, and a damaged or unusable cache never breaks a run."""

from __future__ import annotations

import json
import sqlite3
import warnings
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from claimcheck import pipeline as pipeline_module
from claimcheck.cli.app import app
from claimcheck.infra.cachedir import default_cache_dir
from claimcheck.verify import nli as nli_module
from claimcheck.verify.cache import CACHE_FILE, CachedNLI, CacheWarning, VerdictCache

runner = CliRunner()
DOCS = {
    "a.txt": "Over 30 nations convened in Paris this week. The coalition is led by France and Britain.\n",
    "b.txt": "35 nations convened in Paris this week. The coalition is led by Britain and France.\n",
}


class Counting:
    """Wraps an NLIModel and counts what it is asked."""

    def __init__(self, model) -> None:
        self.model, self.model_id = model, model.model_id
        self.calls = self.pairs = 0

    def predict(self, pairs, batch_size: int = 64) -> np.ndarray:
        self.calls += 1
        self.pairs += len(pairs)
        return self.model.predict(pairs, batch_size=batch_size)


class FakeNLI:
    """Deterministic, order-sensitive probabilities from the texts, no torch needed."""

    model_id = "fake@1"

    def predict(self, pairs, batch_size: int = 64) -> np.ndarray:
        raw = np.array([[len(p) % 7 + 1, len(h) % 5 + 1, (len(p) * len(h)) % 3 + 1] for p, h in pairs], float)
        return raw / raw.sum(axis=1, keepdims=True)


# ---- the wrapper on its own ---------------------------------------------------------------------


def test_cached_answers_equal_the_model_and_reuse_both_directions(tmp_path: Path) -> None:
    inner = Counting(FakeNLI())
    model = CachedNLI(inner, VerdictCache(tmp_path / CACHE_FILE))
    pairs = [
        ("a cat sleeps", "the dog runs"),
        ("the dog runs", "a cat sleeps"),
        ("a cat sleeps", "the dog runs"),
    ]
    got = model.predict(pairs)
    np.testing.assert_array_equal(got, FakeNLI().predict(pairs))
    assert (inner.calls, inner.pairs) == (1, 2)  # one unordered pair, both directions, one call
    again = CachedNLI(Counting(FakeNLI()), VerdictCache(tmp_path / CACHE_FILE))
    np.testing.assert_array_equal(again.predict(pairs[1:2]), got[1:2])
    assert again.model.calls == 0


def test_keys_include_the_model(tmp_path: Path) -> None:
    CachedNLI(FakeNLI(), VerdictCache(tmp_path / CACHE_FILE)).predict([("x", "y")])
    other = Counting(FakeNLI())
    other.model_id = "fake@2"
    CachedNLI(other, VerdictCache(tmp_path / CACHE_FILE)).predict([("x", "y")])
    assert other.calls == 1


def test_an_unusable_cache_location_only_warns(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    inner = Counting(FakeNLI())
    with pytest.warns(CacheWarning, match="cannot be used"):
        out = CachedNLI(inner, VerdictCache(blocker / CACHE_FILE)).predict([("x", "y")])
    np.testing.assert_array_equal(out, FakeNLI().predict([("x", "y")]))


def test_default_location_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CLAIMCHECK_CACHE_DIR", str(tmp_path / "c"))
    assert default_cache_dir() == tmp_path / "c"
    monkeypatch.delenv("CLAIMCHECK_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "xdg" / "claimcheck"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert default_cache_dir() == Path.home() / ".cache" / "claimcheck"


# ---- through the CLI, with the tiny random model ------------------------------------------------


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cache-corpus")
    for name, text in DOCS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch, tiny_nli_dir: Path) -> Counting:
    """The tiny model, counted, as what the CLI's load_nli returns."""
    model = Counting(nli_module.load_nli(tiny_nli_dir, precision="fp32"))
    monkeypatch.setattr(pipeline_module, "load_nli", lambda *a, **k: model)
    return model


def run(corpus: Path, *flags: str):
    res = runner.invoke(app, ["check", str(corpus), "--format", "json", "--fail-on", "none", *flags])
    assert res.exit_code == 0, res.output
    return res


def test_second_run_calls_the_model_zero_times(corpus: Path, counted: Counting, tmp_path: Path) -> None:
    first = run(corpus, "--cache-dir", str(tmp_path))
    assert counted.calls > 0 and counted.pairs > 0
    assert (tmp_path / CACHE_FILE).is_file()
    counted.calls = 0
    second = run(corpus, "--cache-dir", str(tmp_path))
    assert counted.calls == 0
    assert json.loads(second.stdout) == json.loads(first.stdout)


def test_no_cache_neither_reads_nor_writes(
    corpus: Path, counted: Counting, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv("CLAIMCHECK_CACHE_DIR", str(tmp_path / "env"))
    run(corpus)  # fills the default ($CLAIMCHECK_CACHE_DIR) cache
    assert (tmp_path / "env" / CACHE_FILE).is_file()
    counted.calls = 0
    run(corpus, "--no-cache")
    assert counted.calls > 0


def test_corrupt_cache_is_recreated_with_a_warning(corpus: Path, counted: Counting, tmp_path: Path) -> None:
    (tmp_path / CACHE_FILE).write_bytes(b"this is not a database" * 200)
    res = run(corpus, "--cache-dir", str(tmp_path))
    assert "verdict cache" in res.stderr and "recreating" in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1
    with sqlite3.connect(tmp_path / CACHE_FILE) as db:
        assert db.execute("SELECT count(*) FROM verdicts").fetchone()[0] > 0


def test_corrupt_rows_fall_back_to_the_model(tmp_path: Path) -> None:
    CachedNLI(FakeNLI(), VerdictCache(tmp_path / CACHE_FILE)).predict([("x", "y")])
    with sqlite3.connect(tmp_path / CACHE_FILE) as db:
        db.execute("UPDATE verdicts SET probs = 'oops'")
    inner = Counting(FakeNLI())
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = CachedNLI(inner, VerdictCache(tmp_path / CACHE_FILE)).predict([("x", "y")])
    assert inner.calls == 1 and any(issubclass(w.category, CacheWarning) for w in caught)
    np.testing.assert_array_equal(out, FakeNLI().predict([("x", "y")]))
