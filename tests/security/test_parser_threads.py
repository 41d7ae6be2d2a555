"""Regression: rdflib's SPARQL parser is not thread-safe (service/sparql/parsing.py).

Found while testing ``spbe serve --processes``: SERVICE queries arriving together at a fresh server
were refused as unparsable (400) instead of as outside the allow-list (403), and went on being
refused so, because threads parsing at once with pyparsing's grammar (first use included) corrupt
each other's parse. The classifier and the BIND fold parse with the same grammar. Each check runs in
a fresh interpreter, where the first parses are the concurrent ones.
"""

from __future__ import annotations

import json
import subprocess
import sys

SCRIPT = r"""
import json, sys
from concurrent.futures import ThreadPoolExecutor
from spbe_kg.service.sparql import guard
from spbe_kg.service.sparql.cheap import decide
from spbe_kg.settings import Settings
settings = Settings(federation_allowlist=["http://93.184.216.34/sparql"])
queries = ["SELECT * WHERE { SERVICE <http://169.254.169.254/latest/> { ?s ?p ?o } }",
           "SELECT ?x WHERE { ?x ?p ?o . SERVICE <http://10.0.0.1/sparql> { ?x ?q ?r } } LIMIT 5",
           "SELECT * WHERE { SERVICE <http://93.184.216.34/sparql> { ?s ?p ?o } }"]
texts = ["SELECT ?p ?o WHERE { <http://e/a> ?p ?o }", "CONSTRUCT { ?s ?p ?o } WHERE { BIND(<http://e/a> AS ?s) ?s ?p ?o }"]
def check(i):
    if sys.argv[1] == "classify":
        d = decide(texts[i % 2])
        return f"{d.cheap}:{d.loop}:{d.fold is not None}"
    try:
        return "allowed:" + ",".join(guard.check(queries[i % 3], update=False, settings=settings))
    except guard.Refusal as r:
        return f"{r.status}:{r.key}"
with ThreadPoolExecutor(8) as ex:
    first = list(ex.map(check, range(16)))
later = [check(i) for i in range(3)]
print(json.dumps([first, later]))
"""


def _run(kind: str) -> tuple[list[str], list[str]]:
    out = subprocess.run([sys.executable, "-c", SCRIPT, kind], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    first, later = json.loads(out.stdout.strip().splitlines()[-1])
    return first, later


def test_concurrent_first_guard_checks_give_the_answer_of_one_check():
    for _ in range(3):
        first, later = _run("guard")
        expected = ["403:federation", "403:federation", "allowed:http://93.184.216.34/sparql"]
        assert [x.split("-")[0] if x.startswith("403") else x for x in later] == expected, later
        assert first == [later[i % 3] for i in range(16)], first


def test_concurrent_first_classifications_give_the_answer_of_one():
    for _ in range(3):
        first, later = _run("classify")
        assert later[:2] == ["True:True:False", "True:True:True"], later
        assert first == [later[i % 2] for i in range(16)], first
