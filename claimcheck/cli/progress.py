"""The progress bar of a long `check`: documents extracted, claims aligned, pairs checked.

It goes to stderr, so a report on stdout (or piped to a file) is never mixed with it, and only
when stderr is a terminal, the run was not `--quiet`, and the run has lasted a couple of
seconds (report.progress_delay): a pre-commit hook on a few files prints nothing extra. The
pipeline only calls a hook (claimcheck.pipeline.StageHook); rich lives here.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from claimcheck.core.settings import DEFAULTS

if TYPE_CHECKING:
    from rich.console import Console

    from claimcheck.pipeline import StageHook

STAGES = {"extract": "documents extracted", "align": "claims aligned", "verify": "pairs checked"}


@contextmanager
def progress_bar(
    quiet: bool = False, delay: float = DEFAULTS.report.progress_delay, console: Console | None = None
) -> Iterator[StageHook | None]:
    """A stage hook drawing a rich progress bar (None when it would be silent anyway).

    `console` defaults to stderr, which must then be a terminal; the bar starts at the first
    update after `delay` seconds and is cleared when the run ends.
    """
    if quiet or (console is None and not sys.stderr.isatty()):
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(
        TextColumn("{task.description:<20}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console or Console(stderr=True),
        transient=True,
    )
    started_at = time.monotonic()
    tasks: dict[str, int] = {}

    def update(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            tasks[stage] = bar.add_task(STAGES.get(stage, stage), total=total)
        bar.update(tasks[stage], completed=done, total=total)
        if not bar.live.is_started and time.monotonic() - started_at >= delay:
            bar.start()

    try:
        yield update
    finally:
        if bar.live.is_started:
            bar.stop()
