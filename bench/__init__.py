"""Benchmarks: they print their figures; results go in bench/RESULTS.md and the issue notes."""
