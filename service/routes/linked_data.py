"""Linked data: every IRI this instance knows answers in HTML and RDF, with content negotiation.

Where a resource answers:

- ``/resource?iri=IRI`` for any IRI, and ``/resource.{ttl,jsonld,nt,rdf,html}?iri=IRI`` per format;
- at its own path when its IRI lies under a namespace this instance serves: the data base
  (``settings.base_iri``; path = IRI minus the base's origin, e.g. ``/spbe/id/aplikasi/...``) and
  ``https://w3id.org/spbe/`` (ontology, reference concepts, national applications: ``/spbe/ref/RAL.02``),
  plus ``{path}.{ext}`` per format. w3id.org redirects ``https://w3id.org/spbe/*`` here (docs/linked-data.md).

**200 with Content-Location, not 303.** The answer to a resource's IRI is its description, directly,
with ``Content-Location`` naming the document for the format served (``….ttl``), ``Vary: Accept`` and
``Link`` headers to the other formats. A 303 would add a second round trip after the w3id.org redirect
for every lookup (a harvester or a browser following hundreds of links pays it each time), while the
2014 W3C httpRange-14 resolution lets a 200 describe a non-information resource when the document URL is
given (``Content-Location``). The same rule applies on every path (``/resource`` too).

Formats: ``text/html``, ``text/turtle``, ``application/ld+json``, ``application/n-triples``,
``application/rdf+xml`` (q-values via ``service/sparql/negotiation.py``; ties go to that order, so
``*/*`` gets HTML). 400 malformed IRI, 404 unknown, 406 nothing acceptable: bilingual ``text/plain``
(HTML for browsers). HEAD answers the same headers. Store work runs in the threadpool.

Also here: ``/.well-known/void`` and ``/void`` (VoID + DCAT) and the dumps ``/dumps/spbe-kg.nt.gz`` and
``/dumps/spbe-kg.trig`` (ETag, Last-Modified, 304; built in the background by
:class:`spbe_kg.interop.dumps.DumpManager`).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import tempfile
import threading
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote, urlencode, urlsplit

import pyoxigraph as ox
from fastapi import APIRouter, Depends, Request
from fastapi.responses import FileResponse, HTMLResponse, PlainTextResponse, Response
from fastapi.routing import APIRoute
from starlette.concurrency import run_in_threadpool
from starlette.routing import Match

from spbe_kg.interop import concerns
from spbe_kg.interop.describe import describe_rdf, serialize
from spbe_kg.interop.dumps import KINDS, DumpManager, store_state
from spbe_kg.interop.formats import (
    FORMATS,
    FORMATS_BY_EXT,
    HTML,
    OFFERS,
    Format,
    by_media,
    split_extension,
)
from spbe_kg.interop.messages import text
from spbe_kg.interop.void import graph_counts, void_triples
from spbe_kg.ontology.namespaces import ONTOLOGY_IRI, PREFIXES
from spbe_kg.settings import Settings

from ..deps import get_cache, get_settings, get_store
from ..errors import lang_of
from ..sparql.negotiation import choose
from ..store.base import Store
from .resource_page import describe, valid_iri
from .ui_render import pick_lang, render

router = APIRouter(tags=["linked data"])
StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
CacheDep = Annotated[dict, Depends(get_cache)]

W3ID_ROOT = "https://w3id.org/spbe/"
ONTOLOGY_FORMAT_ORDER = FORMATS


# --- IRIs and paths ---------------------------------------------------------------------------
def roots(settings: Settings) -> list[str]:
    """Namespaces answered at their own path: the data base, then w3id.org/spbe/."""
    return list(dict.fromkeys([settings.base_iri, W3ID_ROOT]))


def iris_for_path(path: str, settings: Settings) -> list[str]:
    """Candidate IRIs for a request path (one per namespace whose path prefix it has).

    >>> iris_for_path("/spbe/ref/RAL.02", Settings(store="memory", base_iri="https://data.kab.go.id/spbe/"))
    ['https://data.kab.go.id/spbe/ref/RAL.02', 'https://w3id.org/spbe/ref/RAL.02']
    >>> iris_for_path("/static/x.css", Settings(store="memory"))
    []
    """
    out = []
    for root in roots(settings):
        u = urlsplit(root)
        prefix = u.path or "/"
        if path.startswith(prefix) and len(path) > len(prefix):
            out.append(f"{u.scheme}://{u.netloc}{path}")
    return list(dict.fromkeys(out))


def path_of(iri: str, settings: Settings) -> str | None:
    """The path on this instance of an IRI under one of its namespaces (None otherwise)."""
    for root in roots(settings):
        if iri.startswith(root) and len(iri) > len(root) and "#" not in iri and "?" not in iri:
            return urlsplit(iri).path
    return None


def doc_url(request: Request, iri: str, fmt: Format, settings: Settings) -> str:
    root = request.scope.get("root_path", "").rstrip("/")
    p = path_of(iri, settings)
    if p is not None:
        return f"{root}{p}.{fmt.ext}"
    return f"{root}/resource.{fmt.ext}?" + urlencode({"iri": iri})


# --- negotiation and errors -------------------------------------------------------------------
def negotiate(request: Request, ext: str | None) -> Format | None:
    if ext:
        return FORMATS_BY_EXT[ext]
    media = choose(request.headers.get("accept"), OFFERS)
    return None if media is None else by_media(media)


def _lang(request: Request, settings: Settings) -> str:
    return lang_of(request, settings.lang)


def _error(request: Request, settings: Settings, status: int, key: str, html: bool, **kw) -> Response:
    headers = {"Vary": "Accept, Accept-Language"}
    if html:
        resp = render(request, "resource.html", status=status, d=None, original=kw.get("original"),
                      note=text(key, pick_lang(request), **{k: v for k, v in kw.items() if k != "original"}))
        resp.headers.update(headers)
        return resp
    kw.pop("original", None)
    return PlainTextResponse(text(key, _lang(request, settings), **kw) + "\n", status_code=status, headers=headers)


def _not_acceptable(request: Request, settings: Settings) -> Response:
    return _error(request, settings, 406, "ld_not_acceptable", False, accept=request.headers.get("accept", ""),
                  offers=", ".join(f.media for f in FORMATS))


def _headers(request: Request, iri: str, fmt: Format, settings: Settings) -> dict[str, str]:
    links = [f'<{doc_url(request, iri, f, settings)}>; rel="alternate"; type="{f.media}"' for f in FORMATS if f != fmt]
    return {"Vary": "Accept, Accept-Language" if fmt is HTML else "Accept",
            "Content-Location": doc_url(request, iri, fmt, settings), "Link": ", ".join(links)}


# --- the answer for one IRI ------------------------------------------------------------------
async def answer(request: Request, iri: str, ext: str | None, store, settings: Settings, *,
                 candidates: list[str] | None = None) -> Response:
    fmt = negotiate(request, ext)
    if fmt is None:
        return _not_acceptable(request, settings)
    html = fmt is HTML
    if not valid_iri(iri):
        return _error(request, settings, 400, "ld_bad_iri", html, iri=iri[:200])
    if ONTOLOGY_IRI in (candidates or [iri]):
        return await _ontology(request, fmt, settings)
    timeout = min(settings.query_timeout_s, 10.0)
    if html:
        return await _html(request, candidates or [iri], store, settings, timeout)
    try:
        for cand in candidates or [iri]:
            triples = await run_in_threadpool(describe_rdf, store, cand, timeout_s=timeout)
            if triples:
                iri = cand
                break
    except Exception as e:  # noqa: BLE001 - a short note, never the raw text
        return _error(request, settings, 503, "ld_store", False, error=type(e).__name__)
    if not triples:
        return _error(request, settings, 404, "ld_unknown", False, iri=iri)
    body = await run_in_threadpool(serialize, triples, fmt.rdf)
    return Response(body, media_type=f"{fmt.media}; charset=utf-8" if fmt.ext != "rdf" else fmt.media,
                    headers=_headers(request, iri, fmt, settings))


def _page_data(store, iri: str, lang: str, base: str, timeout: float):
    d = describe(store, iri, lang, base=base, timeout_s=timeout)
    if not d.out and not d.inc:
        return None
    is_concept = any(t.value == PREFIXES["skos"] + "Concept" for t in d.types)
    extra: dict[str, Any] = {
        "findings": concerns.findings(store, iri, timeout_s=timeout),
        "suggestions": concerns.code_suggestions(store, iri, timeout_s=timeout),
        "apps": concerns.applications_with_code(store, iri, timeout_s=timeout) if is_concept else None,
    }
    labels = {}
    others = {o for f in extra["findings"] for o in f["others"]}
    if others:
        from .resource_page import _labels

        labels = _labels(store, sorted(others), lang, timeout)
    extra["other_labels"] = labels
    return d, extra


async def _html(request: Request, candidates: list[str], store, settings: Settings, timeout: float) -> Response:
    lang = pick_lang(request)
    try:
        for iri in candidates:
            found = await run_in_threadpool(_page_data, store, iri, lang, settings.base_iri, timeout)
            if found:
                break
    except Exception as e:  # noqa: BLE001
        return _error(request, settings, 503, "ld_store", True, error=type(e).__name__)
    if not found:
        iri = candidates[0]
        original = iri if iri.startswith(("http://", "https://")) and path_of(iri, settings) is None else None
        return _error(request, settings, 404, "ld_unknown", True, iri=iri, original=original)
    d, extra = found
    root = request.scope.get("root_path", "").rstrip("/")
    sparql = (f"SELECT ?p ?o ?g WHERE {{\n  {{ GRAPH ?g {{ <{d.iri}> ?p ?o }} }}\n  UNION\n"
              f"  {{ GRAPH ?g {{ ?o ?p <{d.iri}> }} }}\n}} LIMIT 500")
    formats = [(f.ext, f.media, doc_url(request, d.iri, f, settings)) for f in FORMATS if f is not HTML]
    term_doc = None
    if d.iri.startswith(PREFIXES["spbe"]):
        term_doc = f"{root}/ontology.html#{d.iri[len(PREFIXES['spbe']):]}"
    resp = await run_in_threadpool(lambda: render(
        request, "linked_resource.html", d=d, note=None, original=None, x=extra, formats=formats,
        yasgui=f"{root}/query?" + urlencode({"query": sparql}), term_doc=term_doc))
    resp.headers.update(_headers(request, d.iri, HTML, settings))
    return resp


async def _ontology(request: Request, fmt: Format, settings: Settings) -> Response:
    """The ontology at its IRI: pyLODE HTML, the bundled Turtle, or another RDF format of it."""
    from .ontology_page import ontology_turtle

    headers = _headers(request, ONTOLOGY_IRI, fmt, settings)
    if fmt is HTML:
        from spbe_kg.ontology.docs import ontology_html

        try:
            page = await run_in_threadpool(ontology_html)
        except RuntimeError:  # pyLODE not installed: the service's own page
            from .ontology_page import ontology_html as own

            return await own(request)
        return HTMLResponse(page, headers=headers)
    data = ontology_turtle()
    if fmt.ext != "ttl":
        data = await run_in_threadpool(
            lambda: serialize([q.triple for q in ox.parse(data, format=ox.RdfFormat.TURTLE)], fmt.rdf))
    return Response(data, media_type=fmt.media, headers=headers)


# --- routes -----------------------------------------------------------------------------------
@router.api_route("/resource", methods=["GET", "HEAD"], include_in_schema=False)
async def resource(request: Request, store: StoreDep, settings: SettingsDep, iri: str = ""):
    """Any IRI, negotiated (``Accept``)."""
    return await answer(request, iri, None, store, settings)


@router.api_route("/resource.{ext}", methods=["GET", "HEAD"], include_in_schema=False)
async def resource_as(ext: str, request: Request, store: StoreDep, settings: SettingsDep, iri: str = ""):
    """Any IRI in the format of the extension (``ttl``, ``jsonld``, ``nt``, ``rdf``, ``html``)."""
    if ext not in FORMATS_BY_EXT:
        return _not_acceptable(request, settings)
    return await answer(request, iri, ext, store, settings)


@router.api_route("/.well-known/void", methods=["GET", "HEAD"])
@router.api_route("/void", methods=["GET", "HEAD"])
async def void(request: Request, store: StoreDep, settings: SettingsDep, cache: CacheDep):
    """VoID + DCAT description: counts per graph, vocabularies, endpoint, dumps, licence, publisher."""
    offers = [f.media for f in FORMATS if f is not HTML] + ["application/n-quads", "application/trig", "text/plain"]
    media = choose(request.headers.get("accept"), offers)
    if media is None:
        return _not_acceptable(request, settings)
    fmt = {"application/n-quads": ox.RdfFormat.N_TRIPLES, "application/trig": ox.RdfFormat.TURTLE,
           "text/plain": ox.RdfFormat.N_TRIPLES}.get(media) or by_media(media).rdf
    media = {"application/n-quads": "application/n-triples", "application/trig": "text/turtle",
             "text/plain": "application/n-triples"}.get(media, media)
    instance = str(request.base_url)
    manager = dump_manager(cache, store, settings)
    counts = await run_in_threadpool(_counts, cache, store)
    triples = void_triples(store, instance, settings, dump=manager.current(), counts=counts)
    body = await run_in_threadpool(serialize, triples, fmt)
    return Response(body, media_type=media, headers={"Vary": "Accept"})


_counts_lock = threading.Lock()


def _counts(cache: dict, store) -> dict[str, int]:
    """Triples per graph, cached per store state (the grouped count reads the whole store)."""
    state = store_state(store)
    cached = cache.get("void_counts")
    if cached and cached[0] == state:
        return cached[1]
    with _counts_lock:
        counts = graph_counts(store)
        cache["void_counts"] = (state, counts)
    return counts


_manager_lock = threading.Lock()


def dump_manager(cache: dict, store, settings: Settings) -> DumpManager:
    """The app's dump manager, kept in the per-app cache (started on first use; it then rebuilds after
    every write; ``create_app``'s shutdown closes it)."""
    m = cache.get("dumps")
    if m is not None and m.store is store:
        return m
    with _manager_lock:
        m = cache.get("dumps")
        if m is None or m.store is not store:
            if m is not None:
                m.close()
            d = settings.dump_dir
            if d is None:
                d = (Path(tempfile.mkdtemp(prefix="spbe-dumps-")) if store.kind == "memory"
                     else settings.data_dir.parent / (settings.data_dir.name + ".dumps"))
            m = DumpManager(store, d, check_s=settings.dump_check_s if store.kind != "remote" else max(settings.dump_check_s, 60.0))
            cache["dumps"] = m
    return m


