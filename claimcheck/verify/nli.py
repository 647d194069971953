"""The NLI cross-encoder behind a narrow interface, so tests can use a tiny model and users a big one.

torch and transformers are imported lazily: commands that never touch the model start fast.
"""

from __future__ import annotations

import hashlib
import json
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

from claimcheck.core.errors import ModelError
from claimcheck.core.settings import DEFAULTS
from claimcheck.infra import models

LABELS: tuple[str, str, str] = ("entailment", "neutral", "contradiction")

# Names seen in the wild for each class; matched case-insensitively after trimming.
_LABEL_ALIASES: dict[str, str] = {
    "entailment": "entailment",
    "entailed": "entailment",
    "entail": "entailment",
    "neutral": "neutral",
    "contradiction": "contradiction",
    "contradict": "contradiction",
    "contradicted": "contradiction",
    "not_entailment": "not_entailment",
    "not entailment": "not_entailment",
    "not-entailment": "not_entailment",
    "non_entailment": "not_entailment",
    "non-entailment": "not_entailment",
}


def normalize_label(name: object) -> str | None:
    """Canonical NLI label for a model's or a file's label name, or None when unknown."""
    return _LABEL_ALIASES.get(str(name).strip().lower())


_WEIGHT_SUFFIXES = (".safetensors", ".bin", ".pt", ".pth")
_TOKENIZER_FILES = (
    "tokenizer.json",
    "tokenizer_config.json",
    "vocab.txt",
    "vocab.json",
    "merges.txt",
    "spm.model",
    "sentencepiece.bpe.model",
    "special_tokens_map.json",
)


@runtime_checkable
class NLIModel(Protocol):
    """What the checker and `eval nli` need from an NLI model: probabilities in `LABELS` order."""

    model_id: str

    def predict(
        self, pairs: Sequence[tuple[str, str]], batch_size: int = DEFAULTS.verify.nli_batch_size
    ) -> np.ndarray: ...


def label_matrix(id2label: dict[int, str]) -> np.ndarray:
    """Map a model's class probabilities onto `LABELS` as a (num_labels, 3) 0/1 matrix.

    A 2-way entailment / not_entailment model (RTE style) has its not_entailment mass put on
    "neutral": "not entailed" is what neutral means, and claiming contradiction would invent
    evidence the model never gave. Anything else that cannot be mapped is refused, because a
    silently wrong label order would turn every verdict upside down.
    """
    names = {}
    for idx, raw in id2label.items():
        name = normalize_label(raw)
        if name is None:
            raise ValueError(f"cannot map NLI label {raw!r} (id2label={dict(id2label)})")
        names[int(idx)] = name
    found = sorted(names.values())
    if found == sorted(LABELS):
        target = {lab: i for i, lab in enumerate(LABELS)}
    elif found == ["entailment", "not_entailment"]:
        target = {"entailment": 0, "not_entailment": 1}
    else:
        raise ValueError(
            "NLI labels must be entailment/neutral/contradiction or entailment/not_entailment, "
            f"got id2label={dict(id2label)}"
        )
    if sorted(names) != list(range(len(names))):
        raise ValueError(f"NLI label ids must be 0..{len(names) - 1}, got id2label={dict(id2label)}")
    matrix = np.zeros((len(names), len(LABELS)), dtype=np.float64)
    for idx, name in names.items():
        matrix[idx, target[name]] = 1.0
    return matrix


def content_hash(model_dir: Path) -> str:
    """A short fingerprint of what decides the model's outputs, used as a verdict-cache key.

    Reads config and tokenizer files and the sha256 of each whole weights file (infra.digest
    hashes a file once per size and mtime, so a large model costs seconds once, not every
    run): blind to copies, changed by any change to any tensor.
    """
    from claimcheck.infra.digest import file_sha256

    digest = hashlib.sha256()
    for name in ("config.json", *_TOKENIZER_FILES):
        path = model_dir / name
        if path.is_file():
            digest.update(name.encode() + b"\0" + path.read_bytes())
    weights = sorted(p for p in model_dir.iterdir() if p.is_file() and p.suffix in _WEIGHT_SUFFIXES)
    for path in weights:
        digest.update(f"{path.name}\0{file_sha256(path)}\0".encode())
    return digest.hexdigest()[:12]


PRECISIONS = ("auto", "fp32", "int8", "bf16")


def resolve_precision(precision: str) -> str:
    """The "auto" precision is bf16 where the CPU has native bf16 (AMX / AVX512-BF16), int8 elsewhere.

    Both are measured against fp32 by eval/bench_nli.py: bf16 autocast keeps fp32 weights and
    LayerNorms, int8 uses per-output-channel weight scales (per-tensor scales cost this model
    1.5 points of MNLI accuracy, per-channel ones 0.05).
    """
    if precision not in PRECISIONS:
        raise ValueError(f"NLI precision must be one of {', '.join(PRECISIONS)}, got {precision!r}")
    if precision == "auto":
        from claimcheck.infra.hardware import native_bf16

        return "bf16" if native_bf16() else "int8"
    return precision


