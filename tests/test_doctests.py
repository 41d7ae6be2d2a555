"""Run the ``>>>`` examples of every spbe_kg module (all folders) as tests.

Modules are found from pyproject's package map and imported by name (``spbe_kg.loaders.api``), never by
path, so relative imports and package data work exactly as for users. Only modules whose source holds
``>>>`` are collected; ``__main__`` modules are left out (importing them would run them).
"""

from __future__ import annotations

import doctest
import importlib
import importlib.util
import pkgutil
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _packages() -> list[str]:
    cfg = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return sorted(cfg["tool"]["setuptools"]["package-dir"])


def _modules_with_examples() -> list[str]:
    found: list[str] = []
    for pkg in _packages():
        spec = importlib.util.find_spec(pkg)
        if spec is None or not spec.submodule_search_locations:
            continue
        names = [pkg] + [m.name for m in pkgutil.walk_packages(spec.submodule_search_locations, pkg + ".")]
        for name in names:
            if name.rsplit(".", 1)[-1] == "__main__" or name in found:
                continue
            try:
                mspec = importlib.util.find_spec(name)
            except ImportError:
                found.append(name)  # importing the parent failed: report it through the test below
                continue
            origin = mspec.origin if mspec else None
            if origin and origin.endswith(".py") and ">>>" in Path(origin).read_text(encoding="utf-8"):
                found.append(name)
    return sorted(found)


MODULES = _modules_with_examples()


def test_modules_were_found():
    assert "spbe_kg.ontology.codes" in MODULES and "spbe_kg.settings" in MODULES


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, verbose=False,
                             report=True)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name} (output above)"
