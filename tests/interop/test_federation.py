"""Two instances on real uvicorn servers at 127.0.0.1: a kabupaten (Simalungun, under its own domain) and the
province. (a) Federation: a province query with SERVICE to the allow-listed kabupaten endpoint finds an
application recorded at both levels, joined on the national application IRI (skos:exactMatch), no names
compared. (b) Harvest: `spbe harvest` pulls the kabupaten's VoID-described dump into one graph per source,
incrementally (ETag / If-None-Match) and atomically; the province then validates and runs the duplicate
report across both; bad, vanished and non-allow-listed sources change nothing."""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from spbe_kg.benchmarks import servers
from spbe_kg.interop.harvest import graph_for
from spbe_kg.service.app import create_app
from spbe_kg.service.store.embedded import EmbeddedStore

from .conftest import KAB_BASE, PROV_BASE, PROVINCE_CSV, TOKEN, instance_settings, load_csv

SKOS = "http://www.w3.org/2004/02/skos/core#"
LAPOR = "https://w3id.org/spbe/id/aplikasi-nasional/sp4n-lapor"


def spbe(*args, allow: list[str] | None = None, lang: str = "id", base: str = PROV_BASE):
    env = dict(os.environ, SPBE_LANG=lang, SPBE_BASE_IRI=base)
    env["SPBE_HARVEST_ALLOWLIST"] = json.dumps(allow or [])
    return subprocess.run([str(Path(sys.executable).parent / "spbe"), *args], capture_output=True, text=True,
                          timeout=600, env=env)


@pytest.fixture(scope="module")
def province(kab, tmp_path_factory):
    d = tmp_path_factory.mktemp("prov")
    settings = instance_settings(d, PROV_BASE, federation_allowlist=[kab.url + "/sparql"],
                                 publisher_name="Pemerintah Provinsi Sumatera Utara")
    store = EmbeddedStore(settings.data_dir)
    csv = d / "inventaris_provsu.csv"
    csv.write_text(PROVINCE_CSV, encoding="utf-8")
    load_csv(store, csv, settings)
    with servers.app_server(create_app(settings, store=store)) as url:
        yield url
    store.close()


# --- (a) federation ------------------------------------------------------------------------------
def test_province_query_with_service_finds_an_application_at_both_levels(kab, province):
    q = f"""PREFIX skos: <{SKOS}>
    SELECT ?prov ?kab ?nas WHERE {{
      ?prov skos:exactMatch ?nas . FILTER(STRSTARTS(STR(?prov), "{PROV_BASE}"))
      SERVICE <{kab.url}/sparql> {{ ?kab skos:exactMatch ?nas }}
    }}"""
    r = httpx.get(province + "/sparql", params={"query": q}, headers={"Accept": "application/sparql-results+json"},
                  timeout=60)
    assert r.status_code == 200, r.text
    rows = [{k: v["value"] for k, v in b.items()} for b in r.json()["results"]["bindings"]]
    assert any(x["nas"] == LAPOR and x["kab"].startswith(KAB_BASE) and x["prov"].startswith(PROV_BASE) for x in rows), rows
    # the same SERVICE to an endpoint that is not allow-listed is refused before anything is sent
    other = q.replace(kab.url + "/sparql", "http://127.0.0.1:9/sparql")
    r = httpx.get(province + "/sparql", params={"query": other}, timeout=30)
    assert r.status_code == 403 and "federation_allowlist" in r.text


# --- (b) harvest ---------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def aggregate(tmp_path_factory):
    """The province's aggregation store (offline, like `spbe load`): its own inventory first."""
    d = tmp_path_factory.mktemp("agg")
    settings = instance_settings(d, PROV_BASE)
    store = EmbeddedStore(settings.data_dir)
    csv = d / "inventaris_provsu.csv"
    csv.write_text(PROVINCE_CSV, encoding="utf-8")
    load_csv(store, csv, settings)
    store.close()
    return settings.data_dir