class HFNLIModel:
    """Any local Hugging Face sequence-classification NLI model, run on CPU."""

    def __init__(
        self,
        path: str | Path,
        *,
        precision: str = "auto",
        max_length: int = DEFAULTS.verify.nli_max_length,
        truncation: str = "longest_first",
    ) -> None:
        import torch
        from transformers import AutoModelForSequenceClassification, AutoTokenizer
        from transformers.utils import logging as hf_logging

        self.path = Path(path)
        self.max_length = max_length
        self.truncation = truncation
        bars, verbosity = hf_logging.is_progress_bar_enabled(), hf_logging.get_verbosity()
        hf_logging.disable_progress_bar()  # a "Loading weights" bar would clutter every CLI run
        hf_logging.set_verbosity_error()  # a foreign folder's warnings: the error says it in one line
        try:
            self.tokenizer = AutoTokenizer.from_pretrained(self.path, local_files_only=True)
            model = AutoModelForSequenceClassification.from_pretrained(self.path, local_files_only=True)
        finally:
            hf_logging.set_verbosity(verbosity)
            if bars:
                hf_logging.enable_progress_bar()
        # Weights ship as fp16 to halve the repo size; CPU kernels want fp32 weights (bf16 runs
        # as autocast over them), and int8 quantisation expects fp32 Linears.
        model = model.float().eval()
        self.matrix = label_matrix(model.config.id2label)
        self.precision = resolve_precision(precision)
        if self.precision == "int8":
            model, self.precision = _quantize(model, torch)
        self.model = model
        self.model_id = model_id(self.path, self.precision, max_length)

    def predict(
        self, pairs: Sequence[tuple[str, str]], batch_size: int = DEFAULTS.verify.nli_batch_size
    ) -> np.ndarray:
        """Probabilities (n, 3) in `LABELS` order, rows in input order.

        Pairs are batched by length so padding, the main waste in a cross-encoder, stays small.
        """
        import torch

        out = np.zeros((len(pairs), len(LABELS)), dtype=np.float64)
        if not pairs:
            return out
        order = sorted(range(len(pairs)), key=lambda i: len(pairs[i][0]) + len(pairs[i][1]))
        bf16 = self.precision == "bf16"
        with torch.inference_mode(), torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
            for start in range(0, len(order), batch_size):
                idx = order[start : start + batch_size]
                enc = self.tokenizer(
                    [str(pairs[i][0]) for i in idx],
                    [str(pairs[i][1]) for i in idx],
                    padding=True,
                    truncation=self.truncation,
                    max_length=self.max_length,
                    return_tensors="pt",
                )
                logits = self.model(**enc).logits.float()
                probs = torch.softmax(logits, dim=-1).numpy().astype(np.float64)
                out[idx] = probs @ self.matrix
        return out

    def __repr__(self) -> str:
        return f"HFNLIModel({self.model_id!r})"


def model_id(path: Path, precision: str, max_length: int = DEFAULTS.verify.nli_max_length) -> str:
    """The verdict-cache key of a model folder run at a (resolved) precision and input length."""
    suffix = "" if precision == "fp32" else f"+{precision}"
    if max_length != DEFAULTS.verify.nli_max_length:
        suffix += f"+len{max_length}"  # a shorter read gives other probabilities: another cache key
    return f"{path.resolve().name}@{content_hash(path)}{suffix}"


class LazyNLI:
    """A local NLI model that imports torch and reads its weights on the first `predict` call.

    Behind the verdict cache a re-run of an unchanged corpus asks the model nothing, and loading
    it (torch, transformers, the weights, int8 quantisation) is the slowest part of a small run.
    The id (the cache key) and the label mapping come from the folder's files without the model,
    so a folder with unknown labels still fails when the pipeline is built, not halfway through.
    The id names the precision asked for: where torch lacks int8 kernels the loaded model falls
    back to fp32 with a warning, under the same key on that machine.
    """

    def __init__(
        self, path: Path, *, precision: str = "auto", max_length: int = DEFAULTS.verify.nli_max_length
    ) -> None:
        self.path = path
        self.precision = resolve_precision(precision)
        self.max_length = max_length
        config = json.loads((path / "config.json").read_text(encoding="utf-8"))
        label_matrix(config.get("id2label") or {})
        # What the later load needs, checked now by name: a gate must not pass a run whose model
        # could never have been read, just because a warm cache asked it nothing.
        if not any(p.is_file() and p.suffix in _WEIGHT_SUFFIXES for p in path.iterdir()):
            raise ValueError(f"no weights file ({', '.join(_WEIGHT_SUFFIXES)})")
        if not any((path / name).is_file() for name in _TOKENIZER_FILES):
            raise ValueError("no tokenizer files")
        self.model_id = model_id(path, self.precision, max_length)
        self._model: NLIModel | None = None

    @property
    def loaded(self) -> bool:
        return self._model is not None

    def predict(
        self, pairs: Sequence[tuple[str, str]], batch_size: int = DEFAULTS.verify.nli_batch_size
    ) -> np.ndarray:
        if self._model is None:
            self._model = load_nli(self.path, precision=self.precision, max_length=self.max_length)
            assert self._model is not None
        return self._model.predict(pairs, batch_size=batch_size)

    def __repr__(self) -> str:
        return f"LazyNLI({self.model_id!r}, loaded={self.loaded})"


