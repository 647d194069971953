"""`[tool.claimcheck]` in pyproject.toml or a claimcheck.toml: settings a repository keeps
beside its corpus, so a CI job and a person at a terminal run the same check.

The file is found by walking up from the first corpus path (or the working directory), the
way linters find theirs. Paths in it are relative to the file, not to wherever the command
runs. Unknown keys and wrong types are input errors: a typo silently ignored would weaken
the gate without anyone noticing.
"""

from __future__ import annotations

import os
import tomllib
import warnings
from dataclasses import dataclass
from pathlib import Path

from claimcheck.core.errors import InputError
from claimcheck.core.settings import DEFAULTS, Settings
from claimcheck.gate.policy import FAIL_ON
from claimcheck.report import FORMATS

CONFIG_NAME = "claimcheck.toml"
_LISTS = ("paths", "include", "exclude")
_STRINGS = ("fail_on", "baseline", "nli_model", "format", "cache_dir")
_CHOICES = {"fail_on": FAIL_ON, "format": FORMATS}


@dataclass(frozen=True)
class Config:
    """Settings from a config file; None or empty where the file says nothing."""

    source: Path | None = None
    paths: tuple[Path, ...] = ()
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    fail_on: str | None = None
    min_confidence: float | None = None
    baseline: Path | None = None
    nli_model: str | None = None
    format: str | None = None
    cache_dir: Path | None = None
    settings: Settings = DEFAULTS  # [tool.claimcheck.settings.<section>] overrides


def find_config(start: Path) -> Path | None:
    """The nearest claimcheck.toml, or pyproject.toml with a [tool.claimcheck] table, at or above `start`.

    A pyproject.toml that cannot be read (not UTF-8, invalid TOML) belongs to some other project
    above the corpus: it is skipped with a warning. A claimcheck.toml is ours, so the same is an
    error (when load_config reads it). `start` is not resolved: a symlink loop given as PATH is
    reported by the loader, not by a crash here.
    """
    here = Path(os.path.abspath(start))
    if not here.is_dir():
        here = here.parent
    for folder in (here, *here.parents):
        dedicated = folder / CONFIG_NAME
        if dedicated.is_file():
            return dedicated
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                if _tool_table(pyproject) is not None:
                    return pyproject
            except InputError as exc:
                warnings.warn(f"ignored {exc}", ConfigWarning, stacklevel=2)
    return None


class ConfigWarning(UserWarning):
    """A pyproject.toml on the way up could not be read and was not used as a config."""


def load_config(path: Path) -> Config:
    """Parse and validate one config file; an InputError names the file and the bad key."""
    data = _tool_table(path) if path.name == "pyproject.toml" else _read_toml(path)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError(f"{path}: [tool.claimcheck] must be a table")
    unknown = sorted(set(data) - {*_LISTS, *_STRINGS, "min_confidence", "settings"})
    if unknown:
        raise InputError(f"{path}: unknown key {unknown[0]!r} (known: {', '.join(_known())})")
    base = path.resolve().parent
    values = {key: _string_list(path, key, data[key]) for key in _LISTS if key in data}
    values |= {key: _string(path, key, data[key]) for key in _STRINGS if key in data}
    if "min_confidence" in data:
        values["min_confidence"] = _confidence(path, data["min_confidence"])
    if "settings" in data:
        values["settings"] = Settings.from_dict(data["settings"], str(path))
    for key in ("baseline", "cache_dir"):
        if key in values:
            values[key] = base / values[key]
    if "paths" in values:
        values["paths"] = tuple(base / p for p in values["paths"])
    if "nli_model" in values and (base / values["nli_model"]).exists():
        values["nli_model"] = str(base / values["nli_model"])  # a folder beside the config, else a name
    return Config(source=path, **values)


def discover_config(paths: list[Path], explicit: Path | None = None) -> Config:
    """The config that applies to this run: `explicit` if given, else the nearest one, else none."""
    if explicit is not None:
        if not explicit.is_file():
            raise InputError(f"config file not found: {explicit}")
        return load_config(explicit)
    found = find_config(paths[0] if paths else Path.cwd())
    return Config() if found is None else load_config(found)


def _read_toml(path: Path) -> dict:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{path}: invalid TOML: {exc}") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 (byte {exc.start}); TOML files must be UTF-8") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None


def _tool_table(pyproject: Path) -> object:
    """What [tool.claimcheck] holds in a pyproject.toml, or None when it has no such table."""
    tool = _read_toml(pyproject).get("tool")
    return tool.get("claimcheck") if isinstance(tool, dict) else None


def _string_list(path: Path, key: str, value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise InputError(f"{path}: {key} must be a list of non-empty strings")
    return tuple(value)


def _string(path: Path, key: str, value: object) -> str:
    if not isinstance(value, str) or not value:
        raise InputError(f"{path}: {key} must be a non-empty string")
    choices = _CHOICES.get(key)
    if choices and value not in choices:
        raise InputError(f"{path}: {key} must be one of {', '.join(choices)}, not {value!r}")
    return value


def _confidence(path: Path, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0.0 <= value <= 1.0:
        raise InputError(f"{path}: min_confidence must be a number from 0 to 1")
    return float(value)


def _known() -> list[str]:
    return sorted({*_LISTS, *_STRINGS, "min_confidence", "settings"})
