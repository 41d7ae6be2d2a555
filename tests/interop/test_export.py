"""`spbe export`: CPSV-AP and DCAT-AP exports of a real inventory, validated with pySHACL against the
profiles' published shapes (copies in interop/shapes/, CC BY 4.0) with zero violations; a broken export
is caught by the same check; errors say what to do."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from spbe_kg.interop import export as ex
from spbe_kg.service.store.embedded import EmbeddedStore
from spbe_kg.settings import Settings

from .conftest import KAB_CSV, PROVINCE_CSV, load_csv

CV = rdflib.Namespace("http://data.europa.eu/m8g/")
CPSV = rdflib.Namespace("http://purl.org/vocab/cpsv#")
DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")


def spbe(*args, env=None):
    """The installed ``spbe`` command in a child process (exit codes and messages as a user meets them)."""
    return subprocess.run([str(Path(sys.executable).parent / "spbe"), *args], capture_output=True, text=True,
                          timeout=600, env=env)


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp("export")
    settings = Settings(store="embedded", data_dir=d / "store")
    store = EmbeddedStore(settings.data_dir)
    load_csv(store, KAB_CSV, settings)
    store.close()
    return d / "store"


def test_the_shapes_are_in_the_repository_and_are_the_published_ones():
    for profile, path in ex.SHAPES.items():
        g = rdflib.Graph().parse(path)
        assert len(g) > 500, profile
    shared = ex.SHAPES_DIR.parents[1].parent / "shared" / "vocab" / "dcat-ap-3.0.1" / "shapes.ttl"
    if shared.is_file():  # the copy is unmodified
        assert shared.read_bytes() == ex.SHAPES["dcat-ap"].read_bytes()


def test_cpsv_ap_export_conforms(store_dir, tmp_path):
    out = tmp_path / "cpsv.ttl"
    r = spbe("export", "--profile", "cpsv-ap", "--store", str(store_dir), "-o", str(out), "--check")
    assert r.returncode == 0, r.stderr
    assert "0 pelanggaran" in r.stderr
    g = rdflib.Graph().parse(out)
    services = set(g.subjects(rdflib.RDF.type, CPSV.PublicService))
    assert len(services) >= 10
    channels = {c for s in services for c in g.objects(s, CV.hasChannel)}
    assert any("/aplikasi/" in str(c) for c in channels)  # the channels are the applications
    for s in services:
        assert g.value(s, CV.hasCompetentAuthority) is not None


def test_dcat_ap_export_conforms(store_dir, tmp_path):
    out = tmp_path / "dcat.ttl"
    r = spbe("export", "--profile", "dcat-ap", "--store", str(store_dir), "-o", str(out), "--check", "--lang", "en")
    assert r.returncode == 0, r.stderr
    assert "conforms, 0 violations" in r.stderr
    g = rdflib.Graph().parse(out)
    services = set(g.subjects(rdflib.RDF.type, DCAT.DataService))
    assets = set(g.subjects(rdflib.RDF.type, rdflib.URIRef("http://www.w3.org/ns/adms#Asset")))
    assert len(services) >= 30 and services <= assets
    assert len(set(g.subjects(rdflib.RDF.type, DCAT.Catalog))) == 1


def test_the_check_finds_violations_in_a_broken_export(store_dir):
    store = EmbeddedStore(store_dir, read_only=True)
    try:
        result = ex.export_dcat(store, Settings(store="memory"))
    finally:
        store.close()
    title = ox.NamedNode("http://purl.org/dc/terms/title")
    result.triples = [t for t in result.triples if t.predicate != title]
    c = ex.check(result)
    assert not c.conforms and any("dct:title" in r or "title" in r for r in c.by_rule()), c.by_rule()


def test_several_agencies_need_a_publisher_and_empty_stores_export_nothing(tmp_path):
    settings = Settings(store="embedded", data_dir=tmp_path / "store")
    store = EmbeddedStore(settings.data_dir)
    prov = tmp_path / "provinsi.csv"
    prov.write_text(PROVINCE_CSV, encoding="utf-8")
    load_csv(store, KAB_CSV, settings)
    load_csv(store, prov, settings)
    store.close()
    r = spbe("export", "--profile", "dcat-ap", "--store", str(tmp_path / "store"), "--lang", "en")
    assert r.returncode == 2 and "holds 2 agencies" in r.stderr and "--publisher-name" in r.stderr
    r = spbe("export", "--profile", "dcat-ap", "--store", str(tmp_path / "store"), "--publisher-name",
             "Pemerintah Provinsi Sumatera Utara", "--check")
    assert r.returncode == 0, r.stderr
    empty = tmp_path / "kosong"
    EmbeddedStore(empty).close()
    r = spbe("export", "--profile", "cpsv-ap", "--store", str(empty))
    assert r.returncode == 2 and "tidak memuat layanan" in r.stderr
    r = spbe("export", "--profile", "cpsv-ap", "--store", str(tmp_path / "tidak-ada"))
    assert r.returncode == 2 and "belum ada" in r.stderr
