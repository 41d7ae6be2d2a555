"""One message catalogue format: every text of the product in Bahasa Indonesia and English, same placeholders."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from spbe_kg import i18n

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ["loaders", "shapes", "queries", "service", "ontology", "spbe_kg", "benchmarks"]


@pytest.mark.parametrize("name", i18n.catalogue_names())
def test_every_key_has_both_languages_with_the_same_placeholders(name):
    cat = i18n.catalogue(name)
    assert cat, name
    for key, entry in cat.items():
        assert set(entry) == {"id", "en"}, f"{name}.{key}: {sorted(entry)}"
        assert all(isinstance(v, str) and v.strip() for v in entry.values()), f"{name}.{key} has an empty text"
        assert i18n.placeholders(entry["id"]) == i18n.placeholders(entry["en"]), (
            f"{name}.{key}: id {sorted(i18n.placeholders(entry['id']))} vs en {sorted(i18n.placeholders(entry['en']))}")


def test_the_catalogues_are_the_ones_the_product_uses():
    assert {"cli", "duplicates", "http", "loader", "pages", "validation"} <= set(i18n.catalogue_names())


def test_lookup_fills_placeholders_and_keeps_missing_ones_visible():
    assert i18n.t("loader.bad_year", "en", value="kemarin").startswith("year 'kemarin' not understood")
    assert i18n.t("loader.bad_year", "id", value="kemarin").startswith("tahun 'kemarin' tidak dikenali")
    assert i18n.t("loader.bad_year", "fr", value="x") == i18n.t("loader.bad_year", "id", value="x")
    assert "{value}" in i18n.t("loader.bad_year", "en")
    assert i18n.t("loader.bad_record", "en", n=2, kind="int").endswith('{"column": value}')
    with pytest.raises(KeyError):
        i18n.t("loader.no-such-message", "id")
    with pytest.raises(KeyError):
        i18n.t("no-such-catalogue.x", "id")


def test_module_wrappers_read_the_catalogues():
    from spbe_kg.loaders.messages import msg
    from spbe_kg.service.errors import message
    from spbe_kg.shapes.messages import t as shapes_t

    assert msg("no_files", "en") == i18n.t("loader.no_files", "en") == "no files given"
    assert shapes_t("title", "id") == "Laporan validasi SPBE"
    assert message("forbidden-token", "en") == "Wrong write token."


def _catalogue_literals(tree: ast.AST):
    """Dict literals that look like an inline catalogue: {"id": "...", "en": "..."} or {"id": {...}, "en": {...}}."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict) and len(node.keys) == 2:
            keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
            if keys == {"id", "en"} and all(isinstance(v, (ast.Constant, ast.Dict, ast.Tuple, ast.List))
                                            for v in node.values):
                yield node.lineno


def test_no_inline_catalogue_is_left_in_the_code():
    found = []
    for top in SHIPPED:
        for f in (ROOT / top).rglob("*.py"):
            for line in _catalogue_literals(ast.parse(f.read_text(encoding="utf-8"))):
                found.append(f"{f.relative_to(ROOT)}:{line}")
    assert found == [], "texts belong in spbe_kg/i18n/*.yaml: " + ", ".join(found)


def test_no_yaml_catalogue_outside_i18n():
    stray = [p for top in SHIPPED for p in (ROOT / top).rglob("messages*.yaml")]
    assert stray == []
