"""Generate the SKOS code lists (``ref-rab.ttl`` ... ``ref-rak.ttl``) and ``enumerations.ttl``.

The code lists are read from CSV files ``spbe_{rab,ral,rad,raa,rai,rak}_*.csv`` (columns ``kode, nama,
level, nama_level, kode_induk[, kode_rab_padanan]``) bundled in ``ontology/sources/`` (statute annexes,
public facts; where each comes from is in ``sources/sources.yaml``). A reference directory given with
``--reference`` or env ``SPBE_REFERENCE_DIR`` overrides them: a list found there replaces the bundled one.
Nothing is hard-coded: drop an official CSV in place and run ``make ontology``.

    python -m spbe_kg.ontology.build_codelists [--reference DIR] [-o OUTDIR]

>>> parent_code("RAL.02.04.06")
'RAL.02.04'
>>> parent_code("RAL.02") is None
True
"""

from __future__ import annotations

import argparse
import csv
import functools
import hashlib
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml
from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, OWL, RDF, SKOS, XSD

from . import ONTOLOGY_DIR
from .meta import new_graph, write_turtle
from .namespaces import REF, SPBE
from .terms import TermTableError
from .terms_enums import enums

PREFIXES = ("RAB", "RAL", "RAD", "RAA", "RAI", "RAK")
CODE_RE = re.compile(r"^(RAB|RAL|RAD|RAA|RAI|RAK)(\.\d{2}){1,7}$")
PRIMARY_TEXT = "Lampiran Peraturan Presiden Nomor 132 Tahun 2022 tentang Arsitektur SPBE Nasional (teks primer)"
BUNDLED = ("Nama level 1 yang diketahui (ontology/sources di repositori spbe-kg); daftar resmi level 2-3 "
           "belum tersedia")
SCRIPT = "ontology/build_codelists.py"
TEMPLATES = "Salinan terbaca mesin templat analis SIA-SPBE yang dipakai pemerintah daerah"

SCHEMES: dict[str, tuple[str, str]] = {
    "RAB": ("Referensi Arsitektur Proses Bisnis", "Business Process Reference Architecture"),
    "RAL": ("Referensi Arsitektur Layanan", "Service Reference Architecture"),
    "RAD": ("Referensi Arsitektur Data dan Informasi", "Data and Information Reference Architecture"),
    "RAA": ("Referensi Arsitektur Aplikasi", "Application Reference Architecture"),
    "RAI": ("Referensi Arsitektur Infrastruktur", "Infrastructure Reference Architecture"),
    "RAK": ("Referensi Arsitektur Keamanan", "Security Reference Architecture"),
}
REPLACE_NOTE_ID = ("Daftar ini disalin dari sumber sekunder. Daftar resmi dapat menggantikannya tanpa mengubah kode: "
                   "taruh CSV resmi (kolom kode, nama, level, nama_level, kode_induk[, kode_rab_padanan]) di direktori "
                   "referensi lalu jalankan `make ontology`.")
REPLACE_NOTE_EN = ("This list was transcribed from a secondary source. An official list can replace it without code "
                   "changes: put the official CSV (columns kode, nama, level, nama_level, kode_induk[, "
                   "kode_rab_padanan]) in the reference directory and run `make ontology`.")


class CodeListError(Exception):
    """A code-list CSV is missing or wrong; the message names the file, row and column.

    ``str(e)`` is the Bahasa Indonesia message; ``e.message("en")`` the English one.
    """

    def __init__(self, text_id: str, text_en: str | None = None) -> None:
        super().__init__(text_id)
        self.text_en = text_en or text_id

    def message(self, lang: str = "id") -> str:
        return self.text_en if lang == "en" else str(self)


@dataclass(frozen=True)
class Code:
    code: str
    name: str
    level: int
    level_name: str
    parent: str | None
    rab: str | None
    row: int


SOURCES_DIR = ONTOLOGY_DIR / "sources"


