"""Tests of spbe_kg.queries."""
