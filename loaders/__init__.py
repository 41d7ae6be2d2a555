"""Inventory files (csv, xlsx, json, RDF) to RDF under the SPBE ontology, with provenance to the cell."""
