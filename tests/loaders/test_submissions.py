"""Submission history (issue 11): each load keeps a record of what the file held, so the next load can be
compared with it (added, removed, changed applications), through the real loader into real stores."""

from __future__ import annotations

from pathlib import Path

from spbe_kg.loaders import submissions
from spbe_kg.loaders.api import convert_files, load_into_store
from spbe_kg.service.store.embedded import EmbeddedStore
from spbe_kg.settings import Settings

HEADER = "pemda,opd_pengelola,nama_aplikasi,deskripsi,url\n"
ROWS = {
    "simpeg": "Kab. Karo,BKPSDM,SIMPEG,Kepegawaian daerah,https://simpeg.karokab.go.id\n",
    "eoffice": "Kab. Karo,Dinas Kominfo,e-Office,Surat menyurat elektronik,https://eoffice.karokab.go.id\n",
    "sipd": "Kab. Karo,BAPPEDA,SIPD,Perencanaan daerah,https://sipd.kemendagri.go.id\n",
}


def _load(store, tmp: Path, rows: list[str], when: str, **kw) -> str:
    settings = Settings(base_iri="https://data.example.go.id/spbe/", loaded_at=when, store="memory")
    f = tmp / "inventaris-karo.csv"
    f.write_text(HEADER + "".join(rows), encoding="utf-8")
    result = convert_files([f], settings=settings)
    load_into_store(store, result, settings=settings, **kw)
    return result.graphs[0]


def _names(sub, iris):
    return sorted(sub.apps[i].name if i in sub.apps else i.rsplit("/", 1)[-1] for i in iris)


def test_a_reload_is_compared_with_the_previous_submission(tmp_path):
    store = EmbeddedStore(None)
    settings = Settings(base_iri="https://data.example.go.id/spbe/", store="memory")
    g = _load(store, tmp_path, [ROWS["simpeg"], ROWS["eoffice"]], "2026-01-05T08:00:00Z", by="Pemerintah Kabupaten Karo")
    changed_eoffice = ROWS["eoffice"].replace("Surat menyurat elektronik", "Naskah dinas elektronik")
    _load(store, tmp_path, [changed_eoffice, ROWS["sipd"]], "2026-02-10T09:30:00Z")
    recs = submissions.history(store, settings)[g]
    assert [r.when for r in recs] == ["2026-02-10T09:30:00Z", "2026-01-05T08:00:00Z"]
    assert recs[1].by == "Pemerintah Kabupaten Karo" and recs[0].by is None
    assert {a.name for a in recs[0].apps.values()} == {"e-Office", "SIPD"}
    ch = submissions.changes(recs[1], recs[0])
    assert _names(recs[0], ch.added) == ["SIPD"]
    assert _names(recs[1], ch.removed) == ["SIMPEG"]
    assert _names(recs[0], ch.changed) == ["e-Office"]
    kab = "https://data.example.go.id/spbe/instansi/pemerintah-kabupaten-karo"
    assert all(a.instansi == kab for a in recs[0].apps.values())
    assert submissions.changes(recs[1], recs[0], instansi="https://data.example.go.id/spbe/instansi/other").added == []


def test_moving_a_row_is_not_a_change(tmp_path):
    store = EmbeddedStore(None)
    settings = Settings(base_iri="https://data.example.go.id/spbe/", store="memory")
    g = _load(store, tmp_path, [ROWS["simpeg"], ROWS["eoffice"]], "2026-01-05T08:00:00Z")
    _load(store, tmp_path, [ROWS["eoffice"], ROWS["simpeg"]], "2026-01-06T08:00:00Z")
    new, old = submissions.history(store, settings)[g]
    assert submissions.changes(old, new) == submissions.Changes([], [], [])


def test_only_the_newest_records_are_kept(tmp_path):
    store = EmbeddedStore(None)
    settings = Settings(base_iri="https://data.example.go.id/spbe/", store="memory")
    for day in range(1, submissions.KEEP + 4):
        g = _load(store, tmp_path, [ROWS["simpeg"]], f"2026-03-{day:02d}T00:00:00Z")
    recs = submissions.history(store, settings)[g]
    assert len(recs) == submissions.KEEP
    assert recs[0].when == f"2026-03-{submissions.KEEP + 3:02d}T00:00:00Z" and recs[-1].when == "2026-03-04T00:00:00Z"


def test_the_record_lands_with_the_data_in_an_on_disk_bulk_load(tmp_path):
    """The lazy on-disk store loads a copy and swaps it in: the record is part of that same load."""
    settings = Settings(base_iri="https://data.example.go.id/spbe/", store="embedded", data_dir=tmp_path / "store")
    (tmp_path / "in").mkdir()
    store = EmbeddedStore(settings.data_dir, lazy=True)
    g = _load(store, tmp_path / "in", [ROWS["simpeg"]], "2026-01-05T08:00:00Z")
    store.close()
    reopened = EmbeddedStore(settings.data_dir, read_only=True)
    try:
        assert submissions.history_graph(settings) in reopened.named_graphs()
        (rec,) = submissions.history(reopened, settings)[g]
        assert [a.name for a in rec.apps.values()] == ["SIMPEG"]
    finally:
        reopened.close()


def test_no_record_when_asked_not_to(tmp_path):
    store = EmbeddedStore(None)
    settings = Settings(base_iri="https://data.example.go.id/spbe/", store="memory")
    _load(store, tmp_path, [ROWS["simpeg"]], "2026-01-05T08:00:00Z", record_history=False)
    assert submissions.history_graph(settings) not in store.named_graphs()


def test_record_submission_for_a_graph_loaded_by_other_means(tmp_path):
    """What a server's POST /load calls when it loaded a graph itself: the record is read from the store."""
    store = EmbeddedStore(None)
    settings = Settings(base_iri="https://data.example.go.id/spbe/", store="memory")
    g = _load(store, tmp_path, [ROWS["simpeg"], ROWS["sipd"]], "2026-01-05T08:00:00Z", record_history=False)
    sub = submissions.record_submission(store, g, settings=settings, by="admin")
    assert sub.when == "2026-01-05T08:00:00Z"  # the graph's own load time
    (again,) = submissions.history(store, settings)[g]
    assert again.by == "admin" and again.apps == sub.apps and len(sub.apps) == 2


def test_the_load_and_the_store_give_the_same_record_even_with_control_characters(tmp_path):
    """The loader writes a tab in a literal as is, pyoxigraph escapes it: the digest must not depend on who
    wrote the text, or every application would look changed between a CLI load and a server's record."""
    store = EmbeddedStore(None)
    settings = Settings(base_iri="https://data.example.go.id/spbe/", store="memory")
    tabbed = ROWS["simpeg"].replace("Kepegawaian daerah", '"Kepegawaian\tdaerah\x01"')
    g = _load(store, tmp_path, [tabbed, ROWS["sipd"]], "2026-01-05T08:00:00Z")
    (from_load,) = submissions.history(store, settings)[g]
    from_store = submissions.record_submission(store, g, settings=settings)
    assert from_store.apps == from_load.apps and len(from_load.apps) == 2
    assert submissions.changes(from_load, from_store) == submissions.Changes([], [], [])