def _graph_size(store_dir: Path, graph: str) -> int:
    s = EmbeddedStore(store_dir, read_only=True)
    try:
        return int(next(iter(s.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")))["n"].value)
    finally:
        s.close()


def _state(store_dir: Path) -> tuple[int, list[str]]:
    s = EmbeddedStore(store_dir, read_only=True)
    try:
        return s.triple_count(), s.named_graphs()
    finally:
        s.close()


def _distinct_triples(store) -> int:
    return int(next(iter(store.query(
        "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }")))["n"].value)


def test_harvest_is_incremental_and_atomic_then_validate_and_duplicates_span_both(kab, aggregate):
    void = kab.url + "/.well-known/void"
    allow = [kab.url + "/"]
    graph = graph_for(void, PROV_BASE)
    r = spbe("harvest", void, "--store", str(aggregate), allow=allow)
    assert r.returncode == 0, r.stderr
    assert "tripel dipanen ke graf" in r.stdout
    assert _graph_size(aggregate, graph) == _distinct_triples(kab.store)
    assert graph + "/meta" in _state(aggregate)[1]

    before = _state(aggregate)
    r = spbe("harvest", void, "--store", str(aggregate), allow=allow, lang="en")
    assert r.returncode == 0 and "unchanged since the last harvest" in r.stdout, r.stdout + r.stderr
    assert _state(aggregate) == before

    # the kabupaten changes: the next harvest takes the new dump, whole
    etag = httpx.get(kab.url + "/dumps/spbe-kg.nt.gz", timeout=60).headers["etag"]
    g = KAB_BASE + "graph/tambahan"
    httpx.put(kab.url + "/store", params={"graph": g}, content=f'<{g}#x> <{g}#p> "baru" .',
              headers={"Content-Type": "text/turtle", "Authorization": f"Bearer {TOKEN}"}, timeout=30)
    deadline = time.monotonic() + 60
    while httpx.get(kab.url + "/dumps/spbe-kg.nt.gz", timeout=60).headers["etag"] == etag:
        assert time.monotonic() < deadline
        time.sleep(0.2)
    r = spbe("harvest", void, "--store", str(aggregate), allow=allow)
    assert r.returncode == 0 and "dipanen" in r.stdout, r.stderr
    assert _graph_size(aggregate, graph) == _distinct_triples(kab.store)

    # the province validates and runs the duplicate report across its own records and the harvested ones
    out = aggregate.parent / "validasi.json"
    r = spbe("validate", "--store", str(aggregate), "--format", "json", "-o", str(out))
    assert r.returncode in (0, 1), r.stderr
    results = json.loads(out.read_text(encoding="utf-8"))["results"]
    assert any(x["focusNode"].startswith(KAB_BASE) for x in results), "the harvested records are validated"
    assert any(x["focusNode"].startswith(PROV_BASE) for x in results), "and the province's own"
    r = spbe("duplicates", "--store", str(aggregate), "--format", "json", "--no-write")
    assert r.returncode == 0, r.stderr
    clusters = json.loads(r.stdout)
    text = json.dumps(clusters)
    assert KAB_BASE in text and PROV_BASE in text
    found = [c for c in _clusters(clusters) if any(m.startswith(KAB_BASE) for m in _members(c))
             and any(m.startswith(PROV_BASE) for m in _members(c))]
    assert found, "a cluster spans the kabupaten and the province"


def _clusters(obj):
    for key in ("klaster", "clusters"):
        if isinstance(obj, dict) and key in obj:
            return obj[key]
    raise AssertionError(list(obj)[:10])


def _members(cluster) -> list[str]:
    out = []
    for key in ("anggota", "members"):
        for m in cluster.get(key, []):
            out.append(m.get("iri") or m.get("aplikasi") or json.dumps(m) if isinstance(m, dict) else m)
    return [json.dumps(x) if not isinstance(x, str) else x for x in out]


# --- refused and failing sources -----------------------------------------------------------------
def test_non_allow_listed_private_and_odd_sources_are_refused_and_change_nothing(kab, aggregate):
    before = _state(aggregate)
    void = kab.url + "/.well-known/void"
    r = spbe("harvest", void, "--store", str(aggregate), allow=[], lang="en")
    assert r.returncode == 1 and "is not in harvest_allowlist" in r.stderr
    port = kab.url.rsplit(":", 1)[1]
    r = spbe("harvest", f"http://localhost:{port}/.well-known/void", "--store", str(aggregate),
             allow=[f"http://localhost:{port}/"])
    assert r.returncode == 1 and "alamat privat/lokal" in r.stderr and "127.0.0.1" in r.stderr
    r = spbe("harvest", "ftp://127.0.0.1/void", "--store", str(aggregate), allow=["ftp://127.0.0.1/"])
    assert r.returncode == 1 and "harus http:// atau https://" in r.stderr
    r = spbe("harvest", "http://169.254.169.254/latest/meta-data/", "--store", str(aggregate), allow=[])
    assert r.returncode == 1 and "harvest_allowlist" in r.stderr
    assert _state(aggregate) == before


class Source:
    """A stand-in instance whose answers the test switches: good, garbage, error, gone."""

    def __init__(self, good_dump: bytes):
        self.mode = "good"
        self.good = good_dump

    def app(self):
        from starlette.applications import Starlette
        from starlette.responses import Response
        from starlette.routing import Route

        def void(request):
            if self.mode == "void-garbage":
                return Response("<html>bukan RDF", media_type="text/turtle")
            base = str(request.base_url)
            return Response(f"<{base}d> <http://rdfs.org/ns/void#dataDump> <{base}dump.nt.gz> .",
                            media_type="text/turtle")

        def dump(request):
            if self.mode == "error":
                return Response("down", status_code=500)
            if self.mode == "garbage":
                return Response(gzip.compress(b"<http://e/s> <http://e/p> \"unterminated ."), media_type="application/gzip")
            if self.mode == "bad-gzip":
                return Response(b"\x1f\x8b\x08\x00garbage", media_type="application/gzip")
            if self.mode == "empty":
                return Response(gzip.compress(b""), media_type="application/gzip")
            if self.mode == "redirect-out":
                return Response(status_code=302, headers={"Location": "http://169.254.169.254/dump.nt.gz"})
            return Response(self.good, media_type="application/gzip", headers={"ETag": f'"{len(self.good)}"'})

        return Starlette(routes=[Route("/void", void), Route("/dump.nt.gz", dump)])


def test_a_source_that_serves_garbage_or_disappears_keeps_the_last_good_copy(tmp_path):
    store_dir = tmp_path / "store"
    EmbeddedStore(store_dir).close()
    good = gzip.compress(b"".join(f'<http://e/s{i}> <http://e/p> "nilai {i}" .\n'.encode() for i in range(50)))
    src = Source(good)
    with contextlib.ExitStack() as stack:
        url = stack.enter_context(servers.app_server(src.app()))
        allow = [url + "/"]
        r = spbe("harvest", url + "/void", "--store", str(store_dir), allow=allow)
        assert r.returncode == 0, r.stderr
        graph = graph_for(url + "/void", PROV_BASE)
        assert _graph_size(store_dir, graph) == 50
        state = _state(store_dir)
        for mode, words in [("garbage", "bukan RDF yang valid"), ("bad-gzip", "bukan RDF yang valid"),
                            ("void-garbage", "bukan RDF yang valid"), ("error", "HTTP 500"),
                            ("empty", "kosong"), ("redirect-out", "harvest_allowlist")]:
            src.mode = mode
            r = spbe("harvest", url + "/void", "--store", str(store_dir), allow=allow)
            assert r.returncode == 1 and words in r.stderr, (mode, r.stderr)
            assert "Tidak ada yang diubah" in r.stderr or "tidak ada yang diubah" in r.stderr, (mode, r.stderr)
            assert _state(store_dir) == state, mode
    # the source is gone (server stopped)
    r = spbe("harvest", url + "/void", "--store", str(store_dir), allow=allow, lang="en")
    assert r.returncode == 1 and "cannot be reached" in r.stderr
    assert _state(store_dir) == state and _graph_size(store_dir, graph) == 50
