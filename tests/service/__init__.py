"""Tests of spbe_kg.service."""
