"""Built-in header recognition: the column names seen in real forms -> loader fields.

Header text is compared case-, space-, accent- and punctuation-insensitively, so
"Nama Aplikasi", "nama_aplikasi" and "NAMA  APLIKASI:" are the same header.

>>> header_key("Deskripsi / Uraian")
'deskripsiuraian'
>>> recognise("Alamat URL", "aplikasi"), recognise("alamat_domain_link", "aplikasi")
('url', 'url')
>>> recognise("induk", "opd"), recognise("Nama Aplikasi", "opd")
('opd_induk', None)
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_ALNUM = re.compile(r"[^a-z0-9]+")

IGNORE = "abaikan"  # field name meaning "do not load this column"

# Fields of an application table, with the header keys (see header_key) that name them.
APP_SYNONYMS: dict[str, tuple[str, ...]] = {
    "pemda": ("pemda", "namapemda", "instansi", "namainstansi", "pemerintahdaerah", "namapemerintahdaerah",
              "kabupatenkota", "kabkota", "namakabupatenkota", "daerah", "kementerianlembaga", "kl"),
    "opd_pengelola": ("namaperangkatdaerah", "perangkatdaerah", "opd", "namaopd", "opdpengelola", "pengelola",
                      "unitkerja", "unitpengelola", "namaunitkerja", "opdpemilik", "pemilik", "unitkerjapengelola",
                      "instansipengelola"),
    "opd_pengguna": ("opdpengguna", "pengguna", "penggunaaplikasi", "unitpengguna", "unitkerjapengguna"),
    "nama": ("namaaplikasi", "aplikasi", "nama", "namasistem", "namasisteminformasi"),
    "nama_singkat": ("namasingkat", "singkatan", "akronim", "alias", "namasingkatan"),
    "deskripsi": ("deskripsi", "uraian", "deskripsiuraian", "uraiandeskripsi", "deskripsisingkat", "keterangan",
                  "deskripsiaplikasi", "uraianaplikasi"),
    "fungsi": ("fungsi", "fungsiaplikasi"),
    "luaran": ("luaran", "output", "luaranaplikasi"),
    "url": ("alamaturl", "url", "alamatdomainlink", "link", "alamat", "domain", "alamatdomain", "tautan",
            "website", "alamatwebsite", "urlaplikasi", "alamataplikasi", "linkaplikasi"),
    "jenis": ("jenisaplikasi", "klasifikasi", "jenis", "klasifikasiaplikasi", "jenisaplikasiumumkhusus"),
    "kategori": ("kategori", "kategoriaplikasi", "lingkup", "lingkupaplikasi"),
    "basis": ("basisaplikasi", "media", "platform", "basis", "jenisplatform", "mediaaplikasi"),
    "lisensi": ("tipelisensi", "lisensi", "jenislisensi"),
    "basis_data": ("basisdata", "database", "dbms", "jenisbasisdata"),
    "bahasa": ("bahasapemrograman", "bahasa", "bahasapemrogramanframework"),
    "pengembang": ("pengembang", "vendor", "developer", "penyedia", "pihakpengembang"),
    "hosting": ("hosting", "tempathosting", "lokasihosting", "lokasiserver", "server"),
    "integrasi": ("integrasi", "integrasiaplikasi", "interoperabilitas"),
    "kode_ral": ("koderal", "ral", "referensiral", "koderefrensiral", "kodelayanan"),
    "kode_rab": ("koderab", "rab", "referensirab", "kodeprosesbisnis"),
    "kode_rad": ("koderad", "rad", "referensirad", "kodedata"),
    "kode_raa": ("koderaa", "raa", "referensiraa", "raalevel4", "raalevel5", "raalevel6", "raalevel7",
                 "raalevel1", "raalevel2", "raalevel3"),
    "status": ("status", "statusaplikasi", "statusaktif", "kondisi"),
    "alasan_tidak_aktif": ("alasantidakaktif", "penyebabtidakaktif", "alasan", "penyebab", "keterangantidakaktif"),
    "tahun": ("tahunpembuatan", "tahun", "tahundibuat", "tahunpengembangan", "tahunpembangunan"),
    "dasar_hukum": ("dasarhukum", "regulasi", "landasanhukum"),
    "id_sia": ("id", "idsiaspbe", "idaplikasi", "idsia"),
    IGNORE: ("no", "nomor", "nourut", "nomorurut"),
}

# Fields of an OPD (unit) list.
OPD_SYNONYMS: dict[str, tuple[str, ...]] = {
    "pemda": APP_SYNONYMS["pemda"],
    "opd_nama": ("namaopd", "namaperangkatdaerah", "perangkatdaerah", "opd", "namaunit", "unitkerja",
                 "namaunitkerja", "nama"),
    "opd_kode": ("id", "kodeopd", "kode", "kodeunit", "idopd", "kodeperangkatdaerah"),
    "opd_induk": ("induk", "indukunit", "namainduk", "unitinduk", "opdinduk", "atasan"),
    "opd_jenis": ("jenis", "jenisopd", "jenisperangkatdaerah", "jenisunit", "tipe"),
    IGNORE: ("no", "nomor", "nourut"),
}

APP_FIELDS = tuple(APP_SYNONYMS)
OPD_FIELDS = tuple(OPD_SYNONYMS)

_INDEX: dict[str, dict[str, str]] = {
    "aplikasi": {k: f for f, keys in APP_SYNONYMS.items() for k in keys},
    "opd": {k: f for f, keys in OPD_SYNONYMS.items() for k in keys},
}

# Which spbe: properties a field feeds (for the spbe:PemetaanKolom provenance).
FIELD_PROPERTIES: dict[str, tuple[str, ...]] = {
    "pemda": ("instansi",), "opd_pengelola": ("opdPengelola",), "opd_pengguna": ("opdPengguna",),
    "nama": ("nama",), "nama_singkat": ("namaSingkat",), "deskripsi": ("deskripsi",), "fungsi": ("fungsi",),
    "luaran": ("luaran",), "url": ("url", "hostUrl"), "jenis": ("jenisAplikasiAsli", "jenisAplikasi", "lingkup"),
    "kategori": ("jenisAplikasiAsli", "jenisAplikasi", "lingkup"), "basis": ("basisAplikasi",),
    "lisensi": ("tipeLisensi",), "basis_data": ("basisData",), "bahasa": ("bahasaPemrograman",),
    "pengembang": ("pengembang",), "hosting": ("hosting",), "integrasi": ("integrasi",),
    "kode_ral": ("kodeRAL",), "kode_rab": ("kodeRAB",), "kode_rad": ("kodeRAD",), "kode_raa": ("kodeRAA",),
    "status": ("statusAsli", "statusAplikasi"), "alasan_tidak_aktif": ("alasanTidakAktif",),
    "tahun": ("tahunPembuatan",), "dasar_hukum": ("dasarHukum",), "id_sia": ("idSiaSpbe",),
    "opd_nama": ("nama",), "opd_induk": ("indukUnit",),
}


@lru_cache(maxsize=4096)
def header_key(text: str) -> str:
    """Lower-case ASCII letters and digits only."""
    norm = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return _NON_ALNUM.sub("", norm)


def recognise(header: str, kind: str) -> str | None:
    """The field a header names in a table of ``kind`` ("aplikasi" | "opd"), or None."""
    return _INDEX[kind].get(header_key(header))


def score(cells: list[str]) -> int:
    """How many cells of a candidate header row are known headers (either kind)."""
    seen = set()
    for c in cells:
        k = header_key(c) if c else ""
        if k and (k in _INDEX["aplikasi"] or k in _INDEX["opd"]):
            seen.add(k)
    return len(seen)
