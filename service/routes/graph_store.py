"""``/store``: the W3C SPARQL 1.1 Graph Store HTTP Protocol, indirect identification
(``?graph=IRI`` or ``?default``).

- GET/HEAD: the graph in the negotiated RDF format; 404 when a named graph does not exist.
  ``?default`` is the store's own default graph (not the union /sparql queries see). Without a
  parameter GET returns the whole dataset (N-Quads/TriG).
- PUT: replace the graph (201 new, 204 existed); POST: merge into it (201/204), ``multipart/form-data``
  parts are merged one by one; POST without parameter creates a new graph (201 + Location);
  DELETE: 204, 404 when absent. Every write needs authorisation (``security.require_write``) and is
  one transaction on the store. A pemda token may only DELETE its own graphs (``write_scope``); it
  replaces them with ``POST /load``, never with PUT/POST of arbitrary RDF (403, nothing changed).
"""

from __future__ import annotations

import uuid

import pyoxigraph as ox
from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from spbe_kg.settings import Settings
from spbe_kg.xml_guard import DtdRefused, refuse_dtd

from ..deps import get_settings, get_store
from ..errors import ApiError
from ..security import Writer, require_write
from ..sparql.negotiation import choose
from ..sparql.results import GRAPH_TYPES
from ..store.base import Store
from ..store.sparql_text import replace_update
from ..write_scope import check_graphs, require_admin_for

router = APIRouter(tags=["graph-store"])

TRIPLE_OFFERS = ["text/turtle", "application/n-triples", "application/rdf+xml", "application/ld+json",
                 "application/n-quads", "application/trig", "text/n3", "text/plain"]
DATASET_OFFERS = ["application/n-quads", "application/trig"]


def _target(request: Request) -> tuple[bool, str | None]:
    """(whole_store, graph): ``?default`` -> (False, None); ``?graph=g`` -> (False, g); none -> (True, None)."""
    qp = request.query_params
    graphs = qp.getlist("graph")
    if "default" in qp and graphs:
        raise ApiError(400, "bad-request", detail="?default dan ?graph sekaligus / both ?default and ?graph")
    if len(graphs) > 1:
        raise ApiError(400, "bad-request", detail="lebih dari satu ?graph / more than one ?graph")
    if graphs:
        g = graphs[0]
        try:
            ox.NamedNode(g)
        except ValueError:
            raise ApiError(400, "bad-request", detail=f"IRI graf tidak valid / invalid graph IRI: {g[:200]}") from None
        if ":" not in g:
            raise ApiError(400, "bad-request", detail=f"IRI graf harus absolut / graph IRI must be absolute: {g[:200]}")
        return False, g
    if "default" in qp:
        return False, None
    return True, None


async def _exists(store, graph: str | None) -> bool:
    return await run_in_threadpool(store.has_graph, graph)


async def _get(request: Request, store: Store, head: bool) -> Response:
    whole, graph = _target(request)
    offers = DATASET_OFFERS if whole else TRIPLE_OFFERS
    media = choose(request.headers.get("accept"), offers)
    if media is None:
        raise ApiError(406, "not-acceptable", detail=", ".join(offers))
    if not whole and not await _exists(store, graph):
        raise ApiError(404, "not-found", detail=f"<{graph}>")
    fmt = GRAPH_TYPES[media]
    if whole:
        body = await run_in_threadpool(store.export_dataset, fmt)
    else:
        body = await run_in_threadpool(store.export_graph, graph, fmt)
    ctype = media if media == "application/rdf+xml" else f"{media}; charset=utf-8"
    if head:
        return Response(b"", media_type=ctype, headers={"Content-Length": str(len(body))})
    return Response(body, media_type=ctype)


@router.get("/store")
async def gsp_get(request: Request, store: Store = Depends(get_store)):
    return await _get(request, store, head=False)


@router.head("/store")
async def gsp_head(request: Request, store: Store = Depends(get_store)):
    return await _get(request, store, head=True)


