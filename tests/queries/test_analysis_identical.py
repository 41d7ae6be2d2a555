"""The duplicate analysis gives the same result whatever Python's set order, and its fast paths give what
the straightforward code gives (issue 10 speed work: the result must stay identical).

The canonical dump (``spbe_kg.benchmarks.dump_duplicates``) is the check the speed work was measured
against; here it checks the bundled example end to end.
"""

from __future__ import annotations

import json
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


def test_cached_fields_key_follows_every_field_the_matcher_reads():
    """``suggest.fields_key`` is cached per record's raw fields: a record differing in any field that
    changes the analysed fields must get its own key (never the cached one of an equal-looking record)."""
    import dataclasses

    from spbe_kg.queries.lexicon import load_lexicon
    from spbe_kg.queries.records import AppRecord
    from spbe_kg.queries.suggest import _fields, fields_key

    lex = load_lexicon()
    base = AppRecord("http://x/a", "Sistem Informasi Kepegawaian", short="SIMPEG", aliases=("E-Pegawai",),
                     description="data pegawai", function="kepegawaian", hosts=("simpeg.x.go.id",),
                     urls=("https://simpeg.x.go.id/a",), opd_name="BKPSDM", pemda_name="Kabupaten Karo")
    fields_key(base, lex)  # cached
    other = {"name": "Aplikasi Antrian", "short": "ANTRI", "aliases": ("Antrean",), "description": "antrian pasien",
             "function": "pelayanan antrean", "hosts": ("antrian.y.go.id",), "urls": ("https://antrian.y.go.id",),
             "opd_name": "RSUD", "pemda_name": "Kota Medan Antrian", "row": 9, "file": "f", "sheet": "s"}
    for f in dataclasses.fields(AppRecord):
        if f.name not in other:
            continue
        variant = dataclasses.replace(base, **{f.name: other[f.name]})
        assert fields_key(variant, lex) == tuple(_fields(variant, lex).items()), f.name


def test_example_analysis_is_the_same_with_cold_and_warm_caches(sumut_store):
    """The bundled example analysed twice in one process, first with every cache of the pass emptied, then
    with them warm (names, texts, fields, scores, jobs): the canonical dumps are equal line for line, and
    every part of the result is there."""
    from spbe_kg.benchmarks.dump_duplicates import dump_lines
    from spbe_kg.queries import suggest
    from spbe_kg.queries.duplicates import analyse
    from spbe_kg.queries.lexicon import lexicon_for
    from spbe_kg.settings import Settings

    settings = Settings()
    lex = lexicon_for(settings)
    for cache in (lex.score_cache, lex.text_cache, lex.match_cache, lex.job_cache):
        cache.clear()
    suggest._FIELDS[:] = [None, {}]
    suggest._WORDS[:] = [None, {}]
    cold = dump_lines(analyse(sumut_store, settings))
    warm = dump_lines(analyse(sumut_store, settings))
    assert cold == warm
    sections = {next(iter(json.loads(line))) for line in cold}
    assert sections == {"record", "suggestion", "cluster", "order", "pair", "counts"}
    counts = json.loads(cold[-1])["counts"]
    assert counts["records"] > 100 and counts["clusters"] > 10 and counts["suggestions"] > 100
