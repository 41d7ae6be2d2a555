"""Provenance quads: the source file, its sheets and column mappings, and the PROV-O load activity.

The load time comes from ``settings.loaded_at`` when set (env ``SPBE_LOADED_AT`` or the
reproducible-builds ``SOURCE_DATE_EPOCH``), so the same input can give byte-identical output.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pyoxigraph as ox

from spbe_kg import __version__
from spbe_kg.ontology.iris import Minter, slug

from .columns import FIELD_PROPERTIES
from .layout import Layout
from .outcome import FileSummary
from .vocab import (
    LABEL, PROV_ACTIVITY, PROV_DERIVED_FROM, PROV_ENTITY, PROV_GENERATED_AT, PROV_GENERATED_BY,
    PROV_STARTED_AT, PROV_USED, S, TYPE, XSD_DATETIME, XSD_INTEGER, node,
)

Lit = ox.Literal


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def load_time(loaded_at: dt.datetime | None) -> str:
    """xsd:dateTime text (UTC) of the load."""
    t = loaded_at or dt.datetime.now(dt.timezone.utc)
    if t.tzinfo is None:
        t = t.replace(tzinfo=dt.timezone.utc)
    return t.astimezone(dt.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def sheet_quads(minter: Minter, g: ox.NamedNode, file_name: str, sheet_name: str, display_sheet: str | None,
                layout: Layout | None) -> tuple[ox.NamedNode, list[ox.Quad]]:
    """The sheet entity and its column mappings (``.../{file}/{sheet}/kolom/{letter}``)."""
    sn = node(str(minter.sheet(file_name, sheet_name)))
    fn = node(str(minter.source_file(file_name)))
    q = [ox.Quad(sn, TYPE, S.LembarSumber, g), ox.Quad(sn, TYPE, PROV_ENTITY, g), ox.Quad(sn, S.berkas, fn, g)]
    if display_sheet is not None:
        q.append(ox.Quad(sn, S.namaLembar, Lit(display_sheet), g))
    if layout is not None:
        t = layout.table
        for header, letter, fld in zip(t.headers, t.letters, layout.fields):
            props = FIELD_PROPERTIES.get(fld or "", ())
            if not props:
                continue
            part = letter if (letter.isascii() and letter.isalpha() and letter.isupper()) else slug(letter)
            cn = node(f"{sn.value}/kolom/{part}")
            q += [ox.Quad(sn, S.pemetaanKolom, cn, g), ox.Quad(cn, TYPE, S.PemetaanKolom, g),
                  ox.Quad(cn, S.kolom, Lit(header), g), ox.Quad(cn, S.hurufKolom, Lit(letter), g)]
            q += [ox.Quad(cn, S.untukProperti, getattr(S, p), g) for p in props]
    return sn, q


def file_quads(minter: Minter, g: ox.NamedNode, summary: FileSummary, when: str) -> list[ox.Quad]:
    """The source file entity, its counts, and the load activity that generated the graph."""
    fn = node(str(minter.source_file(summary.file)))
    act = node(str(minter.load_activity(summary.file, summary.sha256)))
    t = Lit(when, datatype=XSD_DATETIME)

    def i(n: int) -> ox.Literal:
        return Lit(str(n), datatype=XSD_INTEGER)

    q = [
        ox.Quad(fn, TYPE, S.SumberBerkas, g), ox.Quad(fn, TYPE, PROV_ENTITY, g),
        ox.Quad(fn, S.namaBerkas, Lit(summary.file), g), ox.Quad(fn, LABEL, Lit(summary.file), g),
        ox.Quad(fn, S.sha256, Lit(summary.sha256), g),
        ox.Quad(fn, S.jumlahBaris, i(summary.rows), g), ox.Quad(fn, S.jumlahDimuat, i(summary.loaded), g),
        ox.Quad(fn, S.jumlahDilewati, i(summary.skipped + summary.errors), g),
        ox.Quad(act, TYPE, S.PemuatanInventaris, g), ox.Quad(act, TYPE, PROV_ACTIVITY, g),
        ox.Quad(act, PROV_USED, fn, g), ox.Quad(act, PROV_STARTED_AT, t, g),
        ox.Quad(act, S.versiPemuat, Lit(f"spbe-kg {__version__}"), g),
        ox.Quad(g, PROV_GENERATED_BY, act, g), ox.Quad(g, PROV_GENERATED_AT, t, g),
        ox.Quad(g, PROV_DERIVED_FROM, fn, g),
    ]
    return q
