"""Code suggestions (issue 10): lexicon as data, storage apart from declared codes, decisions that survive
re-loads and re-runs, the CLI and HTTP with the write token, the --saran query switch, Info in validation.

A small census in the layout of a regional form is written to a temp dir and loaded by the real loaders
into real pyoxigraph stores (in memory, and on disk for the CLI).
"""

from __future__ import annotations

import csv
import gc
import json
from pathlib import Path

import pytest

from spbe_kg.queries import saran, saran_store
from spbe_kg.queries.lexicon import build_lexicon
from spbe_kg.queries.records import AppRecord
from spbe_kg.queries.suggest import suggest_records
from spbe_kg.settings import Settings

REF = "https://w3id.org/spbe/ref/"
ROWS = [
    ("Badan Kepegawaian Daerah", "SIMPEG", "Sistem informasi data pegawai", "https://simpeg.contohkab.go.id"),
    ("Dinas Kesehatan", "Antrian Online", "Ambil nomor antrian layanan", "https://antrian.dinkes.contohkab.go.id"),
    ("Dinas Sosial", "Aplikasi Zorblat", "pengelolaan zorblat warga", ""),
    ("Sekretariat Daerah", "e-Office", "Surat masuk, surat keluar dan disposisi", "https://eoffice.contohkab.go.id"),
    ("Inspektorat", "Pengaduan Masyarakat", "kanal pengaduan pelayanan publik", "https://aduan.contohkab.go.id"),
]


def write_census(d: Path) -> Path:
    p = d / "aplikasi_kab_contoh.csv"
    with open(p, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["nama_perangkat_daerah", "nama_aplikasi", "deskripsi_singkat", "alamat_domain_link", "status_aplikasi"])
        for r in ROWS:
            w.writerow([*r, "Aktif"])
    return p


def load(store, path: Path, settings: Settings):
    from spbe_kg.loaders.api import convert_files, load_into_store

    res = convert_files([path], settings=settings, partial=True, instansi="Pemerintah Kabupaten Contoh")
    load_into_store(store, res, settings=settings)
    return store


@pytest.fixture()
def census(tmp_path) -> Path:
    return write_census(tmp_path)


@pytest.fixture()
def store(census):
    from spbe_kg.service.store.embedded import EmbeddedStore

    return load(EmbeddedStore(None), census, Settings(store="memory"))


def _iri(store, name: str) -> str:
    from spbe_kg.queries.records import fetch_records

    return next(r.iri for r in fetch_records(store) if r.name == name)


def _top(sugs, app: str, scheme: str = "RAB") -> str | None:
    return next((s.notation for s in sugs if s.app == app and s.scheme == scheme and s.rank == 1), None)


def test_suggestions_rank_score_evidence_and_are_deterministic(store):
    st = Settings(store="memory")
    a = saran.run(store, st, write=False).suggestions
    b = saran.run(store, st, write=False).suggestions
    assert [(s.app, s.scheme, s.code, s.score, s.rank, s.evidence) for s in a] == \
           [(s.app, s.scheme, s.code, s.score, s.rank, s.evidence) for s in b]
    simpeg = _iri(store, "SIMPEG")
    assert _top(a, simpeg) == "RAB.09.06.03" and _top(a, simpeg, "RAL") == "RAL.02.04.03"
    assert _top(a, simpeg, "RAA") == "RAA.01.02"
    s1 = next(s for s in a if s.app == simpeg and s.scheme == "RAB" and s.rank == 1)
    assert 0 < s1.score <= 1 and any("simpeg" in e for e in s1.evidence) and s1.method and s1.version
    assert _top(a, _iri(store, "e-Office")) == "RAB.09.06.06"
    ranks = [s.rank for s in a if s.app == simpeg and s.scheme == "RAB"]
    assert ranks == list(range(1, len(ranks) + 1)) and len(ranks) <= 3


