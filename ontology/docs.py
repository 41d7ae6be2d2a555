"""HTML documentation of the ontology, rendered with pyLODE (works offline: CSS is inlined, no CDN).

    python -m spbe_kg.ontology.docs [-o DIR]      # writes DIR/ontology.html, DIR/spbe.ttl, DIR/spbe.owl

The service's own bilingual page at ``/ontology.html`` (service/routes/ontology_page.py) is rendered from
the same ``spbe.ttl``; this module gives the pyLODE rendering for publishing next to the Turtle.
It deliberately offers no ``html(lang)`` hook, which would make the service replace its page with this one.

pyLODE 3.4.1 as published on PyPI reads its version from a ``pyproject.toml`` that its wheel does not
ship, so ``import pylode`` fails; ``_import_ontpub`` supplies that version from the installed package
metadata before importing it, and undoes the DEBUG root-logger set-up one of its modules does on import.

>>> html = ontology_html()
>>> "Aplikasi Umum" in html and "<html" in html
True
"""

from __future__ import annotations

import argparse
import importlib.metadata
import logging
import shutil
import sys
import types
from functools import lru_cache
from pathlib import Path

from . import ONTOLOGY_DIR

ONTOLOGY_TTL = ONTOLOGY_DIR / "spbe.ttl"


def _import_ontpub():
    if "pylode.version" not in sys.modules:
        try:
            import pylode.version  # noqa: F401  (works once pyLODE ships its pyproject.toml)
        except FileNotFoundError:
            sys.modules.pop("pylode.version", None)
            mod = types.ModuleType("pylode.version")
            mod.__version__ = importlib.metadata.version("pylode")
            sys.modules["pylode.version"] = mod
        except ImportError as e:
            raise RuntimeError("pyLODE belum terpasang: pip install pylode / pyLODE is not installed") from e
    # pyLODE's supermodel profile calls logging.basicConfig(level=DEBUG) on import: undo that.
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        from pylode import OntPub
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
    return OntPub


@lru_cache(maxsize=1)
def ontology_html() -> str:
    """The ontology documentation page (cached; the Turtle is bundled, so it cannot change at run time)."""
    OntPub = _import_ontpub()
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:  # pyLODE logs through the root logger, which installs a default handler: undo that too
        return OntPub(ontology=str(ONTOLOGY_TTL)).make_html()
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)


def write_docs(out_dir: Path) -> list[Path]:
    """Write ``ontology.html``, a copy of ``spbe.ttl`` and ``spbe.owl`` (RDF/XML, for Protégé and other OWL
    tools) into ``out_dir``."""
    import rdflib

    out_dir.mkdir(parents=True, exist_ok=True)
    html = out_dir / "ontology.html"
    html.write_text(ontology_html(), encoding="utf-8")
    ttl = out_dir / "spbe.ttl"
    shutil.copyfile(ONTOLOGY_TTL, ttl)
    owl = out_dir / "spbe.owl"
    rdflib.Graph().parse(ONTOLOGY_TTL, format="turtle").serialize(owl, format="xml")  # plain RDF/XML: rdflib's pretty-xml drops or repeats list triples depending on hash order
    return [html, ttl, owl]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Render the ontology documentation (pyLODE).")
    ap.add_argument("-o", "--output-dir", type=Path, default=Path("build/docs"))
    args = ap.parse_args(argv)
    for p in write_docs(args.output_dir):
        print(p)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
