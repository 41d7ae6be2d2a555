"""The SPBE ontology, the reference-architecture code lists and the IRI rules (see MODEL.md)."""

from importlib.resources import files
from pathlib import Path

ONTOLOGY_DIR = Path(str(files(__name__)))


def turtle_files() -> list[Path]:
    """Every bundled Turtle file of the reference graph (ontology, code lists, national apps)."""
    return sorted(ONTOLOGY_DIR.glob("*.ttl"))