def _http_date(t: dt.datetime) -> str:
    return email.utils.format_datetime(t.astimezone(dt.UTC), usegmt=True)


@router.api_route("/dumps/spbe-kg.{kind}", methods=["GET", "HEAD"])
async def dump_file(kind: str, request: Request, store: StoreDep, settings: SettingsDep, cache: CacheDep):
    """The whole store as N-Triples (gzip) or TriG, at a stable URL; ETag/Last-Modified, 304."""
    if kind not in KINDS:
        return PlainTextResponse(text("ld_unknown", _lang(request, settings), iri=request.url.path) + "\n", status_code=404)
    manager = dump_manager(cache, store, settings)
    dump = await run_in_threadpool(lambda: manager.current(wait=True, timeout=120.0))
    if dump is None:
        if manager.error:
            return PlainTextResponse(text("ld_dump_failed", _lang(request, settings), error=manager.error) + "\n",
                                     status_code=503, headers={"Retry-After": "30"})
        return PlainTextResponse(text("ld_dump_pending", _lang(request, settings)) + "\n", status_code=503,
                                 headers={"Retry-After": "5"})
    etag = f'"{dump.etags[kind]}"'
    headers = {"ETag": etag, "Last-Modified": _http_date(dump.modified), "Cache-Control": "no-cache",
               "Content-Disposition": f'attachment; filename="spbe-kg.{kind}"'}
    inm = request.headers.get("if-none-match")
    if inm is not None:
        if etag in [t.strip().removeprefix("W/") for t in inm.split(",")] or inm.strip() == "*":
            return Response(status_code=304, headers=headers)
    elif request.headers.get("if-modified-since"):
        try:
            since = email.utils.parsedate_to_datetime(request.headers["if-modified-since"])
            if since.tzinfo and dump.modified <= since:
                return Response(status_code=304, headers=headers)
        except (TypeError, ValueError):
            pass
    media = "application/gzip" if kind == "nt.gz" else "application/trig"
    return FileResponse(dump.files[kind], media_type=media, headers=headers)


