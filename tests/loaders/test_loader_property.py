"""Property-based: random and malformed csv / xlsx / json give a structured LoaderError or row outcomes,
never another exception."""

from __future__ import annotations

import datetime as dt
import io
import json
import tempfile
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from spbe_kg.loaders.api import convert_files
from spbe_kg.loaders.errors import LoaderError
from spbe_kg.settings import Settings

SETTINGS = Settings(base_iri="https://data.example.go.id/spbe/", loaded_at="2025-09-01T00:00:00Z")
HEADERS = ["pemda", "nama_aplikasi", "opd_pengelola", "url", "status", "tahun_pembuatan", "kode_ral", "opd_pengguna",
           "Nama Aplikasi", "Alamat URL", "jenis_aplikasi", "", "x"]
COMMON = dict(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

cell_text = st.one_of(
    st.text(max_size=30),
    st.text(alphabet=st.characters(blacklist_categories=()), max_size=10),
    st.sampled_from(["tidak ada", "-", "N/A", "https://tidakada.invalid", "Srikandi", "RAL.02.04", "RAL 1.2",
                     "Kab. Madiun", "Aktif", "Tidak Aktif", "2021.0", "a;b\nc", '"', "'", "\\", "\x00", "\ufeff",
                     "https://x | Sumber: y", "http://[::1", "https://a..b", "🙂", "ñandú"]),
)


def check(path: Path, **kw) -> None:
    try:
        r = convert_files([path], settings=SETTINGS, **kw)
    except LoaderError as e:
        assert str(e) and "Traceback" not in str(e)
        return
    for o in r.rows:
        assert o.status in ("loaded", "skipped", "error")
        if o.status != "loaded":
            assert o.reason
    assert len(r.graphs) <= 1
    assert len(r.quads) == r.size()  # the N-Triples text the loader wrote parses back, quad for quad


@given(data=st.binary(max_size=600), name=st.sampled_from(["a.csv", "a.json", "a.xlsx", "a.ttl"]))
@hsettings(**COMMON)
def test_random_bytes(data, name):
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / name
        p.write_bytes(data)
        check(p)


@given(header=st.lists(st.sampled_from(HEADERS), min_size=1, max_size=6),
       rows=st.lists(st.lists(cell_text, max_size=8), max_size=6),
       delim=st.sampled_from([",", ";", "\t", "|"]),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16"]),
       instansi=st.sampled_from([None, "Kabupaten Madiun"]))
@hsettings(**COMMON)
def test_ragged_csv_any_encoding(header, rows, delim, encoding, instansi):
    def q(c: str) -> str:
        return '"' + c.replace('"', '""') + '"' if any(x in c for x in (delim, '"', "\n", "\r")) else c

    text = "\n".join(delim.join(q(c) for c in r) for r in [header, *rows])
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "inv.csv"
        p.write_bytes(text.encode(encoding, errors="replace"))
        check(p, instansi=instansi)


xlsx_value = st.one_of(cell_text.map(lambda s: "".join(ch for ch in s if ch >= " " or ch in "\t\n")), st.integers(-10**12, 10**12),
                       st.floats(allow_nan=False, allow_infinity=False, width=32), st.booleans(), st.none(),
                       st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2100, 1, 1)))


@given(header=st.lists(st.sampled_from(HEADERS), min_size=1, max_size=6),
       rows=st.lists(st.lists(xlsx_value, max_size=7), max_size=5),
       title_rows=st.integers(0, 3), merge=st.booleans(), cut=st.one_of(st.none(), st.integers(0, 3000)))
@hsettings(**COMMON)
def test_xlsx_random_cells_merged_truncated(header, rows, title_rows, merge, cut):
    wb = openpyxl.Workbook()
    ws = wb.active
    for i in range(title_rows):
        ws.append([f"JUDUL {i}"])
    ws.append(header)
    for r in rows:
        ws.append(r)
    if merge and ws.max_row >= 2:
        ws.merge_cells(start_row=1, start_column=1, end_row=min(ws.max_row, 3), end_column=2)
    buf = io.BytesIO()
    wb.save(buf)
    data = buf.getvalue()
    if cut is not None:
        data = data[:cut]
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "inv.xlsx"
        p.write_bytes(data)
        check(p, instansi="Kota Medan")


json_leaf = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), cell_text)
json_any = st.recursive(json_leaf, lambda c: st.one_of(st.lists(c, max_size=3), st.dictionaries(st.sampled_from(HEADERS), c, max_size=4)),
                        max_leaves=12)


@given(doc=st.one_of(json_any, st.lists(st.dictionaries(st.sampled_from(HEADERS), json_any, max_size=5), max_size=5)))
@hsettings(**COMMON)
def test_json_any_shape(doc):
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "inv.json"
        p.write_text(json.dumps(doc))
        check(p, instansi="Kota Medan")
