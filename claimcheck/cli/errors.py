"""How every command ends on a usage or input error: one line on stderr, exit code 2.

Shared by `claimcheck check/extract/bench` and the `eval` sub-commands, so a bad flag reads
the same everywhere and never prints click's usage box or a traceback.
"""

from __future__ import annotations

from typing import NoReturn

import typer
from typer.core import TyperCommand


def fail(message: str) -> NoReturn:
    """Usage and input errors: one line on stderr and exit 2, never a traceback."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(2)


class OneLineErrors(TyperCommand):
    """Bad flags end like bad input: one line on stderr and exit 2, not click's usage block."""

    def make_context(self, info_name, args, parent=None, **extra) -> typer.Context:  # type: ignore[override]
        try:
            return super().make_context(info_name, args, parent, **extra)
        except Exception as exc:
            # click's UsageError, duck-typed: recent typer vendors its own private copy of click.
            if getattr(exc, "exit_code", None) != 2 or not hasattr(exc, "format_message"):
                raise
            fail(exc.format_message())