class IriPathRoute(APIRoute):
    """The catch-all route, matching only paths under a namespace the app serves (other paths stay 404
    and ``ui.has_route`` keeps telling pages apart)."""

    def matches(self, scope):
        match, child = super().matches(scope)
        if match == Match.NONE:
            return match, child
        settings = get_settings(Request(scope)) if scope.get("app") is not None else None
        path = scope.get("path", "")
        root = scope.get("root_path", "")
        if root and path.startswith(root):
            path = path[len(root):]
        if settings is None or not iris_for_path(split_extension(path)[0], settings):
            return Match.NONE, {}
        return match, child


by_path_router = APIRouter(route_class=IriPathRoute)


@by_path_router.api_route("/{path:path}", methods=["GET", "HEAD"], include_in_schema=False)
async def by_path(path: str, request: Request, store: StoreDep, settings: SettingsDep):
    """A resource at its own path (under the data base or w3id.org/spbe/); other paths: 404."""
    full = "/" + path
    stem, ext = split_extension(full)
    candidates = iris_for_path(stem, settings)  # never empty: IriPathRoute matched
    if ext:  # an IRI may itself end in ".ttl": prefer the stem, fall back to the whole path
        candidates += [c for c in iris_for_path(full, settings) if c not in candidates]
    candidates = [quote(c, safe=":/?#[]@!$&'()*+,;=%-._~") for c in candidates]
    return await answer(request, candidates[0], ext, store, settings, candidates=candidates)


router.include_router(by_path_router)  # last: after every other route of this module
