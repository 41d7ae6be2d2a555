"""Provenance quads: the source file, its sheets and column mappings, and the PROV-O load activity.

The load time comes from ``settings.loaded_at`` when set (env ``SPBE_LOADED_AT`` or the
reproducible-builds ``SOURCE_DATE_EPOCH``), so the same input can give byte-identical output.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from spbe_kg import __version__
from spbe_kg.ontology.iris import Minter, slug

from .columns import FIELD_PROPERTIES
from .layout import Layout
from .outcome import FileSummary
from .vocab import (
    LABEL,
    PROV_ACTIVITY,
    PROV_DERIVED_FROM,
    PROV_ENTITY,
    PROV_GENERATED_AT,
    PROV_GENERATED_BY,
    PROV_STARTED_AT,
    PROV_USED,
    TYPE,
    XSD_DATETIME,
    XSD_INTEGER,
    S,
    iri_of,
    lit,
    node,
)


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def load_time(loaded_at: dt.datetime | None) -> str:
    """xsd:dateTime text (UTC) of the load."""
    t = loaded_at or dt.datetime.now(dt.UTC)
    if t.tzinfo is None:
        t = t.replace(tzinfo=dt.UTC)
    return t.astimezone(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def sheet_lines(minter: Minter, file_name: str, sheet_name: str, display_sheet: str | None,
                layout: Layout | None) -> tuple[str, list[str]]:
    """The sheet entity and its column mappings (``.../{file}/{sheet}/kolom/{letter}``) as N-Triples lines."""
    sn = node(str(minter.sheet(file_name, sheet_name)))
    fn = node(str(minter.source_file(file_name)))
    q = [f"{sn} {TYPE} {S.LembarSumber}", f"{sn} {TYPE} {PROV_ENTITY}", f"{sn} {S.berkas} {fn}"]
    if display_sheet is not None:
        q.append(f"{sn} {S.namaLembar} {lit(display_sheet)}")
    if layout is not None:
        t = layout.table
        for header, letter, fld in zip(t.headers, t.letters, layout.fields):
            props = FIELD_PROPERTIES.get(fld or "", ())
            if not props:
                continue
            part = letter if (letter.isascii() and letter.isalpha() and letter.isupper()) else slug(letter)
            cn = node(f"{iri_of(sn)}/kolom/{part}")
            q += [f"{sn} {S.pemetaanKolom} {cn}", f"{cn} {TYPE} {S.PemetaanKolom}",
                  f"{cn} {S.kolom} {lit(header)}", f"{cn} {S.hurufKolom} {lit(letter)}"]
            q += [f"{cn} {S.untukProperti} {getattr(S, p)}" for p in props]
    return sn, q


def file_lines(minter: Minter, graph: str, summary: FileSummary, when: str) -> list[str]:
    """The source file entity, its counts, and the load activity that generated the graph."""
    fn = node(str(minter.source_file(summary.file)))
    act = node(str(minter.load_activity(summary.file, summary.sha256)))
    g = node(graph)
    t = lit(when, XSD_DATETIME)

    def i(n: int) -> str:
        return lit(str(n), XSD_INTEGER)

    return [
        f"{fn} {TYPE} {S.SumberBerkas}", f"{fn} {TYPE} {PROV_ENTITY}",
        f"{fn} {S.namaBerkas} {lit(summary.file)}", f"{fn} {LABEL} {lit(summary.file)}",
        f"{fn} {S.sha256} {lit(summary.sha256)}",
        f"{fn} {S.jumlahBaris} {i(summary.rows)}", f"{fn} {S.jumlahDimuat} {i(summary.loaded)}",
        f"{fn} {S.jumlahDilewati} {i(summary.skipped + summary.errors)}",
        f"{act} {TYPE} {S.PemuatanInventaris}", f"{act} {TYPE} {PROV_ACTIVITY}",
        f"{act} {PROV_USED} {fn}", f"{act} {PROV_STARTED_AT} {t}",
        f"{act} {S.versiPemuat} {lit(f'spbe-kg {__version__}')}",
        f"{g} {PROV_GENERATED_BY} {act}", f"{g} {PROV_GENERATED_AT} {t}",
        f"{g} {PROV_DERIVED_FROM} {fn}",
    ]
