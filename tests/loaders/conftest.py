"""Fixtures for the loader tests: settings with a fixed load time, small inventory builders."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from spbe_kg.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
SPBE = [sys.executable, "-c", "import sys; from spbe_kg.service.cli import main; sys.exit(main())"]


@pytest.fixture
def settings() -> Settings:
    return Settings(base_iri="https://data.example.go.id/spbe/", loaded_at="2025-09-01T00:00:00Z", lang="id")


@pytest.fixture
def settings_en() -> Settings:
    return Settings(base_iri="https://data.example.go.id/spbe/", loaded_at="2025-09-01T00:00:00Z", lang="en")


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run the real ``spbe`` command line in a subprocess."""
    e = {**os.environ, "SPBE_LOADED_AT": "2025-09-01T00:00:00Z", **(env or {})}
    e.pop("SPBE_LANG", None)
    return subprocess.run([*SPBE, *args], cwd=cwd, env=e, capture_output=True, timeout=timeout)


@pytest.fixture
def cli():
    """The ``spbe`` command line as a subprocess runner: ``cli("load", ...)``."""
    return run_cli


@pytest.fixture
def madiun_opd_csv(madiun_csv) -> Path:
    """The Madiun OPD list, next to the census (skips with the census when ../shared is absent)."""
    return madiun_csv.parent / "opd_kab_madiun.csv"
