"""Exports for the national catalogues, in the EU application profiles the SEMIC programme publishes.

``cpsv-ap`` (CPSV-AP 3.2.0): the public services of each agency as ``cpsv:PublicService``, with their
channels = the applications that deliver them (``cv:hasChannel``; each application is also a
``cv:Channel`` owned by the agency). Services are the explicit ``spbe:Layanan`` records (with the
applications that ``spbe:melayani`` them) and, because inventories record services as RAL codes, one
service per (agency, RAL code of level 3 or deeper) that the agency's applications carry, IRI
``<agency IRI>#layanan-<code>`` (a fragment of the agency, so it dereferences to the agency's page). The
agency is the competent authority (``cv:PublicOrganisation``, located in its ``spbe:wilayah`` or, when
unknown, in Indonesia: ``http://publications.europa.eu/resource/authority/country/IDN``).

``dcat-ap`` (DCAT-AP 3.0.1): one ``dcat:Catalog`` (title, description, publisher from settings or the only
agency in the data), every application as an ``adms:Asset`` (``dcat:resource`` of the catalogue), and every
application with an address as a ``dcat:DataService`` (endpoint = its URL, landing page, publisher =
its agency, themes = its reference codes, licence) with a ``dcat:CatalogRecord`` (modified = when its
source file was loaded).

Both are checked with pySHACL against the profiles' published shapes in ``interop/shapes/`` (unmodified
copies, CC BY 4.0): :func:`check`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from spbe_kg.ontology.iris import slug
from spbe_kg.ontology.namespaces import PREFIXES

SHAPES_DIR = Path(__file__).resolve().parent / "shapes"
SHAPES = {"cpsv-ap": SHAPES_DIR / "cpsv-ap-3.2.0-SHACL.ttl", "dcat-ap": SHAPES_DIR / "dcat-ap-3.0.1-shapes.ttl"}
PROFILES = tuple(SHAPES)

SPBE = PREFIXES["spbe"]
RDF_TYPE = PREFIXES["rdf"] + "type"
DCT = PREFIXES["dcterms"]
DCAT = PREFIXES["dcat"]
SKOS = PREFIXES["skos"]
ADMS = PREFIXES["adms"]
CPSV = PREFIXES["cpsv"]
CV = "http://data.europa.eu/m8g/"
ORG = PREFIXES["org"]
FOAF = "http://xmlns.com/foaf/0.1/"
XSD = PREFIXES["xsd"]
IDN = "http://publications.europa.eu/resource/authority/country/IDN"
EXPORT_PREFIXES = {"dct": DCT, "dcat": DCAT, "skos": SKOS, "adms": ADMS, "cpsv": CPSV, "cv": CV, "org": ORG,
                   "foaf": FOAF, "xsd": XSD, "spbe": SPBE, "ref": PREFIXES["ref"]}
RAL_MIN_LEVEL = 3  # RAL.02.04 and deeper: a service area specific enough to be one public service


@dataclass
class Export:
    profile: str
    triples: list[ox.Triple] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def turtle(self) -> bytes:
        return ox.serialize(self.triples, format=ox.RdfFormat.TURTLE, prefixes=EXPORT_PREFIXES) or b""


class _Builder:
    def __init__(self) -> None:
        self.triples: list[ox.Triple] = []
        self._seen: set = set()

    def add(self, s: str, p: str, o) -> None:
        o = o if isinstance(o, ox.Literal | ox.NamedNode) else ox.NamedNode(o)
        t = ox.Triple(ox.NamedNode(s), ox.NamedNode(p), o)
        if t not in self._seen:
            self._seen.add(t)
            self.triples.append(t)


def _lit(text: str, lang: str | None = "id") -> ox.Literal:
    return ox.Literal(text, language=lang) if lang else ox.Literal(text)


def _rows(store, sparql: str) -> list:
    head = "".join(f"PREFIX {p}: <{i}>\n" for p, i in PREFIXES.items())
    return list(store.query(head + sparql, timeout_s=None))


def _v(t) -> str:
    return "" if t is None else t.value


def _applications(store) -> list[dict[str, Any]]:
    q = """SELECT ?app (SAMPLE(?n) AS ?name) (SAMPLE(?d) AS ?desc) (SAMPLE(?u) AS ?url) (SAMPLE(?i) AS ?inst)
           (SAMPLE(?in) AS ?instName) (SAMPLE(?w) AS ?wil) (SAMPLE(?wn) AS ?wilName) (MAX(?t) AS ?loaded) WHERE {
      ?app a spbe:Aplikasi ; spbe:nama ?n .
      OPTIONAL { ?app spbe:deskripsi ?d } OPTIONAL { ?app spbe:url ?u }
      OPTIONAL { ?app spbe:instansi ?i . OPTIONAL { ?i spbe:nama|rdfs:label ?in }
                 OPTIONAL { ?i spbe:wilayah ?w . OPTIONAL { ?w spbe:nama|rdfs:label ?wn } } }
      OPTIONAL { ?app spbe:barisSumber/spbe:lembar/spbe:berkas ?f . ?f prov:generatedAtTime ?t }
      FILTER(isIRI(?app))
    } GROUP BY ?app ORDER BY ?app"""
    apps: list[dict[str, Any]] = [
        {k: _v(r[k]) for k in ("app", "name", "desc", "url", "inst", "instName", "wil", "wilName", "loaded")}
        for r in _rows(store, q)]
    codes: dict[str, list[tuple[str, str, int]]] = {}
    q2 = """SELECT DISTINCT ?app ?c ?label ?level WHERE {
      ?app a spbe:Aplikasi .
      { ?app spbe:kodeReferensi|spbe:kodeRAL|spbe:kodeRAB|spbe:kodeRAD|spbe:kodeRAA|spbe:kodeRAI|spbe:kodeRAK ?c }
      UNION { ?k a spbe:Keputusan ; spbe:jenisKeputusan "terima-kode" ; spbe:tentang ?app ; spbe:kode ?c }
      OPTIONAL { ?c skos:prefLabel ?label FILTER(lang(?label) = "id" || lang(?label) = "") }
      OPTIONAL { ?c spbe:level ?level } }"""
    for r in _rows(store, q2):
        if isinstance(r["c"], ox.NamedNode):
            lvl = int(r["level"].value) if r["level"] is not None else 0
            codes.setdefault(r["app"].value, []).append((r["c"].value, _v(r["label"]), lvl))
    for a in apps:
        a["codes"] = sorted(set(codes.get(a["app"], [])))
    return apps


def _services(store) -> list[dict]:
    q = """SELECT ?s (SAMPLE(?n) AS ?name) (SAMPLE(?d) AS ?desc) (SAMPLE(?i) AS ?inst) (SAMPLE(?in) AS ?instName)
           (GROUP_CONCAT(DISTINCT STR(?app); SEPARATOR=" ") AS ?apps) WHERE {
      ?s a ?cls . VALUES ?cls { spbe:Layanan spbe:LayananPublik spbe:LayananAdministrasiPemerintahan }
      OPTIONAL { ?s spbe:nama|rdfs:label ?n } OPTIONAL { ?s spbe:deskripsi ?d }
      OPTIONAL { ?s spbe:instansi ?i . OPTIONAL { ?i spbe:nama|rdfs:label ?in } }
      OPTIONAL { ?app spbe:melayani ?s } FILTER(isIRI(?s)) } GROUP BY ?s ORDER BY ?s"""
    return [{"iri": r["s"].value, "name": _v(r["name"]), "desc": _v(r["desc"]), "inst": _v(r["inst"]),
             "instName": _v(r["instName"]), "apps": _v(r["apps"]).split()} for r in _rows(store, q)]


def _code_of(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1]


# --- CPSV-AP ----------------------------------------------------------------------------------
def export_cpsv(store) -> Export:
    b = _Builder()
    apps = {a["app"]: a for a in _applications(store)}
    orgs: dict[str, tuple[str, str, str]] = {}
    services: list[tuple[str, str, str, str, list[str], list[tuple[str, str]]]] = []
    for s in _services(store):
        if s["name"] and s["inst"]:
            services.append((s["iri"], s["name"], s["desc"], s["inst"], s["apps"], []))
    by_code: dict[tuple[str, str], list[str]] = {}
    labels: dict[str, str] = {}
    for a in apps.values():
        if not a["inst"]:
            continue
        orgs[a["inst"]] = (a["instName"] or _code_of(a["inst"]), a["wil"], a["wilName"])
        for c, label, level in a["codes"]:
            code = _code_of(c)
            if code.startswith("RAL.") and (level or code.count(".")) >= RAL_MIN_LEVEL - 1 and code.count(".") >= 2:
                by_code.setdefault((a["inst"], c), []).append(a["app"])
                labels[c] = label or labels.get(c, "")
    for (inst, c), members in sorted(by_code.items()):
        code = _code_of(c)
        title = labels.get(c) or code
        services.append((f"{inst}#layanan-{code}", title, "", inst, members, [(c, title)]))
    for iri, name, desc, inst, members, sectors in services:
        org_name = orgs.get(inst, (_code_of(inst), "", ""))[0]
        names = [apps[m]["name"] for m in members if m in apps]
        b.add(iri, RDF_TYPE, CPSV + "PublicService")
        b.add(iri, DCT + "identifier", ox.Literal(iri))
        b.add(iri, DCT + "title", _lit(name))
        text = desc or (f"Layanan {name} yang diselenggarakan {org_name}"
                        + (f" melalui aplikasi {', '.join(sorted(names))}." if names else "."))
        b.add(iri, DCT + "description", _lit(text))
        b.add(iri, CV + "hasCompetentAuthority", inst)
        for c, label in sectors:
            b.add(iri, CV + "thematicArea", c)
            b.add(c, RDF_TYPE, SKOS + "Concept")
            b.add(c, SKOS + "prefLabel", _lit(label))
        for m in members:
            if m not in apps:
                continue
            a = apps[m]
            b.add(iri, CV + "hasChannel", m)
            b.add(m, RDF_TYPE, CV + "Channel")
            b.add(m, DCT + "identifier", ox.Literal(m))
            b.add(m, DCT + "description", _lit(a["desc"] or a["name"]))
            if a["inst"]:
                b.add(m, CV + "ownedBy", a["inst"])
        orgs.setdefault(inst, (org_name, "", ""))
    for inst, (name, wil, wil_name) in orgs.items():
        b.add(inst, RDF_TYPE, CV + "PublicOrganisation")
        b.add(inst, RDF_TYPE, ORG + "Organization")
        b.add(inst, SKOS + "prefLabel", _lit(name))
        place = wil or IDN
        b.add(inst, DCT + "spatial", place)
        b.add(place, RDF_TYPE, DCT + "Location")
        if wil_name:
            b.add(place, SKOS + "prefLabel", _lit(wil_name))
    n_services = len(services)
    return Export("cpsv-ap", b.triples, {"services": n_services, "channels": len({m for s in services for m in s[4]}),
                                         "organisations": len(orgs)})


# --- DCAT-AP ----------------------------------------------------------------------------------
def export_dcat(store, settings, *, catalogue_iri: str | None = None, publisher_name: str | None = None,
                publisher_iri: str | None = None) -> Export:
    """Raises ``ValueError(n_agencies)`` when no publisher is configured and the data has several agencies."""
    b = _Builder()
    apps = _applications(store)
    agencies = {a["inst"]: a["instName"] for a in apps if a["inst"]}
    pub_name = publisher_name or settings.publisher_name
    pub = publisher_iri or settings.publisher_iri
    if not pub_name:
        if len(agencies) != 1:
            raise ValueError(len(agencies))
        pub, pub_name = next(iter(agencies.items()))
        pub_name = pub_name or _code_of(pub)
    pub = pub or settings.base_iri + "instansi/" + slug(pub_name)
    cat = catalogue_iri or settings.base_iri + "katalog"
    now = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    b.add(cat, RDF_TYPE, DCAT + "Catalog")
    b.add(cat, DCT + "title", _lit(f"Katalog aplikasi SPBE — {pub_name}"))
    b.add(cat, DCT + "description", _lit(
        f"Aplikasi SPBE yang dicatat {pub_name}, diekspor dari spbe-kg sebagai layanan data DCAT-AP."))
    b.add(cat, DCT + "publisher", pub)
    b.add(cat, DCT + "license", settings.licence_iri)
    b.add(cat, DCT + "modified", ox.Literal(now, datatype=ox.NamedNode(XSD + "dateTime")))
    b.add(settings.licence_iri, RDF_TYPE, DCT + "LicenseDocument")
    b.add(pub, RDF_TYPE, FOAF + "Agent")
    b.add(pub, FOAF + "name", _lit(pub_name))
    n_services = 0
    for a in apps:
        app = a["app"]
        b.add(app, RDF_TYPE, ADMS + "Asset")
        b.add(app, DCT + "title", _lit(a["name"]))
        if a["desc"]:
            b.add(app, DCT + "description", _lit(a["desc"]))
        b.add(cat, DCAT + "resource", app)
        if a["inst"]:
            b.add(a["inst"], RDF_TYPE, FOAF + "Agent")
            b.add(a["inst"], FOAF + "name", _lit(a["instName"] or _code_of(a["inst"])))
        if not a["url"].startswith(("http://", "https://")):
            continue
        n_services += 1
        b.add(app, RDF_TYPE, DCAT + "DataService")
        b.add(app, DCAT + "endpointURL", a["url"])
        b.add(app, DCAT + "landingPage", a["url"])
        b.add(app, DCT + "license", settings.licence_iri)
        if a["inst"]:
            b.add(app, DCT + "publisher", a["inst"])
        for c, label, _ in a["codes"]:
            b.add(app, DCAT + "theme", c)
            b.add(c, RDF_TYPE, SKOS + "Concept")
            b.add(c, SKOS + "prefLabel", _lit(label or _code_of(c)))
        b.add(cat, DCAT + "service", app)
        rec = app + "#catatan"
        b.add(rec, RDF_TYPE, DCAT + "CatalogRecord")
        b.add(rec, "http://xmlns.com/foaf/0.1/primaryTopic", app)
        b.add(rec, DCT + "modified", ox.Literal(a["loaded"] or now, datatype=ox.NamedNode(XSD + "dateTime")))
        b.add(cat, DCAT + "record", rec)
    return Export("dcat-ap", b.triples, {"applications": len(apps), "data_services": n_services,
                                         "agencies": len(agencies)})


# --- checking against the published shapes ---------------------------------------------------
@dataclass
class Check:
    conforms: bool
    violations: list[tuple[str, str, str]]  # (source shape, focus node, message)

    def by_rule(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for shape, _, _ in self.violations:
            out[shape] = out.get(shape, 0) + 1
        return out


def check(export: Export, shapes: Path | None = None) -> Check:
    """Validate ``export`` with pySHACL against its profile's published shapes (every sh:Violation)."""
    import pyshacl
    import rdflib

    data = rdflib.Graph().parse(data=export.turtle(), format="turtle")
    sg = rdflib.Graph().parse(shapes or SHAPES[export.profile], format="turtle")
    _conforms, report, _ = pyshacl.validate(data, shacl_graph=sg, inference="none", advanced=True)
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    out = []
    for r in report.subjects(rdflib.RDF.type, sh.ValidationResult):
        if report.value(r, sh.resultSeverity) != sh.Violation:
            continue
        shape = report.value(r, sh.sourceShape)
        path = report.value(r, sh.resultPath)
        out.append((f"{shape} {path or ''}".strip(), str(report.value(r, sh.focusNode)), str(report.value(r, sh.resultMessage))))
    return Check(not out, sorted(out))
