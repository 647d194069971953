"""The renderer registry: each format module registers its function under the format's name.

The CLI's --format choices, the config file's `format` key and the tests all read `RENDERERS`
(through claimcheck.report.FORMATS), so a new format is one decorated function, and no second
list has to be kept in step.
"""

from __future__ import annotations

from collections.abc import Callable

from claimcheck.core.result import Result

Renderer = Callable[[Result], str]
RENDERERS: dict[str, Renderer] = {}


def register(name: str) -> Callable[[Renderer], Renderer]:
    """Decorator: make `fn` the renderer of format `name` (a name registered twice is a bug)."""

    def add(fn: Renderer) -> Renderer:
        if name in RENDERERS:
            raise ValueError(f"format {name!r} registered twice")
        RENDERERS[name] = fn
        return fn

    return add
