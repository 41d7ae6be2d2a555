"""What every test folder shares: where the repository and ../shared are, and the test servers' write token.

>>> from tests.support import ROOT
>>> (ROOT / "pyproject.toml").is_file()
True

Real servers (oxigraph, uvicorn, Virtuoso) are ``spbe_kg.benchmarks.servers`` (shipped: the benchmarks use
them too); the store fixtures wrapping them are ``tests.support.stores``, re-exported by ``tests/conftest.py``.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("SPBE_SHARED_DIR", ROOT.parent / "shared"))
ARTIFACTS = Path(os.environ.get("SPBE_TEST_ARTIFACTS", ROOT / "test-artifacts"))  # screenshots (git-ignored)
TOKEN = "test-token-123"  # the write token of the app servers the tests start


def require_shared(*parts: str) -> Path:
    """Path inside ../shared, or skip with a clear reason where it is absent."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"../shared is not present here ({p} missing); this test needs the shared domain material")
    return p


def stop(proc: subprocess.Popen, timeout: float = 20.0) -> None:
    """Stop a server process the way a user would (SIGTERM: it finishes open requests and cleans up), and kill it
    if it has not ended within ``timeout`` seconds."""
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
