"""Issue 11 "nothing invented": unit cells. A comma inside one unit's name does not split it; a list is split
only when it really is one; "all units" is a scope, not a unit; join keys that match nothing mint nothing."""

from __future__ import annotations

import pytest

from spbe_kg.loaders.api import convert_files

SPBE = "https://w3id.org/spbe/ontology#"
REF = "https://w3id.org/spbe/ref/"


def _convert(tmp_path, settings, text: str, name: str = "inv.csv", **kw):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return convert_files([p], settings=settings, instansi="Pemerintah Kabupaten Uji", **kw)


def _units(r) -> set[str]:
    return {q.object.value for q in r.quads if q.predicate.value == SPBE + "nama" and "/opd/" in q.subject.value}


def _objects(r, prop: str) -> set[str]:
    return {q.object.value for q in r.quads if q.predicate.value == SPBE + prop}


def test_comma_in_a_unit_name_is_one_unit(tmp_path, settings):
    r = _convert(tmp_path, settings,
                 'OPD Pengelola,Nama Aplikasi,OPD Pengguna\n'
                 '"Dinas Komunikasi, Informatika dan Statistik",Portal Data,'
                 '"Dinas Komunikasi, Informatika dan Statistik"\n')
    assert _units(r) == {"Dinas Komunikasi, Informatika dan Statistik"}


def test_real_lists_are_split(tmp_path, settings):
    r = _convert(tmp_path, settings,
                 'OPD Pengelola,Nama Aplikasi,OPD Pengguna\n'
                 'Dinas Sosial,SIKS,"Dinas Sosial, Badan Kepegawaian Daerah, BAPPEDA"\n'
                 'Dinas Sosial,SIRENA,"Dinas Kesehatan; Dinas Pendidikan, Pemuda dan Olahraga"\n')
    assert _units(r) == {"Dinas Sosial", "Badan Kepegawaian Daerah", "BAPPEDA", "Dinas Kesehatan",
                         "Dinas Pendidikan, Pemuda dan Olahraga"}


@pytest.mark.parametrize("cell,scope", [("Seluruh Perangkat Daerah", "seluruh-perangkat-daerah"),
                                        ("Semua OPD", "seluruh-perangkat-daerah"),
                                        ("Seluruh Desa/Kelurahan", "seluruh-desa-kelurahan")])
def test_all_units_is_a_scope_not_a_unit(tmp_path, settings, cell, scope):
    r = _convert(tmp_path, settings, f"OPD Pengelola,Nama Aplikasi,OPD Pengguna\nDinas Sosial,SIKS,{cell}\n")
    assert _units(r) == {"Dinas Sosial"}
    assert _objects(r, "cakupanPengguna") == {f"{REF}cakupan-pengguna/{scope}"}
    assert r.rows[0].warnings == []


def test_unknown_scope_is_a_warning_not_a_unit(tmp_path, settings):
    r = _convert(tmp_path, settings, "OPD Pengelola,Nama Aplikasi,OPD Pengguna\nDinas Sosial,SIKS,Seluruh Puskesmas\n")
    assert _units(r) == {"Dinas Sosial"}
    assert len(r.rows[0].warnings) == 1 and "kolom C" in r.rows[0].warnings[0]
    assert "Seluruh Puskesmas" in r.rows[0].warnings[0]


def test_scope_as_managing_unit(tmp_path, settings):
    r = _convert(tmp_path, settings, "OPD Pengelola,Nama Aplikasi\nSeluruh Perangkat Daerah,SRIKANDI\n")
    assert r.rows[0].status == "loaded"
    assert _units(r) == set()
    assert _objects(r, "cakupanPengguna") == {f"{REF}cakupan-pengguna/seluruh-perangkat-daerah"}
    assert "kolom A" in r.rows[0].warnings[0]


def _join_files(tmp_path, rows: str):
    (tmp_path / "opd.csv").write_text("kode_opd,nama_opd\n1.01,Dinas Sosial\n", encoding="utf-8")
    m = tmp_path / "m.yaml"
    m.write_text("columns: {Kode OPD: opd_pengelola}\n"
                 "joins:\n  - {field: opd_pengelola, file: opd.csv, key: kode_opd, value: nama_opd}\n", encoding="utf-8")
    p = tmp_path / "inv.csv"
    p.write_text("Kode OPD,Nama Aplikasi\n" + rows, encoding="utf-8")
    return p, m


@pytest.mark.parametrize("key", ["-", "", "N/A", "9.99"])
def test_join_key_without_match_is_a_warning_and_mints_nothing(tmp_path, settings, key):
    p, m = _join_files(tmp_path, f"1.01,SIKS\n{key},SIRENA\n")
    r = convert_files([p], settings=settings, mapping=m, instansi="Pemerintah Kabupaten Uji")
    assert [o.status for o in r.rows] == ["loaded", "loaded"]
    assert _units(r) == {"Dinas Sosial"}
    assert len(r.rows[1].warnings) == 1 and "kolom A" in r.rows[1].warnings[0], r.rows[1].warnings


def test_join_miss_warning_is_bilingual(tmp_path, settings_en):
    p, m = _join_files(tmp_path, "9.99,SIRENA\n")
    r = convert_files([p], settings=settings_en, mapping=m, instansi="Pemerintah Kabupaten Uji")
    assert "column A" in r.rows[0].warnings[0] and "no unit was created" in r.rows[0].warnings[0]


def test_madiun_census_invents_no_unit(madiun_csv, madiun_opd_csv, settings):
    """Every unit minted from the Madiun census is a unit named in a cell, never a fragment or a scope."""
    r = convert_files([madiun_csv], settings=settings, instansi="Pemerintah Kabupaten Madiun", partial=True)
    import csv

    with madiun_csv.open(encoding="utf-8") as f:
        named = {" ".join(row["nama_perangkat_daerah"].split()) for row in csv.DictReader(f)}
    units = _units(r)
    assert units <= named
    assert not any(u.lower().startswith(("seluruh", "semua")) for u in units)
