"""Invented application records for the duplicate finder's unit tests (no inventory row), shared by
test_same_job.py and test_generalise.py."""

from __future__ import annotations

from spbe_kg.queries.records import AppRecord, fetch_national

SAME_APP, SAME_JOB = "satu-aplikasi-banyak-pencatat", "aplikasi-berbeda-fungsi-sama"
P1, P2 = "http://x/pemda/kab-a", "http://x/pemda/kota-b"


def national_refs():
    """The national applications of the real reference graph, from a real in-memory pyoxigraph store."""
    from spbe_kg.ontology.reference import ensure_reference
    from spbe_kg.service.store.embedded import EmbeddedStore

    s = EmbeddedStore(None)
    ensure_reference(s)
    return fetch_national(s)


def rec(i, name, opd, pemda=P1, pemda_name="Pemerintah Kabupaten Alfa", **kw):
    return AppRecord(f"http://x/app/{i}", name, opd=f"http://x/opd/{opd}", opd_name=opd, pemda=pemda,
                     pemda_name=pemda_name, row=i, file="f.csv", **kw)
