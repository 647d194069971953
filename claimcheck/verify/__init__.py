"""Pairs to verdicts: interval rules, the NLI backend and its cache, findings."""
