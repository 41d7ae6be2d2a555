"""Fixtures for linked data, exports, federation and harvest: real inventories through the real loader into
real embedded stores, served by our app on real uvicorn servers at 127.0.0.1.

- ``kab``: Kabupaten Simalungun (examples/sumut) under its own domain ``https://data.simalungunkab.go.id/spbe/``,
  with duplicate findings (the real analysis), one service record, one code suggestion and one decision
  (the shapes of the decisions contract), served with updates on (TOKEN).
- ``PROVINCE_CSV``: the province's own inventory; it records SP4N-LAPOR (a national application that
  Simalungun records too) and one regional application.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest

from spbe_kg.benchmarks import servers
from spbe_kg.loaders.api import convert_files, load_into_store
from spbe_kg.ontology.namespaces import PREFIXES
from spbe_kg.service.app import create_app
from spbe_kg.service.store.embedded import EmbeddedStore
from spbe_kg.settings import Settings
from tests.support import TOKEN

ROOT = Path(__file__).resolve().parents[2]
KAB_CSV = ROOT / "examples" / "sumut" / "aplikasi_kab_simalungun.csv"
KAB_BASE = "https://data.simalungunkab.go.id/spbe/"
PROV_BASE = "https://data.sumutprov.go.id/spbe/"
SPBE = PREFIXES["spbe"]
PROVINCE_CSV = textwrap.dedent("""\
    pemda,opd_pengelola,nama_aplikasi,nama_singkat,deskripsi,url,status,klasifikasi,kode_ral
    Pemerintah Provinsi Sumatera Utara,Biro Organisasi,SP4N LAPOR Provsu,LAPOR,Pengaduan pelayanan publik tingkat provinsi,https://www.lapor.go.id,aktif,umum,RAL.02.04.05
    Pemerintah Provinsi Sumatera Utara,Dinas Komunikasi dan Informatika,Portal Data Sumut,PDS,Portal data terbuka provinsi,https://data.sumutprov.go.id,aktif,khusus,RAL.02.04.03
    """)


@dataclass
class Instance:
    url: str
    settings: Settings
    store: EmbeddedStore
    iris: dict[str, str]  # kind of resource -> one IRI of that kind


def load_csv(store, path: Path, settings: Settings):
    result = convert_files([path], settings=settings)
    assert result.ok, [r.reason for r in result.rows if r.status == "error"]
    load_into_store(store, result, settings=settings)
    return result


def instance_settings(directory: Path, base: str, **kw) -> Settings:
    opts = dict(store="embedded", data_dir=directory / "store", base_iri=base, enable_updates=True,
                write_token=TOKEN, query_workers=0, query_timeout_s=20.0, dump_check_s=0.3,
                publisher_name="Pemerintah Kabupaten Simalungun")
    opts.update(kw)
    return Settings(**opts)


def _contract_extras(store, base: str, app: str) -> dict[str, str]:
    """One service record, one code suggestion and one decision on it, shaped as the decisions contract says."""
    n = ox.NamedNode
    service = base + "layanan/pemerintah-kabupaten-simalungun/penilaian-kinerja-pegawai"
    sug = base + "saran-kode/0123456789abcdef"
    dec = base + "keputusan/fedcba9876543210"
    inst = base + "instansi/pemerintah-kabupaten-simalungun"
    g_l, g_s, g_k = n(base + "graph/layanan-uji"), n(base + "graph/saran-kode"), n(base + "graph/keputusan")
    ral = "https://w3id.org/spbe/ref/RAL.02.04.03"
    t = PREFIXES["rdf"] + "type"
    quads = [
        ox.Quad(n(service), n(t), n(SPBE + "LayananPublik"), g_l),
        ox.Quad(n(service), n(SPBE + "nama"), ox.Literal("Penilaian kinerja pegawai", language="id"), g_l),
        ox.Quad(n(service), n(SPBE + "instansi"), n(inst), g_l),
        ox.Quad(n(app), n(SPBE + "melayani"), n(service), g_l),
        ox.Quad(n(sug), n(t), n(SPBE + "SaranKode"), g_s),
        ox.Quad(n(sug), n(SPBE + "untukAplikasi"), n(app), g_s),
        ox.Quad(n(sug), n(SPBE + "kode"), n(ral), g_s),
        ox.Quad(n(sug), n(SPBE + "skor"), ox.Literal("0.82", datatype=n(PREFIXES["xsd"] + "decimal")), g_s),
        ox.Quad(n(sug), n(SPBE + "peringkat"), ox.Literal("1", datatype=n(PREFIXES["xsd"] + "integer")), g_s),
        ox.Quad(n(sug), n(SPBE + "metode"), ox.Literal("tfidf-kode"), g_s),
        ox.Quad(n(sug), n(SPBE + "buktiTeks"), ox.Literal("kinerja, pegawai"), g_s),
        ox.Quad(n(dec), n(t), n(SPBE + "Keputusan"), g_k),
        ox.Quad(n(dec), n(SPBE + "jenisKeputusan"), ox.Literal("terima-kode"), g_k),
        ox.Quad(n(dec), n(SPBE + "tentang"), n(app), g_k),
        ox.Quad(n(dec), n(SPBE + "kode"), n(ral), g_k),
        ox.Quad(n(dec), n(SPBE + "alasan"), ox.Literal("Sesuai fungsi aplikasi", language="id"), g_k),
        ox.Quad(n(dec), n(PREFIXES["prov"] + "endedAtTime"),
                ox.Literal("2026-12-01T10:00:00Z", datatype=n(PREFIXES["xsd"] + "dateTime")), g_k),
        ox.Quad(n(dec), n(PREFIXES["prov"] + "used"), n(sug), g_k),
    ]
    store.add_quads(quads)
    return {"service": service, "suggestion": sug, "decision": dec}


@pytest.fixture(scope="module")
def kab(tmp_path_factory):
    from spbe_kg.queries.duplicates import analyse
    from spbe_kg.queries.findings_rdf import write_findings

    d = tmp_path_factory.mktemp("kab")
    settings = instance_settings(d, KAB_BASE)
    store = EmbeddedStore(settings.data_dir)
    result = load_csv(store, KAB_CSV, settings)
    rows = [r for r in result.rows if r.status == "loaded"]
    app = rows[0].resource  # E-Kinerja, row 2
    write_findings(store, analyse(store, settings), settings)
    finding = next(iter(store.query(f"SELECT ?f WHERE {{ ?f <{SPBE}anggota> ?a }} LIMIT 1")))["f"].value
    opd = next(iter(store.query(f"SELECT ?o WHERE {{ <{app}> <{SPBE}opdPengelola> ?o }}")))["o"].value
    inst = next(iter(store.query(f"SELECT ?i WHERE {{ <{app}> <{SPBE}instansi> ?i }}")))["i"].value
    row = next(iter(store.query(f"SELECT ?r WHERE {{ <{app}> <{SPBE}barisSumber> ?r }}")))["r"].value
    iris = {"application": app, "opd": opd, "pemda": inst, "source row": row, "finding": finding,
            **_contract_extras(store, KAB_BASE, app),
            "ontology term": SPBE + "Aplikasi", "reference concept": "https://w3id.org/spbe/ref/RAL.02.04.03",
            "national application": "https://w3id.org/spbe/id/aplikasi-nasional/sp4n-lapor"}
    with servers.app_server(create_app(settings, store=store)) as url:
        yield Instance(url, settings, store, iris)
    store.close()
