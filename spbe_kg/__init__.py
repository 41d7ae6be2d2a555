"""spbe-kg: a knowledge graph for Indonesia's SPBE architecture.

The package is split by concept; each top-level folder of the repository is a subpackage:

- ``spbe_kg.ontology``  (folder ``ontology/``): OWL ontology, SKOS code lists, IRI rules
- ``spbe_kg.loaders``   (folder ``loaders/``): inventory files to RDF with cell provenance
- ``spbe_kg.shapes``    (folder ``shapes/``): SHACL shapes, validation and reports
- ``spbe_kg.queries``   (folder ``queries/``): named SPARQL queries and duplicate analysis
- ``spbe_kg.service``   (folder ``service/``): store access, HTTP app and the ``spbe`` CLI
- ``spbe_kg.benchmarks`` (folder ``benchmarks/``): national-scale generator and benchmarks
"""

__version__ = "0.1.0"
