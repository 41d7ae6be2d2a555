"""The spbe-kg test suite (a package: helpers come from ``tests.support``, never loaded by file path)."""
