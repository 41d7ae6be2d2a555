"""Tests of spbe_kg.ontology."""