def _parse(body: bytes, ctype: str, base: str | None, graph: str | None) -> list[ox.Quad]:
    fmt = ox.RdfFormat.from_media_type(ctype) if ctype else None
    if fmt is None:
        raise ApiError(415, "unsupported-media", detail=ctype or "(none)")
    g = ox.DefaultGraph() if graph is None else ox.NamedNode(graph)
    if fmt == ox.RdfFormat.RDF_XML:
        try:
            refuse_dtd(body)  # entity expansion: a 600-byte document must not become a 300 MB literal
        except DtdRefused as e:
            raise ApiError(400, "xml-dtd", detail=str(e)[:100]) from None
    try:
        return [ox.Quad(q.subject, q.predicate, q.object, g) for q in ox.parse(body, format=fmt, base_iri=base)]
    except SyntaxError as e:
        raise ApiError(400, "bad-request", detail=f"RDF {fmt.name}: {' '.join(str(e).split())[:400]}") from None


async def _read_quads(request: Request, graph: str | None) -> list[ox.Quad]:
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    base = graph or str(request.url.replace(query=""))
    if ctype == "multipart/form-data":
        form = await request.form(max_fields=get_settings(request).form_max_fields, max_files=100)
        quads: list[ox.Quad] = []
        for _, part in form.multi_items():
            if isinstance(part, str):
                continue
            data = await part.read()
            pctype = (part.content_type or "").split(";")[0].strip().lower()
            if not pctype or pctype == "application/octet-stream":
                fmt = ox.RdfFormat.from_extension((part.filename or "").rsplit(".", 1)[-1]) if part.filename else None
                pctype = fmt.media_type if fmt else pctype
            quads += await run_in_threadpool(_parse, data, pctype, base, graph)
        return quads
    body = await request.body()
    return await run_in_threadpool(_parse, body, ctype, base, graph)


@router.put("/store")
async def gsp_put(request: Request, writer: Writer = Depends(require_write), store: Store = Depends(get_store)):
    require_admin_for(writer, "PUT /store")
    whole, graph = _target(request)
    if whole:
        raise ApiError(400, "bad-request", detail="PUT perlu ?graph= atau ?default / PUT needs ?graph= or ?default")
    existed = await _exists(store, graph)
    quads = await _read_quads(request, graph)
    await run_in_threadpool(store.update, replace_update([graph], quads, create=True, template_for_bnodes=True))
    return Response(status_code=204 if existed else 201)


@router.post("/store")
async def gsp_post(request: Request, writer: Writer = Depends(require_write), store: Store = Depends(get_store),
                   settings: Settings = Depends(get_settings)):
    require_admin_for(writer, "POST /store")
    whole, graph = _target(request)
    created_iri = None
    if whole:
        created_iri = settings.base_iri + "graph/" + uuid.uuid4().hex
        graph = created_iri
    existed = False if whole else await _exists(store, graph)
    quads = await _read_quads(request, graph)
    upd = replace_update([], quads, template_for_bnodes=True)
    if not existed and graph is not None:
        upd = f"CREATE SILENT GRAPH <{graph}> ;\n" + upd
    await run_in_threadpool(store.update, upd)
    if created_iri:
        return Response(status_code=201, headers={"Location": created_iri})
    return Response(status_code=204 if existed else 201)


@router.delete("/store")
async def gsp_delete(request: Request, writer: Writer = Depends(require_write), store: Store = Depends(get_store),
                     settings: Settings = Depends(get_settings)):
    whole, graph = _target(request)
    if whole:
        raise ApiError(400, "bad-request", detail="DELETE perlu ?graph= atau ?default / DELETE needs ?graph= or ?default")
    if graph is None:
        require_admin_for(writer, "DELETE /store?default")
    if not await _exists(store, graph):
        raise ApiError(404, "not-found", detail=f"<{graph}>")
    assert graph is not None or writer.is_admin
    if graph is not None:
        await run_in_threadpool(check_graphs, writer, [graph], store, settings)
    target = "DEFAULT" if graph is None else f"GRAPH <{graph}>"
    await run_in_threadpool(store.update, f"DROP SILENT {target}")
    return Response(status_code=204)
