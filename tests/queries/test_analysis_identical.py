"""The duplicate analysis gives the same result whatever Python's set order, and its fast paths give what
the straightforward code gives (issue 10 speed work: the result must stay identical).

The canonical dump (``spbe_kg.benchmarks.dump_duplicates``) is the check the speed work was measured
against; here it checks the bundled example end to end.
"""

from __future__ import annotations

import os
import subprocess
import sys

_TIE = """
from spbe_kg.queries.evidence import evaluate
from spbe_kg.queries.features import prepare
from spbe_kg.queries.records import AppRecord
from spbe_kg.settings import Settings
recs = [AppRecord("http://x/a", "LPSE", aliases=("SPSE",), pemda="http://x/p"),
        AppRecord("http://x/b", "SPSE", aliases=("LPSE",), pemda="http://x/p"),
        AppRecord("http://x/c", "Kepegawaianf", aliases=tuple("Kepegawaian" + x for x in "abcde"), pemda="http://x/p"),
        AppRecord("http://x/d", "Kepegawaianz", pemda="http://x/p")]
f = prepare(recs, [], shared_hosts=())
for a, b in ((0, 1), (2, 3)):
    print([e.value for e in evaluate(f[a], f[b], Settings()).evidence if e.kind == "nama"])
"""


def test_name_evidence_does_not_depend_on_set_order():
    """Two equally long common names, or two equally similar ones: the evidence names the same one under
    every hash seed."""
    procs = [subprocess.Popen([sys.executable, "-c", _TIE], stdout=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONHASHSEED": seed}) for seed in ("1", "2", "3", "4")]
    seen = {p.communicate()[0].strip() for p in procs}
    assert [p.returncode for p in procs] == [0, 0, 0, 0]
    assert seen == {"['lpse']\n['kepegawaiana ~ kepegawaianz (92)']"}
