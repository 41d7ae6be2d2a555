"""Code suggestions over HTTP, and the named queries with the declared/suggested switch.

* ``GET /saran?aplikasi=IRI`` — stored suggestions (of one application, or all) as JSON;
* ``POST /saran/terima`` and ``POST /saran/tolak`` — body JSON ``{"aplikasi": IRI, "kode": "RAB.09.06.03",
  "alasan": "..."}``; need the write token (``Authorization: Bearer ...``), like every write;
* ``GET /kueri/{nama}?saran=true&param=value`` — a named query (``queries/*.rq``) with its parameters
  bound; ``saran=true`` reads declared + rank-1 suggested codes (``spbe query NAMA --saran``). SPARQL JSON.

Blocking store work runs in the thread pool (sync route functions), never on the event loop.
"""

from __future__ import annotations

import pyoxigraph as ox
from fastapi import APIRouter, Body, Depends, Request
from starlette.responses import JSONResponse, Response

from ..deps import get_settings, get_store
from ..errors import ApiError
from ..security import require_write

router = APIRouter(tags=["saran"])
REF = "https://w3id.org/spbe/ref/"


def _json(s) -> dict:
    return {"aplikasi": s.app, "skema": s.scheme, "kode": s.notation, "kodeIri": s.code, "skor": s.score,
            "peringkat": s.rank, "bukti": s.evidence, "metode": s.method, "versiMetode": s.version}


@router.get("/saran")
def list_suggestions(aplikasi: str | None = None, store=Depends(get_store), settings=Depends(get_settings)):
    """Stored reference-code suggestions (graph saran-kode)."""
    from spbe_kg.queries.saran_store import read_suggestions

    return JSONResponse([_json(s) for s in read_suggestions(store, settings, aplikasi, timeout_s=settings.query_timeout_s)])


def _decide(request: Request, body: dict, kind: str, store, settings):
    writer = require_write(request, settings)
    from spbe_kg.queries import decide

    app = str(body.get("aplikasi") or body.get("app") or "")
    code = str(body.get("kode") or body.get("code") or "").strip()
    if not app or not code:
        raise ApiError(400, "bad-request", detail="aplikasi, kode")
    if not writer.is_admin:  # a pemda token decides only on its own applications
        from spbe_kg.roadmap.messages import DecisionError
        from spbe_kg.roadmap.scope import check_decision_scope

        from ..write_scope import principal, refuse

        try:
            check_decision_scope(principal(writer, settings), [app], store)
        except DecisionError:
            raise refuse("scope-app", app[:200]) from None
    code = code if code.startswith(("http://", "https://")) else REF + code
    try:
        iri = decide.decide(store, settings, kind=kind, app=app, code=code, reason=str(body.get("alasan") or ""))
    except decide.UnknownApp:
        raise ApiError(404, "no-such", detail=app) from None
    except decide.UnknownCode:
        raise ApiError(400, "bad-request", detail=code) from None
    return JSONResponse({"keputusan": iri, "jenis": kind, "aplikasi": app, "kode": code}, status_code=201)


@router.post("/saran/terima")
def accept(request: Request, body: dict = Body(...), store=Depends(get_store), settings=Depends(get_settings)):
    """Accept a code suggestion (write token needed): the code becomes a declared code of the application."""
    return _decide(request, body, "terima-kode", store, settings)


@router.post("/saran/tolak")
def reject(request: Request, body: dict = Body(...), store=Depends(get_store), settings=Depends(get_settings)):
    """Reject a code suggestion (write token needed): it is never suggested again for that application."""
    return _decide(request, body, "tolak-kode", store, settings)


@router.get("/kueri/{nama}")
def named_query(nama: str, request: Request, saran: bool = False, store=Depends(get_store),
                settings=Depends(get_settings)):
    """Run a named query; other query parameters bind its ``# param:`` variables."""
    from spbe_kg.queries.catalog import QueryNotFound, get_query
    from spbe_kg.queries.saran_query import include_suggestions

    try:
        q = get_query(nama)
    except QueryNotFound:
        raise ApiError(404, "no-such", detail=nama) from None
    values = {k: v for k, v in request.query_params.items() if k not in ("saran",)}
    try:
        sparql = q.bind(values)
    except ValueError as e:
        raise ApiError(400, "bad-request", detail=str(e)) from None
    if saran:
        sparql = include_suggestions(sparql)
    res = store.query(sparql, timeout_s=settings.query_timeout_s)
    body = res.serialize(format=ox.QueryResultsFormat.JSON)
    return Response(body, media_type="application/sparql-results+json")
