"""National-scale synthetic data generator and benchmarks against peers."""
