"""Tests of spbe_kg.loaders."""
