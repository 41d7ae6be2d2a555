"""``spbe ontology ...`` as users run it (a real subprocess): exit codes, messages, no tracebacks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SPBE = Path(sys.executable).parent / "spbe"  # the console script pyproject installs


def spbe(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(SPBE), "ontology", *args], capture_output=True,
                          text=True, timeout=180)


def test_codes_lists_one_level():
    r = spbe("codes", "ral", "--level", "1")
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == ["RAL.01\t1\tLayanan Publik", "RAL.02\t1\tLayanan Administrasi Pemerintahan"]


def test_unknown_prefix_is_a_usage_error():
    r = spbe("codes", "XYZ")
    assert r.returncode == 2 and "tidak dikenal" in r.stderr and "Traceback" not in r.stderr


def test_build_with_missing_reference_dir_fails_cleanly(tmp_path):
    r = spbe("build", "--reference", str(tmp_path / "nope"), "-o", str(tmp_path / "out"))
    assert r.returncode == 1 and "nope" in r.stderr and "spbe_*.csv" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_check_with_the_madiun_inventory_in_english(shared):
    csv = shared("inventories", "madiun", "aplikasi_opd_kab_madiun.csv")
    r = spbe("check", str(csv), "--instansi", "Pemerintah Kabupaten Madiun", "--lang", "en")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("consistent: HermiT")


def test_check_of_a_missing_file_is_a_usage_error(tmp_path):
    r = spbe("check", str(tmp_path / "nope.csv"))
    assert r.returncode == 2 and "Traceback" not in r.stderr


def test_build_errors_in_english(tmp_path):
    r = spbe("build", "--reference", str(tmp_path / "nope"), "--lang", "en")
    assert r.returncode == 1 and "reference directory" in r.stderr and "does not exist" in r.stderr
