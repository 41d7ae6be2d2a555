"""The import contracts of docs/architecture.md hold, and a wrong-way import breaks them (so `make test`,
which runs the same check before pytest, fails on it)."""

from __future__ import annotations

import pytest

from tests.support.tooling import check, shadow_tree


def test_the_checkout_keeps_every_contract(capsys):
    code = check()
    out = capsys.readouterr().out
    assert code == 0, out


@pytest.mark.parametrize("module,line,contract,edge", [
    ("service/store/base.py", "import fastapi", "imports no web framework",
     "spbe_kg.service.store.base -> fastapi"),
    ("loaders/api.py", "from spbe_kg.service.cli import common", "Loaders use the store protocol",
     "spbe_kg.loaders.api -> spbe_kg.service.cli.common"),
    ("ontology/terms.py", "from spbe_kg.queries import duplicates", "One-way layers",
     "spbe_kg.ontology.terms -> spbe_kg.queries.duplicates"),
    ("settings.py", "from spbe_kg.ontology import namespaces", "One-way layers",
     "spbe_kg.settings -> spbe_kg.ontology.namespaces"),
    ("benchmarks/servers.py", "import tests.support", "Nothing shipped imports tests/",
     "spbe_kg.benchmarks.servers -> tests"),
])
def test_a_wrong_way_import_breaks_its_contract(tmp_path, capsys, module, line, contract, edge):
    tree = shadow_tree(tmp_path)
    target = tree / "spbe_kg" / module
    assert target.is_file(), target
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    code = check(tree)
    out = " ".join(capsys.readouterr().out.split())  # the report wraps long lines
    assert code == 1
    broken = out.split("Broken contracts", 1)[-1]
    assert contract in broken and edge in broken, out