def reference_dir(arg: Path | str | None = None) -> Path:
    """The directory the reference CSVs are read from: argument, env ``SPBE_REFERENCE_DIR``, or the bundled
    ``ontology/sources``. A directory given that does not exist is an error (never silently the bundled one)."""
    given = arg or os.environ.get("SPBE_REFERENCE_DIR")
    if not given:
        return SOURCES_DIR
    d = Path(given)
    if not d.is_dir():
        raise CodeListError(f"direktori referensi {d} tidak ada; beri --reference DIR atau SPBE_REFERENCE_DIR yang "
                            f"berisi spbe_*.csv, atau hapus keduanya untuk memakai ontology/sources.",
                            f"reference directory {d} does not exist; give --reference DIR or SPBE_REFERENCE_DIR "
                            f"holding spbe_*.csv, or neither to use ontology/sources.")
    return d


def reference_file(name: str, ref_dir: Path) -> Path:
    """A named reference file: in ``ref_dir`` first, then the bundled ``ontology/sources``."""
    for d in (ref_dir, SOURCES_DIR):
        if (d / name).is_file():
            return d / name
    raise CodeListError(f"{name} tidak ditemukan di {ref_dir} maupun {SOURCES_DIR}; beri --reference DIR atau "
                        f"SPBE_REFERENCE_DIR.",
                        f"{name} not found in {ref_dir} nor {SOURCES_DIR}; give --reference DIR or SPBE_REFERENCE_DIR.")


@functools.lru_cache(maxsize=1)
def _bundled_provenance() -> dict[str, str]:
    path = SOURCES_DIR / "sources.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as e:
        raise CodeListError(f"{path}: tidak dapat dibaca ({e}).", f"{path}: cannot be read ({e}).") from None
    bad = {k: v for k, v in data.items() if v not in ("templates", "level1")}
    if bad:
        raise CodeListError(f"{path}: asal {bad} tidak dikenal (boleh: templates, level1).",
                            f"{path}: unknown origin {bad} (allowed: templates, level1).")
    return data


def source_note(path: Path) -> str:
    """The ``dcterms:source`` note of a code-list CSV: bundled ones as ``sources.yaml`` says."""
    if path.parent.resolve() != SOURCES_DIR.resolve():
        return TEMPLATES
    origin = _bundled_provenance().get(path.name)
    if origin is None:
        raise CodeListError(f"{path}: tidak tercatat di {SOURCES_DIR / 'sources.yaml'}; tambahkan baris "
                            f"'{path.name}: templates' (atau level1).",
                            f"{path}: not listed in {SOURCES_DIR / 'sources.yaml'}; add a line "
                            f"'{path.name}: templates' (or level1).")
    return BUNDLED if origin == "level1" else TEMPLATES


def parent_code(code: str) -> str | None:
    """The parent of a code: the code minus its last segment (``None`` at level 1)."""
    head, _, _ = code.rpartition(".")
    return head if "." in head else None


def find_csv(prefix: str, ref_dir: Path) -> Path:
    """The CSV for one prefix: in ``ref_dir`` first, then ``ontology/sources``."""
    for d in dict.fromkeys((ref_dir, SOURCES_DIR)):
        hits = sorted(d.glob(f"spbe_{prefix.lower()}_*.csv")) if d.is_dir() else []
        if len(hits) > 1:
            names = ", ".join(h.name for h in hits)
            raise CodeListError(f"{d}: lebih dari satu CSV untuk {prefix} ({names}); sisakan satu.",
                                f"{d}: more than one CSV for {prefix} ({names}); keep one.")
        if hits:
            return hits[0]
    raise CodeListError(f"CSV untuk {prefix} (spbe_{prefix.lower()}_*.csv) tidak ditemukan di {ref_dir}; "
                        f"beri --reference DIR atau SPBE_REFERENCE_DIR.",
                        f"no CSV for {prefix} (spbe_{prefix.lower()}_*.csv) in {ref_dir}; "
                        f"give --reference DIR or SPBE_REFERENCE_DIR.")


