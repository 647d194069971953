"""What fails a build: config files, baselines, the exit-code policy."""
