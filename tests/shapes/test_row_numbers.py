"""Issue 11: row numbers. SARIF startLine is the physical line of the file (a csv with multi-line quoted cells
counts its newlines); text messages show the sheet row and the census' own "No" column value."""

from __future__ import annotations

import json

from spbe_kg.loaders.api import convert_files
from spbe_kg.loaders.summary import render_summary
from spbe_kg.settings import Settings
from spbe_kg.shapes.report import render
from spbe_kg.shapes.validate import validate_quads

from .helpers import census_xlsx

SETTINGS = Settings(base_iri="https://data.example.go.id/spbe/", loaded_at="2025-09-01T00:00:00Z")

# record 2 (No 1) spans lines 2-4; record 3 (No 2) starts on line 5 and has a bad year; record 4 (No 7), on line 6,
# has no description
CSV = ('No,OPD Pengelola,Nama Aplikasi,Deskripsi,Tahun Pembuatan,Status\n'
       '1,Dinas Sosial,SIKS,"baris satu\nbaris dua\nbaris tiga",2019,Aktif\n'
       '2,Dinas Sosial,SIRENA,Pendataan,kemarin,Aktif\n'
       '7,Dinas Sosial,SIPEKA,,2020,Aktif\n')


def _convert(tmp_path):
    p = tmp_path / "sensus.csv"
    p.write_text(CSV, encoding="utf-8")
    return convert_files([p], settings=SETTINGS, instansi="Pemerintah Kabupaten Uji")


def test_loader_rows_know_their_physical_line_and_census_number(tmp_path):
    r = _convert(tmp_path)
    assert [(o.row, o.line, o.census_no) for o in r.rows] == [(2, None, "1"), (3, 5, "2"), (4, 6, "7")]
    text = render_summary(r, "id", max_warnings=None)
    assert "sensus.csv, baris 3 (No 2): tahun 'kemarin'" in text


def test_sarif_start_line_is_the_physical_line(tmp_path):
    rep = validate_quads(_convert(tmp_path).quads, settings=SETTINGS, inputs=["sensus.csv"])
    year = next(x for x in rep.results if x.rule_name == "DeskripsiDisarankan")
    assert (year.row, year.line, year.census_no) == (4, 6, "7")
    doc = json.loads(render(rep, "sarif", "en"))
    res = next(x for x in doc["runs"][0]["results"] if x["ruleId"].endswith("#DeskripsiDisarankan"))
    assert res["locations"][0]["physicalLocation"]["region"]["startLine"] == 6
    assert res["properties"]["row"] == 4 and res["properties"]["censusNo"] == "7"
    # text and JSON reports name the sheet row and the census' own number
    assert "baris 4 (No 7)" in render(rep, "text", "id")
    loc = next(x for x in json.loads(render(rep, "json", "en"))["results"]
               if x["ruleId"].endswith("#DeskripsiDisarankan"))["location"]
    assert (loc["row"], loc["line"], loc["census_no"]) == (4, 6, "7")


def test_a_file_without_multiline_cells_keeps_line_equal_to_row(tmp_path):
    p = tmp_path / "rata.csv"
    p.write_text("OPD Pengelola,Nama Aplikasi\nDinas Sosial,SIKS\n", encoding="utf-8")
    rep = validate_quads(convert_files([p], settings=SETTINGS, instansi="Pemerintah Kabupaten Uji").quads,
                         settings=SETTINGS)
    year = next(x for x in rep.results if x.rule_name == "DeskripsiDisarankan")
    assert (year.row, year.line, year.physical_line, year.census_no) == (2, None, 2, None)


def test_xlsx_row_is_the_line_and_no_is_shown(tmp_path):
    path = census_xlsx(tmp_path / "sensus.xlsx", [
        ["Dinas Sosial", "SIKS", "", "Pendataan", "", "Aplikasi Khusus", "Web", "Aktif", "", "", ""]])
    rep = validate_quads(convert_files([path], settings=SETTINGS).quads, settings=SETTINGS)
    r = next(x for x in rep.results if x.rule_name == "NamaSingkatDisarankan")
    assert r.row == 4 and r.physical_line == 4 and r.census_no == "1"
