"""Tests of spbe_kg.benchmarks."""
