"""Benchmarks: measured quality and speed of the core against shared evaluation data."""
