"""One placeholder vocabulary (loaders/placeholders.yaml): the loaders and the duplicate finder agree on it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
import yaml

from spbe_kg.loaders import normalize as loader_nz
from spbe_kg.queries import normalize as query_nz

ROOT = Path(__file__).resolve().parents[2]
VOCAB = yaml.safe_load((ROOT / "loaders" / "placeholders.yaml").read_text(encoding="utf-8"))["placeholders"]


def _variants(v: str) -> list[str]:
    return [v, v.upper(), v.title(), f"  {v}  ", v.replace(" ", "-"), v.replace(" ", "  "), v + ".", f"({v})"]


REAL = ["SIMPEG", "e-Office", "SIKS-NG", "Srikandi", "Sistem Informasi Kepegawaian", "tidak ada yang lain SIAK",
        "Aplikasi Test Drive Bus", "Kontes", "Na'im", "XL", "0-Sampah", "日本語アプリ", "Ñandú", "SI", "A1"]
EMPTY = ["", " ", "-", "--", "---", ".", "?", "...", "—", "_", "* * *", "\n"]


@pytest.mark.parametrize("value", [x for v in VOCAB for x in _variants(str(v))] + EMPTY)
def test_every_placeholder_form_is_one_for_both(value):
    assert loader_nz.is_placeholder(value) and query_nz.is_placeholder(value), repr(value)


@pytest.mark.parametrize("value", REAL)
def test_real_names_are_not_placeholders_for_either(value):
    assert not loader_nz.is_placeholder(value) and not query_nz.is_placeholder(value), repr(value)


def test_the_two_former_lists_are_merged():
    keys = loader_nz.placeholder_keys()
    # from the loaders' list and from the duplicate finder's list
    assert {"tidakada", "na", "lainnya", "tbd", "belummemilikiaplikasi"} <= keys
    assert {"test", "contoh", "dummy", "tidakmemiliki", "belummemiliki", "tidakpunya"} <= keys
    assert len(keys) == len({loader_nz.loose_key(str(v)) for v in VOCAB})


def test_no_placeholder_list_is_left_in_the_code():
    """The vocabulary is data: no string or collection literal listing placeholder words in the modules."""
    keys = loader_nz.placeholder_keys()
    for f in (ROOT / "loaders" / "normalize.py", ROOT / "queries" / "normalize.py"):
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and "\n" not in node.value:
                words = {loader_nz.loose_key(w) for w in node.value.split()}
                assert len(words & keys) < 3, (f.name, node.lineno)
            if isinstance(node, (ast.Set, ast.List, ast.Tuple)):
                items = {loader_nz.loose_key(e.value) for e in node.elts
                         if isinstance(e, ast.Constant) and isinstance(e.value, str)}
                assert len(items & keys) < 3, (f.name, node.lineno)
