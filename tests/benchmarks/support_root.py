"""tests/conftest.py loaded by path (every test folder has its own ``conftest`` module name)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

_path = Path(__file__).resolve().parents[1] / "conftest.py"
_spec = importlib.util.spec_from_file_location("_spbe_root_conftest_bench", _path)
_mod = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_mod)

ROOT: Path = _mod.ROOT
SHARED: Path = _mod.SHARED
require_shared = _mod.require_shared
