"""The user-facing evaluators behind `claimcheck eval` and `claimcheck bench`."""
