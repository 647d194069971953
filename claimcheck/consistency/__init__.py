"""Document-vs-claim consistency: chunks, the scorer, and the runtime side of calibration."""
