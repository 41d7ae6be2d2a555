"""``/health`` (store kind, triple count, version), ``/void`` (VoID description) and ``/dump``
(the whole store as N-Quads)."""

from __future__ import annotations

import pyoxigraph as ox
from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import JSONResponse, Response

from spbe_kg import __version__
from spbe_kg.settings import Settings

from ..deps import get_pool, get_settings, get_store
from ..errors import ApiError
from ..sparql.negotiation import choose
from ..sparql.results import GRAPH_TYPES
from ..store.base import Store

router = APIRouter(tags=["health"])

VOID = "http://rdfs.org/ns/void#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def _stats(store) -> tuple[int, list[str]]:
    return store.triple_count(), store.named_graphs()


@router.get("/health")
async def health(store: Store = Depends(get_store), settings: Settings = Depends(get_settings),
                 pool=Depends(get_pool)):
    """Store kind, triple count, named graphs, version. 503 when the store cannot be read."""
    try:
        triples, graphs = await run_in_threadpool(_stats, store)
    except Exception:  # the store is down: say so, without internals
        return JSONResponse({"status": "error", "store": store.kind, "version": __version__}, status_code=503)
    return {
        "status": "ok",
        "store": store.kind,
        "triples": triples,
        "graphs": len(graphs),
        "version": __version__,
        "updates_enabled": settings.enable_updates,
        "query_timeout_s": settings.query_timeout_s,
        "query_workers": pool.size if pool else 0,
    }


@router.get("/void")
async def void(request: Request, store: Store = Depends(get_store)):
    """A VoID description of the dataset: one void:Dataset, a subset per named graph."""
    media = choose(request.headers.get("accept"), [m for m in GRAPH_TYPES if m != "text/plain"])
    if media is None:
        raise ApiError(406, "not-acceptable", detail=", ".join(GRAPH_TYPES))
    base = str(request.base_url)
    triples, graphs = await run_in_threadpool(_stats, store)
    ds = ox.NamedNode(base + "void#dataset")
    t = [
        ox.Triple(ds, RDF_TYPE, ox.NamedNode(VOID + "Dataset")),
        ox.Triple(ds, ox.NamedNode(VOID + "sparqlEndpoint"), ox.NamedNode(base + "sparql")),
        ox.Triple(ds, ox.NamedNode(VOID + "dataDump"), ox.NamedNode(base + "dump")),
        ox.Triple(ds, ox.NamedNode(VOID + "triples"), ox.Literal(str(triples), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))),
    ]
    for i, g in enumerate(graphs):
        sub = ox.BlankNode(f"g{i}")
        t += [ox.Triple(ds, ox.NamedNode(VOID + "subset"), sub), ox.Triple(sub, RDF_TYPE, ox.NamedNode(VOID + "Dataset")),
              ox.Triple(sub, ox.NamedNode("http://www.w3.org/ns/sparql-service-description#name"), ox.NamedNode(g))]
    body = ox.serialize(t, format=GRAPH_TYPES[media])
    return Response(body, media_type=media)


@router.get("/dump")
async def dump(request: Request, store: Store = Depends(get_store)):
    """All graphs as N-Quads (or TriG when asked)."""
    media = choose(request.headers.get("accept"), ["application/n-quads", "application/trig"])
    if media is None:
        raise ApiError(406, "not-acceptable", detail="application/n-quads, application/trig")
    body = await run_in_threadpool(store.export_dataset, GRAPH_TYPES[media])
    return Response(body, media_type=media, headers={"Content-Disposition": 'attachment; filename="spbe-kg.nq"' if media.endswith("quads") else 'attachment; filename="spbe-kg.trig"'})
