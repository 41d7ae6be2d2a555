"""Issue 11: a path glued to the host is repaired with a warning that keeps the raw value; an address under a
top-level domain that does not exist is a validation finding at its cell, never a URL."""

from __future__ import annotations

import pytest

from spbe_kg.loaders.api import convert_files
from spbe_kg.shapes.validate import validate_quads

SPBE = "https://w3id.org/spbe/ontology#"


def _convert(tmp_path, settings, url: str):
    p = tmp_path / "inv.csv"
    p.write_text(f"OPD Pengelola,Nama Aplikasi,Link/URL\nDinas Sosial,SIKS,{url}\n", encoding="utf-8")
    return convert_files([p], settings=settings, instansi="Pemerintah Kabupaten Uji")


def _o(r, prop):
    return {q.object.value for q in r.quads if q.predicate.value == SPBE + prop and "/aplikasi/" in q.subject.value}


@pytest.mark.parametrize("cell,url", [
    ("sida.madiunkab.go.idlayanan", "https://sida.madiunkab.go.id/layanan"),
    ("https://simpeg.karokab.go.idpegawai/login", "https://simpeg.karokab.go.id/pegawai/login"),
])
def test_glued_path_is_repaired_with_a_warning_keeping_the_raw_value(tmp_path, settings, cell, url):
    r = _convert(tmp_path, settings, cell)
    assert _o(r, "url") == {url}
    assert _o(r, "urlAsli") == {cell}
    w = r.rows[0].warnings
    assert len(w) == 1 and "kolom C" in w[0] and cell in w[0] and url in w[0]


def test_valid_address_is_untouched(tmp_path, settings):
    r = _convert(tmp_path, settings, "https://sida.madiunkab.go.id/layanan")
    assert _o(r, "url") == {"https://sida.madiunkab.go.id/layanan"}
    assert _o(r, "urlAsli") == set() and r.rows[0].warnings == []


@pytest.mark.parametrize("cell", ["https://simpeg.magetankab.go.ig", "http://e-office.karokab.go.idd"])
def test_invalid_tld_is_a_finding_at_the_cell(tmp_path, settings, cell):
    r = _convert(tmp_path, settings, cell)
    assert _o(r, "url") == set()
    assert _o(r, "urlTidakSah") == {cell}
    assert "kolom C" in r.rows[0].warnings[0]
    rep = validate_quads(r.quads, settings=settings, inputs=["inv.csv"])
    bad = [x for x in rep.results if x.rule_name == "UrlDomainSah"]
    assert len(bad) == 1 and bad[0].severity == "Violation"
    assert bad[0].column == "C" and bad[0].row == 2 and cell in bad[0].message("id")
    assert not rep.conforms


def test_madiun_addresses_raise_no_false_tld_finding(madiun_csv, settings):
    """Every address of the real Madiun census is under a real top-level domain: none is refused or repaired."""
    r = convert_files([madiun_csv], settings=settings, instansi="Pemerintah Kabupaten Madiun", partial=True)
    assert _o(r, "urlTidakSah") == set()
    assert len(_o(r, "url")) > 100
    assert not [w for o in r.rows for w in o.warnings if "domain tingkat atas" in w or "menempel" in w]
