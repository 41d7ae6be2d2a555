"""The term tables an architect edits (ontology/tables/*.yaml): a new term reaches spbe.ttl with no code
change, and a wrong entry is reported with its file, entry and key (exit code 1, no traceback)."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from rdflib import Graph, Literal
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF, RDFS

from spbe_kg.ontology import ONTOLOGY_DIR
from spbe_kg.ontology.build_ontology import build_graph
from spbe_kg.ontology.namespaces import SPBE
from spbe_kg.ontology.terms import TABLES_DIR, TermTableError, load_tables
from spbe_kg.ontology.terms_enums import load_enums

NEW_CLASS = """
  - name: PusatDataDaerah
    label: {id: Pusat Data Daerah, en: Regional data centre}
    definition:
      id: Pusat data milik pemerintah daerah.
      en: A data centre owned by a regional government.
    subClassOf: [spbe:FasilitasKomputasi]
"""


@pytest.fixture
def tables(tmp_path):
    d = tmp_path / "tables"
    shutil.copytree(TABLES_DIR, d)
    return d


def test_the_bundled_tables_give_the_committed_ontology():
    committed = Graph().parse(ONTOLOGY_DIR / "spbe.ttl")
    assert isomorphic(build_graph(), committed)


def test_a_class_added_to_the_yaml_is_in_the_ontology(tables):
    p = tables / "classes.yaml"
    p.write_text(p.read_text(encoding="utf-8").replace("\n# Groups of classes", NEW_CLASS + "\n# Groups of classes"),
                 encoding="utf-8")
    g = build_graph(load_tables(tables))
    s = SPBE.PusatDataDaerah
    assert (s, RDF.type, OWL.Class) in g and (s, RDFS.subClassOf, SPBE.FasilitasKomputasi) in g
    assert (s, RDFS.label, Literal("Pusat Data Daerah", lang="id")) in g


@pytest.mark.parametrize("old,new,expect", [
    ("    subClassOf: ['org:FormalOrganization']\n", "    subClassOf: ['org:FormalOrganization']\n    colour: red\n",
     "colour"),
    ("      en: Government agency\n", "", "'label' harus berisi teks 'id' dan 'en'"),
    ("  - name: KementerianLembaga\n", "  - name: Instansi\n", "sudah dipakai"),
    ("  - [AplikasiUmum, AplikasiKhusus]", "  - [AplikasiUmum, AplikasiLain]", "AplikasiLain"),
])
def test_a_wrong_class_entry_is_named(tables, old, new, expect):
    p = tables / "classes.yaml"
    text = p.read_text(encoding="utf-8")
    assert old in text
    p.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(TermTableError) as e:
        load_tables(tables)
    assert "classes.yaml" in str(e.value) and expect in str(e.value)
    assert "classes.yaml" in e.value.message("en")


def test_a_property_without_kind_is_named(tables):
    p = tables / "properties.yaml"
    p.write_text(p.read_text(encoding="utf-8").replace("    kind: data\n", "", 1), encoding="utf-8")
    with pytest.raises(TermTableError, match=r"properties.yaml, nama \(entri ke-1\): 'kind'"):
        load_tables(tables)


def test_an_unknown_prefix_is_a_clear_error(tables):
    p = tables / "classes.yaml"
    p.write_text(p.read_text(encoding="utf-8").replace("org:FormalOrganization", "orgx:FormalOrganization", 1),
                 encoding="utf-8")
    with pytest.raises(TermTableError, match="orgx:FormalOrganization"):
        build_graph(load_tables(tables))


def test_broken_yaml_names_the_line(tables):
    p = tables / "properties.yaml"
    lines = p.read_text(encoding="utf-8").splitlines()
    lines[9] = lines[9] + " ]["
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(TermTableError, match=r"properties.yaml baris \d+"):
        load_tables(tables)


def test_enumeration_values_are_checked(tables):
    p = tables / "enumerations.yaml"
    p.write_text(p.read_text(encoding="utf-8").replace("- value: tidak-aktif", "- value: Tidak Aktif", 1),
                 encoding="utf-8")
    with pytest.raises(TermTableError, match="status-aplikasi.*'value' 'Tidak Aktif'"):
        load_enums(p)


def test_cli_reports_a_broken_table_without_traceback(tables, tmp_path):
    p = tables / "classes.yaml"
    p.write_text(p.read_text(encoding="utf-8").replace("    definition:\n", "    definitio:\n", 1), encoding="utf-8")
    out = tmp_path / "spbe.ttl"
    r = subprocess.run([sys.executable, "-m", "spbe_kg.ontology.build_ontology", "--tables", str(tables), "-o", str(out)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 1, r.stderr
    assert r.stderr.startswith("galat: ") and "classes.yaml" in r.stderr and "Traceback" not in r.stderr
    assert not out.exists()
