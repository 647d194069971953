"""Result -> text in every format. Importing this package registers them all.

Registration order is the order of FORMATS (the CLI's --format help, the docs): the terminal
table first, then the machine formats, then the documents people share.
"""

# isort: off
from claimcheck.report import table, machine, md, html, sarif  # noqa: F401  (each registers itself)

# isort: on
from claimcheck.core.result import Result
from claimcheck.report.registry import DEFAULT_OPTIONS, RENDERERS, Renderer, ReportOptions

FORMATS = tuple(RENDERERS)

__all__ = ["FORMATS", "RENDERERS", "Renderer", "ReportOptions", "render"]


def render(fmt: str, result: Result, options: ReportOptions = DEFAULT_OPTIONS) -> str:
    """The report of `result` in format `fmt` (one of FORMATS)."""
    return RENDERERS[fmt](result, options)
