"""Errors that mean "the user's input is wrong", kept apart from bugs.

The CLI turns these into a one-line message and exit code 2 instead of a traceback.
"""

from __future__ import annotations


class InputError(ValueError):
    """A file or argument the user supplied cannot be used; the message says why, in one line."""


class ModelError(InputError):
    """No usable NLI model: none installed, or the folder given is empty, foreign or unreadable.

    An input error, not a reason to check less: a CI gate that silently skipped NLI would
    pass corpora it never read. The message says how to fix it.
    """
