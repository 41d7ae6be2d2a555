"""The builders: committed Turtle is what the scripts produce; a replaced CSV changes the output with no
code change; bad CSVs get an error naming file, row and column (and exit code 1, no traceback)."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from spbe_kg.ontology import ONTOLOGY_DIR, turtle_files
from spbe_kg.ontology.build import build_all
from spbe_kg.ontology.build_codelists import SOURCES_DIR, CodeListError, read_codes


@pytest.fixture
def ref_copy(tmp_path):
    dst = tmp_path / "ref"
    shutil.copytree(SOURCES_DIR, dst)
    dst.chmod(0o755)
    for p in dst.iterdir():
        p.chmod(0o644)
    return dst


def test_committed_turtle_is_up_to_date(tmp_path, monkeypatch):
    # never skips: every input (term tables, reference CSVs) is in the repository
    monkeypatch.delenv("SPBE_REFERENCE_DIR", raising=False)
    out = tmp_path / "out"
    out.mkdir()
    written = build_all(None, out)
    # leksikon.ttl is written by hand (architects edit it), every other Turtle file is generated
    assert {p.name for p in written} == {p.name for p in turtle_files()} - {"leksikon.ttl"}
    for p in written:
        assert p.read_bytes() == (ONTOLOGY_DIR / p.name).read_bytes(), f"{p.name} is stale: run `make ontology`"


def test_replacing_a_csv_is_all_it_takes(ref_copy, tmp_path):
    ral = ref_copy / "spbe_ral_l1-l3.csv"
    text = ral.read_text(encoding="utf-8").replace("Penyelenggaraan Kearsipan,3", "Kearsipan Resmi,3")
    text += "RAL.02.09.01,Tata Kelola Data Pemerintah,3,Fungsi Layanan,RAL.02.09,\n"
    ral.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    build_all(ref_copy, out)
    ttl = (out / "ref-ral.ttl").read_text(encoding="utf-8")
    assert '"Kearsipan Resmi"@id' in ttl and "ref:RAL.02.09.01 a skos:Concept" in ttl
    assert "358 kode" in ttl


@pytest.mark.parametrize("line,expect", [
    ("RAL.02.04.99,Baru,3,Fungsi Layanan,RAL.02.05,", "kolom kode_induk"),
    ("RAL.2.4.99,Baru,3,Fungsi Layanan,RAL.02.04,", "kolom kode"),
    ("RAL.02.04.06,Dobel,3,Fungsi Layanan,RAL.02.04,", "sudah ada di baris"),
    ("RAL.02.04.98,Baru,2,Fungsi Layanan,RAL.02.04,", "kolom level"),
    ("RAL.02.04.97,Baru,3,Fungsi Layanan,RAL.02.04,RAB.99.99.99", "kolom kode_rab_padanan"),
])
def test_bad_rows_are_reported_with_row_and_column(ref_copy, tmp_path, line, expect):
    ral = ref_copy / "spbe_ral_l1-l3.csv"
    n_lines = len(ral.read_text(encoding="utf-8").splitlines())
    ral.write_text(ral.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")
    out = tmp_path / "out"
    with pytest.raises(CodeListError) as e:
        build_all(ref_copy, out)
    assert "spbe_ral_l1-l3.csv" in str(e.value) and expect in str(e.value)
    assert f"baris {n_lines + 1}" in str(e.value)
    assert not out.exists() or not any(out.iterdir()), "a failed build must not write anything"


def test_missing_column_is_named(tmp_path):
    p = tmp_path / "spbe_rab_x.csv"
    p.write_text("kode,nama,level\nRAB.01,A,1\n", encoding="utf-8")
    with pytest.raises(CodeListError, match="kode_induk"):
        read_codes(p, "RAB")


def test_cli_exit_code_and_message_on_bad_reference_dir(tmp_path):
    r = subprocess.run([sys.executable, "-m", "spbe_kg.ontology.build", "--reference", str(tmp_path / "nope"),
                        "-o", str(tmp_path)], capture_output=True, text=True, timeout=60)
    assert r.returncode == 1
    assert r.stderr.startswith("galat: ") and "Traceback" not in r.stderr
    assert "SPBE_REFERENCE_DIR" in r.stderr and "nope" in r.stderr


def test_a_reference_dir_with_only_some_csvs_takes_the_rest_from_the_bundled_sources(tmp_path):
    ref = tmp_path / "ref"
    ref.mkdir()
    ral = (SOURCES_DIR / "spbe_ral_l1-l3.csv").read_text(encoding="utf-8")
    (ref / "spbe_ral_l1-l3.csv").write_text(ral.replace("Penyelenggaraan Kearsipan,3", "Kearsipan Resmi,3"),
                                             encoding="utf-8")
    written = {p.name: p for p in build_all(ref, tmp_path / "out")}
    assert '"Kearsipan Resmi"@id' in written["ref-ral.ttl"].read_text(encoding="utf-8")
    assert written["ref-rab.ttl"].read_bytes() == (ONTOLOGY_DIR / "ref-rab.ttl").read_bytes()


def test_a_bundled_csv_missing_from_sources_yaml_is_named(tmp_path, monkeypatch):
    from spbe_kg.ontology import build_codelists

    monkeypatch.setattr(build_codelists, "_bundled_provenance", lambda: {})
    with pytest.raises(CodeListError, match="sources.yaml"):
        build_codelists.source_note(SOURCES_DIR / "spbe_rab_l1-l3.csv")


def test_rai_and_rak_come_from_the_bundled_level1_lists(ask):
    rows = ask("SELECT ?n ?l WHERE { ?c skos:inScheme ?s ; skos:notation ?n ; skos:prefLabel ?l "
               "VALUES ?s { ref:RAI ref:RAK } } ORDER BY ?n")
    assert [(r["n"], r["l"]) for r in rows] == [
        ("RAI.01", "Fasilitas Komputasi"), ("RAI.02", "Sistem Integrasi"), ("RAI.03", "Platform"),
        ("RAK.01", "Standar Keamanan"), ("RAK.02", "Penerapan Keamanan"), ("RAK.03", "Kelaikan Keamanan")]


def test_messages_are_available_in_english(ref_copy, tmp_path):
    ral = ref_copy / "spbe_ral_l1-l3.csv"
    ral.write_text(ral.read_text(encoding="utf-8") + "RAL.02.04.99,Baru,3,Fungsi Layanan,RAL.02.05,\n", encoding="utf-8")
    with pytest.raises(CodeListError) as e:
        build_all(ref_copy, tmp_path / "out")
    en = e.value.message("en")
    assert "row 359, column kode_induk" in en and "should be 'RAL.02.04'" in en
    assert e.value.message("id") == str(e.value) and "baris 359, kolom kode_induk" in str(e.value)
