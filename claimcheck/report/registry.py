"""The renderer registry: each format module registers its function under the format's name.

The CLI's --format choices, the config file's `format` key and the tests all read `RENDERERS`
(through claimcheck.report.FORMATS), so a new format is one decorated function, and no second
list has to be kept in step.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from claimcheck.core.result import Result
from claimcheck.core.settings import DEFAULTS


@dataclass(frozen=True)
class ReportOptions:
    """How a person wants the human formats (table, md, html); the machine formats ignore them."""

    show_agreements: bool = False  # list agreements too, not only count them
    width: int = DEFAULTS.report.table_width  # the table's width in characters
    styled: bool = False  # terminal colours and bold in the table (only when writing to a terminal)


DEFAULT_OPTIONS = ReportOptions()
Renderer = Callable[[Result, ReportOptions], str]
RENDERERS: dict[str, Renderer] = {}


def register(name: str) -> Callable[[Renderer], Renderer]:
    """Decorator: make `fn` the renderer of format `name` (a name registered twice is a bug)."""

    def add(fn: Renderer) -> Renderer:
        if name in RENDERERS:
            raise ValueError(f"format {name!r} registered twice")
        RENDERERS[name] = fn
        return fn

    return add
