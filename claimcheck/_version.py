"""The package version, in a module of its own so renderers and baselines can name it without
importing the package root (which would pull the notebook API back up through them)."""

__version__ = "0.1.0"
