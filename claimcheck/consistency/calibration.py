"""Consistency features -> P(consistent), and a decision threshold, stored beside the NLI model.

Why a fitted combiner: the raw NLI support of the weakest atomic claim means different things
on a one-sentence premise and on a 60-sentence transcript, and the quantity and date verdicts
need a weight. A logistic regression over the few features in consistency.FEATURES is enough,
small enough to store as JSON, and its output is a probability a reliability diagram can check.

Fitting lives in eval/calibration_fit.py (development code); this module only reads and applies
what it stored. Why per-file weights and leave-one-file-out: each development file counts equally (the big
sentence-pair sets would otherwise decide the weights for documents), and for each file a
calibrator fitted on all the *other* files is stored too. `select` hands that one out when a
known development file is evaluated (recognised by content hash), so a reported number never
comes from a threshold fitted on the file it is measured on.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

CALIBRATION_FILE = "consistency.json"


@dataclass(frozen=True)
class Calibrator:
    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    threshold: float

    def predict(self, x: np.ndarray) -> np.ndarray:
        """P(consistent) for rows of features in `self.features` order."""
        z = ((np.asarray(x, dtype=np.float64) - self.mean) / self.scale) @ np.asarray(
            self.coef
        ) + self.intercept
        return 1.0 / (1.0 + np.exp(-z))

    @classmethod
    def from_dict(cls, d: dict) -> Calibrator:
        return cls(
            tuple(d["features"]),
            tuple(d["mean"]),
            tuple(d["scale"]),
            tuple(d["coef"]),
            float(d["intercept"]),
            float(d["threshold"]),
        )


def file_sha256(path: str | Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def model_key(model_id: str) -> str:
    """The model's content part of its id ("name@hash"): precision (+int8, +bf16) moves its
    probabilities far less than a retraining, so one calibration serves every precision."""
    return model_id.split("+", 1)[0]


@dataclass(frozen=True)
class StoredCalibration:
    model: str
    default: Calibrator
    held_out: dict[str, tuple[str, Calibrator]]  # sha256 of a development file -> (name, fitted without it)
    fitted_on: tuple[dict, ...]  # {"file", "sha256", "n"} per development file
    meta: dict

    def to_dict(self) -> dict:
        return {
            "model": self.model,
            **self.meta,
            "fitted_on": list(self.fitted_on),
            "default": asdict(self.default),
            "leave_one_file_out": {
                sha: {"file": name, **asdict(cal)} for sha, (name, cal) in self.held_out.items()
            },
        }

    @classmethod
    def from_dict(cls, d: dict) -> StoredCalibration:
        held = {sha: (v["file"], Calibrator.from_dict(v)) for sha, v in d["leave_one_file_out"].items()}
        meta = {
            k: v for k, v in d.items() if k not in ("model", "fitted_on", "default", "leave_one_file_out")
        }
        return cls(d["model"], Calibrator.from_dict(d["default"]), held, tuple(d["fitted_on"]), meta)

    def for_file(self, path: str | Path | None) -> tuple[Calibrator, str]:
        """The calibrator to evaluate `path` with, and where its threshold came from."""
        names = [f["file"] for f in self.fitted_on]
        sha = file_sha256(path) if path is not None and Path(path).is_file() else None
        if sha in self.held_out:
            name, cal = self.held_out[sha]
            return cal, (
                f"fitted on the {len(names) - 1} other development files (leave-one-file-out: "
                f"{name} itself left out)"
            )
        where = f"; {Path(path).name} is not among them" if path is not None else ""
        return self.default, f"fitted on {len(names)} development files ({', '.join(names)}){where}"


def select(
    model_dir: Path | None, model_id: str, data_file: str | Path | None
) -> tuple[Calibrator | None, str]:
    """The stored calibrator for this model and file, or None with the reason there is none."""
    path = None if model_dir is None else Path(model_dir) / CALIBRATION_FILE
    if path is None or not path.is_file():
        return None, f"uncalibrated default 0.5 (no {CALIBRATION_FILE} beside the NLI model)"
    stored = StoredCalibration.from_dict(json.loads(path.read_text(encoding="utf-8")))
    if stored.model != model_key(model_id):
        return None, (
            f"uncalibrated default 0.5 ({path} was fitted for {stored.model}, not {model_key(model_id)})"
        )
    cal, origin = stored.for_file(data_file)
    return cal, f"{origin}; stored in {path}"
