"""claimcheck: find where several sources agree and where they conflict."""

__version__ = "0.1.0"
