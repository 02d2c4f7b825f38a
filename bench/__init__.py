"""Benchmarks and load tests (``make bench``, ``make load``); see docs/benchmarks.md."""