def test_adding_a_synonym_to_the_lexicon_changes_the_result(tmp_path):
    """An architect adds a word in Turtle (no Python): an unknown application gets the function."""
    rec = AppRecord("http://x/a", "Aplikasi Zorblat", description="pengelolaan zorblat warga")
    before = suggest_records([rec], [], lex=build_lexicon())
    assert _top(before, "http://x/a") != "RAB.04.02.05"
    extra = tmp_path / "sinonim.ttl"
    extra.write_text("""@prefix fa: <https://w3id.org/spbe/ref/fungsi-aplikasi/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
fa:kesejahteraan-sosial skos:hiddenLabel "zorblat"@id .
""", encoding="utf-8")
    after = suggest_records([rec], [], lex=build_lexicon([extra]))
    assert _top(after, "http://x/a") == "RAB.04.02.05"
    top = next(s for s in after if s.scheme == "RAB" and s.rank == 1)
    assert any("zorblat" in e for e in top.evidence)


def test_setting_leksikon_tambahan_reaches_the_store_run(store, tmp_path):
    extra = tmp_path / "x.ttl"
    extra.write_text('@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n'
                     '<https://w3id.org/spbe/ref/RAB.04.02.05> skos:altLabel "zorblat"@id .\n', encoding="utf-8")
    app = _iri(store, "Aplikasi Zorblat")
    plain = saran.run(store, Settings(store="memory"), write=False).suggestions
    more = saran.run(store, Settings(store="memory", leksikon_tambahan=[extra]), write=False).suggestions
    assert _top(plain, app) != "RAB.04.02.05" and _top(more, app) == "RAB.04.02.05"


def test_suggestions_are_stored_apart_and_decisions_survive_reloads(store, census):
    st = Settings(store="memory")
    run = saran.run(store, st)
    assert run.written and store.has_graph(saran_store.saran_graph(st))
    simpeg = _iri(store, "SIMPEG")
    # stored apart: no declared code appeared
    assert not bool(store.query(f"ASK {{ <{simpeg}> <https://w3id.org/spbe/ontology#kodeRAB> ?k }}"))
    from spbe_kg.queries import decide

    decide.decide(store, st, kind="tolak-kode", app=simpeg, code=REF + "RAB.09.06.03", reason="bukan")
    decide.decide(store, st, kind="terima-kode", app=simpeg, code=REF + "RAL.02.04.03")
    load(store, census, st)  # the same file again
    saran.run(store, st)  # a later run
    sugs = saran_store.read_suggestions(store, st, simpeg)
    assert REF + "RAB.09.06.03" not in {s.code for s in sugs}  # rejected: never suggested again
    assert not [s for s in sugs if s.scheme == "RAL"]  # accepted: now declared, no RAL suggestions
    assert bool(store.query(f"ASK {{ <{simpeg}> <https://w3id.org/spbe/ontology#kodeRAL> <{REF}RAL.02.04.03> }}"))
    decisions = saran_store.read_decisions(store, st)
    assert [d.kind for d in decisions] == ["tolak-kode", "terima-kode"]
    assert decisions[0].reason == "bukan" and decisions[0].agent.endswith("/agen/admin")
    # the latest decision wins: rejecting the accepted code removes it from the declared codes
    decide.decide(store, st, kind="tolak-kode", app=simpeg, code=REF + "RAL.02.04.03")
    assert not bool(store.query(f"ASK {{ <{simpeg}> <https://w3id.org/spbe/ontology#kodeRAL> ?k }}"))


def test_decision_on_unknown_application_or_code_is_refused(store):
    from spbe_kg.queries import decide

    st = Settings(store="memory")
    with pytest.raises(decide.UnknownApp):
        decide.decide(store, st, kind="terima-kode", app="https://x/tidak-ada", code=REF + "RAB.09.06.03")
    with pytest.raises(decide.UnknownCode):
        decide.decide(store, st, kind="terima-kode", app=_iri(store, "SIMPEG"), code=REF + "RAB.99.99.99")


