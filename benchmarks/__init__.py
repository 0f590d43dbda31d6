"""Benchmarks: one command each, printing its figure against a baseline run in the same process."""
