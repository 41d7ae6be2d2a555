"""The OWL ontology: the header, bilingual labels and definitions on every term, the MODEL.md contract,
alignments, and the OWL 2 DL hygiene HermiT relies on (every external term declared, no punned kinds)."""

from __future__ import annotations

import re

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from spbe_kg.ontology import ONTOLOGY_DIR
from spbe_kg.ontology.namespaces import SPBE

ONT = URIRef("https://w3id.org/spbe/ontology")


@pytest.fixture(scope="module")
def g() -> Graph:
    return Graph().parse(ONTOLOGY_DIR / "spbe.ttl", format="turtle")


def _spbe_terms(g: Graph) -> set[URIRef]:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    return {s for k in kinds for s in g.subjects(RDF.type, k) if str(s).startswith(str(SPBE))}


def test_header(g):
    assert (ONT, RDF.type, OWL.Ontology) in g
    assert (ONT, OWL.versionIRI, URIRef("https://w3id.org/spbe/ontology/0.1.0")) in g
    assert g.value(ONT, OWL.versionInfo) == Literal("0.1.0")
    for p in (DCTERMS.created, DCTERMS.license, DCTERMS.creator):
        assert g.value(ONT, p) is not None, p
    for p in (DCTERMS.title, DCTERMS.description):
        assert {o.language for o in g.objects(ONT, p)} == {"id", "en"}, p


def test_every_term_has_labels_and_definitions_in_both_languages(g):
    terms = _spbe_terms(g)
    assert len(terms) > 100
    for t in terms:
        for p in (RDFS.label, SKOS.definition):
            langs = [o.language for o in g.objects(t, p)]
            assert sorted(langs) == ["en", "id"], (t, p, langs)


def test_every_model_md_term_is_in_the_ontology_and_back(g):
    text = (ONTOLOGY_DIR / "MODEL.md").read_text(encoding="utf-8")
    section = text[text.index("## Classes"):text.index("## Graphs")]
    named = set(re.findall(r"`(?:spbe:)?([A-Za-z][A-Za-z0-9]*)`", section))
    defined = {str(t)[len(str(SPBE)):] for t in _spbe_terms(g)}
    assert named - defined == set(), "terms in MODEL.md missing from ontology/tables/*.yaml"
    assert defined - named == set(), "terms in the ontology that MODEL.md does not name"


@pytest.mark.parametrize("child,parent", [
    ("Instansi", "http://www.w3.org/ns/org#FormalOrganization"),
    ("UnitKerja", "http://www.w3.org/ns/org#OrganizationalUnit"),
    ("Layanan", "http://purl.org/vocab/cpsv#PublicService"),
    ("DataInformasi", "http://www.w3.org/ns/dcat#Dataset"),
    ("Aplikasi", "https://schema.org/SoftwareApplication"),
    ("Aplikasi", "http://www.w3.org/ns/adms#Asset"),
    ("SumberBerkas", "http://www.w3.org/ns/prov#Entity"),
    ("PemuatanInventaris", "http://www.w3.org/ns/prov#Activity"),
    ("Wilayah", "http://purl.org/dc/terms/Location"),
    ("PerangkatDaerah", str(SPBE.UnitKerja)),
    ("AplikasiNasional", str(SPBE.Aplikasi)),
    ("SistemIntegrasi", str(SPBE.InfrastrukturSPBE)),
    ("KelaikanKeamanan", str(SPBE.KeamananSPBE)),
])
def test_class_alignments(g, child, parent):
    assert (SPBE[child], RDFS.subClassOf, URIRef(parent)) in g


@pytest.mark.parametrize("child,parent", [
    ("nama", "https://schema.org/name"), ("url", "https://schema.org/url"),
    ("bagianDari", "http://www.w3.org/ns/org#unitOf"),
    ("indukUnit", "http://www.w3.org/ns/org#subOrganizationOf"),
    ("padananRAB", "http://www.w3.org/2004/02/skos/core#closeMatch"),
    ("kodeRAL", str(SPBE.kodeReferensi)), ("jenisAplikasi", str(SPBE.kodeRAA)),
])
def test_property_alignments(g, child, parent):
    assert (SPBE[child], RDFS.subPropertyOf, URIRef(parent)) in g


def test_domains_and_ranges_from_the_contract(g):
    assert g.value(SPBE.opdPengelola, RDFS.domain) == SPBE.Aplikasi
    assert g.value(SPBE.opdPengelola, RDFS.range) == SPBE.UnitKerja
    assert g.value(SPBE.tahunPembuatan, RDFS.range) == URIRef("http://www.w3.org/2001/XMLSchema#gYear")
    assert g.value(SPBE.nomorBaris, RDFS.range) == URIRef("http://www.w3.org/2001/XMLSchema#integer")
    assert g.value(SPBE.skor, RDFS.range) == URIRef("http://www.w3.org/2001/XMLSchema#decimal")
    assert g.value(SPBE.nama, RDFS.domain) is None  # names are on every kind of thing


def test_object_and_datatype_properties_are_typed_by_kind(g):
    assert (SPBE.melayani, RDF.type, OWL.ObjectProperty) in g
    assert (SPBE.deskripsi, RDF.type, OWL.DatatypeProperty) in g
    assert (SPBE.untukProperti, RDF.type, OWL.AnnotationProperty) in g


def test_every_external_term_used_in_axioms_is_declared(g):
    declared = {s for s, _, k in g.triples((None, RDF.type, None))
                if k in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)}
    for p in (RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range):
        for o in g.objects(None, p):
            if isinstance(o, URIRef) and not str(o).startswith(("http://www.w3.org/2001/XMLSchema#",
                                                                   str(RDFS.Literal))):
                assert o in declared, (p, o)


def test_no_iri_is_declared_with_two_property_kinds(g):
    kinds = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, OWL.Class)
    seen: dict = {}
    for k in kinds:
        for s in g.subjects(RDF.type, k):
            assert s not in seen, (s, seen.get(s), k)
            seen[s] = k


def test_disjoint_groups(g):
    assert (SPBE.AplikasiUmum, OWL.disjointWith, SPBE.AplikasiKhusus) in g
    assert len(list(g.subjects(RDF.type, OWL.AllDisjointClasses))) >= 4
