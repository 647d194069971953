"""How every command ends when it cannot finish: one line on stderr and a contract exit code.

Shared by `claimcheck check/extract/bench/settings` and the `eval` sub-commands, so a failure
reads the same everywhere and never prints click's usage box or a traceback:

- usage, input, model and internal errors: `error: ...`, exit 2 (exit 1 is reserved for
  "a finding reached the gate", which a CI job must be able to trust);
- Ctrl-C: `claimcheck: interrupted`, exit 130; every file is written by atomic rename, so an
  interrupted run leaves the old report and baseline as they were.

`claimcheck --debug ...` or CLAIMCHECK_DEBUG=1 prints the traceback before that line.
"""

from __future__ import annotations

import os
import sys
import traceback
import warnings
from typing import Any, NoReturn

import typer
from typer.core import TyperCommand

from claimcheck.core.errors import InputError

DEBUG_ENV = "CLAIMCHECK_DEBUG"
INTERRUPTED = 130


def fail(message: str) -> NoReturn:
    """Usage and input errors: one line on stderr and exit 2, never a traceback."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(2)


def warn(message: str) -> None:
    """A warning as one line on stderr (a skipped file, a stale baseline entry)."""
    print(f"claimcheck: warning: {message}", file=sys.stderr)


def _warning_line(message, category, filename, lineno, file=None, line=None) -> None:
    warn(str(message))


def describe(exc: BaseException) -> str:
    """The one line a user sees for an exception that ended a command."""
    if isinstance(exc, InputError):
        return str(exc)
    if isinstance(exc, OSError):
        where = f": {exc.filename}" if exc.filename else ""
        return f"{exc.strerror or exc}{where}"
    if isinstance(exc, RecursionError | MemoryError):
        return f"input too deeply nested or too large ({type(exc).__name__})"
    first = (str(exc).strip().splitlines() or [""])[0]
    hint = f"claimcheck --debug ... or {DEBUG_ENV}=1 prints the traceback"
    return f"internal error: {type(exc).__name__}: {first} ({hint})"


def debugging(ctx: typer.Context) -> bool:
    """--debug before or after the verb, or CLAIMCHECK_DEBUG set to anything but 0."""
    flag = ctx.meta.get("debug") or ctx.find_root().params.get("debug")
    return bool(flag) or os.environ.get(DEBUG_ENV, "") not in ("", "0")


def _is_click_exit(exc: BaseException) -> bool:
    """typer.Exit/Abort and click's own exceptions (duck-typed: typer vendors a private click)."""
    return isinstance(exc, typer.Exit | typer.Abort) or (
        hasattr(exc, "exit_code") and hasattr(exc, "format_message")
    )


class OneLineErrors(TyperCommand):
    """Bad flags, bad input and unexpected failures end in one line and exit 2; Ctrl-C in 130."""

    def make_context(self, info_name, args, parent=None, **extra) -> typer.Context:  # type: ignore[override]
        # `claimcheck check --debug ...` works like `claimcheck --debug check ...`.
        flags = args[: args.index("--")] if "--" in args else args
        debug = "--debug" in flags
        if debug:
            args = [a for i, a in enumerate(args) if not (a == "--debug" and i < len(flags))]
        try:
            ctx = super().make_context(info_name, args, parent, **extra)
            ctx.meta["debug"] = ctx.meta.get("debug", False) or debug
            return ctx
        except Exception as exc:
            # click's UsageError, duck-typed: recent typer vendors its own private copy of click.
            if getattr(exc, "exit_code", None) != 2 or not hasattr(exc, "format_message"):
                raise
            fail(exc.format_message())

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        warnings.showwarning = _warning_line  # the library's warnings, one line each, every verb
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            typer.echo("claimcheck: interrupted", err=True)
            raise typer.Exit(INTERRUPTED) from None
        except Exception as exc:
            if _is_click_exit(exc):
                raise
            if debugging(ctx):
                traceback.print_exc(file=sys.stderr)
            fail(describe(exc))
