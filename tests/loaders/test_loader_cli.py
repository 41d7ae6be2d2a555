"""The real ``spbe convert`` / ``spbe load`` / ``spbe mapping`` commands, in subprocesses, on a real store."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from spbe_kg.service.store.embedded import EmbeddedStore

SPBE = "https://w3id.org/spbe/ontology#"
GOOD = "pemda,opd_pengelola,nama_aplikasi,url\nKota Medan,Dinas Sosial,SIKS-NG,https://siks.kemensos.go.id\nKota Medan,Dinas Sosial,SIMPEG,\n"


@pytest.fixture
def good(tmp_path):
    p = tmp_path / "medan.csv"
    p.write_text(GOOD)
    return p


@pytest.fixture
def bad_json(tmp_path):
    p = tmp_path / "medan.json"
    p.write_text(json.dumps([{"pemda": "Kota Medan", "nama_aplikasi": "E-Office"}, 42]))
    return p


def app_names(store_dir) -> set[str]:
    s = EmbeddedStore(store_dir, read_only=True)
    try:
        return {r["n"].value for r in s.query(f"SELECT ?n WHERE {{ ?a a <{SPBE}Aplikasi> ; <{SPBE}nama> ?n }}")}
    finally:
        s.close()


@pytest.mark.parametrize("ext,fmt", [(".ttl", ox.RdfFormat.TURTLE), (".nt", ox.RdfFormat.N_TRIPLES),
                                     (".nq", ox.RdfFormat.N_QUADS), (".trig", ox.RdfFormat.TRIG),
                                     (".jsonld", ox.RdfFormat.JSON_LD)])
def test_convert_writes_each_format(cli, good, tmp_path, ext, fmt):
    out = tmp_path / f"out{ext}"
    r = cli("convert", str(good), "-o", str(out))
    assert r.returncode == 0, r.stderr.decode()
    quads = list(ox.parse(out.read_bytes(), format=fmt))
    assert any(getattr(q, "object", None) == ox.Literal("SIKS-NG") for q in quads)
    if fmt.supports_datasets:
        assert {q.graph_name.value for q in quads} == {"https://w3id.org/spbe/id/graph/medan-csv"}


@pytest.mark.slow
def test_convert_is_deterministic_and_turtle_on_stdout(cli, good, tmp_path):
    a, b = tmp_path / "a.nt", tmp_path / "b.nt"
    assert cli("convert", str(good), "-o", str(a)).returncode == 0
    assert cli("convert", str(good), "-o", str(b)).returncode == 0
    assert a.read_bytes() == b.read_bytes()
    lines = a.read_text().splitlines()
    assert lines == sorted(lines)
    r = cli("convert", str(good), "--base-iri", "https://data.pemkomedan.go.id/spbe")
    assert r.returncode == 0
    assert b"<https://data.pemkomedan.go.id/spbe/aplikasi/pemerintah-kota-medan/dinas-sosial/siks-ng>" in r.stdout
    assert r.stdout.startswith(b"@prefix")


@pytest.mark.slow
def test_exit_codes_and_no_tracebacks(cli, good, bad_json, tmp_path):
    r = cli("convert", str(bad_json))
    assert r.returncode == 1
    err = r.stderr.decode()
    assert "GALAT: medan.json, baris 2" in err and "--partial" in err and r.stdout == b""
    r = cli("convert", str(bad_json), "--lang", "en")
    assert "ERROR: medan.json, row 2" in r.stderr.decode() and "rows in error" in r.stderr.decode()
    assert cli("convert", str(bad_json), "--partial").returncode == 0
    for args in (["convert", str(tmp_path / "missing.csv")], ["convert", str(good), "-o", str(tmp_path / "x.rdf")],
                 ["convert", str(good), "--mapping", str(good)], ["convert"], ["mapping", "suggest", str(tmp_path)]):
        r = cli(*args)
        assert r.returncode == 2, (args, r.stderr)
        assert b"Traceback" not in r.stderr


@pytest.mark.slow
def test_load_replace_and_atomic_rejection(cli, good, bad_json, tmp_path):
    store = tmp_path / "store"
    r = cli("load", str(good), "--store", str(store))
    assert r.returncode == 0, r.stderr.decode()
    assert app_names(store) == {"SIKS-NG", "SIMPEG"}
    # the file changes: re-loading replaces its graph whole, no stale SIMPEG left behind
    good.write_text(GOOD.replace("SIMPEG", "SIMPEG Baru"))
    assert cli("load", str(good), "--store", str(store)).returncode == 0
    assert app_names(store) == {"SIKS-NG", "SIMPEG Baru"}
    # a file with an error row loads nothing (and other files in the same call neither)
    r = cli("load", str(bad_json), str(good), "--store", str(store))
    assert r.returncode == 1
    assert app_names(store) == {"SIKS-NG", "SIMPEG Baru"}
    # --partial keeps the good rows
    assert cli("load", str(bad_json), "--store", str(store), "--partial").returncode == 0
    assert app_names(store) == {"SIKS-NG", "SIMPEG Baru", "E-Office"}
    s = EmbeddedStore(store, read_only=True)
    try:
        graphs = s.named_graphs()
    finally:
        s.close()
    assert "https://w3id.org/spbe/graph/referensi" in graphs
    assert {"https://w3id.org/spbe/id/graph/medan-csv", "https://w3id.org/spbe/id/graph/medan-json"} <= set(graphs)


def test_bundled_example_loads_with_no_arguments(cli, tmp_path):
    """``spbe load examples/sumut/*`` (what ``make store`` runs): every layout recognised, reports passed over."""
    root = Path(__file__).resolve().parents[2] / "examples" / "sumut"
    files = sorted(str(p) for p in root.iterdir() if p.suffix in (".csv", ".xlsx"))
    assert files, "examples/sumut is part of the repository"
    store = tmp_path / "store"
    r = cli("load", *files, "--store", str(store))
    assert r.returncode == 0, r.stderr.decode()
    err = r.stderr.decode()
    assert "duplikat_kebenaran.csv berisi kolom 'berkas' dan 'baris'" in err
    s = EmbeddedStore(store, read_only=True)
    try:
        pemda = {x["i"].value for x in s.query(f"SELECT DISTINCT ?i WHERE {{ ?a a <{SPBE}Aplikasi> ; <{SPBE}instansi> ?i }}")}
        units = int(next(iter(s.query(f"SELECT (COUNT(*) AS ?c) WHERE {{ ?u <{SPBE}indukUnit> ?p }}")))["c"].value)
    finally:
        s.close()
    assert len(pemda) == 7 and units > 0


def test_store_in_use_is_a_clear_error(cli, good, tmp_path):
    store = tmp_path / "store"
    assert cli("load", str(good), "--store", str(store), "-q").returncode == 0
    holder = ox.Store(str(store))  # another process (e.g. spbe serve) holding the store open
    try:
        r = cli("load", str(good), "--store", str(store))
    finally:
        del holder
    assert r.returncode == 2
    assert "sedang dipakai proses lain" in r.stderr.decode() and b"Traceback" not in r.stderr
    assert app_names(store) == {"SIKS-NG", "SIMPEG"}


@pytest.mark.parametrize("lang,text", [("id", "sedang dipakai proses lain"), ("en", "held by another process")])
def test_store_held_by_another_process_is_reported_in_the_chosen_language(cli, good, tmp_path, lang, text):
    store = tmp_path / "store"
    assert cli("load", str(good), "--store", str(store), "-q").returncode == 0
    holder = ox.Store(str(store))  # another process (e.g. spbe serve) holding the store open
    try:
        load = cli("--lang", lang, "load", str(good), "--store", str(store))
        serve = cli("serve", "--store", str(store), "--port", "9", "--lang", lang)
    finally:
        del holder
    for r in (load, serve):
        err = r.stderr.decode()
        assert r.returncode == 2, err
        assert text in err and str(store) in err and "Traceback" not in err
        other = "held by another process" if lang == "id" else "sedang dipakai"
        assert other not in err
    assert app_names(store) == {"SIKS-NG", "SIMPEG"}
