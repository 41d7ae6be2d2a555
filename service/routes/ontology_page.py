"""The ontology for people and for programs: ``/ontology.ttl`` (the bundled OWL file) and ``/ontology.html``.

``/ontology.html`` is a bilingual reference page rendered from the bundled ``ontology/spbe.ttl``: every
``spbe:`` class with its definition and super-classes, every property with its domain and range, each with
an anchor named after the term (``/ontology.html#Aplikasi``), in the look of the other pages. (The pyLODE
rendering for publishing, ``python -m spbe_kg.ontology.docs``, is the ontology engineer's.)

>>> terms = ontology_terms("en")
>>> aplikasi = next(c for c in terms["classes"] if c.local == "Aplikasi")
>>> aplikasi.label, "ElemenArsitektur" in [s.local for s in aplikasi.parents]
('SPBE application', True)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import pyoxigraph as ox
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from spbe_kg.ontology.namespaces import ONTOLOGY_IRI, PREFIXES

router = APIRouter(include_in_schema=False)

SPBE_NS = PREFIXES["spbe"]
KINDS = ("ObjectProperty", "DatatypeProperty", "AnnotationProperty")


def ontology_turtle() -> bytes:
    return resources.files("spbe_kg.ontology").joinpath("spbe.ttl").read_bytes()


@dataclass(frozen=True)
class Ref:
    """A term mentioned on the page: its IRI, a short name and whether it has an anchor on this page."""

    iri: str
    local: str
    curie: str
    ours: bool


@dataclass
class Term:
    iri: str
    local: str
    label: str
    definition: str
    kind: str  # Class | ObjectProperty | DatatypeProperty | AnnotationProperty
    parents: list[Ref] = field(default_factory=list)
    domain: list[Ref] = field(default_factory=list)
    range: list[Ref] = field(default_factory=list)


def _ref(iri: str) -> Ref:
    for p, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if iri.startswith(ns):
            local = iri[len(ns):]
            return Ref(iri, local, f"{p}:{local}", p == "spbe")
    return Ref(iri, iri, f"<{iri}>", False)


@lru_cache(maxsize=1)
def _graph() -> ox.Store:
    store = ox.Store()
    store.load(ontology_turtle(), format=ox.RdfFormat.TURTLE)
    return store


def _text(store: ox.Store, iri: str, preds: tuple[str, ...], lang: str) -> str:
    """The first value in ``lang`` (else Indonesian, else any) of the first predicate that has one."""
    for pred in preds:
        literals = [q.object for q in store.quads_for_pattern(ox.NamedNode(iri), ox.NamedNode(pred), None)
                    if isinstance(q.object, ox.Literal)]
        for want in (lang, "id", None):
            for v in literals:
                if want is None or v.language == want:
                    return v.value
    return ""


def _objects(store: ox.Store, iri: str, pred: str) -> list[Ref]:
    objs = {q.object.value for q in store.quads_for_pattern(ox.NamedNode(iri), ox.NamedNode(pred), None)
            if isinstance(q.object, ox.NamedNode)}
    return [_ref(o) for o in sorted(objs)]


@lru_cache(maxsize=2)
def ontology_terms(lang: str) -> dict:
    """Classes and properties of the ``spbe:`` namespace, sorted by name, with texts in ``lang``."""
    store = _graph()
    rdfs, owl, skos = PREFIXES["rdfs"], PREFIXES["owl"], PREFIXES["skos"]
    rdf_type = ox.NamedNode(PREFIXES["rdf"] + "type")
    label_preds = (rdfs + "label",)
    def_preds = (skos + "definition", rdfs + "comment")

    def term(iri: str, kind: str) -> Term:
        t = Term(iri, iri[len(SPBE_NS):], _text(store, iri, label_preds, lang), _text(store, iri, def_preds, lang), kind)
        sup = rdfs + ("subClassOf" if kind == "Class" else "subPropertyOf")
        t.parents = _objects(store, iri, sup)
        if kind != "Class":
            t.domain = _objects(store, iri, rdfs + "domain")
            t.range = _objects(store, iri, rdfs + "range")
        return t

    def of_kind(kind: str) -> list[Term]:
        subjects = {q.subject.value for q in store.quads_for_pattern(None, rdf_type, ox.NamedNode(owl + kind))
                    if isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(SPBE_NS)}
        return sorted((term(s, kind) for s in subjects), key=lambda t: t.local.lower())

    props = [p for k in KINDS for p in of_kind(k)]
    return {
        "title": _text(store, ONTOLOGY_IRI, (PREFIXES["dcterms"] + "title",), lang),
        "description": _text(store, ONTOLOGY_IRI, (PREFIXES["dcterms"] + "description",), lang),
        "version": _text(store, ONTOLOGY_IRI, (owl + "versionInfo",), lang),
        "classes": of_kind("Class"),
        "properties": sorted(props, key=lambda t: t.local.lower()),
    }


@router.api_route("/ontology.ttl", methods=["GET", "HEAD"])
def ontology_ttl() -> Response:
    return Response(ontology_turtle(), media_type="text/turtle; charset=utf-8",
                    headers={"Content-Disposition": 'inline; filename="spbe.ttl"'})


@router.get("/ontology.html", response_class=HTMLResponse)
async def ontology_html(request: Request) -> HTMLResponse:
    from .ui_render import pick_lang, render

    terms = await run_in_threadpool(ontology_terms, pick_lang(request))
    return await run_in_threadpool(
        lambda: render(request, "ontology.html", active="/ontology.html", onto=terms, namespace=SPBE_NS)
    )
