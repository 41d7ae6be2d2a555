"""Per-pemda tokens: a pemda writes only its own pemda's records into graphs that are new or its
own; every refusal is a 403 with a bilingual reason and leaves the store unchanged (all quads
compared); the admin token may do everything; the access log names the writer, never the token."""

from __future__ import annotations

import json
import logging

import pytest
from fastapi.testclient import TestClient

from spbe_kg.service.app import create_app
from spbe_kg.service.logging import flush_access_log
from spbe_kg.service.store.embedded import EmbeddedStore
from spbe_kg.service.tokens import add_token, verify
from spbe_kg.settings import Settings

ADMIN = "admin-rahasia"
KARO_CSV = ("pemda,opd_pengelola,nama_aplikasi,url\n"
            "Kab. Karo,Dinas Kesehatan,SIMPUS Karo,https://simpus.karokab.go.id\n")
MADIUN_CSV = ("pemda,opd_pengelola,nama_aplikasi,url\n"
              "Kab. Madiun,Dinas Sosial,SIKS Madiun,https://siks.madiunkab.go.id\n")
PROV = "http://www.w3.org/ns/prov#"


@pytest.fixture
def env(tmp_path):
    tokens = tmp_path / "tokens.json"
    settings = Settings(store="memory", enable_updates=True, write_token=ADMIN, tokens_file=tokens, query_workers=0)
    store = EmbeddedStore(None)
    karo, _ = add_token(tokens, "Pemerintah Kabupaten Karo")
    karo_opd, _ = add_token(tokens, "Kab. Karo", opd="Dinas Pendidikan")
    madiun, _ = add_token(tokens, "Kabupaten Madiun")
    with TestClient(create_app(settings, store=store)) as client:
        yield {"client": client, "store": store, "karo": karo, "karo_opd": karo_opd, "madiun": madiun}


def _h(token):
    return {"Authorization": f"Bearer {token}"}


def _quads(store) -> set[str]:
    return {str(q) for q in store.raw.quads_for_pattern(None, None, None, None)}


def _load(c, token, name, text, lang="en", **data):
    return c.post(f"/load?lang={lang}", files=[("file", (name, text.encode(), "text/csv"))], data=data,
                  headers=_h(token))


def _refused(r, key: str):
    assert r.status_code == 403, r.text
    assert r.headers.get("x-spbe-refusal") == key
    return r.text


def test_tokens_are_stored_hashed(tmp_path):
    f = tmp_path / "t.json"
    token, rec = add_token(f, "Kota Medan")
    text = f.read_text()
    assert token not in text and token.split("_", 2)[2] not in text
    assert oct(f.stat().st_mode & 0o777) == "0o600"
    assert verify(f, token) == rec and verify(f, token[:-1] + ("A" if token[-1] != "A" else "B")) is None
    assert verify(f, "spbe_" + rec.id) is None and verify(f, ADMIN) is None


def test_pemda_loads_its_own_file_with_provenance(env):
    c, store = env["client"], env["store"]
    r = _load(c, env["karo"], "karo.csv", KARO_CSV)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["principal"].startswith("pemda:Pemerintah Kabupaten Karo (token ")
    g = body["graphs"][0]
    q = (f"SELECT ?a ?i WHERE {{ GRAPH <{g}> {{ <{g}> <{PROV}wasAttributedTo> ?a . ?a <{PROV}actedOnBehalfOf> ?i ."
         f" <{g}> <{PROV}generatedAtTime> ?t }} }}")
    rows = list(store.query(q))
    assert len(rows) == 1 and rows[0]["i"].value.endswith("/instansi/pemerintah-kabupaten-karo")
    assert "/agen/token-" in rows[0]["a"].value
    again = _load(c, env["karo"], "karo.csv", KARO_CSV)  # its own graph: may replace it
    assert again.status_code == 200 and again.json()["graphs_replaced"] == [g]


def test_refusals_change_nothing(env):
    c, store = env["client"], env["store"]
    assert _load(c, ADMIN, "madiun.csv", MADIUN_CSV).status_code == 200
    assert _load(c, env["karo"], "karo.csv", KARO_CSV).status_code == 200
    before = _quads(store)
    madiun_graph = "https://w3id.org/spbe/id/graph/madiun-csv"
    karo_graph = "https://w3id.org/spbe/id/graph/karo-csv"
    reference = "https://w3id.org/spbe/graph/referensi"
    assert store.has_graph(reference)

    # another pemda's records in the file
    text = _refused(_load(c, env["karo"], "lain.csv", MADIUN_CSV), "scope-records")
    assert "another agency" in text
    # another pemda named as the agency of the upload
    _refused(_load(c, env["karo"], "lain.csv", KARO_CSV, instansi="Kabupaten Madiun"), "scope-instansi")
    # a graph that is another pemda's (same file name as Madiun's upload)
    _refused(_load(c, env["karo"], "madiun.csv", KARO_CSV), "scope-graph")
    # and the other way round: Madiun's token on Karo's graph
    _refused(_load(c, env["madiun"], "karo.csv", MADIUN_CSV), "scope-graph")
    # an OPD token: records of another OPD of its own pemda
    _refused(_load(c, env["karo_opd"], "opd.csv", KARO_CSV), "scope-records")
    # RDF (could say anything about anyone), even naming only its own graph
    r = c.post("/load", files=[("file", ("x.ttl", b"<http://e/a> <http://e/b> 'c' .", "text/turtle"))],
               headers=_h(env["karo"]))
    _refused(r, "scope-rdf")
    # the administrator's switch
    _refused(_load(c, env["karo"], "karo.csv", KARO_CSV, admin="true"), "scope-admin-only")
    # Graph Store: PUT/POST refused, DELETE of the reference / another pemda's graph refused
    for method in ("put", "post"):
        r = c.request(method.upper(), "/store", params={"graph": karo_graph}, content=b"<http://e/a> <http://e/b> 'c' .",
                      headers={**_h(env["karo"]), "Content-Type": "text/turtle"})
        _refused(r, "scope-admin-only")
    for g in (reference, madiun_graph):
        _refused(c.delete("/store", params={"graph": g}, headers=_h(env["karo"])), "scope-graph")
    _refused(c.delete("/store", params={"default": ""}, headers=_h(env["karo"])), "scope-admin-only")
    # SPARQL update
    r = c.post("/sparql", data={"update": f"DROP GRAPH <{madiun_graph}>"}, headers=_h(env["karo"]))
    _refused(r, "scope-update")
    r = c.post("/sparql", data={"update": f"INSERT DATA {{ GRAPH <{karo_graph}> {{ <http://e/a> <http://e/b> 1 }} }}"},
               headers=_h(env["karo"]))
    _refused(r, "scope-update")
    # a code suggestion decided on another pemda's application
    app_iri = next(iter(store.query(
        f"SELECT ?a WHERE {{ GRAPH <{madiun_graph}> {{ ?a a <https://w3id.org/spbe/ontology#Aplikasi> }} }}")))["a"].value
    r = c.post("/saran/terima", json={"aplikasi": app_iri, "kode": "RAL.02.04"}, headers=_h(env["karo"]))
    _refused(r, "scope-app")
    assert _quads(store) == before


