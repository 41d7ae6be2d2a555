"""The CI workflows in docs/ci run `spbe validate inventaris/*.xlsx ...`: run those exact command lines
(bash, real glob) in a temporary repository layout and check the outcome a pipeline would see."""

from __future__ import annotations

import json
import os
import subprocess

import jsonschema
import pytest
import yaml

from .helpers import GOOD_ROW, INACTIVE_ROW, ROOT, SPBE_BIN, census_xlsx, sarif_schema

COMMAND = "spbe validate inventaris/*.xlsx --format sarif -o spbe.sarif"


def _commands(name: str) -> list[str]:
    doc = yaml.safe_load((ROOT / "docs" / "ci" / name).read_text(encoding="utf-8"))
    out = []

    def walk(x):
        if isinstance(x, dict):
            for k, v in x.items():
                if k in ("run", "script") and isinstance(v, str):
                    out.extend(line for line in v.splitlines() if "spbe validate" in line)
                elif k == "script" and isinstance(v, list):
                    out.extend(line for line in v if "spbe validate" in line)
                else:
                    walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    walk(doc)
    return out


def _repo(tmp_path, rows):
    (tmp_path / "inventaris").mkdir()
    census_xlsx(tmp_path / "inventaris" / "dinas-kelautan.xlsx", rows)
    census_xlsx(tmp_path / "inventaris" / "sekretariat.xlsx", [GOOD_ROW[:1] + ["Sistem Arsip Sekretariat", "SIARSEK"]
                                                                + GOOD_ROW[3:]])
    return tmp_path


def _sh(cmd: str, cwd) -> subprocess.CompletedProcess:
    env = dict(os.environ, PATH=f"{SPBE_BIN.parent}:{os.environ.get('PATH', '')}")
    return subprocess.run(["bash", "-c", cmd], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("workflow", ["github-actions.yml", "gitlab-ci.yml"])
def test_workflow_runs_the_documented_command(workflow):
    assert COMMAND in _commands(workflow)


@pytest.mark.slow
def test_command_fails_the_build_and_names_the_cell(tmp_path):
    repo = _repo(tmp_path, [GOOD_ROW, INACTIVE_ROW])
    for line in _commands("github-actions.yml") + _commands("gitlab-ci.yml"):
        p = _sh(line, repo)
        if line == COMMAND:
            assert p.returncode == 1, p.stderr
    doc = json.loads((repo / "spbe.sarif").read_text(encoding="utf-8"))
    jsonschema.validate(doc, sarif_schema())
    res = [r for r in doc["runs"][0]["results"] if r["level"] == "error"]
    assert len(res) == 1
    phys = res[0]["locations"][0]["physicalLocation"]
    assert phys["artifactLocation"]["uri"] == "inventaris/dinas-kelautan.xlsx"
    assert phys["region"]["startLine"] == 5  # title, blank, header, then rows 4 and 5
    assert res[0]["properties"]["header"] == "Alasan Tidak Aktif"
    junit = (repo / "spbe-junit.xml").read_text(encoding="utf-8")
    assert "AlasanTidakAktif" in junit and "<failure" in junit


@pytest.mark.slow
def test_github_annotation_step_prints_workflow_commands(tmp_path):
    repo = _repo(tmp_path, [GOOD_ROW, INACTIVE_ROW])
    line = next(c for c in _commands("github-actions.yml") if "--format github" in c)
    p = _sh(line, repo)
    assert p.returncode == 0  # "|| true": the SARIF step decides
    assert "::error file=inventaris/dinas-kelautan.xlsx,line=5,col=11,title=AlasanTidakAktif" in p.stdout


@pytest.mark.slow
def test_command_passes_on_a_clean_inventory(tmp_path):
    repo = _repo(tmp_path, [GOOD_ROW])
    p = _sh(COMMAND, repo)
    assert p.returncode == 0, p.stderr
    doc = json.loads((repo / "spbe.sarif").read_text(encoding="utf-8"))
    assert all(r["level"] != "error" for r in doc["runs"][0]["results"])