def read_codes(path: Path, prefix: str) -> list[Code]:
    """Read and check one code-list CSV. Errors name file, row (as a spreadsheet shows it) and column."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise CodeListError(f"{path}: tidak dapat dibaca ({e}).", f"{path}: cannot be read ({e}).") from e
    reader = csv.DictReader(text.splitlines())
    need = {"kode", "nama", "level", "nama_level", "kode_induk"}
    missing = need - set(reader.fieldnames or ())
    if missing:
        cols = ", ".join(sorted(missing))
        raise CodeListError(f"{path}: kolom {cols} tidak ada di baris judul.",
                            f"{path}: column(s) {cols} missing from the header row.")
    codes: list[Code] = []
    seen: dict[str, int] = {}
    for i, r in enumerate(reader, start=2):
        where, at = f"{path.name} baris {i}", f"{path.name} row {i}"
        code = (r["kode"] or "").strip()
        if not CODE_RE.match(code) or not code.startswith(prefix + "."):
            raise CodeListError(f"{where}, kolom kode: {code!r} bukan kode {prefix} (contoh {prefix}.01.02).",
                                f"{at}, column kode: {code!r} is not a {prefix} code (e.g. {prefix}.01.02).")
        if code in seen:
            raise CodeListError(f"{where}, kolom kode: {code} sudah ada di baris {seen[code]}.",
                                f"{at}, column kode: {code} is already on row {seen[code]}.")
        seen[code] = i
        try:
            level = int(r["level"])
        except (TypeError, ValueError):
            raise CodeListError(f"{where}, kolom level: {r['level']!r} bukan angka.",
                                f"{at}, column level: {r['level']!r} is not a number.") from None
        if level != code.count("."):
            raise CodeListError(f"{where}, kolom level: {level}, padahal kode {code} ada di level {code.count('.')}.",
                                f"{at}, column level: {level}, but code {code} is at level {code.count('.')}.")
        parent = (r["kode_induk"] or "").strip() or None
        if parent != parent_code(code):
            raise CodeListError(f"{where}, kolom kode_induk: {parent!r}, seharusnya {parent_code(code)!r} "
                                f"(kode dikurangi segmen terakhir).",
                                f"{at}, column kode_induk: {parent!r}, should be {parent_code(code)!r} "
                                f"(the code minus its last segment).")
        name = (r["nama"] or "").strip()
        if not name:
            raise CodeListError(f"{where}, kolom nama: kosong.", f"{at}, column nama: empty.")
        rab = (r.get("kode_rab_padanan") or "").strip() or None
        codes.append(Code(code, name, level, (r["nama_level"] or "").strip(), parent, rab, i))
    for c in codes:
        if c.parent and c.parent not in seen:
            raise CodeListError(f"{path.name} baris {c.row}, kolom kode_induk: {c.parent} tidak ada di daftar.",
                                f"{path.name} row {c.row}, column kode_induk: {c.parent} is not in the list.")
    return codes


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def codelist_graph(prefix: str, path: Path, codes: list[Code], rab_codes: set[str] | None = None) -> Graph:
    """SKOS scheme ``ref:{prefix}`` with one concept per code."""
    g = new_graph()
    s = REF[prefix]
    label_id, label_en = SCHEMES[prefix]
    g.add((s, RDF.type, SKOS.ConceptScheme))
    g.add((s, SKOS.prefLabel, Literal(label_id, lang="id")))
    g.add((s, SKOS.prefLabel, Literal(label_en, lang="en")))
    g.add((s, SKOS.notation, Literal(prefix)))
    g.add((s, DCTERMS.source, Literal(f"{path.name} (sha256 {_sha(path)[:16]})")))
    g.add((s, DCTERMS.source, Literal(source_note(path), lang="id")))
    g.add((s, DCTERMS.source, Literal(PRIMARY_TEXT, lang="id")))
    g.add((s, DCTERMS.issued, Literal("2022", datatype=XSD.gYear)))
    g.add((s, OWL.versionInfo, Literal(f"{path.name} sha256:{_sha(path)[:16]}; {len(codes)} kode")))
    g.add((s, SKOS.editorialNote, Literal(REPLACE_NOTE_ID, lang="id")))
    g.add((s, SKOS.editorialNote, Literal(REPLACE_NOTE_EN, lang="en")))
    for c in codes:
        k = REF[c.code]
        g.add((k, RDF.type, SKOS.Concept))
        g.add((k, SKOS.notation, Literal(c.code)))
        g.add((k, SKOS.prefLabel, Literal(c.name, lang="id")))
        g.add((k, SKOS.inScheme, s))
        g.add((k, SPBE.level, Literal(c.level)))
        if c.level_name:
            g.add((k, SPBE.namaLevel, Literal(c.level_name)))
        if c.parent:
            g.add((k, SKOS.broader, REF[c.parent]))
            g.add((REF[c.parent], SKOS.narrower, k))
        else:
            g.add((k, SKOS.topConceptOf, s))
            g.add((s, SKOS.hasTopConcept, k))
        if c.rab:
            if rab_codes is not None and c.rab not in rab_codes:
                raise CodeListError(f"{path.name} baris {c.row}, kolom kode_rab_padanan: {c.rab} tidak ada di "
                                    f"daftar RAB.",
                                    f"{path.name} row {c.row}, column kode_rab_padanan: {c.rab} is not in the RAB "
                                    f"list.")
            g.add((k, SPBE.padananRAB, REF[c.rab]))
    return g


def enumerations_graph() -> Graph:
    """The enumeration schemes of MODEL.md."""
    g = new_graph()
    for sch in enums().values():
        s = REF[sch.name]
        g.add((s, RDF.type, SKOS.ConceptScheme))
        g.add((s, SKOS.prefLabel, Literal(sch.label_id, lang="id")))
        g.add((s, SKOS.prefLabel, Literal(sch.label_en, lang="en")))
        g.add((s, SKOS.notation, Literal(sch.name)))
        for v in sch.values:
            k = REF[f"{sch.name}/{v.value}"]
            g.add((k, RDF.type, SKOS.Concept))
            g.add((k, SKOS.notation, Literal(v.value)))
            g.add((k, SKOS.prefLabel, Literal(v.label_id, lang="id")))
            g.add((k, SKOS.prefLabel, Literal(v.label_en, lang="en")))
            for a in v.alt:
                g.add((k, SKOS.altLabel, Literal(a, lang="id")))
            if v.def_id:
                g.add((k, SKOS.definition, Literal(v.def_id, lang="id")))
                g.add((k, SKOS.definition, Literal(v.def_en, lang="en")))
            g.add((k, SKOS.inScheme, s))
            g.add((k, SKOS.topConceptOf, s))
            g.add((s, SKOS.hasTopConcept, k))
    return g


def graphs(ref_dir: Path | None = None) -> list[tuple[str, Graph, set]]:
    """(file name, graph, subjects to write first) of every code list and the enumerations; writes nothing."""
    ref_dir = reference_dir(ref_dir)
    out, rab_codes = [], None
    for prefix in PREFIXES:  # RAB first: RAL and RAD link to it
        path = find_csv(prefix, ref_dir)
        codes = read_codes(path, prefix)
        if prefix == "RAB":
            rab_codes = {c.code for c in codes}
        out.append((f"ref-{prefix.lower()}.ttl", codelist_graph(prefix, path, codes, rab_codes), {REF[prefix]}))
    out.append(("enumerations.ttl", enumerations_graph(), {REF[s] for s in enums()}))
    return out


def build(ref_dir: Path | None = None, out_dir: Path | None = None) -> list[Path]:
    """Write every code list and the enumerations; returns the files written (none if an input is wrong)."""
    out_dir = out_dir or ONTOLOGY_DIR
    out_dir.mkdir(parents=True, exist_ok=True)
    return [write_turtle(g, out_dir / name, SCRIPT, first=first) for name, g, first in graphs(ref_dir)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Generate the SKOS code lists from the reference CSVs.")
    ap.add_argument("--reference", type=Path, default=None, help="directory of spbe_*.csv")
    ap.add_argument("-o", "--output-dir", type=Path, default=None)
    args = ap.parse_args(argv)
    try:
        for p in build(args.reference, args.output_dir):
            print(p)
    except (CodeListError, TermTableError) as e:
        print(f"galat: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
