"""The runnable examples in the loader modules' docstrings stay true."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["api", "columns", "layout", "messages", "national_match", "normalize", "serialize", "suggest", "summary",
           "table", "readers.csv_reader", "readers.xlsx_reader"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    mod = importlib.import_module(f"spbe_kg.loaders.{name}")
    res = doctest.testmod(mod, optionflags=doctest.ELLIPSIS)
    assert res.attempted > 0 and res.failed == 0