def test_query_switch_reads_declared_plus_suggested(store):
    from spbe_kg.queries.catalog import get_query
    from spbe_kg.queries.saran_query import include_suggestions

    st = Settings(store="memory")
    q = get_query("tanpa-pemetaan-layanan").bind({})
    n_declared = len(list(store.query(q)))
    saran.run(store, st)
    assert len(list(store.query(q))) == n_declared == len(ROWS)
    assert len(list(store.query(include_suggestions(q)))) < n_declared
    counts = get_query("jumlah-per-kode").bind({})
    assert not list(store.query(counts)) or all("RAB.09.06.03" != r["kode"].value for r in store.query(counts))
    assert any(r["kode"].value == "RAB.09.06.03" for r in store.query(include_suggestions(counts)))


def test_validation_report_carries_suggestions_as_info(store):
    from spbe_kg.shapes.validate import validate_store

    st = Settings(store="memory")
    saran.run(store, st)
    rep = validate_store(store, settings=st, engine="sparql")
    info = [r for r in rep.results if r.rule_id.endswith("saran#KodeDisarankan")]
    assert info and all(r.severity == "Info" for r in info)
    assert any(r.message_id.startswith("kode disarankan RAB.09.06.03") and r.row for r in info)
    assert any(r.message_en.startswith("suggested code") for r in info)


def test_http_accept_and_reject_need_the_write_token(store):
    from fastapi.testclient import TestClient

    from spbe_kg.service.app import create_app

    st = Settings(store="memory", enable_updates=True, write_token="rahasia", query_workers=0)
    saran.run(store, st)
    c = TestClient(create_app(st, store=store))
    app = _iri(store, "SIMPEG")
    listed = c.get("/saran", params={"aplikasi": app}).json()
    assert listed and listed[0]["aplikasi"] == app
    body = {"aplikasi": app, "kode": "RAB.09.06.03", "alasan": "benar"}
    assert c.post("/saran/terima", json=body).status_code == 401
    assert c.post("/saran/terima", json=body, headers={"Authorization": "Bearer salah"}).status_code == 403
    r = c.post("/saran/terima", json=body, headers={"Authorization": "Bearer rahasia"})
    assert r.status_code == 201 and "/keputusan/" in r.json()["keputusan"]
    r = c.post("/saran/tolak", json={**body, "aplikasi": app + "-x"}, headers={"Authorization": "Bearer rahasia"})
    assert r.status_code == 404
    q = c.get("/kueri/tanpa-pemetaan-layanan", params={"saran": "true"})
    assert q.status_code == 200 and q.headers["content-type"].startswith("application/sparql-results+json")
    page = c.get("/resource", params={"iri": app})
    assert page.status_code == 200 and 'id="suggestions"' in page.text


def test_cli_run_decide_and_query_switch(census, tmp_path, capsys):
    from spbe_kg.service.cli import main
    from spbe_kg.service.store.embedded import EmbeddedStore

    d = tmp_path / "store"
    s = load(EmbeddedStore(d), census, Settings(store="embedded", data_dir=d))
    app = _iri(s, "SIMPEG")
    s.close()
    del s
    gc.collect()
    assert main(["saran", "jalankan", "--store", str(d), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert any(r["aplikasi"] == app and r["kode"] == "RAB.09.06.03" for r in out)
    assert main(["saran", "tolak", app, "RAB.09.06.03", "--alasan", "uji", "--store", str(d)]) == 0
    assert main(["saran", "terima", app, "RAB.99.99", "--store", str(d)]) == 2
    capsys.readouterr()
    assert main(["saran", "daftar", app, "--store", str(d), "--format", "csv"]) == 0
    assert "RAB.09.06.03" not in capsys.readouterr().out
    assert main(["query", "tanpa-pemetaan-layanan", "--saran", "--store", str(d), "--format", "csv"]) == 0
    with_sug = capsys.readouterr().out.count("\n")
    assert main(["query", "tanpa-pemetaan-layanan", "--store", str(d), "--format", "csv"]) == 0
    assert capsys.readouterr().out.count("\n") > with_sug
