"""Issue 11 "nothing lost, nothing invented", on the validation side: what the loader keeps is what the rules see."""

from __future__ import annotations

import pytest

from spbe_kg.loaders.api import convert_files
from spbe_kg.settings import Settings
from spbe_kg.shapes.validate import validate_quads

SETTINGS = Settings(base_iri="https://data.example.go.id/spbe/", loaded_at="2025-09-01T00:00:00Z")


def _report(tmp_path, text: str, name: str = "inv.csv", engine: str = "auto"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    r = convert_files([p], settings=SETTINGS, instansi="Pemerintah Kabupaten Uji", partial=True)
    return validate_quads(r.quads, settings=SETTINGS, engine=engine, inputs=[name])


def _rules(report) -> dict[str, list]:
    out: dict[str, list] = {}
    for x in report.results:
        out.setdefault(x.rule_name, []).append(x)
    return out


@pytest.mark.parametrize("engine", ["sparql", "pyshacl"])
def test_function_text_counts_as_description(tmp_path, engine):
    """A census whose only description column is "Fungsi Aplikasi": no "no description" finding for filled rows."""
    rep = _report(tmp_path, "Nama Perangkat Daerah,Nama Aplikasi,Fungsi Aplikasi\n"
                            "Dinas Sosial,SIKS,Pendataan keluarga penerima bantuan\n"
                            "Dinas Sosial,SIRENA,\n", engine=engine)
    missing = _rules(rep).get("DeskripsiDisarankan", [])
    assert [x.focus_label for x in missing] == ["SIRENA"]
    assert "fungsi" in missing[0].message("id") and "function" in missing[0].message("en")


def test_description_column_still_counts(tmp_path):
    rep = _report(tmp_path, "Nama Perangkat Daerah,Nama Aplikasi,Deskripsi\nDinas Sosial,SIKS,Pendataan\n")
    assert "DeskripsiDisarankan" not in _rules(rep)
