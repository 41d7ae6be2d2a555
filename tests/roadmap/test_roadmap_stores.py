"""The decision store on every backend (embedded, in-memory, a real oxigraph server, a real Virtuoso):
the same decisions come back, the latest per subject set wins, nothing outside the decisions graph."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from spbe_kg.roadmap.decisions import decisions_graph, latest, load, record
from spbe_kg.settings import Settings

pytestmark = pytest.mark.remote


def test_decisions_round_trip_on_every_store(any_store):
    s = Settings(base_iri=f"http://example.org/test/{uuid.uuid4().hex}/")
    t0 = dt.datetime(2026, 3, 1, 8, 0, tzinfo=dt.UTC)
    apps = [f"{s.base_iri}aplikasi/a{i}" for i in range(3)]
    d1 = record(any_store, s, "tolak-klaster", apps, reason="beda", reason_lang="id", agent="admin",
                evidence_lines=[f"{apps[0]}|{apps[1]}|nama=simpeg"], values={"jenisDuplikasi": "satu-aplikasi-banyak-pencatat"},
                now=t0)
    d2 = record(any_store, s, "konfirmasi-klaster", apps, agent="Pemkab Karo", now=t0 + dt.timedelta(hours=1),
                values={"idKlaster": "a-123", "targetKonsolidasi": apps[0]})
    d3 = record(any_store, s, "ubah-rencana", apps[:1], now=t0 + dt.timedelta(hours=2),
                values={"butirRencana": "r-1", "tahunTarget": "2027", "statusRencana": "berjalan"})
    got = load(any_store, s)
    assert [d.iri for d in got] == [d1.iri, d2.iri, d3.iri]
    assert got[0].evidence_lines == d1.evidence_lines and got[0].evidence_hash == d1.evidence_hash and got[0].reason == "beda"
    assert got[1].agent == "Pemkab Karo" and got[1].value("targetKonsolidasi") == apps[0]
    assert got[2].value("tahunTarget") == "2027"
    current = latest(got)
    assert current[("klaster", tuple(sorted(apps)), None)].kind == "konfirmasi-klaster"
    assert any_store.has_graph(decisions_graph(s))