def _quantize(model, torch) -> tuple[object, str]:
    """int8 dynamic quantisation of the Linear layers, per-output-channel weight scales;
    fp32 (with a warning) where torch lacks it."""
    try:
        from torch.ao.quantization import per_channel_dynamic_qconfig, quantize_dynamic

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            warnings.simplefilter("ignore", UserWarning)
            spec = {torch.nn.Linear: per_channel_dynamic_qconfig}
            return quantize_dynamic(model, spec, dtype=torch.qint8), "int8"
    except (AttributeError, ImportError, RuntimeError) as exc:
        warnings.warn(f"int8 quantization unavailable, using fp32: {exc}", stacklevel=3)
        return model, "fp32"


_CACHE: dict[tuple[str, str, int], NLIModel] = {}

NO_MODEL_HINT = (
    "no NLI model found: reinstall claimcheck (the wheel ships one), pass --nli-model PATH, "
    "set CLAIMCHECK_NLI_MODEL, or use --no-nli to check quantities and dates only"
)


def resolve_model_dir(path_or_name: str | Path | None) -> Path:
    """Find the model folder: an explicit path, a folder name under models/, or the default.

    A ModelError (one line, saying how to fix it) when there is none or it holds no model.
    """
    if path_or_name is None:
        found = models.default_nli_dir()
        if found is None:
            raise ModelError(NO_MODEL_HINT)
        if not found.exists():
            raise ModelError(f"NLI model not found: {found} (from CLAIMCHECK_NLI_MODEL)")
        path = found
    else:
        path = Path(path_or_name).expanduser()
        named = models.PROJECT_MODELS / str(path_or_name)
        if not path.exists() and not path.is_absolute() and (named / "config.json").exists():
            path = named
        elif not path.exists():
            raise ModelError(f"NLI model not found: {path_or_name}")
    if not (path / "config.json").is_file():
        raise ModelError(f"not an NLI model folder (no config.json): {path}")
    return path


def load_nli(
    path_or_name: str | Path | None,
    *,
    precision: str = "auto",
    max_length: int = DEFAULTS.verify.nli_max_length,
    lazy: bool = False,
) -> NLIModel:
    """Load an NLI model once per process (the default one when no path is given).

    Whatever stops a folder from loading (unknown label names, missing weights or tokenizer,
    a config of another kind of model) is a ModelError naming the folder, in one line.
    `lazy` returns a LazyNLI (unless the model is already loaded): the model is read on the
    first prediction, which a warm verdict cache may never ask for; its label names are checked
    now, and a failure to load later is the same ModelError.
    """
    path = resolve_model_dir(path_or_name)
    key = (str(path.resolve()), resolve_precision(precision), max_length)
    if lazy and key not in _CACHE:
        try:
            return LazyNLI(path, precision=precision, max_length=max_length)
        except (OSError, ValueError) as exc:
            reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            raise ModelError(f"cannot load NLI model {path}: {reason}") from exc
    if key not in _CACHE:
        try:
            _CACHE[key] = HFNLIModel(path, precision=precision, max_length=max_length)
        except Exception as exc:  # any failure here means "this folder is no usable model"
            reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            raise ModelError(f"cannot load NLI model {path}: {reason}") from exc
    return _CACHE[key]


def bidirectional(
    model: NLIModel, pairs: Sequence[tuple[str, str]], batch_size: int = DEFAULTS.verify.nli_batch_size
) -> tuple[np.ndarray, np.ndarray]:
    """Probabilities for a→b and b→a: one call, so both directions share length-sorted batches.

    Contradiction is symmetric and entailment is not; the checker needs both to tell
    "b restates a" from "b is more specific than a".
    """
    both = list(pairs) + [(b, a) for a, b in pairs]
    probs = model.predict(both, batch_size=batch_size)
    return probs[: len(pairs)], probs[len(pairs) :]
