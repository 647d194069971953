from __future__ import annotations

import os
import shutil
from pathlib import Path

import numpy as np
import pytest

from claimcheck.core.errors import ModelError
from claimcheck.infra import models
from claimcheck.verify.nli import (
    LABELS,
    HFNLIModel,
    NLIModel,
    bidirectional,
    content_hash,
    label_matrix,
    load_nli,
    resolve_precision,
)
from tests.conftest import make_tiny_nli

PAIRS = [
    ("a man plays in the park", "a man is in the park"),
    ("the dog sleeps", "the cat runs"),
    ("three nations met in paris", "more than 30 countries met in kyiv . the man is not in the house"),
    ("no", "a"),
]


@pytest.mark.parametrize("label", LABELS)
def test_label_order_comes_from_config(tmp_path: Path, label: str) -> None:
    model = HFNLIModel(make_tiny_nli(tmp_path / "m", bias_label=label), precision="fp32")
    probs = model.predict(PAIRS)
    assert probs.shape == (len(PAIRS), 3)
    assert np.allclose(probs[:, LABELS.index(label)], 1.0, atol=1e-6)


def test_two_way_model_puts_not_entailment_on_neutral(tmp_path: Path) -> None:
    path = make_tiny_nli(tmp_path / "m", {0: "ENTAILMENT", 1: "Not_Entailment"}, bias_label="Not_Entailment")
    probs = HFNLIModel(path, precision="fp32").predict(PAIRS)
    assert np.allclose(probs[:, 1], 1.0, atol=1e-6)
    assert np.all(probs[:, 2] == 0.0)


def test_unmappable_labels_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="cannot map NLI label"):
        HFNLIModel(make_tiny_nli(tmp_path / "m", {0: "LABEL_0", 1: "LABEL_1", 2: "LABEL_2"}))
    with pytest.raises(ValueError, match="must be"):
        label_matrix({0: "entailment", 1: "contradiction"})


@pytest.mark.parametrize("precision", ["int8", "bf16"])
def test_fast_precisions_agree_with_fp32(tiny_nli_dir: Path, precision: str) -> None:
    fp32 = HFNLIModel(tiny_nli_dir, precision="fp32").predict(PAIRS)
    fast = HFNLIModel(tiny_nli_dir, precision=precision)
    probs = fast.predict(PAIRS)
    assert fast.precision == precision and fast.model_id.endswith(f"+{precision}")
    assert np.allclose(probs.sum(axis=1), 1.0)
    assert np.abs(fp32 - probs).max() < 0.05


@pytest.mark.parametrize(("native", "expected"), [(True, "bf16"), (False, "int8")])
def test_auto_precision_follows_the_cpu(monkeypatch: pytest.MonkeyPatch, native: bool, expected: str) -> None:
    from claimcheck.infra import hardware

    monkeypatch.setattr(hardware, "native_bf16", lambda: native)
    assert resolve_precision("auto") == expected
    assert resolve_precision("fp32") == "fp32"
    with pytest.raises(ValueError, match="precision must be one of"):
        resolve_precision("fp8")


def test_length_sorted_batches_keep_input_order(tiny_nli_dir: Path) -> None:
    model = HFNLIModel(tiny_nli_dir, precision="fp32")
    batched = model.predict(PAIRS, batch_size=2)
    single = np.vstack([model.predict([p]) for p in PAIRS])
    assert np.allclose(batched, single, atol=1e-5)
    assert model.predict([]).shape == (0, 3)


def test_model_id_tracks_content_not_mtime(tmp_path: Path, tiny_nli_dir: Path) -> None:
    copy = tmp_path / "tiny-nli"
    shutil.copytree(tiny_nli_dir, copy)
    for f in copy.iterdir():
        os.utime(f, (1, 1))
    assert content_hash(copy) == content_hash(tiny_nli_dir)
    model_id = HFNLIModel(copy, precision="fp32").model_id
    assert model_id.startswith("tiny-nli@") and not model_id.endswith("+int8")
    assert HFNLIModel(copy, precision="int8").model_id == model_id + "+int8"
    make_tiny_nli(copy, seed=1)
    assert content_hash(copy) != content_hash(tiny_nli_dir)


def test_model_id_changes_with_a_middle_tensor(tmp_path: Path) -> None:
    """Issue 12: the id hashed the first and last MiB only, so a changed middle reused old verdicts."""
    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "config.json").write_text("{}", encoding="utf-8")
    weights = folder / "model.safetensors"
    data = bytearray(os.urandom(5 << 20))
    weights.write_bytes(bytes(data))
    before = content_hash(folder)
    data[len(data) // 2] ^= 0xFF  # same size, one byte in the middle
    weights.write_bytes(bytes(data))
    stat = weights.stat()
    os.utime(weights, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))  # coarse clocks
    assert content_hash(folder) != before
    assert content_hash(folder) == content_hash(folder)  # the remembered digest agrees with itself


def test_load_nli_paths_and_cache(
    tiny_nli_dir: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    with pytest.raises(ModelError, match="NLI model not found"):
        load_nli(tmp_path / "nope")
    monkeypatch.setattr(models, "default_nli_dir", lambda: None)
    with pytest.raises(ModelError, match="--no-nli"):  # no model is an error, never a quieter check
        load_nli(None)
    monkeypatch.setattr(models, "default_nli_dir", lambda: tiny_nli_dir)
    model = load_nli(None)
    assert model is load_nli(str(tiny_nli_dir))
    assert load_nli(tiny_nli_dir, precision="fp32") is not model
    assert isinstance(model, NLIModel)


def test_bidirectional_runs_both_directions(tiny_nli_dir: Path) -> None:
    model = load_nli(tiny_nli_dir, precision="fp32")
    forward, backward = bidirectional(model, PAIRS, batch_size=3)
    assert np.allclose(forward, model.predict(PAIRS), atol=1e-5)
    assert np.allclose(backward, model.predict([(b, a) for a, b in PAIRS]), atol=1e-5)


def test_the_pipeline_loads_its_model_only_when_a_pair_misses_the_cache(
    tiny_nli_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from claimcheck.core.types import Document
    from claimcheck.pipeline import Pipeline
    from claimcheck.verify import nli as nli_module

    docs = [
        Document("a", "a.txt", "The man plays in the park near the house every day."),
        Document("b", "b.txt", "The man plays in the park near the house every single day."),
    ]
    loads: list[Path] = []

    class Counted(HFNLIModel):
        def __init__(self, path, **kw) -> None:
            loads.append(Path(path))
            super().__init__(path, **kw)

    monkeypatch.setattr(nli_module, "HFNLIModel", Counted)

    def run():
        monkeypatch.setattr(nli_module, "_CACHE", {})  # a fresh process
        pipeline = Pipeline.build(nli_model=tiny_nli_dir, precision="fp32", cache_dir=tmp_path)
        assert loads == [] and pipeline.nli.model_id == HFNLIModel(tiny_nli_dir, precision="fp32").model_id
        loads.clear()
        return pipeline.run(docs)

    cold = run()
    assert loads == [tiny_nli_dir] and cold.pairs  # a miss: loaded, once
    loads.clear()
    warm = run()
    assert loads == []  # every pair answered by the cache: the model was never read
    assert warm.findings == cold.findings and warm.model == cold.model


def test_a_lazy_model_with_unknown_labels_fails_when_built(tmp_path: Path) -> None:
    folder = make_tiny_nli(tmp_path / "m", {0: "LABEL_0", 1: "LABEL_1", 2: "LABEL_2"})
    with pytest.raises(ValueError, match="cannot map NLI label"):
        load_nli(folder, lazy=True)
