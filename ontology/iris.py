"""Deterministic IRIs for everything a loader mints (patterns in MODEL.md).

>>> slug("Dinas Komunikasi dan Informatika (DISKOMINFO)")
'dinas-komunikasi-dan-informatika-diskominfo'
>>> slug("Badan Pendapatan Daerah ")
'badan-pendapatan-daerah'
>>> m = Minter("https://data.example.go.id/spbe/")
>>> m.opd("Pemerintah Kabupaten Madiun", "Dinas Sosial")
rdflib.term.URIRef('https://data.example.go.id/spbe/opd/pemerintah-kabupaten-madiun/dinas-sosial')
"""

from __future__ import annotations

import re
import unicodedata

from rdflib import URIRef

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def slug(text: str, max_len: int = 80) -> str:
    """Lower-case ASCII slug; NFKD accent stripping; never empty (``_`` for empty input)."""
    norm = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    s = _NON_ALNUM.sub("-", norm).strip("-")
    if len(s) > max_len:
        s = s[:max_len].rstrip("-")
    return s or "_"


class Minter:
    """Mints IRIs under one base; same arguments give the same IRI."""

    def __init__(self, base: str) -> None:
        self.base = base if base.endswith(("/", "#")) else base + "/"

    def _iri(self, *parts: str) -> URIRef:
        return URIRef(self.base + "/".join(parts))

    def instansi(self, nama: str) -> URIRef:
        return self._iri("instansi", slug(nama))

    def wilayah(self, kode_or_name: str) -> URIRef:
        k = kode_or_name.strip()
        return self._iri("wilayah", k if k.replace(".", "").isdigit() else slug(k))

    def opd(self, instansi: str, nama: str) -> URIRef:
        return self._iri("opd", slug(instansi), slug(nama))

    def aplikasi(self, instansi: str, opd: str, nama: str, n: int = 1) -> URIRef:
        s = slug(nama) + (f"-{n}" if n > 1 else "")
        return self._iri("aplikasi", slug(instansi), slug(opd), s)

    def layanan(self, instansi: str, key: str) -> URIRef:
        return self._iri("layanan", slug(instansi), slug(key))

    def proses_bisnis(self, instansi: str, key: str) -> URIRef:
        return self._iri("proses-bisnis", slug(instansi), slug(key))

    def data(self, instansi: str, key: str) -> URIRef:
        return self._iri("data", slug(instansi), slug(key))

    def file_graph(self, file_name: str) -> URIRef:
        return self._iri("graph", slug(file_name))

    def source_file(self, file_name: str) -> URIRef:
        return self._iri("sumber", slug(file_name))

    def sheet(self, file_name: str, sheet: str) -> URIRef:
        return self._iri("sumber", slug(file_name), slug(sheet))

    def row(self, file_name: str, sheet: str, n: int) -> URIRef:
        return self._iri("sumber", slug(file_name), slug(sheet), "baris", str(n))

    def load_activity(self, file_name: str, sha256: str) -> URIRef:
        return self._iri("sumber", slug(file_name), "muat", sha256[:16])

    def duplicates_graph(self) -> URIRef:
        return self._iri("graph", "temuan-duplikasi")