def test_refusal_is_bilingual(env):
    c = env["client"]
    r = _load(c, env["karo"], "lain.csv", MADIUN_CSV, lang="id")
    assert "Ditolak, tidak ada yang diubah" in _refused(r, "scope-records")
    r = _load(c, env["karo"], "lain.csv", MADIUN_CSV, lang="en")
    assert "Refused, nothing changed" in _refused(r, "scope-records")


def test_pemda_deletes_its_own_graph_and_admin_everything(env):
    c, store = env["client"], env["store"]
    g = _load(c, env["karo"], "karo.csv", KARO_CSV).json()["graphs"][0]
    assert c.delete("/store", params={"graph": g}, headers=_h(env["karo"])).status_code == 204
    assert not store.has_graph(g)
    g = _load(c, env["madiun"], "madiun.csv", MADIUN_CSV).json()["graphs"][0]
    assert c.delete("/store", params={"graph": g}, headers=_h(ADMIN)).status_code == 204
    r = c.post("/sparql", data={"update": "INSERT DATA { GRAPH <http://e/g> { <http://e/a> <http://e/b> 1 } }"},
               headers=_h(ADMIN))
    assert r.status_code == 204


def test_wrong_or_revoked_token_is_refused(env, tmp_path):
    from spbe_kg.service.tokens import read_tokens, remove_token

    c = env["client"]
    r = _load(c, env["karo"] + "x", "karo.csv", KARO_CSV)
    assert r.status_code == 403 and "Wrong write token" in r.text
    tokens = tmp_path / "tokens.json"
    tid = next(rec.id for rec in read_tokens(tokens).values() if rec.instansi.endswith("Madiun"))
    assert remove_token(tokens, tid)
    assert _load(c, env["madiun"], "madiun.csv", MADIUN_CSV).status_code == 403


def test_access_log_names_the_writer_never_the_token(env, caplog):
    c = env["client"]
    with caplog.at_level(logging.INFO, logger="spbe.access"):
        _load(c, env["karo"], "karo.csv", KARO_CSV)
        _load(c, env["karo"], "lain.csv", MADIUN_CSV)
        flush_access_log()
    records = [json.loads(r.getMessage()) for r in caplog.records if r.name == "spbe.access"]
    loads = [x for x in records if x["path"] == "/load"]
    assert [x["status"] for x in loads] == [200, 403]
    assert all(x["principal"].startswith("pemda:Pemerintah Kabupaten Karo") for x in loads)
    assert loads[0]["write"]["graphs"] == ["https://w3id.org/spbe/id/graph/karo-csv"]
    assert env["karo"] not in caplog.text


def test_decisions_take_the_token_principal(env):
    """``/decisions`` with a pemda token: its principal is its agency (``roadmap.scope``), so a decision
    about another pemda's application is refused and records nothing; the admin may make it."""
    c, store = env["client"], env["store"]
    assert _load(c, ADMIN, "madiun.csv", MADIUN_CSV).status_code == 200
    assert _load(c, env["karo"], "karo.csv", KARO_CSV).status_code == 200
    q = "SELECT ?a WHERE {{ GRAPH <https://w3id.org/spbe/id/graph/{}-csv> {{ ?a a <https://w3id.org/spbe/ontology#Aplikasi> }} }}"
    karo_app = next(iter(store.query(q.format("karo"))))["a"].value
    madiun_app = next(iter(store.query(q.format("madiun"))))["a"].value
    body = {"jenis": "tolak-pasangan", "aplikasi": [karo_app, madiun_app], "alasan": "beda"}
    before = _quads(store)
    r = c.post("/decisions?lang=en", json=body, headers=_h(env["karo"]))
    assert r.status_code == 403, r.text
    assert _quads(store) == before
    r = c.post("/decisions", json=body, headers=_h(ADMIN))
    assert r.status_code == 201, r.text
    assert r.json()["oleh"] == "admin"
