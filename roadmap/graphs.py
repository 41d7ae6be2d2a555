"""Reading and writing the roadmap's graph, and agency look-ups shared by the CLI and HTTP.

>>> from spbe_kg.service.store.embedded import EmbeddedStore
>>> known_instansi(EmbeddedStore(None), "Pemerintah Kabupaten Karo")
False
"""

from __future__ import annotations

from spbe_kg.ontology.namespaces import PREFIXES

from .writers import roadmap_graph, roadmap_quads

SPBE = PREFIXES["spbe"]


def known_instansi(store, value: str) -> bool:
    """True when ``value`` is the IRI or the name (any case) of an agency that has applications in the store."""
    v = value.strip()
    if v.startswith(("http://", "https://")) and not any(c in v for c in '<>"{}|\\^` '):
        return bool(store.query(f"ASK {{ ?a <{SPBE}instansi> <{v}> }}"))
    lit = v.lower().replace("\\", "\\\\").replace('"', '\\"')
    return bool(store.query(f'ASK {{ ?a <{SPBE}instansi> ?i . ?i <{SPBE}nama> ?n FILTER(LCASE(STR(?n)) = "{lit}") }}'))


def write_roadmap(store, roadmap, settings) -> int:
    """Replace the roadmap graph (``<base>graph/peta-rencana``; one agency: ``…/peta-rencana/<slug>``)."""
    from spbe_kg.ontology.iris import slug

    g = roadmap_graph(settings) + (f"/{slug(roadmap.instansi)}" if roadmap.instansi else "")
    quads = roadmap_quads(roadmap, settings, graph=g)
    store.replace_graphs([g], quads)
    return len(quads)
