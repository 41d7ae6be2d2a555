"""Built-in header recognition: the column names seen in real forms -> loader fields.

The synonym table is data, ``loaders/headers.yaml`` (how a heading is matched is described there).
Header text is compared case-, space-, accent- and punctuation-insensitively, so
"Nama Aplikasi", "nama_aplikasi" and "NAMA  APLIKASI:" are the same header.

>>> header_key("Deskripsi / Uraian")
'deskripsiuraian'
>>> recognise("Alamat URL", "aplikasi"), recognise("alamat_domain_link", "aplikasi")
('url', 'url')
>>> recognise("induk", "opd"), recognise("Nama Aplikasi", "opd")
('opd_induk', None)
>>> recognise("Link/URL", "aplikasi"), recognise("Nama Aplikasi/Sistem", "aplikasi")
('url', 'nama')
>>> recognise("Email Pengelola", "aplikasi"), recognise("Paraf Petugas", "aplikasi")
('abaikan', 'abaikan')
>>> recognise("Catatan Lain", "aplikasi") is None
True
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import yaml

_NON_ALNUM = re.compile(r"[^a-z0-9]+")

IGNORE = "abaikan"  # field name meaning "do not load this column"
NUMBER_FIELD = "nomor_sensus"  # the census' own row numbering ("No"): kept as provenance of each row
HEADERS_FILE = Path(__file__).resolve().parent / "headers.yaml"


def _ascii_lower(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()


@lru_cache(maxsize=4096)
def header_key(text: str) -> str:
    """Lower-case ASCII letters and digits only."""
    return _NON_ALNUM.sub("", _ascii_lower(text))


def header_words(text: str) -> tuple[str, ...]:
    """The words of a heading (lower-case ASCII), for whole-word containment.

    >>> header_words("No. HP / WA Pengelola")
    ('no', 'hp', 'wa', 'pengelola')
    """
    return tuple(w for w in _NON_ALNUM.split(_ascii_lower(text)) if w)


def _load() -> dict:
    data = yaml.safe_load(HEADERS_FILE.read_text(encoding="utf-8"))
    for kind in ("aplikasi", "opd"):
        if not isinstance(data.get(kind), dict):
            raise ValueError(f"{HEADERS_FILE.name}: section '{kind}' missing")
    lists = [*data["aplikasi"].values(), *data["opd"].values(),
             *(data.get(k) or [] for k in ("weak_words", "contact_words", "census_number"))]
    odd = [v for lst in lists for v in lst if not isinstance(v, str)]
    if odd:  # YAML 1.1 reads a bare no/yes/on/off as a boolean: quote such spellings
        raise ValueError(f"{HEADERS_FILE.name}: spellings must be text, found {odd!r} (quote them)")
    return data


_DATA = _load()
WEAK_WORDS = frozenset(_DATA.get("weak_words") or ())
CONTACT_PHRASES = tuple(header_words(str(w)) for w in (_DATA.get("contact_words") or ()))

# Fields of an application table / an OPD (unit) list, with the spellings (as written in headers.yaml).
APP_SPELLINGS: dict[str, tuple[str, ...]] = {f: tuple(map(str, v)) for f, v in _DATA["aplikasi"].items()}
OPD_SPELLINGS: dict[str, tuple[str, ...]] = {f: tuple(map(str, v)) for f, v in _DATA["opd"].items()}
# ... and as header keys (see header_key)
APP_SYNONYMS: dict[str, tuple[str, ...]] = {f: tuple(header_key(s) for s in v) for f, v in APP_SPELLINGS.items()}
OPD_SYNONYMS: dict[str, tuple[str, ...]] = {f: tuple(header_key(s) for s in v) for f, v in OPD_SPELLINGS.items()}

_NUMBER_KEYS = frozenset(header_key(str(s)) for s in (_DATA.get("census_number") or ()))


def is_number_header(header: str) -> bool:
    """The census' own row-number column ("No", "No.", "Nomor Urut").

    >>> is_number_header("No."), is_number_header("Nomor Urut"), is_number_header("Nomor Induk")
    (True, True, False)
    """
    return header_key(header) in _NUMBER_KEYS


APP_FIELDS = tuple(APP_SYNONYMS)
OPD_FIELDS = tuple(OPD_SYNONYMS)

_INDEX: dict[str, dict[str, str]] = {
    "aplikasi": {k: f for f, keys in APP_SYNONYMS.items() for k in keys},
    "opd": {k: f for f, keys in OPD_SYNONYMS.items() for k in keys},
}
# (words of a spelling, field, made only of weak words) per kind, for containment
_PHRASES: dict[str, list[tuple[tuple[str, ...], str, bool]]] = {
    kind: [(ws, f, all(w in WEAK_WORDS for w in ws))
           for f, spellings in table.items() for s in spellings if (ws := header_words(s))]
    for kind, table in (("aplikasi", APP_SPELLINGS), ("opd", OPD_SPELLINGS))
}

# Which spbe: properties a field feeds (for the spbe:PemetaanKolom provenance).
FIELD_PROPERTIES: dict[str, tuple[str, ...]] = {
    "pemda": ("instansi",), "opd_pengelola": ("opdPengelola",), "opd_pengguna": ("opdPengguna", "cakupanPengguna"),
    "nama": ("nama",), "nama_singkat": ("namaSingkat",), "deskripsi": ("deskripsi",), "fungsi": ("fungsi",),
    "luaran": ("luaran",), "url": ("url", "hostUrl", "urlAsli", "urlTidakSah"),
    "jenis": ("jenisAplikasiAsli", "jenisAplikasi", "lingkup"),
    "kategori": ("jenisAplikasiAsli", "jenisAplikasi", "lingkup"), "basis": ("basisAplikasi",),
    "lisensi": ("tipeLisensi",), "basis_data": ("basisData",), "bahasa": ("bahasaPemrograman",),
    "pengembang": ("pengembang",), "unit_pengembang": ("unitPengembang",), "hosting": ("hosting",),
    "integrasi": ("integrasi",),
    "kode_ral": ("kodeRAL",), "kode_rab": ("kodeRAB",), "kode_rad": ("kodeRAD",), "kode_raa": ("kodeRAA",),
    "status": ("statusAsli", "statusAplikasi"), "alasan_tidak_aktif": ("alasanTidakAktif",),
    "tahun": ("tahunPembuatan",), "dasar_hukum": ("dasarHukum",), "id_sia": ("idSiaSpbe",),
    "opd_nama": ("nama",), "opd_induk": ("indukUnit",),
}


def _contains(words: tuple[str, ...], phrase: tuple[str, ...]) -> int:
    """Start index of ``phrase`` as consecutive whole words in ``words``, or -1."""
    n = len(phrase)
    for i in range(len(words) - n + 1):
        if words[i:i + n] == phrase:
            return i
    return -1


def recognise_exact(header: str, kind: str) -> str | None:
    """The field a header names when it is exactly one of the listed spellings (step 1 only)."""
    return _INDEX[kind].get(header_key(header))


@lru_cache(maxsize=4096)
def recognise(header: str, kind: str) -> str | None:
    """The field a header names in a table of ``kind`` ("aplikasi" | "opd"), ``"abaikan"`` for a column known
    not to be loaded (numbering, contact data), or None (unknown: listed as not used in the load summary)."""
    hit = _INDEX[kind].get(header_key(header))
    if hit:
        return hit
    words = header_words(header)
    if not words:
        return None
    if any(_contains(words, p) >= 0 for p in CONTACT_PHRASES):
        return IGNORE
    best: tuple[int, int, int] | None = None  # (strong, length, start)
    field = None
    for phrase, fld, weak in _PHRASES[kind]:
        start = _contains(words, phrase)
        if start < 0:
            continue
        if weak and len(phrase) == 1:  # "Nama Petugas" is not the application name: a lone generic word counts
            continue                    # only when it is the whole heading
            continue
        rank = (1, len(phrase), start)
        if best is None or rank > best:
            best, field = rank, fld
    return field


def score(cells: list[str]) -> tuple[int, int]:
    """How many cells of a candidate header row are known headers (either kind): (exact spellings, recognised only
    by containment of short cells, i.e. at most six words)."""
    seen = set()
    loose = 0
    for c in cells:
        k = header_key(c) if c else ""
        if not k:
            continue
        if k in _INDEX["aplikasi"] or k in _INDEX["opd"]:
            seen.add(k)
        elif len(header_words(c)) <= 6 and (recognise(c, "aplikasi") or recognise(c, "opd")):
            loose += 1
    return len(seen), loose
