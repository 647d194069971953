"""The NLI model committed under models/ loads offline and gets obvious pairs right.

Why: the committed folder is what every user runs; a bad export (wrong label order, fp16 left
un-cast, missing tokenizer file) would break every verdict while unit tests on the tiny model pass.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.infra import models
from claimcheck.verify.nli import LABELS, HFNLIModel, load_nli, resolve_precision

MODEL = models.PROJECT_MODELS / models.DEFAULT_NLI_DIRNAME

pytestmark = pytest.mark.skipif(not MODEL.exists(), reason=f"{MODEL} is not committed yet")

GUITAR = "A man is playing a guitar on stage."
DOGS = "Two dogs are running through a grassy field."
OBVIOUS = [
    (GUITAR, "A man is playing an instrument.", "entailment"),
    (GUITAR, "Nobody is playing music.", "contradiction"),
    (GUITAR, "The man is playing his own song at his first concert.", "neutral"),
    (DOGS, "Some animals are outside.", "entailment"),
    (DOGS, "The dogs are asleep on a couch.", "contradiction"),
    ("The summit was held in Paris on Monday.", "The summit took place in France.", "entailment"),
    ("A woman is reading a book in the park.", "The book was written by her brother.", "neutral"),
]


@pytest.fixture(scope="module")
def shipped(monkeypatch_module: pytest.MonkeyPatch) -> HFNLIModel:
    monkeypatch_module.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch_module.setenv("TRANSFORMERS_OFFLINE", "1")
    monkeypatch_module.delenv("CLAIMCHECK_NLI_MODEL", raising=False)
    model = load_nli(None)  # the default resolution must find the committed folder
    assert isinstance(model, HFNLIModel) and model.path.resolve() == MODEL.resolve()
    return model


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as mp:
        yield mp


def test_files_are_fp16_safetensors_and_complete() -> None:
    from safetensors import safe_open

    names = {p.name for p in MODEL.iterdir()}
    assert {"config.json", "model.safetensors", "tokenizer.json", "vocab.txt"} <= names
    with safe_open(MODEL / "model.safetensors", framework="pt") as fh:
        dtypes = {str(fh.get_slice(k).get_dtype()) for k in fh.keys()}
    assert dtypes == {"F16"}
    assert (MODEL / "model.safetensors").stat().st_size < 60_000_000


def test_loads_offline_with_fp32_weights_in_the_shipped_precision(shipped: HFNLIModel) -> None:
    assert shipped.precision == resolve_precision("auto") != "fp32"
    assert all(p.dtype.is_floating_point and p.dtype.itemsize == 4 for p in shipped.model.parameters())


@pytest.mark.parametrize(("premise", "hypothesis", "gold"), OBVIOUS)
def test_obvious_pairs(shipped: HFNLIModel, premise: str, hypothesis: str, gold: str) -> None:
    probs = shipped.predict([(premise, hypothesis)])[0]
    assert LABELS[int(probs.argmax())] == gold, dict(zip(LABELS, probs.round(3), strict=True))


def test_fp32_and_int8_agree_on_obvious_pairs(shipped: HFNLIModel) -> None:
    fp32 = HFNLIModel(MODEL, precision="fp32")
    pairs = [(p, h) for p, h, _ in OBVIOUS]
    assert (fp32.predict(pairs).argmax(axis=1) == shipped.predict(pairs).argmax(axis=1)).all()


def test_model_path_is_the_one_in_the_repo() -> None:
    assert MODEL.parent == Path(__file__).resolve().parent.parent / "models"
