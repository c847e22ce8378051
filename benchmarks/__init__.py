"""Benchmark runners: throughput and peak memory next to a floor from the same run."""
